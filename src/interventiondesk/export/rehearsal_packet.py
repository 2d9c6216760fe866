"""The rehearsal packet PDF, and the reading copies for the meeting itself.

The packet: a cover (the case, the meeting's date, time and place, the team, the reading order
with readers and times), then every letter on pages of its own in a reading size (a letter
that is not final is marked as a draft on each of its pages), the bottom-line letters,
objections and answers, and the seating notes. A reading copy holds only the letters one
person reads, in the same type, in the order they read them.

A renderer: it turns a ``PacketContent`` (built by ``services.exports``) into PDF bytes. It reads
no database and writes no file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from interventiondesk.export.pdf_common import (
    build_pdf,
    keep_room,
    long_date,
    long_when,
    page_mark,
    paragraph,
    styles,
    text_blocks,
)
from interventiondesk.times import format_duration

SECTION_TITLES = {
    "connection": "Connection",
    "incidents": "Specific incidents",
    "impact": "Impact",
    "request": "Request",
    "bottom_line": "Bottom line",
}

DRAFT_MARK = "DRAFT: this letter is not final yet, and its words may still change."
"""Printed at the top of every page of a letter that is not final."""

CONFIDENTIAL = "Confidential: for the intervention team only. Keep it private; destroy it after."


@dataclass(frozen=True, slots=True)
class Person:
    """A member of the team as the packet names them."""

    id: str
    name: str
    relationship: str = ""


@dataclass(frozen=True, slots=True)
class TeamMember:
    """A person on the roster, with the role the window shows and whether they attend."""

    person: Person
    role: str
    attending: bool


@dataclass(frozen=True, slots=True)
class Meeting:
    """The intervention meeting: ``starts`` in the meeting's own zone."""

    starts: datetime
    minutes: int
    timezone: str
    place: str
    is_video: bool


@dataclass(frozen=True, slots=True)
class LetterToRead:
    """One letter in its place in the reading order."""

    author: Person
    reader: Person | None
    is_closer: bool
    status: str
    is_final: bool
    seconds: int
    sections: tuple[tuple[str, str], ...]
    """(section key, text) in reading order; blank sections included."""


@dataclass(frozen=True, slots=True)
class ObjectionToAnswer:
    objection: str
    answer: str
    answered_by: Person | None


@dataclass(frozen=True, slots=True)
class PacketContent:
    """Everything the packet shows, read in one session."""

    reference: str
    counselor: str
    prepared: date
    main: tuple[LetterToRead, ...]
    bottom_line: tuple[LetterToRead, ...]
    objections: tuple[ObjectionToAnswer, ...]
    seating_notes: str
    meeting: Meeting | None = None
    team: tuple[TeamMember, ...] = ()


@dataclass(frozen=True, slots=True)
class PacketSummary:
    """What went into an exported packet (counts only: nothing a log could leak)."""

    letters_included: int
    letters_left_out: int
    objections: int
    drafts_included: int = 0


@dataclass(frozen=True, slots=True)
class Turn:
    """A letter someone reads: its number in its reading order, and whether it is bottom-line."""

    number: int
    bottom_line: bool
    letter: LetterToRead


@dataclass(frozen=True, slots=True)
class ReadingCopy:
    """The letters one person reads at the meeting, in their order. ``number`` counts the
    readers in the order of their first turn (the file's name uses it, never the name)."""

    number: int
    reader: Person
    turns: tuple[Turn, ...]


def _who(person: Person | None) -> str:
    if person is None:
        return "No reader yet"
    relation = person.relationship.strip()
    return f"{person.name} ({relation})" if relation else person.name


def _framed(text: str, style: Any | None = None) -> Any:
    """A line of our own English wording around names: it reads left to right whatever the
    names' script (each name still reads in its own direction)."""
    return paragraph(text, style, direction="L")


def _minutes(seconds: int) -> str:
    """A reading time in words a family reads at a glance: ``2 min 05 s``, ``45 s``."""
    if seconds < 60:
        return f"{seconds} s"
    return f"{seconds // 60} min {seconds % 60:02d} s"


def _included(slot: LetterToRead, include_drafts: bool) -> bool:
    return slot.is_final or include_drafts


def _table(rows: list[list[Any]], widths: list[float]) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
            ]
        )
    )
    return table


def _order_table(slots: tuple[LetterToRead, ...], include_drafts: bool) -> Any:
    look = styles()
    rows = [
        [paragraph(h, look.subheading) for h in ("#", "Letter by", "Read by", "Status", "Time")]
    ]
    for number, slot in enumerate(slots, start=1):
        reads_own = slot.reader is not None and slot.reader.id == slot.author.id
        status = slot.status if _included(slot, include_drafts) else "Left out: not final yet"
        rows.append(
            [
                paragraph(str(number)),
                _framed(_who(slot.author) + (" (closer)" if slot.is_closer else "")),
                _framed("The writer" if reads_own else _who(slot.reader)),
                paragraph(status),
                paragraph(format_duration(slot.seconds)),
            ]
        )
    return _table(rows, [22, 165, 150, 85, 52])


def _team_table(team: tuple[TeamMember, ...]) -> Any:
    look = styles()
    rows = [[paragraph(h, look.subheading) for h in ("Name", "Role", "At the meeting")]]
    for member in team:
        rows.append(
            [
                _framed(_who(member.person)),
                paragraph(member.role),
                paragraph("Yes" if member.attending else "No"),
            ]
        )
    return _table(rows, [215, 160, 99])


def _meeting_lines(meeting: Meeting | None) -> list[Any]:
    look = styles()
    if meeting is None:
        return [paragraph("The meeting is not scheduled yet.", look.body)]
    where = meeting.place.strip()
    if meeting.is_video:
        where = f"Video call. {where}" if where else "Video call."
    return [
        paragraph(long_when(meeting.starts, meeting.minutes, meeting.timezone), look.subheading),
        paragraph(f"Place: {where}" if where else "Place: not set yet.", look.body),
    ]


def _cover(content: PacketContent, include_drafts: bool) -> list[Any]:
    look = styles()
    main, bottom = content.main, content.bottom_line
    prepared = f"Prepared {long_date(content.prepared)}"
    if content.counselor.strip():
        prepared += f" by {content.counselor.strip()}"
    story: list[Any] = [
        page_mark(""),
        paragraph("Rehearsal packet", look.title),
        _framed(f"Case {content.reference}. {prepared}.", look.body),
        paragraph(
            "For the team's rehearsal and the meeting only. Keep it private, and destroy it "
            "after the meeting.",
            look.small,
        ),
        paragraph("The meeting", look.heading),
        *_meeting_lines(content.meeting),
        paragraph("The team", look.heading),
    ]
    if content.team:
        story.append(_team_table(content.team))
    else:
        story.append(paragraph("No one is on the team yet.", look.body))
    story.append(paragraph("Reading order", look.heading))
    if main:
        story.append(_order_table(main, include_drafts))
        total = sum(slot.seconds for slot in main if _included(slot, include_drafts))
        story.append(paragraph(f"Total reading time: about {_minutes(total)}."))
    else:
        story.append(paragraph("No letters yet.", look.body))
    drafts = sum(1 for slot in (*main, *bottom) if not slot.is_final)
    if drafts and include_drafts:
        story.append(
            paragraph(
                f"{_count(drafts, 'letter')} not final yet: included, and marked DRAFT at the "
                "top of each of their pages.",
                look.small,
            )
        )
    elif drafts:
        story.append(
            paragraph(
                f"Final letters only: {_count(drafts, 'letter')} not final yet "
                f"{'is' if drafts == 1 else 'are'} named but left out.",
                look.small,
            )
        )
    if bottom:
        story += [
            paragraph("Bottom-line letters", look.heading),
            paragraph("Read only if the answer is no.", look.small),
            _order_table(bottom, include_drafts),
        ]
    return story


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def _letter_pages(
    slot: LetterToRead, number: int, of: int, *, bottom_line: bool, for_reader: bool = False
) -> list[Any]:
    """One letter from the top of a new page: whose it is, who reads it, its sections."""
    from reportlab.platypus import PageBreak

    look = styles()
    reading = look.reading
    kind = "Bottom-line letter" if bottom_line else "Letter"
    story: list[Any] = [
        PageBreak(),
        page_mark("" if slot.is_final else DRAFT_MARK),
        _framed(f"{number}. {_who(slot.author)}", look.letter_title),
    ]
    if for_reader:
        place = f"{kind} {number} in the {'bottom-line ' if bottom_line else ''}reading order"
    else:
        place = f"{kind} {number} of {of}"
    story.append(_framed(f"{place}, about {_minutes(slot.seconds)} read aloud", look.body))
    reads_own = slot.reader is not None and slot.reader.id == slot.author.id
    if for_reader:
        reader_line = "Your own letter." if reads_own else f"You read it for {slot.author.name}."
    elif reads_own:
        reader_line = "Read aloud by the writer."
    elif slot.reader is None:
        reader_line = "No reader chosen yet: choose one in the reading order."
    else:
        reader_line = f"Read aloud by {_who(slot.reader)}."
    story.append(_framed(reader_line, look.subheading))
    if bottom_line:
        story.append(paragraph("Read only if the answer is no.", look.body))
    if not slot.is_final:
        story.append(paragraph(f"Status: {slot.status.lower()} (not final).", look.small))
    for section, text in slot.sections:
        if text.strip():
            story.append(keep_room(reading.leading * 5))
            story.append(paragraph(SECTION_TITLES[section], look.reading_heading))
            story.extend(text_blocks(text, reading))
    if not any(text.strip() for _key, text in slot.sections):
        story.append(paragraph("(This letter has no words yet.)", reading))
    return story


def _letters(
    slots: tuple[LetterToRead, ...], include_drafts: bool, *, bottom_line: bool
) -> tuple[list[Any], int, int]:
    story: list[Any] = []
    included = left_out = 0
    for number, slot in enumerate(slots, start=1):
        if not _included(slot, include_drafts):
            left_out += 1
            continue
        included += 1
        story += _letter_pages(slot, number, len(slots), bottom_line=bottom_line)
    return story, included, left_out


def _objections_and_seating(content: PacketContent) -> list[Any]:
    from reportlab.platypus import PageBreak

    look = styles()
    rows = content.objections
    story: list[Any] = [
        PageBreak(),
        page_mark(""),
        paragraph("Objections and answers", look.title),
    ]
    if not rows:
        story.append(paragraph("No objections prepared yet.", look.body))
    for number, row in enumerate(rows, start=1):
        story.append(keep_room(look.reading.leading * 5))
        story.append(paragraph(f"{number}. Objection", look.reading_heading))
        story.extend(text_blocks(row.objection, look.reading))
        story.append(
            _framed(
                f"Answer, given by {_who(row.answered_by)}" if row.answered_by else "Answer",
                look.reading_heading,
            )
        )
        story.extend(text_blocks(row.answer, look.reading) or [paragraph("(No answer yet.)")])
    story.append(keep_room(look.reading.leading * 5))
    story.append(paragraph("Seating plan", look.heading))
    seating = list(text_blocks(content.seating_notes, look.reading))
    story.extend(seating or [paragraph("No seating notes yet.", look.body)])
    return story


def packet_story(
    content: PacketContent, *, include_drafts: bool = True
) -> tuple[list[Any], PacketSummary]:
    """The packet's content as flowables, and a summary of what went in."""
    story = _cover(content, include_drafts)
    letters, included, left_out = _letters(content.main, include_drafts, bottom_line=False)
    bottom, b_in, b_out = _letters(content.bottom_line, include_drafts, bottom_line=True)
    story += letters + bottom
    story += _objections_and_seating(content)
    drafts = sum(
        1
        for slot in (*content.main, *content.bottom_line)
        if not slot.is_final and _included(slot, include_drafts)
    )
    summary = PacketSummary(included + b_in, left_out + b_out, len(content.objections), drafts)
    return story, summary


def render_packet(
    content: PacketContent, *, include_drafts: bool = True, password: str | None = None
) -> tuple[bytes, PacketSummary]:
    """The packet as PDF bytes (encrypted with ``password`` when one is given)."""
    story, summary = packet_story(content, include_drafts=include_drafts)
    data = build_pdf(
        story,
        title=f"Rehearsal packet {content.reference}",
        header=f"Rehearsal packet · case {content.reference}",
        footer=CONFIDENTIAL,
        password=password,
    )
    return data, summary


# Reading copies -----------------------------------------------------------------------------


def reading_copies(content: PacketContent, *, include_drafts: bool = True) -> list[ReadingCopy]:
    """One copy per person who reads at least one included letter, numbered in the order of
    their first turn (the main letters first, then the bottom-line letters). Letters without a
    reader are in no copy."""
    turns: dict[str, list[Turn]] = {}
    readers: dict[str, Person] = {}
    for bottom_line, slots in ((False, content.main), (True, content.bottom_line)):
        for number, slot in enumerate(slots, start=1):
            if slot.reader is None or not _included(slot, include_drafts):
                continue
            readers.setdefault(slot.reader.id, slot.reader)
            turns.setdefault(slot.reader.id, []).append(Turn(number, bottom_line, slot))
    return [
        ReadingCopy(number, readers[reader_id], tuple(turns[reader_id]))
        for number, reader_id in enumerate(turns, start=1)
    ]


def _turn_line(turn: Turn) -> str:
    slot = turn.letter
    whose = (
        "your own letter"
        if slot.reader is not None and slot.reader.id == slot.author.id
        else f"the letter by {_who(slot.author)}"
    )
    order = "bottom-line letters (only if the answer is no)" if turn.bottom_line else "letters"
    draft = ", still a draft" if not slot.is_final else ""
    return f"Number {turn.number} of the {order}: {whose}, about {_minutes(slot.seconds)}{draft}."


def reading_copy_story(content: PacketContent, copy: ReadingCopy) -> list[Any]:
    look = styles()
    story: list[Any] = [
        page_mark(""),
        _framed(f"Reading copy for {_who(copy.reader)}", look.title),
        _framed(
            f"Case {content.reference}. "
            + (
                long_when(content.meeting.starts, content.meeting.minutes, content.meeting.timezone)
                if content.meeting
                else "The meeting is not scheduled yet."
            ),
            look.body,
        ),
        paragraph(
            f"You read {_count(len(copy.turns), 'letter')}, each on the pages that follow, in "
            "this order. Wait for your turn; read slowly.",
            look.reading,
        ),
    ]
    story += [_framed(_turn_line(turn), look.reading) for turn in copy.turns]
    for turn in copy.turns:
        slots = content.bottom_line if turn.bottom_line else content.main
        story += _letter_pages(
            turn.letter, turn.number, len(slots), bottom_line=turn.bottom_line, for_reader=True
        )
    return story


def render_reading_copy(
    content: PacketContent, copy: ReadingCopy, *, password: str | None = None
) -> bytes:
    """One reader's copy as PDF bytes (encrypted with ``password`` when one is given)."""
    return build_pdf(
        reading_copy_story(content, copy),
        title=f"Reading copy {copy.number}, case {content.reference}",
        header=f"Reading copy {copy.number} · case {content.reference}",
        footer=CONFIDENTIAL,
        password=password,
    )

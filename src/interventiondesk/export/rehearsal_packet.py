"""The rehearsal packet PDF: reading order, letters, objections and answers, seating.

A renderer: it turns a ``PacketContent`` (built by ``services.exports``) into PDF bytes. It reads
no database and writes no file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from interventiondesk.export.pdf_common import build_pdf, paragraph, styles, text_blocks
from interventiondesk.times import format_duration

SECTION_TITLES = {
    "connection": "Connection",
    "incidents": "Specific incidents",
    "impact": "Impact",
    "request": "Request",
    "bottom_line": "Bottom line",
}


@dataclass(frozen=True, slots=True)
class Person:
    """A member of the team as the packet names them."""

    id: str
    name: str
    relationship: str = ""


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


@dataclass(frozen=True, slots=True)
class PacketSummary:
    """What went into an exported packet (counts only: nothing a log could leak)."""

    letters_included: int
    letters_left_out: int
    objections: int


def _who(person: Person | None) -> str:
    if person is None:
        return "No reader yet"
    relation = person.relationship.strip()
    return f"{person.name} ({relation})" if relation else person.name


def _framed(text: str, style: Any | None = None) -> Any:
    """A line of our own English wording around names: it reads left to right whatever the
    names' script (each name still reads in its own direction)."""
    return paragraph(text, style, direction="L")


def _order_table(slots: tuple[LetterToRead, ...]) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    look = styles()
    rows = [
        [paragraph(h, look.subheading) for h in ("#", "Letter by", "Read by", "Status", "Time")]
    ]
    for number, slot in enumerate(slots, start=1):
        reads_own = slot.reader is not None and slot.reader.id == slot.author.id
        rows.append(
            [
                paragraph(str(number)),
                _framed(_who(slot.author) + (" (closer)" if slot.is_closer else "")),
                _framed("The writer" if reads_own else _who(slot.reader)),
                paragraph(slot.status),
                paragraph(format_duration(slot.seconds)),
            ]
        )
    table = Table(rows, colWidths=[22, 160, 140, 75, 50], repeatRows=1)  # "reviewed" fits
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


def _letters(slots: tuple[LetterToRead, ...], include_drafts: bool) -> tuple[list[Any], int, int]:
    look = styles()
    story: list[Any] = []
    included = left_out = 0
    for number, slot in enumerate(slots, start=1):
        story.append(_framed(f"{number}. {_who(slot.author)}", look.heading))
        if not slot.is_final and not include_drafts:
            story.append(
                paragraph("This letter is not final yet, so it is not included.", look.small)
            )
            left_out += 1
            continue
        included += 1
        if not slot.is_final:
            story.append(paragraph(f"Status: {slot.status} (not final)", look.small))
        if slot.reader is not None and slot.reader.id != slot.author.id:
            story.append(_framed(f"Read aloud by {_who(slot.reader)}", look.small))
        for section, text in slot.sections:
            if text.strip():
                story.append(paragraph(SECTION_TITLES[section], look.subheading))
                story.extend(text_blocks(text))
    return story, included, left_out


def packet_story(
    content: PacketContent, *, include_drafts: bool = False
) -> tuple[list[Any], PacketSummary]:
    """The packet's content as flowables, and a summary of what went in."""
    from reportlab.platypus import PageBreak

    look = styles()
    main, bottom = content.main, content.bottom_line
    total = sum(slot.seconds for slot in main)
    story: list[Any] = [
        paragraph("Rehearsal packet", look.title),
        _framed(
            f"Case {content.reference}. Prepared {content.prepared:%Y-%m-%d}"
            + (f" by {content.counselor}." if content.counselor.strip() else "."),
            look.body,
        ),
        paragraph(
            "For the team's rehearsal only. Keep it private, and destroy it after the meeting.",
            look.small,
        ),
        paragraph("Reading order", look.heading),
    ]
    if main:
        story.append(_order_table(main))
        story.append(
            paragraph(f"Total reading time: about {format_duration(total)} min.", look.small)
        )
    else:
        story.append(paragraph("No letters yet.", look.body))
    letters, included, left_out = _letters(main, include_drafts)
    if letters:
        story += [PageBreak(), paragraph("Letters", look.title), *letters]
    if bottom:
        bottom_story, b_in, b_out = _letters(bottom, include_drafts)
        story += [
            PageBreak(),
            paragraph("Bottom-line letters", look.title),
            paragraph("Read only if the answer is no.", look.small),
            *bottom_story,
        ]
        included, left_out = included + b_in, left_out + b_out
    rows = content.objections
    story.append(paragraph("Objections and answers", look.heading))
    if not rows:
        story.append(paragraph("No objections prepared yet.", look.body))
    for number, row in enumerate(rows, start=1):
        story.append(paragraph(f"{number}. Objection", look.subheading))
        story.extend(text_blocks(row.objection))
        story.append(
            _framed(
                f"Answer, given by {_who(row.answered_by)}" if row.answered_by else "Answer",
                look.subheading,
            )
        )
        story.extend(text_blocks(row.answer))
    story.append(paragraph("Seating plan", look.heading))
    seating = list(text_blocks(content.seating_notes))
    story.extend(seating or [paragraph("No seating notes yet.", look.body)])
    return story, PacketSummary(included, left_out, len(rows))


def render_packet(
    content: PacketContent, *, include_drafts: bool = False, password: str | None = None
) -> tuple[bytes, PacketSummary]:
    """The packet as PDF bytes (encrypted with ``password`` when one is given)."""
    story, summary = packet_story(content, include_drafts=include_drafts)
    data = build_pdf(
        story,
        title=f"Rehearsal packet {content.reference}",
        header=f"Rehearsal packet, case {content.reference}. Confidential.",
        footer="Private: for the intervention team only.",
        password=password,
    )
    return data, summary

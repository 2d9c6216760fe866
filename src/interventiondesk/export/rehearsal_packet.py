"""The rehearsal packet PDF: reading order, final letters, objections and answers, seating."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from interventiondesk.export.pdf_common import (
    build_pdf,
    paragraph,
    styles,
    text_blocks,
    write_pdf,
)
from interventiondesk.model import Case, Letter, LetterKind, LetterStatus, Participant, utcnow
from interventiondesk.services import audit
from interventiondesk.services.guidance import format_duration
from interventiondesk.services.letters import ReadingSlot, objections, reading_order, sections_of
from interventiondesk.services.records import get_record

SECTION_TITLES = {
    "connection": "Connection",
    "incidents": "Specific incidents",
    "impact": "Impact",
    "request": "Request",
    "bottom_line": "Bottom line",
}


@dataclass(frozen=True, slots=True)
class PacketSummary:
    """What went into an exported packet (counts only: nothing a log could leak)."""

    letters_included: int
    letters_left_out: int
    objections: int


def _who(person: Participant | None) -> str:
    if person is None:
        return "No reader yet"
    relation = person.relationship_to_client.strip()
    return f"{person.name} ({relation})" if relation else person.name


def _framed(text: str, style: Any | None = None) -> Any:
    """A line of our own English wording around names: it reads left to right whatever the
    names' script (each name still reads in its own direction)."""
    return paragraph(text, style, direction="L")


def _order_table(slots: list[ReadingSlot]) -> Any:
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
                paragraph(slot.letter.status.value),
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


def _letters(slots: list[ReadingSlot], include_drafts: bool) -> tuple[list[Any], int, int]:
    look = styles()
    story: list[Any] = []
    included = left_out = 0
    for number, slot in enumerate(slots, start=1):
        letter: Letter = slot.letter
        story.append(_framed(f"{number}. {_who(slot.author)}", look.heading))
        if letter.status is not LetterStatus.FINAL and not include_drafts:
            story.append(
                paragraph("This letter is not final yet, so it is not included.", look.small)
            )
            left_out += 1
            continue
        included += 1
        if letter.status is not LetterStatus.FINAL:
            story.append(paragraph(f"Status: {letter.status.value} (not final)", look.small))
        if slot.reader is not None and slot.reader.id != slot.author.id:
            story.append(_framed(f"Read aloud by {_who(slot.reader)}", look.small))
        for section in sections_of(letter.kind):
            text = getattr(letter, section)
            if text.strip():
                story.append(paragraph(SECTION_TITLES[section], look.subheading))
                story.extend(text_blocks(text))
    return story, included, left_out


def packet_story(
    session: Session, case_id: str, *, include_drafts: bool = False
) -> tuple[list[Any], PacketSummary]:
    """The packet's content as flowables, and a summary of what went in."""
    from reportlab.platypus import PageBreak

    case = get_record(session, Case, case_id, "case")
    look = styles()
    main = reading_order(session, case.id, LetterKind.MAIN)
    bottom = reading_order(session, case.id, LetterKind.BOTTOM_LINE)
    total = sum(slot.seconds for slot in main)
    story: list[Any] = [
        paragraph("Rehearsal packet", look.title),
        _framed(
            f"Case {case.reference}. Prepared {utcnow().astimezone():%Y-%m-%d}"
            + (f" by {case.counselor}." if case.counselor.strip() else "."),
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
    rows = objections(session, case.id)
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
    seating = list(text_blocks(case.seating_notes))
    story.extend(seating or [paragraph("No seating notes yet.", look.body)])
    return story, PacketSummary(included, left_out, len(rows))


def rehearsal_packet(
    session: Session, case_id: str, *, include_drafts: bool = False, password: str | None = None
) -> tuple[bytes, PacketSummary]:
    """The packet as PDF bytes."""
    case = get_record(session, Case, case_id, "case")
    story, summary = packet_story(session, case.id, include_drafts=include_drafts)
    data = build_pdf(
        story,
        title=f"Rehearsal packet {case.reference}",
        header=f"Rehearsal packet, case {case.reference}. Confidential.",
        footer="Private: for the intervention team only.",
        password=password,
    )
    return data, summary


def export_rehearsal_packet(
    session: Session,
    case_id: str,
    path: Path,
    *,
    include_drafts: bool = False,
    password: str | None = None,
) -> PacketSummary:
    """Write the packet to ``path`` (whole or not at all) and record the export in the audit."""
    data, summary = rehearsal_packet(
        session, case_id, include_drafts=include_drafts, password=password
    )
    # Recorded first: if writing fails, the transaction and its record are rolled back together.
    audit.record(
        session,
        "export.rehearsal_packet",
        case_id=case_id,
        detail=(
            f"letters={summary.letters_included} left_out={summary.letters_left_out} "
            f"objections={summary.objections} drafts={'yes' if include_drafts else 'no'} "
            f"encrypted={'yes' if password else 'no'}"
        ),
    )
    write_pdf(path, data)
    return summary

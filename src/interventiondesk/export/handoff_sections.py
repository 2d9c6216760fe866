"""The parts of the therapist handoff: the building blocks every part is made of (headings that
are never stranded, text that says "Not recorded." when empty, tables whose header repeats), and
the optional sections, each from its frozen content (``export.handoff`` puts them together)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from interventiondesk.export.handoff_content import HandoffContent
from interventiondesk.export.pdf_common import keep_room, paragraph, styles, text_blocks
from interventiondesk.model.enums import HandoffSection

NOT_RECORDED = "Not recorded."

SECTION_TITLES: dict[HandoffSection, str] = {
    HandoffSection.REFERRAL: "Reason for referral and presenting concerns",
    HandoffSection.HISTORY: "Substance-use and mental-health history",
    HandoffSection.WARNING_SIGNS: "Warning signs and dated observations",
    HandoffSection.ASAM: "ASAM dimensions",
    HandoffSection.RISK_AND_SAFETY: "Latest risk screen and the safety plan",
    HandoffSection.INTERVENTION: "The intervention",
    HandoffSection.FAMILY: "Family system and bottom lines in force",
    HandoffSection.MODALITY: "Recommended therapy",
    HandoffSection.CONTACTS: "Logistics and contacts",
    HandoffSection.COUNSELING_NOTES: "Counseling notes",
}
"""The heading each optional section prints under (our wording)."""


# Building blocks ----------------------------------------------------------------------------


def day_text(day: date | None) -> str:
    return f"{day:%Y-%m-%d}" if day is not None else "undated"


def framed(text: str, style: Any | None = None) -> Any:
    """A line of our English wording around user text: read left to right whatever its script."""
    return paragraph(text, style, direction="L")


def blocks(text: str, style: Any | None = None) -> list[Any]:
    """User text of any length as paragraphs, or a quiet "Not recorded." when it is empty."""
    look = styles()
    return text_blocks(text, style or look.body) or [paragraph(NOT_RECORDED, look.small)]


def sub(title: str) -> list[Any]:
    """A small heading, never stranded at the foot of a page."""
    look = styles()
    return [keep_room(look.body.leading * 4), paragraph(title, look.subheading)]


def labelled(label: str, text: str) -> list[Any]:
    """A small heading and the text under it."""
    return [*sub(label), *blocks(text)]


def table(header: tuple[str, ...], rows: list[list[Any]], widths: list[float]) -> Any:
    """A table whose header row is repeated on every page it runs onto; a row taller than the
    space left is split inside (long notes flow on to the next page)."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    look = styles()
    data = [[paragraph(title, look.subheading) for title in header], *rows]
    result = Table(data, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
    result.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return result


def cell(text: str) -> list[Any]:
    """A table cell of user text (any length): its paragraphs, or a dash when empty."""
    return text_blocks(text) or [paragraph("–")]


def heading(section: HandoffSection | str) -> list[Any]:
    look = styles()
    title = SECTION_TITLES[section] if isinstance(section, HandoffSection) else section
    return [keep_room(look.body.leading * 6), paragraph(title, look.heading)]


# The optional sections ----------------------------------------------------------------------


def _referral(content: HandoffContent) -> list[Any]:
    look = styles()
    story = heading(HandoffSection.REFERRAL)
    story += labelled("Reason for referral", content.referral_reason)
    story += sub("Presenting concerns")
    if not content.concerns:
        story.append(paragraph("No presenting concern recorded.", look.small))
    for concern in content.concerns:
        name = concern.name.strip()
        story.append(framed(f"{concern.kind}: {name}" if name else concern.kind, look.body))
        story.extend(text_blocks(concern.details))
    return story


def _history(content: HandoffContent) -> list[Any]:
    look = styles()
    story = heading(HandoffSection.HISTORY)
    story += labelled("Substance use", content.substance_history)
    story += labelled("Mental health", content.mental_health_history)
    story += sub("Risk flags")
    if content.risk_flags:
        story.extend(paragraph(f"• {flag}") for flag in content.risk_flags)
    else:
        story.append(paragraph("None raised.", look.small))
    return story


def _warning_signs(content: HandoffContent) -> list[Any]:
    """The signs ticked, then each dated observation: its day and sign in bold, its words
    under it. (A list rather than a table: a table of 200 long rows costs seconds to split
    across pages, and reads no better.)"""
    look = styles()
    story = heading(HandoffSection.WARNING_SIGNS)
    if content.signs:
        story.append(paragraph("Signs the counselor noted: " + "; ".join(content.signs) + "."))
    if not content.observations:
        story.append(paragraph("No dated observation recorded.", look.small))
        return story
    for seen in content.observations:
        story.append(keep_room(look.body.leading * 3))
        story.append(paragraph(f"{day_text(seen.day)}: {seen.sign}", look.subheading))
        story.extend(blocks(seen.text))
    return story


def _asam(content: HandoffContent) -> list[Any]:
    look = styles()
    story = heading(HandoffSection.ASAM)
    story.append(
        paragraph("Risk on each dimension from 0 (none) to 4 (severe), as last rated.", look.small)
    )
    rows = [
        [
            paragraph(line.dimension),
            paragraph(str(line.rating) if line.rating is not None else "Not rated"),
            paragraph(day_text(line.rated_on) if line.rated_on else "–"),
            cell(line.notes),
        ]
        for line in content.asam
    ]
    story.append(table(("Dimension", "Rating", "Rated on", "Notes"), rows, [140, 60, 78, 196]))
    return story


def _risk_and_safety(content: HandoffContent) -> list[Any]:
    look = styles()
    story = heading(HandoffSection.RISK_AND_SAFETY)
    screen = content.screen
    story += sub("Latest suicide-risk screen")
    if screen is None:
        story.append(paragraph("No screen recorded.", look.small))
    else:
        by = f" by {screen.screened_by.strip()}" if screen.screened_by.strip() else ""
        story.append(
            framed(f"Screened on {day_text(screen.screened_on)}{by}. Triage: {screen.triage}.")
        )
        story.append(
            table(
                ("Topic", "Answer"),
                [[paragraph(topic), paragraph(answer)] for topic, answer in screen.answers],
                [340, 134],
            )
        )
        if screen.next_step.strip():
            story.append(paragraph(f"Next step the screen calls for: {screen.next_step}"))
        if screen.notes.strip():
            story += labelled("Notes on the screen", screen.notes)
    story += sub("Safety plan")
    if not content.safety_plan:
        story.append(paragraph("No safety plan recorded.", look.small))
    for number, (title, text) in enumerate(content.safety_plan, start=1):
        story.append(keep_room(look.body.leading * 3))
        story.append(paragraph(f"{number}. {title}", look.body))
        story.extend(blocks(text))
    return story


def _intervention(content: HandoffContent) -> list[Any]:
    look = styles()
    story = heading(HandoffSection.INTERVENTION)
    story.append(paragraph(f"Kind: {content.kind}. Model: {content.model}."))
    story += sub("Meetings")
    if content.meetings:
        story.append(
            table(
                ("When", "What", "Where"),
                [[framed(m.when), paragraph(m.kind), cell(m.place)] for m in content.meetings],
                [190, 110, 174],
            )
        )
    else:
        story.append(paragraph("No meeting recorded.", look.small))
    story += sub("Who took part")
    if content.team:
        story.append(
            table(
                ("Name", "Relationship", "Role", "In the room"),
                [
                    [
                        framed(m.name),
                        framed(m.relationship or "–"),
                        paragraph(m.role),
                        paragraph("Yes" if m.attending else "No"),
                    ]
                    for m in content.team
                ],
                [150, 110, 144, 70],
            )
        )
    else:
        story.append(paragraph("No one on the team recorded.", look.small))
    story += sub("Outcome")
    if not content.outcomes:
        story.append(paragraph("No outcome recorded yet.", look.small))
    for outcome in content.outcomes:
        line = f"{day_text(outcome.day)}: {outcome.result}"
        if outcome.admitted_to.strip():
            line += f". Admitted to {outcome.admitted_to.strip()}"
            if outcome.entry_on:
                line += f" on {day_text(outcome.entry_on)}"
        story.append(framed(line + "."))
        story.extend(text_blocks(outcome.notes))
    return story


def _family(content: HandoffContent) -> list[Any]:
    look = styles()
    story = heading(HandoffSection.FAMILY)
    story += labelled("The family system", content.family_system)
    story += labelled("The family's own support", content.family_support)
    story += sub("Bottom lines in force")
    if not content.bottom_lines:
        story.append(paragraph("No bottom line in force.", look.small))
    for line in content.bottom_lines:
        who = f"{line.name} ({line.relationship})" if line.relationship.strip() else line.name
        story.append(keep_room(look.body.leading * 3))
        story.append(framed(f"{who}. {line.status}", look.body))
        story.extend(blocks(line.text))
    return story


def _modality(content: HandoffContent) -> list[Any]:
    story = heading(HandoffSection.MODALITY)
    story.append(framed(f"Recommended: {content.modality.strip() or 'not chosen yet'}"))
    story += sub("The counselor's rationale")
    story.extend(blocks(content.modality_rationale))
    return story


def _contacts(content: HandoffContent) -> list[Any]:
    look = styles()
    story = heading(HandoffSection.CONTACTS)
    story += sub("Placement")
    if content.facility:
        story.extend(framed(f"{what}: {value}") for what, value in content.facility)
    else:
        story.append(paragraph("No placement recorded.", look.small))
    if content.arrangements:
        story += sub("Arrangements")
        story.append(
            table(
                ("What", "Kind", "Status", "Notes"),
                [
                    [cell(a.title), paragraph(a.category), paragraph(a.status), cell(a.notes)]
                    for a in content.arrangements
                ],
                [140, 100, 70, 164],
            )
        )
    story += sub("People to contact")
    if content.contacts:
        story.append(
            table(
                ("Name", "Relationship and role", "Phone", "Email"),
                [
                    [
                        framed(c.name),
                        framed(", ".join(x for x in (c.relationship, c.role) if x.strip())),
                        cell(c.phone),
                        cell(c.email),
                    ]
                    for c in content.contacts
                ],
                [120, 130, 90, 134],
            )
        )
    else:
        story.append(paragraph("No contact recorded.", look.small))
    return story


def _counseling_notes(content: HandoffContent) -> list[Any]:
    look = styles()
    story = heading(HandoffSection.COUNSELING_NOTES)
    story.append(paragraph("Disclosed under a separate consent for counseling notes.", look.small))
    story.extend(blocks(content.counseling_notes))
    return story


SECTIONS: dict[HandoffSection, Callable[[HandoffContent], list[Any]]] = {
    HandoffSection.REFERRAL: _referral,
    HandoffSection.HISTORY: _history,
    HandoffSection.WARNING_SIGNS: _warning_signs,
    HandoffSection.ASAM: _asam,
    HandoffSection.RISK_AND_SAFETY: _risk_and_safety,
    HandoffSection.INTERVENTION: _intervention,
    HandoffSection.FAMILY: _family,
    HandoffSection.MODALITY: _modality,
    HandoffSection.CONTACTS: _contacts,
    HandoffSection.COUNSELING_NOTES: _counseling_notes,
}

"""The therapist handoff PDF: what the family and the counselor learned, for the next clinician.

A renderer: a ``HandoffContent`` (read by ``services.handoff``) in, PDF bytes out. It reads no
database and writes no file. The header, the client's identifiers and the description of the
consent (or of the override) are always printed; every other section only when it is in
``content.sections``, and the read leaves the others empty as well.

Every page carries the case reference at its top, a confidentiality line and "Page N of M" at
its foot, and, when the handoff discloses substance-use information, the Part 2 notice against
redisclosure in a band under the header.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from interventiondesk.export.handoff_content import HandoffContent
from interventiondesk.export.pdf_common import (
    build_pdf,
    keep_room,
    long_date,
    page_mark,
    paragraph,
    styles,
    text_blocks,
)
from interventiondesk.model.enums import HandoffSection

PART2_NOTICE = "42 CFR part 2 prohibits unauthorized use or disclosure of these records."
"""The short statement of the Part 2 notice against redisclosure (42 CFR 2.32)."""
PART2_BAND = PART2_NOTICE
"""Printed in a band at the top of every page of a handoff with substance-use information
(the band holds one line of about 90 characters: the statement itself, the first page says
more)."""
CONFIDENTIAL = "Confidential health information, for the named recipient only: do not pass it on."
TITLE = "Therapist handoff"
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


def _day(day: date | None) -> str:
    return f"{day:%Y-%m-%d}" if day is not None else "undated"


def framed(text: str, style: Any | None = None) -> Any:
    """A line of our English wording around user text: read left to right whatever its script."""
    return paragraph(text, style, direction="L")


def _blocks(text: str, style: Any | None = None) -> list[Any]:
    """User text of any length as paragraphs, or a quiet "Not recorded." when it is empty."""
    look = styles()
    return text_blocks(text, style or look.body) or [paragraph(NOT_RECORDED, look.small)]


def _sub(title: str) -> list[Any]:
    """A small heading, never stranded at the foot of a page."""
    look = styles()
    return [keep_room(look.body.leading * 4), paragraph(title, look.subheading)]


def _labelled(label: str, text: str) -> list[Any]:
    """A small heading and the text under it."""
    return [*_sub(label), *_blocks(text)]


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


def _cell(text: str) -> list[Any]:
    """A table cell of user text (any length): its paragraphs, or a dash when empty."""
    return text_blocks(text) or [paragraph("–")]


def _heading(section: HandoffSection | str) -> list[Any]:
    look = styles()
    title = SECTION_TITLES[section] if isinstance(section, HandoffSection) else section
    return [keep_room(look.body.leading * 6), paragraph(title, look.heading)]


# The always-printed parts ---------------------------------------------------------------------


def _header(content: HandoffContent) -> list[Any]:
    look = styles()
    who = content.preparer.strip() or "the counselor"
    story: list[Any] = [
        page_mark(PART2_BAND if content.part2 else ""),
        paragraph(TITLE, look.title),
        framed(f"Case {content.reference}. Prepared on {long_date(content.prepared)} by {who}."),
    ]
    if content.preparer_contact.strip():
        story.append(framed(f"Contact: {content.preparer_contact.strip()}"))
    story.append(framed(f"For: {content.recipient.strip()}", look.subheading))
    if content.purpose.strip():
        story.append(framed(f"Purpose of the disclosure: {content.purpose.strip()}"))
    if content.part2:
        story.append(
            paragraph(
                "This handoff holds information about the client's substance use. Its records "
                f"are protected by federal law: {PART2_NOTICE} Use it only for the purpose "
                "stated above, and do not pass it on without the client's written consent.",
                look.small,
            )
        )
    else:
        story.append(
            paragraph(
                "This handoff holds confidential health information. Use it only for the purpose "
                "stated above, and do not pass it on without the client's written consent.",
                look.small,
            )
        )
    chosen = [SECTION_TITLES[s] for s in HandoffSection if s in content.sections]
    listed = "; ".join(["Client identifiers", *chosen, "The consent"])
    story.append(paragraph(f"In this handoff: {listed}.", look.small))
    return story


def _identifiers(content: HandoffContent) -> list[Any]:
    client = content.client
    rows: list[tuple[str, str]] = [
        ("Name", client.full_name),
        ("Goes by", client.preferred_name),
        ("Date of birth", f"{client.date_of_birth:%Y-%m-%d}" if client.date_of_birth else ""),
        ("Pronouns", client.pronouns),
        ("Phone", client.phone),
        ("Email", client.email),
        ("Address", client.address),
        ("Case reference", content.reference),
    ]
    story = _heading("Client identifiers")
    story.append(
        table(
            ("Identifier", "As recorded"),
            [[paragraph(label), _cell(value)] for label, value in rows],
            [110, 364],
        )
    )
    return story


def _consent(content: HandoffContent) -> list[Any]:
    look = styles()
    story = _heading("The consent this handoff is disclosed under")
    for number, consent in enumerate(content.consents, start=1):
        if len(content.consents) > 1:
            story.append(paragraph(f"Consent {number}: {consent.kind}", look.subheading))
        else:
            story.append(paragraph(consent.kind, look.subheading))
        if consent.expires_on and consent.expiry_event.strip():
            expiry = f"{consent.expires_on:%Y-%m-%d}, or earlier: {consent.expiry_event.strip()}"
        elif consent.expires_on:
            expiry = f"{consent.expires_on:%Y-%m-%d}"
        else:
            expiry = consent.expiry_event
        signed = consent.signed_by.strip()
        if consent.signed_on:
            signed += f" on {consent.signed_on:%Y-%m-%d}"
        signed += f" ({consent.signature_method.strip() or 'on paper'})"
        rows = [
            ("The patient", consent.patient),
            ("Who may disclose", consent.discloser),
            ("What may be disclosed", consent.information),
            ("To whom", consent.recipients),
            ("For what purpose", consent.purpose),
            (
                "Right to revoke",
                "Explained to the patient: the consent may be revoked at any time, except "
                "for what was already disclosed under it."
                if consent.revocation_explained
                else "Not recorded as explained.",
            ),
            ("Expires", expiry),
            ("Signed", signed),
            ("Handoff sections covered", "; ".join(consent.sections)),
        ]
        story.append(
            table(
                ("Element", "What the consent says"),
                [[paragraph(label), _cell(value)] for label, value in rows],
                [130, 344],
            )
        )
    if content.override_reason.strip():
        story += _sub("Sent without a consent covering all of it")
        story.append(
            paragraph(
                "The counselor sent this handoff under an override, recorded with the "
                "disclosure. What the consents on file did not cover:",
                look.body,
            )
        )
        story.extend(paragraph(f"• {problem}") for problem in content.override_problems)
        story += _sub("The counselor's reason:")
        story.extend(_blocks(content.override_reason))
    elif not content.consents:
        story.append(paragraph("No consent is on file for this disclosure.", look.body))
    return story


# The optional sections ----------------------------------------------------------------------


def _referral(content: HandoffContent) -> list[Any]:
    look = styles()
    story = _heading(HandoffSection.REFERRAL)
    story += _labelled("Reason for referral", content.referral_reason)
    story += _sub("Presenting concerns")
    if not content.concerns:
        story.append(paragraph("No presenting concern recorded.", look.small))
    for concern in content.concerns:
        name = concern.name.strip()
        story.append(framed(f"{concern.kind}: {name}" if name else concern.kind, look.body))
        story.extend(text_blocks(concern.details))
    return story


def _history(content: HandoffContent) -> list[Any]:
    look = styles()
    story = _heading(HandoffSection.HISTORY)
    story += _labelled("Substance use", content.substance_history)
    story += _labelled("Mental health", content.mental_health_history)
    story += _sub("Risk flags")
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
    story = _heading(HandoffSection.WARNING_SIGNS)
    if content.signs:
        story.append(paragraph("Signs the counselor noted: " + "; ".join(content.signs) + "."))
    if not content.observations:
        story.append(paragraph("No dated observation recorded.", look.small))
        return story
    for seen in content.observations:
        story.append(keep_room(look.body.leading * 3))
        story.append(paragraph(f"{_day(seen.day)}: {seen.sign}", look.subheading))
        story.extend(_blocks(seen.text))
    return story


def _asam(content: HandoffContent) -> list[Any]:
    look = styles()
    story = _heading(HandoffSection.ASAM)
    story.append(
        paragraph("Risk on each dimension from 0 (none) to 4 (severe), as last rated.", look.small)
    )
    rows = [
        [
            paragraph(line.dimension),
            paragraph(str(line.rating) if line.rating is not None else "Not rated"),
            paragraph(_day(line.rated_on) if line.rated_on else "–"),
            _cell(line.notes),
        ]
        for line in content.asam
    ]
    story.append(table(("Dimension", "Rating", "Rated on", "Notes"), rows, [140, 60, 78, 196]))
    return story


def _risk_and_safety(content: HandoffContent) -> list[Any]:
    look = styles()
    story = _heading(HandoffSection.RISK_AND_SAFETY)
    screen = content.screen
    story += _sub("Latest suicide-risk screen")
    if screen is None:
        story.append(paragraph("No screen recorded.", look.small))
    else:
        by = f" by {screen.screened_by.strip()}" if screen.screened_by.strip() else ""
        story.append(
            framed(f"Screened on {_day(screen.screened_on)}{by}. Triage: {screen.triage}.")
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
            story += _labelled("Notes on the screen", screen.notes)
    story += _sub("Safety plan")
    if not content.safety_plan:
        story.append(paragraph("No safety plan recorded.", look.small))
    for number, (title, text) in enumerate(content.safety_plan, start=1):
        story.append(keep_room(look.body.leading * 3))
        story.append(paragraph(f"{number}. {title}", look.body))
        story.extend(_blocks(text))
    return story


def _intervention(content: HandoffContent) -> list[Any]:
    look = styles()
    story = _heading(HandoffSection.INTERVENTION)
    story.append(paragraph(f"Kind: {content.kind}. Model: {content.model}."))
    story += _sub("Meetings")
    if content.meetings:
        story.append(
            table(
                ("When", "What", "Where"),
                [[framed(m.when), paragraph(m.kind), _cell(m.place)] for m in content.meetings],
                [190, 110, 174],
            )
        )
    else:
        story.append(paragraph("No meeting recorded.", look.small))
    story += _sub("Who took part")
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
    story += _sub("Outcome")
    if not content.outcomes:
        story.append(paragraph("No outcome recorded yet.", look.small))
    for outcome in content.outcomes:
        line = f"{_day(outcome.day)}: {outcome.result}"
        if outcome.admitted_to.strip():
            line += f". Admitted to {outcome.admitted_to.strip()}"
            if outcome.entry_on:
                line += f" on {_day(outcome.entry_on)}"
        story.append(framed(line + "."))
        story.extend(text_blocks(outcome.notes))
    return story


def _family(content: HandoffContent) -> list[Any]:
    look = styles()
    story = _heading(HandoffSection.FAMILY)
    story += _labelled("The family system", content.family_system)
    story += _labelled("The family's own support", content.family_support)
    story += _sub("Bottom lines in force")
    if not content.bottom_lines:
        story.append(paragraph("No bottom line in force.", look.small))
    for line in content.bottom_lines:
        who = f"{line.name} ({line.relationship})" if line.relationship.strip() else line.name
        story.append(keep_room(look.body.leading * 3))
        story.append(framed(f"{who}. {line.status}", look.body))
        story.extend(_blocks(line.text))
    return story


def _modality(content: HandoffContent) -> list[Any]:
    story = _heading(HandoffSection.MODALITY)
    story.append(framed(f"Recommended: {content.modality.strip() or 'not chosen yet'}"))
    story += _sub("The counselor's rationale")
    story.extend(_blocks(content.modality_rationale))
    return story


def _contacts(content: HandoffContent) -> list[Any]:
    look = styles()
    story = _heading(HandoffSection.CONTACTS)
    story += _sub("Placement")
    if content.facility:
        story.extend(framed(f"{what}: {value}") for what, value in content.facility)
    else:
        story.append(paragraph("No placement recorded.", look.small))
    if content.arrangements:
        story += _sub("Arrangements")
        story.append(
            table(
                ("What", "Kind", "Status", "Notes"),
                [
                    [_cell(a.title), paragraph(a.category), paragraph(a.status), _cell(a.notes)]
                    for a in content.arrangements
                ],
                [140, 100, 70, 164],
            )
        )
    story += _sub("People to contact")
    if content.contacts:
        story.append(
            table(
                ("Name", "Relationship and role", "Phone", "Email"),
                [
                    [
                        framed(c.name),
                        framed(", ".join(x for x in (c.relationship, c.role) if x.strip())),
                        _cell(c.phone),
                        _cell(c.email),
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
    story = _heading(HandoffSection.COUNSELING_NOTES)
    story.append(paragraph("Disclosed under a separate consent for counseling notes.", look.small))
    story.extend(_blocks(content.counseling_notes))
    return story


_SECTIONS = {
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


def handoff_story(content: HandoffContent) -> list[Any]:
    """The handoff as flowables: header, identifiers, the chosen sections in order, consent."""
    story = _header(content) + _identifiers(content)
    for section in HandoffSection:
        if section in content.sections:
            story += _SECTIONS[section](content)
    return story + _consent(content)


def render_handoff(content: HandoffContent, *, password: str | None = None) -> bytes:
    """The handoff as PDF bytes (encrypted with AES-256 when ``password`` is given). The title
    and subject name the case reference, never the client."""
    return build_pdf(
        handoff_story(content),
        title=f"{TITLE}, case {content.reference}",
        header=f"{TITLE} · case {content.reference} · prepared {content.prepared:%Y-%m-%d}",
        footer=CONFIDENTIAL,
        password=password,
        subject="Clinical handoff from a family intervention, disclosed with consent",
    )

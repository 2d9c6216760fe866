"""The therapist handoff PDF: what the family and the counselor learned, for the next clinician.

A renderer: a ``HandoffContent`` (read by ``services.handoff_read``) in, PDF bytes out. It reads
no database and writes no file. The optional sections and the blocks they are made of are in
``export.handoff_sections``. The header, the client's identifiers and the description of the
consent (or of the override) are always printed; every other section only when it is in
``content.sections``, and the read leaves the others empty as well.

Every page carries the case reference at its top, a confidentiality line and "Page N of M" at
its foot, and, when the handoff discloses substance-use information, the Part 2 notice against
redisclosure in a band under the header.
"""

from __future__ import annotations

from typing import Any

from interventiondesk.export.handoff_content import HandoffContent
from interventiondesk.export.handoff_sections import (
    SECTION_TITLES,
    SECTIONS,
    blocks,
    cell,
    framed,
    heading,
    sub,
    table,
)
from interventiondesk.export.pdf_common import (
    build_pdf,
    long_date,
    page_mark,
    paragraph,
    styles,
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
    story = heading("Client identifiers")
    story.append(
        table(
            ("Identifier", "As recorded"),
            [[paragraph(label), cell(value)] for label, value in rows],
            [110, 364],
        )
    )
    return story


def _consent(content: HandoffContent) -> list[Any]:
    look = styles()
    story = heading("The consent this handoff is disclosed under")
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
                [[paragraph(label), cell(value)] for label, value in rows],
                [130, 344],
            )
        )
    if content.override_reason.strip():
        story += sub("Sent without a consent covering all of it")
        story.append(
            paragraph(
                "The counselor sent this handoff under an override, recorded with the "
                "disclosure. What the consents on file did not cover:",
                look.body,
            )
        )
        story.extend(paragraph(f"• {problem}") for problem in content.override_problems)
        story += sub("The counselor's reason:")
        story.extend(blocks(content.override_reason))
    elif not content.consents:
        story.append(paragraph("No consent is on file for this disclosure.", look.body))
    return story


def handoff_story(content: HandoffContent) -> list[Any]:
    """The handoff as flowables: header, identifiers, the chosen sections in order, consent."""
    story = _header(content) + _identifiers(content)
    for section in HandoffSection:
        if section in content.sections:
            story += SECTIONS[section](content)
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

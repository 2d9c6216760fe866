"""The accounting of disclosures PDF: for a client who asks who received their records.

A renderer: an ``AccountingContent`` (read by ``services.handoff``) in, PDF bytes out. A summary
table (when, to whom, why), then each disclosure in full: who made it, which parts of the
record went, under which consent or for which override reason, and the fingerprint (SHA-256)
of the document sent, by which a copy kept by the recipient can be matched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from interventiondesk.export.handoff_sections import framed, table
from interventiondesk.export.pdf_common import (
    build_pdf,
    keep_room,
    long_date,
    paragraph,
    styles,
    text_blocks,
)

TITLE = "Accounting of disclosures"
CONFIDENTIAL = "Confidential: prepared for the client named on the first page."


@dataclass(frozen=True, slots=True)
class DisclosureEntry:
    disclosed_at: datetime
    """UTC; printed in UTC with the zone named, so that it reads the same everywhere."""
    disclosed_by: str
    recipient: str
    what: tuple[str, ...]
    """The titles of the handoff sections sent (beyond the header, identifiers and consent)."""
    information: str
    purpose: str
    under: str
    """The consent it was made under, in words; empty when none."""
    override_reason: str
    sha256: str


@dataclass(frozen=True, slots=True)
class AccountingContent:
    reference: str
    client_name: str
    prepared: date
    preparer: str
    entries: tuple[DisclosureEntry, ...]


def _when(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC"


def accounting_story(content: AccountingContent) -> list[Any]:
    look = styles()
    who = content.preparer.strip() or "the counselor"
    story: list[Any] = [
        paragraph(TITLE, look.title),
        framed(f"For {content.client_name.strip() or 'the client'}, case {content.reference}."),
        framed(f"Prepared on {long_date(content.prepared)} by {who}."),
        paragraph(
            "Every time a part of your record was sent to someone outside this practice, it is "
            "listed here: when, to whom, what, why, and under which of your consents. A "
            "disclosure sent without a consent covering it is marked, with the reason given.",
            look.small,
        ),
    ]
    if not content.entries:
        story.append(paragraph("Nothing from this record has been disclosed.", look.body))
        return story
    story.append(paragraph("Summary", look.heading))
    story.append(
        table(
            ("#", "When", "To whom", "Under"),
            [
                [
                    paragraph(str(number)),
                    paragraph(_when(entry.disclosed_at)),
                    framed(entry.recipient),
                    paragraph(
                        "An override (no covering consent)"
                        if entry.override_reason.strip()
                        else (entry.under or "A consent no longer on file")
                    ),
                ]
                for number, entry in enumerate(content.entries, start=1)
            ],
            [22, 110, 170, 172],
        )
    )
    for number, entry in enumerate(content.entries, start=1):
        story += [
            keep_room(look.body.leading * 8),
            framed(f"{number}. {_when(entry.disclosed_at)}, to {entry.recipient}", look.heading),
            framed(f"Disclosed by: {entry.disclosed_by or 'not recorded'}"),
            paragraph("What was sent", look.subheading),
            paragraph(
                "; ".join(["Client identifiers", *entry.what, "a description of the consent"]) + "."
            ),
            paragraph("Purpose", look.subheading),
            *(text_blocks(entry.purpose) or [paragraph("Not recorded.")]),
            paragraph("Under", look.subheading),
        ]
        if entry.override_reason.strip():
            story.append(
                paragraph(
                    "No consent on file covered all of it; the counselor sent it under an "
                    "override, for this reason:"
                )
            )
            story.extend(text_blocks(entry.override_reason))
            if entry.under:
                story.append(paragraph(f"Partly covered by: {entry.under}."))
        else:
            story.append(paragraph(entry.under or "A consent no longer on file."))
        story.append(paragraph(f"Document fingerprint (SHA-256): {entry.sha256}", look.small))
    return story


def render_accounting(content: AccountingContent) -> bytes:
    """The accounting as PDF bytes; its metadata names the case reference, never the client."""
    return build_pdf(
        accounting_story(content),
        title=f"{TITLE}, case {content.reference}",
        header=f"{TITLE} · case {content.reference}",
        footer=CONFIDENTIAL,
        subject="Who received which records of this case, when and why",
    )

"""The accounting of disclosures: every handoff sent from a case, as the client may ask to see
it (who sent what to whom, when, why, under which consent or override), and its PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from interventiondesk.errors import InvalidInput
from interventiondesk.export.disclosures import (
    AccountingContent,
    DisclosureEntry,
    render_accounting,
)
from interventiondesk.export.handoff_sections import SECTION_TITLES
from interventiondesk.model import Consent, ConsentStatus, Disclosure, HandoffSection
from interventiondesk.model.consent import parse_sections
from interventiondesk.model.labels import english_label
from interventiondesk.services import settings
from interventiondesk.services.cases import find_case
from interventiondesk.services.exports import save_export
from interventiondesk.storage.database import Database


@dataclass(frozen=True, slots=True)
class DisclosureRow:
    """One disclosure as the accounting shows it."""

    id: str
    disclosed_at: datetime
    disclosed_by: str
    recipient: str
    sections: tuple[HandoffSection, ...]
    information: str
    purpose: str
    consent_id: str | None
    consent: str
    """The consent(s) it was made under, in words; empty when none is (left) on file."""
    override_reason: str
    sha256: str


def consent_words(consent: Consent, today: date) -> str:
    words = english_label(consent.kind)
    if consent.signed_on is not None:
        words += f", signed {consent.signed_on:%Y-%m-%d}"
    if consent.expires_on is not None:
        words += f", until {consent.expires_on:%Y-%m-%d}"
    elif consent.expiry_event.strip():
        words += ", until an event it names"
    status = consent.status(today)
    if status is not ConsentStatus.ACTIVE:
        words += f" ({english_label(status).lower()})"
    return words


def _under(disclosure: Disclosure, consents: dict[str, Consent]) -> str:
    """The consents a disclosure went under, in words (the notes' own consent after the main)."""
    day = disclosure.disclosed_at.date()
    consent = consents.get(disclosure.consent_id or "")
    notes = consents.get(disclosure.notes_consent_id or "")
    words = consent_words(consent, day) if consent else ""
    if notes is not None:
        words = "; ".join(
            w for w in (words, f"counseling notes under {consent_words(notes, day)}") if w
        )
    return words


def _row(disclosure: Disclosure, consents: dict[str, Consent]) -> DisclosureRow:
    return DisclosureRow(
        id=disclosure.id,
        disclosed_at=disclosure.disclosed_at,
        disclosed_by=disclosure.disclosed_by,
        recipient=disclosure.recipient,
        sections=tuple(s for s in HandoffSection if s in parse_sections(disclosure.sections)),
        information=disclosure.information,
        purpose=disclosure.purpose,
        consent_id=disclosure.consent_id,
        consent=_under(disclosure, consents),
        override_reason=disclosure.override_reason,
        sha256=disclosure.document_sha256,
    )


def disclosure_rows(session: Session, case_id: str) -> list[DisclosureRow]:
    """Every disclosure of a case, oldest first: who, to whom, when, which sections, under
    which consent or override, and the SHA-256 of what was sent."""
    case = find_case(session, case_id)
    consents = {consent.id: consent for consent in case.consents}
    disclosures = session.scalars(
        select(Disclosure)
        .where(Disclosure.case_id == case.id)
        .order_by(Disclosure.disclosed_at, Disclosure.created_at)
    )
    return [_row(disclosure, consents) for disclosure in disclosures]


@dataclass(frozen=True, slots=True)
class DisclosuresView:
    """The accounting of one case, as the window shows it."""

    case_id: str
    reference: str
    rows: tuple[DisclosureRow, ...]


def disclosures_view(session: Session, case_id: str) -> DisclosuresView:
    case = find_case(session, case_id)
    return DisclosuresView(case.id, case.reference, tuple(disclosure_rows(session, case.id)))


def read_accounting(
    session: Session, case_id: str, *, today: date | None = None
) -> tuple[str, AccountingContent]:
    """The case's id and what its accounting of disclosures shows (for the client)."""
    case = find_case(session, case_id)
    rows = disclosure_rows(session, case.id)
    return case.id, AccountingContent(
        reference=case.reference,
        client_name=case.client.full_name,
        prepared=today or date.today(),
        preparer=settings.get(session, settings.COUNSELOR_NAME) or case.counselor,
        entries=tuple(
            DisclosureEntry(
                disclosed_at=row.disclosed_at,
                disclosed_by=row.disclosed_by,
                recipient=row.recipient,
                what=tuple(SECTION_TITLES[s] for s in row.sections),
                information=row.information,
                purpose=row.purpose,
                under=row.consent,
                override_reason=row.override_reason,
                sha256=row.sha256,
            )
            for row in rows
        ),
    )


def export_accounting(db: Database, case_id: str, path: Path) -> int:
    """Write the accounting of disclosures to ``path`` (audited together with the write).
    Returns how many disclosures it lists."""
    if path.is_dir():
        raise InvalidInput("That is a folder; choose a file name for the accounting.")
    with db.session() as session:
        case_id, content = read_accounting(session, case_id)
    save_export(
        db,
        path,
        render_accounting(content),
        action="export.accounting_of_disclosures",
        case_id=case_id,
        detail=f"disclosures={len(content.entries)}",
    )
    return len(content.entries)

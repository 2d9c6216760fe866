"""What the Consent page, the case's header and the command line show of a case's consents:
each consent's status, missing elements and expiry warning, and the disclosures made under it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from interventiondesk.model import (
    Case,
    Client,
    Consent,
    ConsentKind,
    ConsentStatus,
    Disclosure,
    HandoffSection,
)
from interventiondesk.services.cases import find_case
from interventiondesk.services.consents import (
    EXPIRY_WARNING_DAYS,
    expiry_warning,
    missing_element_codes,
    recipient_lines,
)


@dataclass(frozen=True, slots=True)
class ConsentRow:
    """One consent as plain values, with what the page says about it."""

    id: str
    kind: ConsentKind
    patient_name: str
    discloser: str
    information: str
    recipients: str
    purpose: str
    revocation_explained: bool
    expires_on: date | None
    expiry_event: str
    signed_by: str
    signed_on: date | None
    signature_method: str
    revoked_on: date | None
    sections: frozenset[HandoffSection]
    status: ConsentStatus
    missing: tuple[str, ...]
    """The codes of the elements it does not name yet (``ELEMENT_CODES``)."""
    expiry_warning: int | None
    """30, 14 or 7 when it is active and expires within that many days (``expiry_warning``)."""
    days_left: int | None
    """Days until its expiry date (0: it expires today); None without a date."""
    disclosures: int
    """Disclosures made under it; one or more: it cannot be removed."""

    @classmethod
    def of(cls, consent: Consent, today: date, disclosures: int) -> ConsentRow:
        return cls(
            id=consent.id,
            kind=consent.kind,
            patient_name=consent.patient_name,
            discloser=consent.discloser,
            information=consent.information,
            recipients=consent.recipients,
            purpose=consent.purpose,
            revocation_explained=consent.revocation_explained,
            expires_on=consent.expires_on,
            expiry_event=consent.expiry_event,
            signed_by=consent.signed_by,
            signed_on=consent.signed_on,
            signature_method=consent.signature_method,
            revoked_on=consent.revoked_on,
            sections=consent.covered_sections,
            status=consent.status(today),
            missing=tuple(missing_element_codes(consent)),
            expiry_warning=expiry_warning(consent, today),
            days_left=(consent.expires_on - today).days if consent.expires_on else None,
            disclosures=disclosures,
        )

    @property
    def recipient_lines(self) -> tuple[str, ...]:
        return tuple(recipient_lines(self.recipients))


@dataclass(frozen=True, slots=True)
class ConsentsView:
    """Everything the Consent page shows for a case, read at once."""

    case_id: str
    reference: str
    today: date
    consents: tuple[ConsentRow, ...]
    """In the order they were entered (a row does not move while it is edited)."""

    @property
    def warnings(self) -> tuple[ConsentRow, ...]:
        """The consents about to expire, soonest first."""
        soon = [row for row in self.consents if row.expiry_warning is not None]
        return tuple(sorted(soon, key=lambda row: (row.days_left or 0, row.id)))


def consents_view(session: Session, case_id: str, today: date | None = None) -> ConsentsView:
    """The case's consents with their status, missing elements, warnings and the disclosures
    made under each: two statements (the case, then its consents with their counts)."""
    day = today or date.today()
    case = find_case(session, case_id)
    used = (
        select(func.count())
        .select_from(Disclosure)
        .where(Disclosure.consent_id == Consent.id)
        .scalar_subquery()
    )
    query = (
        select(Consent, used)
        .where(Consent.case_id == case.id)
        .order_by(Consent.created_at, Consent.id)
    )
    rows = tuple(ConsentRow.of(consent, day, count) for consent, count in session.execute(query))
    return ConsentsView(case_id=case.id, reference=case.reference, today=day, consents=rows)


@dataclass(frozen=True, slots=True)
class ExpiringConsent:
    """An active consent within a warning step of its expiry date."""

    case_id: str
    reference: str
    client_name: str
    """For the dashboard's list; the case header, which shows no client data, leaves it out."""
    consent_id: str
    kind: ConsentKind
    expires_on: date
    days_left: int
    step: int
    """The warning step reached: 30, 14 or 7."""


def expiring_consents(
    session: Session, today: date | None = None, *, case_id: str | None = None
) -> list[ExpiringConsent]:
    """Active consents of open (not archived) cases that expire within the largest warning
    step, soonest first; ``case_id`` keeps one case's. One statement."""
    day = today or date.today()
    query = (
        select(Consent, Case.reference, Client.full_name)
        .join(Case, Case.id == Consent.case_id)
        .join(Client, Client.case_id == Case.id)
        .where(
            Case.archived_at.is_(None),
            Consent.expires_on.is_not(None),
            Consent.expires_on >= day,
            Consent.expires_on <= day + timedelta(days=max(EXPIRY_WARNING_DAYS)),
        )
        .order_by(Consent.expires_on, Consent.id)
    )
    if case_id is not None:
        query = query.where(Consent.case_id == case_id)
    found: list[ExpiringConsent] = []
    for consent, reference, client_name in session.execute(query):
        step = expiry_warning(consent, day)
        if step is None or consent.expires_on is None:
            continue
        found.append(
            ExpiringConsent(
                case_id=consent.case_id,
                reference=reference,
                client_name=client_name,
                consent_id=consent.id,
                kind=consent.kind,
                expires_on=consent.expires_on,
                days_left=(consent.expires_on - day).days,
                step=step,
            )
        )
    return found

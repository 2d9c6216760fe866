"""The therapist handoff as a use case: check the consent, read, render, then save the file
together with its disclosure record.

The export shape of ``services.exports``: ``prepare_handoff`` reads everything in one read
session and renders it (the window does this for its preview, off its thread); ``save_handoff``
writes exactly those bytes and, in the same short write session, the ``Disclosure`` (who, to
whom, which sections, under which consent or override, when, and the SHA-256 of the bytes) and
an audit entry. The consent is checked again in that write session, so a consent revoked
between the preview and the save stops the save; the file and the record exist together or not
at all.

The consent rules themselves are in ``services.consents``; this module only applies them. What
the PDF shows is read by ``services.handoff_read``; the accounting of disclosures is in
``services.disclosures``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from interventiondesk.errors import InvalidInput
from interventiondesk.export.handoff import render_handoff
from interventiondesk.export.handoff_content import HandoffContent
from interventiondesk.export.handoff_sections import SECTION_TITLES
from interventiondesk.model import (
    Case,
    Consent,
    ConsentStatus,
    Disclosure,
    HandoffSection,
    new_id,
    utcnow,
)
from interventiondesk.model.consent import join_sections
from interventiondesk.services import settings
from interventiondesk.services.cases import find_case
from interventiondesk.services.consents import (
    ConsentCheck,
    allowed_sections,
    check_disclosure,
    recipient_entries,
)
from interventiondesk.services.disclosures import DisclosureRow, consent_words, disclosure_rows
from interventiondesk.services.exports import check_pdf_password, save_export
from interventiondesk.services.handoff_read import read_handoff
from interventiondesk.storage.database import Database

MIN_OVERRIDE_WORDS = 4


MIN_OVERRIDE_LETTERS = 20


_PLACEHOLDERS = frozenset({"n/a", "na", "none", "test", "override", "x", "-", "...", "ok"})


@dataclass(frozen=True, slots=True)
class HandoffRequest:
    """What the counselor chose for one handoff."""

    recipient: str
    sections: frozenset[HandoffSection]
    override_reason: str = ""
    """Why it is sent although no consent covers all of it; empty: only with consent."""
    password: str | None = field(default=None, repr=False)
    """AES-256 protection of the PDF; never shown in a representation (logs, tracebacks)."""


@dataclass(frozen=True, slots=True)
class HandoffCheck:
    """Whether the consents on file allow a handoff, said in words (for the window and the
    command line, before anything is rendered)."""

    recipient: str
    allowed: frozenset[HandoffSection]
    """The sections an active consent naming this recipient covers (choosable without an
    override)."""
    consent_ids: tuple[str, ...]
    """The consents relied on: the main one, then the counseling notes' own one."""
    consent_id: str | None
    notes_consent_id: str | None
    problems: tuple[str, ...]
    """Why the chosen sections are not covered for this recipient; empty when they are."""
    consents: tuple[str, ...]
    """The consents relied on, each in words ("Substance-use records (42 CFR Part 2), signed
    2026-11-02, until 2027-05-01")."""

    @property
    def covered(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class HandoffChoices:
    """What the handoff dialog offers: the recipients of the active consents and the sections."""

    case_id: str
    reference: str
    recipients: tuple[str, ...]
    """The recipients named by the case's active consents, in the order they were signed."""
    consents_on_file: int


@dataclass(frozen=True, slots=True)
class PreparedHandoff:
    """A rendered handoff, ready to be saved as it is (the preview shows these bytes)."""

    case_id: str
    request: HandoffRequest
    check: HandoffCheck
    content: HandoffContent
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _active_recipients(consents: list[Consent], today: date) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for consent in consents:
        if consent.status(today) is not ConsentStatus.ACTIVE:
            continue
        for entry in recipient_entries(consent):
            seen.setdefault(" ".join(entry.casefold().split()), entry)
    return tuple(seen.values())


def _check(
    case: Case, recipient: str, sections: frozenset[HandoffSection], today: date
) -> HandoffCheck:
    consents = list(case.consents)
    found: ConsentCheck = check_disclosure(consents, recipient, sections, today)
    by_id = {consent.id: consent for consent in consents}
    problems = found.problems
    if not recipient.strip():
        problems = ("no recipient is named", *problems)
    return HandoffCheck(
        recipient=recipient.strip(),
        allowed=allowed_sections(consents, recipient, today),
        consent_ids=found.consent_ids,
        consent_id=found.consent_id,
        notes_consent_id=found.notes_consent_id,
        problems=problems,
        consents=tuple(consent_words(by_id[cid], today) for cid in found.consent_ids),
    )


def handoff_choices(session: Session, case_id: str, *, today: date | None = None) -> HandoffChoices:
    """The recipients a handoff of this case can go to under an active consent."""
    case = find_case(session, case_id)
    return HandoffChoices(
        case_id=case.id,
        reference=case.reference,
        recipients=_active_recipients(list(case.consents), today or date.today()),
        consents_on_file=len(case.consents),
    )


def check_handoff(
    session: Session,
    case_id: str,
    recipient: str,
    sections: frozenset[HandoffSection],
    *,
    today: date | None = None,
) -> HandoffCheck:
    """Whether the case's consents allow sending ``sections`` to ``recipient`` today."""
    return _check(find_case(session, case_id), recipient, sections, today or date.today())


def check_override_reason(reason: str) -> None:
    """Refuse an override reason that says nothing (empty, a placeholder, a word or two)."""
    text = " ".join(reason.split())
    letters = sum(1 for ch in text if ch.isalpha())
    if (
        text.casefold().strip(" .!") in _PLACEHOLDERS
        or len(text.split()) < MIN_OVERRIDE_WORDS
        or letters < MIN_OVERRIDE_LETTERS
    ):
        raise InvalidInput(
            "An override needs a written reason of at least a few words: who asked for the "
            "handoff, and why it cannot wait for a consent. Nothing was written."
        )


def _refusal(check: HandoffCheck) -> InvalidInput:
    return InvalidInput(
        "No active consent covers this handoff: "
        + "; ".join(check.problems)
        + ". Record a consent that covers it, choose fewer sections, or give an override "
        "reason. Nothing was written."
    )


def _checked(case: Case, request: HandoffRequest, today: date) -> HandoffCheck:
    """The consent check of ``request``, refusing it in words when neither a consent nor a
    meaningful override reason allows it."""
    if not request.recipient.strip():
        raise InvalidInput("Name the recipient of the handoff. Nothing was written.")
    check = _check(case, request.recipient, request.sections, today)
    if not check.covered:
        if not request.override_reason.strip():
            raise _refusal(check)
        check_override_reason(request.override_reason)
    return check


def prepare_handoff(
    db: Database, case_id: str, request: HandoffRequest, *, today: date | None = None
) -> PreparedHandoff:
    """Check, read (one read session) and render a handoff; nothing is written. The window
    previews these bytes, and ``save_handoff`` writes them."""
    check_pdf_password(request.password)
    day = today or date.today()
    with db.session() as session:
        case = find_case(session, case_id)
        check = _checked(case, request, day)
        by_id = {consent.id: consent for consent in case.consents}
        content = read_handoff(
            session,
            case,
            request.recipient,
            request.sections,
            [by_id[cid] for cid in check.consent_ids],
            override_reason="" if check.covered else request.override_reason,
            override_problems=() if check.covered else check.problems,
            today=day,
        )
        case_id = case.id
    data = render_handoff(content, password=request.password)
    return PreparedHandoff(case_id, request, check, content, data)


def _information(sections: frozenset[HandoffSection]) -> str:
    titles = [SECTION_TITLES[s] for s in HandoffSection if s in sections]
    return "Therapist handoff: " + "; ".join(
        ["header", "client identifiers", *titles, "the consent"]
    )


def save_handoff(db: Database, prepared: PreparedHandoff, path: Path) -> DisclosureRow:
    """Write the prepared bytes to ``path`` with their disclosure record and audit entry,
    together or not at all. The consent is checked again as the record is written: a consent
    revoked or expired since the preview stops the save (unless the request carries an
    override reason)."""
    if path.is_dir():
        raise InvalidInput("That is a folder; choose a file name for the handoff.")
    request = prepared.request
    disclosure_id = new_id()
    digest = prepared.sha256

    def record(session: Session) -> str:
        case = find_case(session, prepared.case_id)
        check = _checked(case, request, date.today())
        overridden = not check.covered
        disclosure = Disclosure(
            id=disclosure_id,
            case_id=case.id,
            consent_id=check.consent_id,
            notes_consent_id=check.notes_consent_id,
            recipient=check.recipient,
            information=_information(request.sections),
            purpose=prepared.content.purpose,
            disclosed_at=utcnow(),
            document_sha256=digest,
            disclosed_by=settings.get(session, settings.COUNSELOR_NAME)
            or prepared.content.preparer,
            sections=join_sections(request.sections),
            override_reason=request.override_reason.strip() if overridden else "",
        )
        session.add(disclosure)
        session.flush()
        return (
            f" sections={disclosure.sections or '-'}"
            f" consents={','.join(check.consent_ids) or '-'}"
            f" override={'yes (reason kept with the disclosure)' if overridden else 'no'}"
            f" encrypted={'yes' if request.password else 'no'} sha256={digest}"
        )

    save_export(
        db,
        path,
        prepared.data,
        action="export.handoff",
        case_id=prepared.case_id,
        detail=f"disclosure {disclosure_id}",
        record=record,
    )
    with db.session() as session:
        return next(
            row for row in disclosure_rows(session, prepared.case_id) if row.id == disclosure_id
        )


def export_handoff(
    db: Database, case_id: str, path: Path, request: HandoffRequest
) -> DisclosureRow:
    """Check, read, render and save a handoff in one go (the command line)."""
    return save_handoff(db, prepare_handoff(db, case_id, request), path)

"""Consents to disclose: keeping them (add, edit, revoke, remove, all audited), what the Consent
page and the expiry warnings show, and whether the consents on file allow a disclosure.

A disclosure (the therapist handoff) needs, on the day it is made, an active consent that has
every element a Part 2 consent must name, names the recipient, and covers each section sent.
Counseling notes are covered only by a consent of their own kind; everything else only by a
consent of another kind.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from interventiondesk.errors import InvalidInput
from interventiondesk.model import (
    Case,
    Consent,
    ConsentKind,
    ConsentStatus,
    Disclosure,
    HandoffSection,
)
from interventiondesk.model.consent import join_sections
from interventiondesk.services import audit
from interventiondesk.services.records import (
    apply_changes,
    coerce_value,
    editable_columns,
    get_record,
)

EXPIRY_WARNING_DAYS = (30, 14, 7)
"""A consent's expiry is announced from these many days before it (the largest first)."""

_ENTRIES = re.compile(r"[;\n]")


def _normal(name: str) -> str:
    return " ".join(name.casefold().split()).strip(" .,")


def recipient_lines(recipients: str) -> list[str]:
    """The recipients written in a consent's text, one per line or separated by semicolons."""
    return [entry.strip() for entry in _ENTRIES.split(recipients) if entry.strip()]


def recipient_entries(consent: Consent) -> list[str]:
    """The recipients a consent names, one per line or separated by semicolons."""
    return recipient_lines(consent.recipients)


def names_recipient(consent: Consent, recipient: str) -> bool:
    """True when one of the consent's recipients is ``recipient`` (case and spacing aside)."""
    wanted = _normal(recipient)
    return bool(wanted) and any(_normal(entry) == wanted for entry in recipient_entries(consent))


def missing_elements(consent: Consent) -> list[str]:
    """The elements a valid written consent must name that this one lacks, in words."""
    missing: list[str] = []
    if not consent.patient_name.strip():
        missing.append("the patient's name")
    if not consent.discloser.strip():
        missing.append("who may disclose")
    if not consent.information.strip():
        missing.append("what information may be disclosed")
    if not consent.recipients.strip():
        missing.append("who may receive it")
    if not consent.purpose.strip():
        missing.append("the purpose")
    if not consent.revocation_explained:
        missing.append("that the right to revoke was explained")
    if consent.expires_on is None and not consent.expiry_event.strip():
        missing.append("an expiry date, event or condition")
    if not consent.signed_by.strip() or consent.signed_on is None:
        missing.append("a signature and its date")
    return missing


def _kind_covers(kind: ConsentKind, section: HandoffSection) -> bool:
    return (section is HandoffSection.COUNSELING_NOTES) == (kind is ConsentKind.COUNSELING_NOTES)


def consent_problems(
    consent: Consent, recipient: str, sections: Collection[HandoffSection], today: date
) -> list[str]:
    """Why ``consent`` does not allow sending ``sections`` to ``recipient`` today (empty: it does).

    ``sections`` are those this consent is asked to cover (see ``check_disclosure``)."""
    status = consent.status(today)
    if status is ConsentStatus.REVOKED:
        return [f"the consent was revoked on {consent.revoked_on:%Y-%m-%d}"]
    if status is ConsentStatus.EXPIRED:
        return [f"the consent expired on {consent.expires_on:%Y-%m-%d}"]
    problems = [f"the consent does not name {what}" for what in missing_elements(consent)]
    if status is ConsentStatus.UNSIGNED and consent.signed_on is not None:
        problems.append(f"the consent is signed with a later date ({consent.signed_on:%Y-%m-%d})")
    if consent.recipients.strip() and not names_recipient(consent, recipient):
        problems.append("the consent does not name this recipient")
    uncovered = [
        section
        for section in sections
        if section not in consent.covered_sections or not _kind_covers(consent.kind, section)
    ]
    if uncovered:
        names = ", ".join(section.value for section in HandoffSection if section in uncovered)
        problems.append(f"the consent does not cover: {names}")
    return problems


@dataclass(frozen=True, slots=True)
class ConsentCheck:
    """The outcome of checking one disclosure against the consents on file."""

    consent_id: str | None
    """The consent covering the main sections, when one does."""
    notes_consent_id: str | None
    """The separate consent covering counseling notes, when they are sent and one does."""
    problems: tuple[str, ...]
    """Why the disclosure is not covered, in words; empty when it is."""

    @property
    def covered(self) -> bool:
        return not self.problems

    @property
    def consent_ids(self) -> tuple[str, ...]:
        """The consents relied on: the one for the main sections, then one for the notes."""
        return tuple(i for i in (self.consent_id, self.notes_consent_id) if i is not None)


def _best(
    consents: Sequence[Consent],
    recipient: str,
    sections: Collection[HandoffSection],
    today: date,
    *,
    for_notes: bool,
) -> tuple[Consent | None, list[str]]:
    """The consent of the right kind with the fewest problems for these sections, and those."""
    best: Consent | None = None
    best_problems = ["no consent of the right kind is on file"]
    for consent in consents:
        if (consent.kind is ConsentKind.COUNSELING_NOTES) != for_notes:
            continue
        problems = consent_problems(consent, recipient, sections, today)
        if best is None or len(problems) < len(best_problems):
            best, best_problems = consent, problems
    return best, best_problems


def check_disclosure(
    consents: Sequence[Consent], recipient: str, sections: Collection[HandoffSection], today: date
) -> ConsentCheck:
    """Whether the ``consents`` of a case allow sending ``sections`` to ``recipient`` today.

    The header and the client's identifiers always go, so a consent other than one for
    counseling notes is always needed; counseling notes need one of their own as well."""
    notes = [s for s in sections if s is HandoffSection.COUNSELING_NOTES]
    others = [s for s in sections if s is not HandoffSection.COUNSELING_NOTES]
    ids: dict[bool, str] = {}
    problems: list[str] = []
    groups = [(others, False, "")] + ([(notes, True, "counseling notes: ")] if notes else [])
    for wanted, for_notes, prefix in groups:
        consent, found = _best(consents, recipient, wanted, today, for_notes=for_notes)
        if consent is not None and not found:
            ids[for_notes] = consent.id
        problems.extend(prefix + problem for problem in found)
    return ConsentCheck(ids.get(False), ids.get(True), tuple(problems))


def allowed_sections(
    consents: Sequence[Consent], recipient: str, today: date
) -> frozenset[HandoffSection]:
    """The sections that may be chosen for ``recipient`` today: those an active, complete
    consent naming the recipient covers."""
    allowed: set[HandoffSection] = set()
    for consent in consents:
        if consent_problems(consent, recipient, (), today):
            continue
        allowed.update(s for s in consent.covered_sections if _kind_covers(consent.kind, s))
    return frozenset(allowed)


def expiry_warning(consent: Consent, today: date) -> int | None:
    """The warning step (30, 14 or 7 days) an active consent is within of its expiry, if any."""
    if consent.status(today) is not ConsentStatus.ACTIVE or consent.expires_on is None:
        return None
    left = (consent.expires_on - today).days
    steps = [days for days in EXPIRY_WARNING_DAYS if left <= days]
    return min(steps) if steps else None


# Keeping consents: add, edit, revoke, remove ----------------------------------------------

CONSENT_FIELDS = editable_columns(Consent, "revoked_on")
"""What the editor changes; a revocation goes through ``revoke_consent`` only."""

ELEMENT_CODES: tuple[tuple[str, str], ...] = (
    ("patient", "the patient's name"),
    ("discloser", "who may disclose"),
    ("information", "what information may be disclosed"),
    ("recipients", "who may receive it"),
    ("purpose", "the purpose"),
    ("revocation", "that the right to revoke was explained"),
    ("expiry", "an expiry date, event or condition"),
    ("signature", "a signature and its date"),
)
"""Each element a written consent must name: a stable code and the words ``missing_elements``
uses (the window translates the codes; the command line's JSON prints them)."""


def missing_element_codes(consent: Consent) -> list[str]:
    """The codes (``ELEMENT_CODES``) of the elements ``missing_elements`` names, in order."""
    words = {text: code for code, text in ELEMENT_CODES}
    return [words[text] for text in missing_elements(consent)]


def _sections_value(value: Any, kind: ConsentKind) -> str:
    """The stored form of the sections given (names or a comma-separated text), checked
    against what a consent of ``kind`` can cover."""
    names = value.split(",") if isinstance(value, str) else list(value)
    chosen: set[HandoffSection] = set()
    for name in names:
        if isinstance(name, str) and not name.strip():
            continue
        try:
            chosen.add(HandoffSection(name))
        except ValueError as exc:
            raise InvalidInput(f"'{str(name)[:40]}' is not a section of the handoff.") from exc
    wrong = [section for section in chosen if not _kind_covers(kind, section)]
    if wrong:
        if kind is ConsentKind.COUNSELING_NOTES:
            raise InvalidInput(
                "A consent for counseling notes covers the counseling notes only; "
                "the other sections need a consent of their own."
            )
        raise InvalidInput(
            "Counseling notes need a separate consent of their own kind; "
            "this consent cannot cover them."
        )
    return join_sections(chosen)


def _check_dates(consent: Consent, today: date) -> None:
    if consent.signed_on is not None and consent.signed_on > today:
        raise InvalidInput("The date signed cannot be later than today.")
    if consent.signed_on and consent.expires_on and consent.expires_on < consent.signed_on:
        raise InvalidInput("A consent cannot expire before the day it was signed.")


def _record_change(session: Session, consent: Consent, fields: Collection[str]) -> None:
    """One entry per kind of change: saving the same fields again as typing goes on (the
    autosave) adds nothing to the trail."""
    detail = f"consent {consent.id}: " + ",".join(sorted(fields))
    audit.record_unless_repeated(session, "consent.changed", case_id=consent.case_id, detail=detail)


def add_consent(
    session: Session,
    case_id: str,
    *,
    kind: ConsentKind | str = ConsentKind.PART2,
    changes: Mapping[str, Any] | None = None,
    today: date | None = None,
) -> Consent:
    """A new consent for the case, its patient named as the case's client (and one for
    counseling notes covering them, the one section it can); ``changes`` fills other elements
    at once (as ``update_consent`` takes them)."""
    case = get_record(session, Case, case_id, "case")
    consent = Consent(case_id=case.id, kind=ConsentKind.PART2, sections="")
    apply_changes(consent, {"kind": kind, "patient_name": case.client.full_name}, CONSENT_FIELDS)
    if consent.kind is ConsentKind.COUNSELING_NOTES:
        consent.sections = HandoffSection.COUNSELING_NOTES.value
    if changes:
        _apply(consent, changes, today or date.today())
    session.add(consent)
    session.flush()
    audit.record(
        session, "consent.added", case_id=case.id, detail=f"consent {consent.id} {consent.kind}"
    )
    return consent


def _apply(consent: Consent, changes: Mapping[str, Any], today: date) -> bool:
    if consent.revoked_on is not None:
        raise InvalidInput(
            "A revoked consent is kept as it was when revoked; add a new consent instead."
        )
    plain = {name: value for name, value in changes.items() if name != "sections"}
    before = {name: getattr(consent, name) for name in CONSENT_FIELDS}
    changed = apply_changes(consent, plain, CONSENT_FIELDS)
    try:
        kind = consent.kind
        if "sections" in changes:
            sections = _sections_value(changes["sections"], kind)
        else:  # a new kind keeps only the sections it can cover
            sections = join_sections(s for s in consent.covered_sections if _kind_covers(kind, s))
        if sections != consent.sections:
            consent.sections = sections
            changed = True
        _check_dates(consent, today)
    except InvalidInput:
        for name, value in before.items():  # a refused edit leaves no trace on the record
            if getattr(consent, name) != value:
                setattr(consent, name, value)
        raise
    return changed


def update_consent(
    session: Session, consent_id: str, changes: Mapping[str, Any], *, today: date | None = None
) -> Consent:
    """Edit a consent's elements. ``sections`` takes section names (or their comma-separated
    text); changing the kind drops the sections the new kind cannot cover. Refused for a
    revoked consent, and for dates that contradict each other or lie in the future."""
    consent = get_record(session, Consent, consent_id, "consent")
    if _apply(consent, changes, today or date.today()):
        _record_change(session, consent, changes)
    return consent


def revoke_consent(
    session: Session, consent_id: str, revoked_on: date | str, *, today: date | None = None
) -> Consent:
    """Record that the client revoked the consent on ``revoked_on`` (not later than today):
    from that day it allows no disclosure. A revocation is not undone."""
    day = today or date.today()
    consent = get_record(session, Consent, consent_id, "consent")
    if consent.revoked_on is not None:
        raise InvalidInput(f"This consent was already revoked on {consent.revoked_on:%Y-%m-%d}.")
    when = coerce_value(inspect(Consent).columns["revoked_on"], revoked_on, "the date revoked")
    if when is None:
        raise InvalidInput("Say on which day the consent was revoked.")
    if when > day:
        raise InvalidInput("The date of revocation cannot be later than today.")
    if consent.signed_on is not None and when < consent.signed_on:
        raise InvalidInput("A consent cannot be revoked before the day it was signed.")
    consent.revoked_on = when
    audit.record(
        session,
        "consent.revoked",
        case_id=consent.case_id,
        detail=f"consent {consent.id} on {consent.revoked_on:%Y-%m-%d}",
    )
    return consent


def disclosures_under(session: Session, consent_id: str) -> int:
    """How many disclosures were made relying on this consent."""
    query = select(func.count()).select_from(Disclosure).where(Disclosure.consent_id == consent_id)
    return int(session.scalar(query) or 0)


def remove_consent(session: Session, consent_id: str) -> None:
    """Delete a consent entered by mistake; refused once a disclosure relied on it (the
    accounting of disclosures must keep naming it: revoke it instead)."""
    consent = get_record(session, Consent, consent_id, "consent")
    used = disclosures_under(session, consent.id)
    if used:
        times = "a disclosure was" if used == 1 else f"{used} disclosures were"
        raise InvalidInput(
            f"This consent cannot be removed: {times} made under it, and the accounting of "
            "disclosures keeps it. Revoke it instead."
        )
    audit.record(
        session, "consent.removed", case_id=consent.case_id, detail=f"consent {consent.id}"
    )
    session.delete(consent)
    session.flush()

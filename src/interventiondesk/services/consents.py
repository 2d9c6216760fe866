"""Consents to disclose: whether the consents on file allow a given disclosure, and why not.

A disclosure (the therapist handoff) needs, on the day it is made, an active consent that has
every element a Part 2 consent must name, names the recipient, and covers each section sent.
Counseling notes are covered only by a consent of their own kind; everything else only by a
consent of another kind.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from interventiondesk.model import Consent, ConsentKind, ConsentStatus, HandoffSection

EXPIRY_WARNING_DAYS = (30, 14, 7)
"""A consent's expiry is announced from these many days before it (the largest first)."""

_ENTRIES = re.compile(r"[;\n]")


def _normal(name: str) -> str:
    return " ".join(name.casefold().split()).strip(" .,")


def recipient_entries(consent: Consent) -> list[str]:
    """The recipients a consent names, one per line or separated by semicolons."""
    return [entry.strip() for entry in _ENTRIES.split(consent.recipients) if entry.strip()]


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

    consent_ids: tuple[str, ...]
    """The consents relied on: the one for the main sections, then one for counseling notes."""
    problems: tuple[str, ...]
    """Why the disclosure is not covered, in words; empty when it is."""

    @property
    def covered(self) -> bool:
        return not self.problems


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
    ids: list[str] = []
    problems: list[str] = []
    groups = [(others, False, "")] + ([(notes, True, "counseling notes: ")] if notes else [])
    for wanted, for_notes, prefix in groups:
        consent, found = _best(consents, recipient, wanted, today, for_notes=for_notes)
        if consent is not None and not found:
            ids.append(consent.id)
        problems.extend(prefix + problem for problem in found)
    return ConsentCheck(tuple(ids), tuple(problems))


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

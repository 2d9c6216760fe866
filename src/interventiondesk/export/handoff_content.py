"""What a therapist handoff shows: the frozen values ``services.handoff_read`` fills and
``export.handoff`` prints (plain values, no database, no reportlab)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from interventiondesk.model.case import ClientIdentity
from interventiondesk.model.enums import HandoffSection


@dataclass(frozen=True, slots=True)
class Concern:
    kind: str
    """The kind in words ("Substance use", "Mental health")."""
    name: str
    details: str


@dataclass(frozen=True, slots=True)
class Observed:
    """A dated warning sign."""

    day: date | None
    sign: str
    text: str


@dataclass(frozen=True, slots=True)
class AsamLine:
    dimension: str
    rating: int | None
    notes: str
    rated_on: date | None


@dataclass(frozen=True, slots=True)
class ScreenSummary:
    """The latest suicide-risk screen: the answers in words, the triage, what to do next."""

    screened_on: date
    screened_by: str
    triage: str
    answers: tuple[tuple[str, str], ...]
    """(topic, "Yes", "No" or "Not asked") in the screen's order."""
    next_step: str
    notes: str


@dataclass(frozen=True, slots=True)
class Meeting:
    when: str
    """Its local date and time with the zone, in words."""
    kind: str
    place: str


@dataclass(frozen=True, slots=True)
class TeamMember:
    name: str
    relationship: str
    role: str
    attending: bool


@dataclass(frozen=True, slots=True)
class OutcomeLine:
    day: date | None
    result: str
    admitted_to: str
    entry_on: date | None
    notes: str


@dataclass(frozen=True, slots=True)
class BottomLine:
    name: str
    relationship: str
    text: str
    status: str
    """The latest follow-through noted, in words ("Kept on 2026-11-20", "Not noted yet")."""


@dataclass(frozen=True, slots=True)
class Contact:
    name: str
    relationship: str
    role: str
    phone: str
    email: str


@dataclass(frozen=True, slots=True)
class Arrangement:
    """A logistics item: what was arranged and where it stands."""

    title: str
    category: str
    status: str
    notes: str


@dataclass(frozen=True, slots=True)
class ConsentScope:
    """A consent the handoff is disclosed under, as the recipient should read it."""

    kind: str
    patient: str
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
    sections: tuple[str, ...]
    """The titles of the handoff sections it covers."""


@dataclass(frozen=True, slots=True)
class HandoffContent:
    """Everything one handoff shows, read in one session; sections not chosen are empty."""

    reference: str
    prepared: date
    preparer: str
    preparer_contact: str
    recipient: str
    purpose: str
    sections: frozenset[HandoffSection]
    client: ClientIdentity
    part2: bool
    """Whether it discloses substance-use information (then the notice is on every page)."""
    consents: tuple[ConsentScope, ...]
    override_reason: str = ""
    override_problems: tuple[str, ...] = ()
    """Why no consent covered it, when it is sent under an override."""
    referral_reason: str = ""
    concerns: tuple[Concern, ...] = ()
    substance_history: str = ""
    mental_health_history: str = ""
    risk_flags: tuple[str, ...] = ()
    signs: tuple[str, ...] = ()
    """The warning signs ticked on the plan, in words."""
    observations: tuple[Observed, ...] = ()
    asam: tuple[AsamLine, ...] = ()
    screen: ScreenSummary | None = None
    safety_plan: tuple[tuple[str, str], ...] = ()
    """(step title, text) of the six steps; empty without a plan."""
    kind: str = ""
    model: str = ""
    meetings: tuple[Meeting, ...] = ()
    team: tuple[TeamMember, ...] = ()
    outcomes: tuple[OutcomeLine, ...] = ()
    family_system: str = ""
    family_support: str = ""
    bottom_lines: tuple[BottomLine, ...] = ()
    modality: str = ""
    """The recommended modality in words (a known modality's name, or the counselor's text)."""
    modality_rationale: str = ""
    facility: tuple[tuple[str, str], ...] = ()
    """(what, value) lines about the placement: facility, contact, phone, intake."""
    arrangements: tuple[Arrangement, ...] = ()
    contacts: tuple[Contact, ...] = ()
    counseling_notes: str = ""

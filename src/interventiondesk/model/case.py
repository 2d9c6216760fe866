"""The case, its client, presenting concerns and the warning signs observed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from interventiondesk.limits import MAX_READING_MINUTES, MIN_READING_MINUTES
from interventiondesk.model.base import Base, Record, UTCDateTime
from interventiondesk.model.columns import case_fk, enum_column, line_column, text_column
from interventiondesk.model.enums import (
    CaseStatus,
    ConcernKind,
    InterventionKind,
    InterventionModel,
    WarningSign,
)

if TYPE_CHECKING:
    from interventiondesk.model.consent import Consent, Disclosure
    from interventiondesk.model.letters import Letter, Objection
    from interventiondesk.model.logistics import LogisticsItem
    from interventiondesk.model.outcome import BottomLineCheck, FollowUpTask, Outcome
    from interventiondesk.model.roster import Participant
    from interventiondesk.model.safety import (
        AsamRating,
        AsamRatingEntry,
        RiskScreen,
        SafetyPlan,
        SafetyPlanRevision,
    )
    from interventiondesk.model.schedule import Event


class Case(Record, Base):
    """One intervention case: the plan and everything hung from it."""

    __tablename__ = "cases"

    reference: Mapped[str] = mapped_column(String(16), unique=True, nullable=False)
    kind: Mapped[InterventionKind] = enum_column(InterventionKind, nullable=False)
    model: Mapped[InterventionModel] = enum_column(InterventionModel, nullable=False)
    status: Mapped[CaseStatus] = enum_column(CaseStatus, nullable=False, default=CaseStatus.INTAKE)
    counselor: Mapped[str] = line_column()

    # The plan
    sign_decline: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    sign_denial: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    sign_safety: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    concerns_notes: Mapped[str] = text_column()
    goals: Mapped[str] = text_column()
    treatment_options: Mapped[str] = text_column()
    counselor_notes: Mapped[str] = text_column()

    # Letters and rehearsal
    reading_minutes_limit: Mapped[int] = mapped_column(
        Integer,
        nullable=False,
        default=3,
        info={"min": MIN_READING_MINUTES, "max": MAX_READING_MINUTES},
    )
    seating_notes: Mapped[str] = text_column()

    # Logistics: the placement that must be ready when the client says yes
    facility_name: Mapped[str] = line_column()
    facility_contact: Mapped[str] = line_column()
    facility_phone: Mapped[str] = line_column(60)
    intake_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    intake_timezone: Mapped[str] = line_column(64)

    # Safety flags
    overdose_history: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    naloxone_on_hand: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    detox_needed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    weapons_in_home: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    co_occurring_illness: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    # Handoff
    referral_reason: Mapped[str] = text_column()
    substance_history: Mapped[str] = text_column()
    mental_health_history: Mapped[str] = text_column()
    family_system: Mapped[str] = text_column()
    family_support: Mapped[str] = text_column()
    recommended_modality: Mapped[str] = line_column()
    modality_rationale: Mapped[str] = text_column()

    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    client: Mapped[Client] = relationship(
        back_populates="case", uselist=False, cascade="all, delete-orphan"
    )
    concerns: Mapped[list[PresentingConcern]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="PresentingConcern.position"
    )
    observations: Mapped[list[Observation]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Observation.observed_on"
    )
    participants: Mapped[list[Participant]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Participant.position"
    )
    letters: Mapped[list[Letter]] = relationship(
        back_populates="case", cascade="all, delete-orphan"
    )
    objections: Mapped[list[Objection]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Objection.position"
    )
    events: Mapped[list[Event]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Event.starts_at"
    )
    logistics: Mapped[list[LogisticsItem]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="LogisticsItem.position"
    )
    outcomes: Mapped[list[Outcome]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Outcome.occurred_on"
    )
    follow_ups: Mapped[list[FollowUpTask]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="FollowUpTask.due_on"
    )
    risk_screens: Mapped[list[RiskScreen]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="RiskScreen.screened_at"
    )
    safety_plan: Mapped[SafetyPlan | None] = relationship(
        back_populates="case", uselist=False, cascade="all, delete-orphan"
    )
    asam_ratings: Mapped[list[AsamRating]] = relationship(
        back_populates="case", cascade="all, delete-orphan"
    )
    bottom_line_checks: Mapped[list[BottomLineCheck]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="BottomLineCheck.noted_on"
    )
    safety_plan_revisions: Mapped[list[SafetyPlanRevision]] = relationship(
        back_populates="case",
        cascade="all, delete-orphan",
        order_by="SafetyPlanRevision.revised_at",
    )
    asam_history: Mapped[list[AsamRatingEntry]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="AsamRatingEntry.rated_at"
    )
    consents: Mapped[list[Consent]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Consent.signed_on"
    )
    disclosures: Mapped[list[Disclosure]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Disclosure.disclosed_at"
    )

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class Client(Record, Base):
    """The identified person the family wants to help into treatment."""

    __tablename__ = "clients"

    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), unique=True, nullable=False
    )
    full_name: Mapped[str] = line_column()
    preferred_name: Mapped[str] = line_column()
    date_of_birth: Mapped[date | None] = mapped_column(Date, nullable=True)
    pronouns: Mapped[str] = line_column(60)
    phone: Mapped[str] = line_column(60)
    email: Mapped[str] = line_column()
    address: Mapped[str] = text_column()

    case: Mapped[Case] = relationship(back_populates="client")

    @property
    def initials(self) -> str:
        """Initials for privacy-preserving places such as calendar invites."""
        return initials_of(self.full_name)

    def identity(self) -> ClientIdentity:
        return ClientIdentity(
            full_name=self.full_name,
            preferred_name=self.preferred_name,
            date_of_birth=self.date_of_birth,
            pronouns=self.pronouns,
            phone=self.phone,
            email=self.email,
            address=self.address,
        )


@dataclass(frozen=True, slots=True)
class ClientIdentity:
    """Who the client is, as plain values: what the Plan page edits and a handoff prints."""

    full_name: str
    preferred_name: str
    date_of_birth: date | None
    pronouns: str
    phone: str
    email: str
    address: str


def initials_of(name: str) -> str:
    """ "Maria del Carmen Ruiz" → "M.D.C.R."; "?" when the name has no letters to show."""
    parts = [p for p in name.split() if p[:1].isalpha()]
    return "".join(p[0].upper() + "." for p in parts) or "?"


class PresentingConcern(Record, Base):
    """A substance or mental-health issue the family brings, with free-text detail."""

    __tablename__ = "presenting_concerns"

    case_id: Mapped[str] = case_fk()
    concern: Mapped[ConcernKind] = enum_column(ConcernKind, nullable=False)
    name: Mapped[str] = line_column()
    details: Mapped[str] = text_column()
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    case: Mapped[Case] = relationship(back_populates="concerns")


class Observation(Record, Base):
    """A dated warning sign the counselor or family observed."""

    __tablename__ = "observations"

    case_id: Mapped[str] = case_fk()
    observed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    sign: Mapped[WarningSign] = enum_column(WarningSign, nullable=False, default=WarningSign.OTHER)
    text: Mapped[str] = text_column()

    case: Mapped[Case] = relationship(back_populates="observations")

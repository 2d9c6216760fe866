"""Suicide-risk screens, the six-step safety plan and ASAM dimension ratings."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, ForeignKey, Integer, UniqueConstraint, event, inspect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from interventiondesk.errors import InvalidInput
from interventiondesk.model.base import Base, Record, UTCDateTime
from interventiondesk.model.columns import case_fk, enum_column, line_column, text_column
from interventiondesk.model.enums import AsamDimension, RiskLevel

if TYPE_CHECKING:
    from interventiondesk.model.case import Case


class RiskScreen(Record, Base):
    """A screen in six yes/no topics; unanswered topics (skipped by branching) stay None."""

    __tablename__ = "risk_screens"

    case_id: Mapped[str] = case_fk()
    screened_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    screened_by: Mapped[str] = line_column()
    wish_to_be_dead: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    suicidal_thoughts: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    thoughts_of_method: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    intent: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    plan: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    recent_behaviour: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    triage: Mapped[RiskLevel | None] = enum_column(RiskLevel, nullable=True)
    notes: Mapped[str] = text_column()

    case: Mapped[Case] = relationship(back_populates="risk_screens")


@event.listens_for(RiskScreen, "before_update")
def _screens_are_never_edited(mapper: Any, _connection: Any, screen: RiskScreen) -> None:
    """A saved screen is a record of what was said that day: a new screen supersedes it."""
    state = inspect(screen)
    if any(state.attrs[column.key].history.has_changes() for column in mapper.column_attrs):
        raise InvalidInput("A saved screen cannot be changed; save a new screen instead.")


class SafetyPlan(Record, Base):
    """The six steps of a safety plan, one text per step."""

    __tablename__ = "safety_plans"

    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), unique=True, nullable=False
    )
    warning_signs: Mapped[str] = text_column()
    internal_coping: Mapped[str] = text_column()
    distraction: Mapped[str] = text_column()
    people_to_ask: Mapped[str] = text_column()
    professionals: Mapped[str] = text_column()
    safe_environment: Mapped[str] = text_column()

    case: Mapped[Case] = relationship(back_populates="safety_plan")


class AsamRating(Record, Base):
    """A 0 to 4 risk rating on one of the six ASAM dimensions."""

    __tablename__ = "asam_ratings"
    __table_args__ = (UniqueConstraint("case_id", "dimension"),)

    case_id: Mapped[str] = case_fk()
    dimension: Mapped[AsamDimension] = enum_column(AsamDimension, nullable=False)
    rating: Mapped[int] = mapped_column(
        Integer, nullable=False, default=0, info={"min": 0, "max": 4}
    )
    notes: Mapped[str] = text_column()

    case: Mapped[Case] = relationship(back_populates="asam_ratings")


class SafetyPlanRevision(Record, Base):
    """The safety plan's six steps as they stood after one sitting of editing."""

    __tablename__ = "safety_plan_revisions"

    case_id: Mapped[str] = case_fk()
    revised_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    revised_by: Mapped[str] = line_column()
    warning_signs: Mapped[str] = text_column()
    internal_coping: Mapped[str] = text_column()
    distraction: Mapped[str] = text_column()
    people_to_ask: Mapped[str] = text_column()
    professionals: Mapped[str] = text_column()
    safe_environment: Mapped[str] = text_column()

    case: Mapped[Case] = relationship(back_populates="safety_plan_revisions")


class AsamRatingEntry(Record, Base):
    """One rating of one ASAM dimension as it was given: the history behind ``AsamRating``."""

    __tablename__ = "asam_rating_entries"

    case_id: Mapped[str] = case_fk()
    rated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    rated_by: Mapped[str] = line_column()
    dimension: Mapped[AsamDimension] = enum_column(AsamDimension, nullable=False)
    rating: Mapped[int] = mapped_column(
        Integer, nullable=False, default=0, info={"min": 0, "max": 4}
    )
    notes: Mapped[str] = text_column()

    case: Mapped[Case] = relationship(back_populates="asam_history")

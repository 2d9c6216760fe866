"""What happened at the meeting, and the follow-up that comes after."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from interventiondesk.model.base import Base, Record, UTCDateTime
from interventiondesk.model.columns import case_fk, enum_column, line_column, text_column
from interventiondesk.model.enums import FollowThrough, OutcomeResult

if TYPE_CHECKING:
    from interventiondesk.model.case import Case
    from interventiondesk.model.roster import Participant


class Outcome(Record, Base):
    """The result of a meeting, or of a later turn (a refusal that became a yes)."""

    __tablename__ = "outcomes"

    case_id: Mapped[str] = case_fk()
    event_id: Mapped[str | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"), nullable=True
    )
    result: Mapped[OutcomeResult] = enum_column(OutcomeResult, nullable=False)
    occurred_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    admitted_to: Mapped[str] = line_column()
    entry_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = text_column()

    case: Mapped[Case] = relationship(back_populates="outcomes")


class FollowUpTask(Record, Base):
    """A follow-up call or task with a due date."""

    __tablename__ = "follow_up_tasks"

    case_id: Mapped[str] = case_fk()
    participant_id: Mapped[str | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), nullable=True
    )
    title: Mapped[str] = line_column()
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    notes: Mapped[str] = text_column()

    case: Mapped[Case] = relationship(back_populates="follow_ups")
    participant: Mapped[Participant | None] = relationship()


class BottomLineCheck(Record, Base):
    """Whether a participant was keeping the bottom line of their letter, as noted on a day.

    Several per participant over time; the latest is the one that stands. ``Participant.
    bottom_line_kept`` carries the latest as yes, no or unknown (see services.outcomes).
    """

    __tablename__ = "bottom_line_checks"

    case_id: Mapped[str] = case_fk()
    participant_id: Mapped[str] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True, nullable=False
    )
    status: Mapped[FollowThrough] = enum_column(FollowThrough, nullable=False)
    noted_on: Mapped[date] = mapped_column(Date, nullable=False)
    notes: Mapped[str] = text_column()

    case: Mapped[Case] = relationship(back_populates="bottom_line_checks")
    participant: Mapped[Participant] = relationship()

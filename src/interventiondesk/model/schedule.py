"""Rehearsals, network meetings, coaching sessions, the intervention meeting and follow-up calls."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from interventiondesk.limits import MAX_DURATION_MINUTES, MIN_DURATION_MINUTES
from interventiondesk.model.base import Base, Record, UTCDateTime
from interventiondesk.model.columns import case_fk, enum_column, line_column, text_column
from interventiondesk.model.enums import AttendeeResponse, EventKind

if TYPE_CHECKING:
    from interventiondesk.model.case import Case
    from interventiondesk.model.roster import Participant


class Event(Record, Base):
    """A dated meeting of the case. ``starts_at`` is UTC; ``timezone`` is where it happens."""

    __tablename__ = "events"

    case_id: Mapped[str] = case_fk()
    kind: Mapped[EventKind] = enum_column(EventKind, nullable=False)
    title: Mapped[str] = line_column()
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)
    duration_minutes: Mapped[int] = mapped_column(
        Integer,
        nullable=False,
        default=60,
        info={"min": MIN_DURATION_MINUTES, "max": MAX_DURATION_MINUTES},
    )
    timezone: Mapped[str] = line_column(64)
    place: Mapped[str] = text_column()
    is_video: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    notes: Mapped[str] = text_column()
    # Coaching sessions (CRAFT-style) log what was practised.
    skills_practised: Mapped[str] = text_column()
    # Set when the meeting was scheduled although required logistics were still open.
    readiness_override: Mapped[str] = text_column()
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    case: Mapped[Case] = relationship(back_populates="events")
    attendees: Mapped[list[EventAttendee]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )


class EventAttendee(Record, Base):
    """A participant invited to an event, and their answer."""

    __tablename__ = "event_attendees"
    __table_args__ = (UniqueConstraint("event_id", "participant_id"),)

    event_id: Mapped[str] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True, nullable=False
    )
    participant_id: Mapped[str] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True, nullable=False
    )
    response: Mapped[AttendeeResponse] = enum_column(
        AttendeeResponse, nullable=False, default=AttendeeResponse.INVITED
    )

    event: Mapped[Event] = relationship(back_populates="attendees")
    participant: Mapped[Participant] = relationship()

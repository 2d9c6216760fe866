"""The case's roster: participants, their roles and when they are available."""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Integer, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from interventiondesk.model.base import Base, Record, UTCDateTime
from interventiondesk.model.columns import case_fk, enum_column, line_column, text_column
from interventiondesk.model.enums import ParticipantRole

if TYPE_CHECKING:
    from interventiondesk.model.case import Case


class Participant(Record, Base):
    """A family member, friend or professional on the intervention team."""

    __tablename__ = "participants"

    case_id: Mapped[str] = case_fk()
    name: Mapped[str] = line_column()
    relationship_to_client: Mapped[str] = line_column()
    phone: Mapped[str] = line_column(60)
    email: Mapped[str] = line_column()
    role: Mapped[ParticipantRole] = enum_column(
        ParticipantRole, nullable=False, default=ParticipantRole.READER
    )
    attending: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    is_minor: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    availability_notes: Mapped[str] = text_column()
    counselor_notes: Mapped[str] = text_column()
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    # After the meeting: did they hold to their bottom line? None until known.
    bottom_line_kept: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    case: Mapped[Case] = relationship(back_populates="participants")
    availability: Mapped[list[AvailabilityWindow]] = relationship(
        back_populates="participant",
        cascade="all, delete-orphan",
        order_by="(AvailabilityWindow.weekday, AvailabilityWindow.starts)",
    )


class AvailabilityWindow(Record, Base):
    """A weekly window when a participant can attend, in the case's meeting time zone."""

    __tablename__ = "availability_windows"

    participant_id: Mapped[str] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True, nullable=False
    )
    weekday: Mapped[int] = mapped_column(Integer, nullable=False)  # 0 = Monday
    starts: Mapped[time] = mapped_column(Time, nullable=False)
    ends: Mapped[time] = mapped_column(Time, nullable=False)
    timezone: Mapped[str] = line_column(64)

    participant: Mapped[Participant] = relationship(back_populates="availability")

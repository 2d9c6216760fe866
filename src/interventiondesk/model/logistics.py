"""The checklist of what must be ready the moment the client says yes."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Date, Integer
from sqlalchemy.orm import Mapped, mapped_column, relationship

from interventiondesk.model.base import Base, Record
from interventiondesk.model.columns import case_fk, enum_column, line_column, text_column
from interventiondesk.model.enums import LogisticsCategory, LogisticsStatus

if TYPE_CHECKING:
    from interventiondesk.model.case import Case


class LogisticsItem(Record, Base):
    """One thing to arrange before the meeting, e.g. "Bed confirmed" or "Bag packed"."""

    __tablename__ = "logistics_items"

    case_id: Mapped[str] = case_fk()
    title: Mapped[str] = line_column()
    category: Mapped[LogisticsCategory] = enum_column(
        LogisticsCategory, nullable=False, default=LogisticsCategory.OTHER
    )
    required: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    status: Mapped[LogisticsStatus] = enum_column(
        LogisticsStatus, nullable=False, default=LogisticsStatus.OPEN
    )
    responsible: Mapped[str] = line_column()
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = text_column()
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    case: Mapped[Case] = relationship(back_populates="logistics")

"""Consents to disclose (42 CFR Part 2 and others) and the record of each disclosure made."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from interventiondesk.model.base import Base, Record, UTCDateTime
from interventiondesk.model.columns import case_fk, enum_column, line_column, text_column
from interventiondesk.model.enums import ConsentKind

if TYPE_CHECKING:
    from interventiondesk.model.case import Case


class Consent(Record, Base):
    """A written consent with every element a Part 2 consent must name."""

    __tablename__ = "consents"

    case_id: Mapped[str] = case_fk()
    kind: Mapped[ConsentKind] = enum_column(ConsentKind, nullable=False, default=ConsentKind.PART2)
    patient_name: Mapped[str] = line_column()
    discloser: Mapped[str] = line_column()
    information: Mapped[str] = text_column()
    recipients: Mapped[str] = text_column()
    purpose: Mapped[str] = text_column()
    revocation_explained: Mapped[bool] = mapped_column(default=False)
    expires_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    expiry_event: Mapped[str] = text_column()
    signed_by: Mapped[str] = line_column()
    signed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    revoked_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    case: Mapped[Case] = relationship(back_populates="consents")


class Disclosure(Record, Base):
    """One disclosure made: who received which records, when and why (for an accounting)."""

    __tablename__ = "disclosures"

    case_id: Mapped[str] = case_fk()
    consent_id: Mapped[str | None] = mapped_column(
        ForeignKey("consents.id", ondelete="SET NULL"), nullable=True
    )
    recipient: Mapped[str] = line_column()
    information: Mapped[str] = text_column()
    purpose: Mapped[str] = text_column()
    disclosed_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    document_sha256: Mapped[str] = mapped_column(String(64), nullable=False, default="")

    case: Mapped[Case] = relationship(back_populates="disclosures")

"""Consents to disclose (42 CFR Part 2 and others) and the record of each disclosure made."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from interventiondesk.model.base import Base, Record, UTCDateTime
from interventiondesk.model.columns import case_fk, enum_column, line_column, text_column
from interventiondesk.model.enums import ConsentKind, ConsentStatus, HandoffSection

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
    signature_method: Mapped[str] = line_column()
    """How it was signed when not in ink on paper (e.g. "electronic signature"); empty: on paper."""
    revoked_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    sections: Mapped[str] = text_column()
    """The handoff sections it covers: ``HandoffSection`` values separated by commas."""

    case: Mapped[Case] = relationship(back_populates="consents")

    @property
    def covered_sections(self) -> frozenset[HandoffSection]:
        return parse_sections(self.sections)

    def status(self, today: date) -> ConsentStatus:
        """Revoked from the day of revocation, expired after its expiry date, active once signed."""
        if self.revoked_on is not None and self.revoked_on <= today:
            return ConsentStatus.REVOKED
        if self.expires_on is not None and self.expires_on < today:
            return ConsentStatus.EXPIRED
        if self.signed_on is None or self.signed_on > today:
            return ConsentStatus.UNSIGNED
        return ConsentStatus.ACTIVE


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
    disclosed_by: Mapped[str] = line_column()
    sections: Mapped[str] = text_column()
    """The handoff sections sent: ``HandoffSection`` values separated by commas."""
    override_reason: Mapped[str] = text_column()
    """Why it was sent without a consent covering it; empty when a consent covered it."""

    case: Mapped[Case] = relationship(back_populates="disclosures")

    @property
    def sent_sections(self) -> frozenset[HandoffSection]:
        return parse_sections(self.sections)


def parse_sections(text: str) -> frozenset[HandoffSection]:
    """The sections named in a stored list; names this version does not know are left out."""
    known = {section.value for section in HandoffSection}
    return frozenset(HandoffSection(name) for name in text.split(",") if name in known)


def join_sections(sections: Iterable[HandoffSection]) -> str:
    """The stored form of a set of sections, in the order the handoff prints them."""
    chosen = set(sections)
    return ",".join(section.value for section in HandoffSection if section in chosen)

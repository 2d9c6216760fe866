"""Letters the family reads, likely objections, templates and the spelling word list."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from interventiondesk.model.base import Base, Record, UTCDateTime
from interventiondesk.model.columns import case_fk, enum_column, line_column, text_column
from interventiondesk.model.enums import InterventionModel, LetterKind, LetterStatus

if TYPE_CHECKING:
    from interventiondesk.model.case import Case
    from interventiondesk.model.roster import Participant

LETTER_SECTIONS = ("connection", "incidents", "impact", "request")
"""The sections of a main letter, in reading order; a bottom-line letter has ``bottom_line``."""


class Letter(Record, Base):
    """A participant's letter: the main letter, or the separate bottom-line letter."""

    __tablename__ = "letters"

    case_id: Mapped[str] = case_fk()
    author_id: Mapped[str] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True, nullable=False
    )
    # Who reads it aloud when the author is absent; None means the author reads it.
    reader_id: Mapped[str | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), nullable=True
    )
    kind: Mapped[LetterKind] = enum_column(LetterKind, nullable=False, default=LetterKind.MAIN)
    connection: Mapped[str] = text_column()
    incidents: Mapped[str] = text_column()
    impact: Mapped[str] = text_column()
    request: Mapped[str] = text_column()
    bottom_line: Mapped[str] = text_column()
    status: Mapped[LetterStatus] = enum_column(
        LetterStatus, nullable=False, default=LetterStatus.DRAFT
    )
    reviewed_by: Mapped[str] = line_column()
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    reading_position: Mapped[int | None] = mapped_column(Integer, nullable=True)
    template_name: Mapped[str] = line_column()
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    case: Mapped[Case] = relationship(back_populates="letters")
    author: Mapped[Participant] = relationship(foreign_keys=[author_id])
    reader: Mapped[Participant | None] = relationship(foreign_keys=[reader_id])


class Objection(Record, Base):
    """Something the client is likely to say, with the prepared answer and who gives it."""

    __tablename__ = "objections"

    case_id: Mapped[str] = case_fk()
    objection: Mapped[str] = text_column()
    answer: Mapped[str] = text_column()
    answered_by_id: Mapped[str | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), nullable=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    case: Mapped[Case] = relationship(back_populates="objections")
    answered_by: Mapped[Participant | None] = relationship()


class LetterTemplate(Record, Base):
    """A practice template the counselor added beside the shipped ones."""

    __tablename__ = "letter_templates"

    name: Mapped[str] = line_column()
    model: Mapped[InterventionModel | None] = enum_column(InterventionModel, nullable=True)
    kind: Mapped[LetterKind] = enum_column(LetterKind, nullable=False, default=LetterKind.MAIN)
    connection: Mapped[str] = text_column()
    incidents: Mapped[str] = text_column()
    impact: Mapped[str] = text_column()
    request: Mapped[str] = text_column()
    bottom_line: Mapped[str] = text_column()


class DictionaryWord(Record, Base):
    """A word the spelling check accepts: names and the counselor's own vocabulary."""

    __tablename__ = "dictionary_words"

    word: Mapped[str] = mapped_column(String(100), unique=True, nullable=False)

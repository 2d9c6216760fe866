"""What a workspace remembers about transfers: marks, shared versions, receipts, conflicts.

These rows belong to the workspace, not to a case's content: they are never in a case file or a
transfer file. ``case_id`` is a plain identity (no foreign key) so that the case file's rule, that
every case-owned table is in the format, keeps holding. See docs/transfers.md.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from interventiondesk.model.base import Base, UTCDateTime, new_id, utcnow


class TransferMark(Base):
    """A case taken to another computer: "at <peer_name> since <since>"."""

    __tablename__ = "transfer_marks"

    case_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    peer_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    peer_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    since: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    transfer_id: Mapped[str] = mapped_column(String(36), nullable=False)


class TransferSnapshot(Base):
    """A case document sent to or received from another workspace: a candidate base."""

    __tablename__ = "transfer_snapshots"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    peer_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    peer_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    direction: Mapped[str] = mapped_column(String(16), nullable=False)
    """``sent`` or ``received``."""
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    document: Mapped[str] = mapped_column(Text, nullable=False)
    """The case document as JSON (inside the encrypted database)."""
    stored_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    file_created_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class TransferReceipt(Base):
    """A transfer file already received: the same file again changes nothing."""

    __tablename__ = "transfer_receipts"

    transfer_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sender_id: Mapped[str] = mapped_column(String(36), nullable=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class TransferConflict(Base):
    """A field (or record) both workspaces changed differently, waiting for the counselor.

    ``mine`` and ``theirs`` hold JSON values as the case file writes them.
    """

    __tablename__ = "transfer_conflicts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    peer_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    part: Mapped[str] = mapped_column(String(64), nullable=False)
    record_id: Mapped[str] = mapped_column(String(36), nullable=False)
    owner_id: Mapped[str] = mapped_column(String(36), nullable=False, default="")
    field: Mapped[str] = mapped_column(String(64), nullable=False)
    mine: Mapped[str] = mapped_column(Text, nullable=False)
    theirs: Mapped[str] = mapped_column(Text, nullable=False)
    mine_changed_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    theirs_changed_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    found_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)

"""Transfers between workspaces: marks, shared versions, receipts and conflicts.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 06:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "transfer_marks",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("peer_id", sa.String(length=36), nullable=True),
        sa.Column("peer_name", sa.String(length=200), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.Column("transfer_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_transfer_marks")),
    )
    op.create_table(
        "transfer_snapshots",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("peer_id", sa.String(length=36), nullable=True),
        sa.Column("peer_name", sa.String(length=200), nullable=False),
        sa.Column("direction", sa.String(length=16), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("stored_at", sa.DateTime(), nullable=False),
        sa.Column("file_created_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_transfer_snapshots")),
    )
    with op.batch_alter_table("transfer_snapshots", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transfer_snapshots_case_id"), ["case_id"], unique=False
        )
    op.create_table(
        "transfer_receipts",
        sa.Column("transfer_id", sa.String(length=36), nullable=False),
        sa.Column("sender_id", sa.String(length=36), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("transfer_id", name=op.f("pk_transfer_receipts")),
    )
    op.create_table(
        "transfer_conflicts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("peer_name", sa.String(length=200), nullable=False),
        sa.Column("part", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("mine", sa.Text(), nullable=False),
        sa.Column("theirs", sa.Text(), nullable=False),
        sa.Column("mine_changed_at", sa.String(length=40), nullable=True),
        sa.Column("theirs_changed_at", sa.String(length=40), nullable=True),
        sa.Column("found_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer_conflicts")),
    )
    with op.batch_alter_table("transfer_conflicts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transfer_conflicts_case_id"), ["case_id"], unique=False
        )


def downgrade() -> None:
    for table in ("transfer_conflicts", "transfer_snapshots"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_case_id"))
    for table in (
        "transfer_conflicts",
        "transfer_receipts",
        "transfer_snapshots",
        "transfer_marks",
    ):
        op.drop_table(table)

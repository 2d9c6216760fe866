"""Consents name the handoff sections they cover and how they were signed; a disclosure records
who made it, which sections it sent, and the reason when no consent covered it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 06:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ADDED = {
    "consents": (
        ("signature_method", sa.String(length=200)),
        ("sections", sa.Text()),
    ),
    "disclosures": (
        ("disclosed_by", sa.String(length=200)),
        ("sections", sa.Text()),
        ("override_reason", sa.Text()),
    ),
}


def upgrade() -> None:
    for table, columns in _ADDED.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, kind in columns:
                # Rows written before this revision get the empty value the editors use.
                batch_op.add_column(sa.Column(name, kind, nullable=False, server_default=""))
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, _kind in columns:
                batch_op.alter_column(name, server_default=None)


def downgrade() -> None:
    for table, columns in _ADDED.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, _kind in reversed(columns):
                batch_op.drop_column(name)

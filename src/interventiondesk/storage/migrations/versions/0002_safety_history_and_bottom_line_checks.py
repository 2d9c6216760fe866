"""Safety-plan revisions, the history of ASAM ratings, and bottom-line checks over time.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 04:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STEPS = (
    "warning_signs",
    "internal_coping",
    "distraction",
    "people_to_ask",
    "professionals",
    "safe_environment",
)


def _identity() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def _case_link(table: str) -> list[sa.Constraint]:
    return [
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f(f"fk_{table}_case_id_cases"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def _case_index(table: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_{table}_case_id"), ["case_id"], unique=False)


def upgrade() -> None:
    op.create_table(
        "bottom_line_checks",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("participant_id", sa.String(length=36), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "kept",
                "not_kept",
                "not_applicable",
                name="followthrough",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        *_identity(),
        *_case_link("bottom_line_checks"),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_bottom_line_checks_participant_id_participants"),
            ondelete="CASCADE",
        ),
    )
    _case_index("bottom_line_checks")
    with op.batch_alter_table("bottom_line_checks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bottom_line_checks_participant_id"), ["participant_id"], unique=False
        )

    op.create_table(
        "safety_plan_revisions",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("revised_at", sa.DateTime(), nullable=False),
        sa.Column("revised_by", sa.String(length=200), nullable=False),
        *(sa.Column(step, sa.Text(), nullable=False) for step in _STEPS),
        *_identity(),
        *_case_link("safety_plan_revisions"),
    )
    _case_index("safety_plan_revisions")

    op.create_table(
        "asam_rating_entries",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("rated_at", sa.DateTime(), nullable=False),
        sa.Column("rated_by", sa.String(length=200), nullable=False),
        sa.Column(
            "dimension",
            sa.Enum(
                "intoxication_withdrawal",
                "biomedical",
                "emotional_behavioural",
                "readiness_to_change",
                "relapse_potential",
                "recovery_environment",
                name="asamdimension",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        *_identity(),
        *_case_link("asam_rating_entries"),
    )
    _case_index("asam_rating_entries")


def downgrade() -> None:
    with op.batch_alter_table("bottom_line_checks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bottom_line_checks_participant_id"))
    for table in ("asam_rating_entries", "safety_plan_revisions", "bottom_line_checks"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_case_id"))
        op.drop_table(table)

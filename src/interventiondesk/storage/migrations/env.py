"""Alembic environment: always run on a connection InterventionDesk has already unlocked."""

from __future__ import annotations

from alembic import context

from interventiondesk.model import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("InterventionDesk migrations run only through storage.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

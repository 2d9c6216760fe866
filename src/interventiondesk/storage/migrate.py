"""Schema migrations: checked cheaply at every open, run through Alembic only when needed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from interventiondesk.errors import DamagedWorkspace, NewerSchema

if TYPE_CHECKING:
    from alembic.config import Config

    from interventiondesk.storage.database import Database

SCHEMA_REVISIONS = ("0001", "0002", "0003", "0004")
"""Every released schema revision, oldest first. A test keeps this in step with the scripts."""
HEAD_REVISION = SCHEMA_REVISIONS[-1]
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def is_empty(conn: Connection) -> bool:
    return not inspect(conn).get_table_names()


def alembic_config(conn: Connection) -> Config:
    from alembic.config import Config  # lazy: alembic costs ~0.4 s to import

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = conn
    return config


def needs_upgrade(db: Database) -> tuple[bool, bool]:
    """(upgrade needed, database already holds data). Refuses a newer schema."""
    with db.engine.connect() as conn:
        revision = current_revision(conn)
        empty = is_empty(conn)
    if revision == HEAD_REVISION:
        return False, not empty
    if revision is not None and revision not in SCHEMA_REVISIONS:
        raise NewerSchema()
    if revision is None and not empty:
        raise DamagedWorkspace(
            "The workspace database holds tables but no schema version, so it was not made by "
            "InterventionDesk or was damaged. Restore it from a backup; nothing was changed."
        )
    return True, not empty


def upgrade(db: Database) -> None:
    """Bring the schema to the newest revision (the caller has taken a backup first)."""
    from alembic import command

    with db.engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")

"""Migrations: the scripts build exactly the model's schema, run on open, and refuse the future."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from interventiondesk.errors import DamagedWorkspace, NewerSchema
from interventiondesk.model import Base
from interventiondesk.storage import migrate
from interventiondesk.storage.database import Database
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE


def test_revision_list_matches_the_migration_scripts() -> None:
    config = migrate.alembic_config(None)  # type: ignore[arg-type]
    scripts = ScriptDirectory.from_config(config)
    chain = [rev.revision for rev in reversed(list(scripts.walk_revisions()))]
    assert tuple(chain) == migrate.SCHEMA_REVISIONS
    assert scripts.get_current_head() == migrate.HEAD_REVISION


def test_migrated_schema_is_exactly_the_model(db: Database) -> None:
    with db.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert differences == []


def test_new_workspace_is_at_head(db: Database) -> None:
    with db.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.HEAD_REVISION


def test_empty_database_is_migrated_on_open(workspace: Workspace) -> None:
    # An empty encrypted database under the workspace's key (as after a crash mid-creation).
    db = workspace.unlock(PASSPHRASE)
    with db.engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(text(f'DROP TABLE "{table.name}"'))
        conn.execute(text("DROP TABLE alembic_version"))
    db.close()
    db = workspace.unlock(PASSPHRASE)
    with db.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.HEAD_REVISION
        assert "cases" in {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
    db.close()
    # Nothing was in it, so no backup was needed.
    assert list(workspace.backup_folder.glob("*.db")) == []


def test_newer_schema_is_refused_and_left_untouched(workspace: Workspace) -> None:
    db = workspace.unlock(PASSPHRASE)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.close()
    before = workspace.database_path.read_bytes()
    with pytest.raises(NewerSchema, match="newer version of InterventionDesk"):
        workspace.unlock(PASSPHRASE)
    assert workspace.database_path.read_bytes() == before


def test_tables_without_a_schema_stamp_are_refused(workspace: Workspace) -> None:
    db = workspace.unlock(PASSPHRASE)
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
    db.close()
    with pytest.raises(DamagedWorkspace, match="no schema version"):
        workspace.unlock(PASSPHRASE)

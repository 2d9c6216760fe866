"""Backups: complete, encrypted under the same key, named without client data, never partial."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from interventiondesk.model import Case
from interventiondesk.services.cases import create_case
from interventiondesk.storage.backup import timestamped_backup
from interventiondesk.storage.database import Database


def test_backup_is_a_complete_encrypted_copy(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        create_case(session, client_name="Orla Backupson", kind="family", model="systemic")
    target = timestamped_backup(db, tmp_path / "backups", "manual")
    assert target.name.endswith("-manual.db")
    assert "Orla" not in target.name
    content = target.read_bytes()
    assert not content.startswith(b"SQLite format 3")
    assert b"Backupson" not in content
    copy = Database(target, db._key)
    with copy.session() as session:
        assert session.scalars(select(Case)).one().client.full_name == "Orla Backupson"
    copy.close()
    assert not list(tmp_path.rglob("*.partial"))

"""Restore's storage half: a backup is read whole before anything is written, and a damaged,
cut-short, foreign, unencrypted or newer file is refused in words."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from interventiondesk.model import Case
from interventiondesk.services.cases import create_case
from interventiondesk.storage.backup import timestamped_backup
from interventiondesk.storage.database import Database, raw_connect
from interventiondesk.storage.keys import new_data_key
from interventiondesk.storage.migrate import HEAD_REVISION
from interventiondesk.storage.restore import (
    RefusedBackup,
    copy_backup_into,
    create_database_from,
    inspect_backup,
)


@pytest.fixture
def backup(db: Database, tmp_path: Path) -> Path:
    with db.session() as session:
        create_case(session, client_name="Rosa Restore", kind="family", model="systemic")
        create_case(session, client_name="Tam Restore", kind="crisis", model="johnson")
    return timestamped_backup(db, tmp_path / "b", "manual")


def _refused(path: Path, key: bytes) -> str:
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(RefusedBackup) as caught:
        inspect_backup(path, key)
    if before is not None:
        assert path.read_bytes() == before  # reading a candidate never changes it
    assert sorted(p.name for p in path.parent.iterdir() if "-wal" in p.name) == []
    return str(caught.value)


def test_a_sound_backup_is_read_whole(db: Database, backup: Path) -> None:
    contents = inspect_backup(backup, db._key)
    assert (contents.revision, contents.cases) == (HEAD_REVISION, 2)


def test_truncated_backups_are_refused(db: Database, backup: Path, tmp_path: Path) -> None:
    data = backup.read_bytes()
    for size in (1, 100, 4096, len(data) // 2, len(data) - 4096, len(data) - 1):
        cut = tmp_path / f"cut-{size}.db"
        cut.write_bytes(data[:size])
        message = _refused(cut, db._key)
        assert "not changed" in message


def test_flipped_bytes_are_refused(db: Database, backup: Path, tmp_path: Path) -> None:
    data = bytearray(backup.read_bytes())
    for offset in (20, 4096 + 50, len(data) // 2, len(data) - 30):
        damaged = tmp_path / f"flip-{offset}.db"
        copy = bytearray(data)
        copy[offset] ^= 0xFF
        damaged.write_bytes(bytes(copy))
        message = _refused(damaged, db._key)
        assert "damaged" in message


def test_foreign_files_are_refused_in_words(db: Database, backup: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    with sqlite3.connect(plain) as conn:
        conn.execute("CREATE TABLE t (x)")
    assert "unencrypted SQLite" in _refused(plain, db._key)
    assert "not a backup of this workspace" in _refused(backup, new_data_key())
    text = tmp_path / "notes.txt"
    text.write_text("not a database at all " * 200)
    assert "not a backup of this workspace" in _refused(text, db._key)
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    assert "empty" in _refused(empty, db._key)
    assert "does not exist" in _refused(tmp_path / "absent.db", db._key)
    assert "not a file" in _refused(tmp_path, db._key)
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.db"
        os.mkfifo(fifo)
        assert "not a file" in _refused(fifo, db._key)


def test_a_keyed_file_without_a_workspace_or_from_a_newer_version_is_refused(
    db: Database, backup: Path, tmp_path: Path
) -> None:
    bare = tmp_path / "bare.db"
    conn = raw_connect(bare, db._key)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    assert "holds no workspace" in _refused(bare, db._key)
    newer = tmp_path / "newer.db"
    newer.write_bytes(backup.read_bytes())
    conn = raw_connect(newer, db._key)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    assert "newer version" in _refused(newer, db._key)


def test_copy_into_replaces_everything_in_one_go(db: Database, backup: Path) -> None:
    with db.session() as session:
        create_case(session, client_name="Later Case", kind="family", model="systemic")
    copy_backup_into(backup, db._key, db)
    with db.session() as session:
        names = sorted(c.client.full_name for c in session.scalars(select(Case)))
    assert names == ["Rosa Restore", "Tam Restore"]
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_create_database_from_a_backup(db: Database, backup: Path, tmp_path: Path) -> None:
    target = tmp_path / "new" / "workspace.db"
    target.parent.mkdir()
    create_database_from(backup, db._key, target)
    made = Database(target, db._key)
    with made.session() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 2
    made.close()
    assert not list(target.parent.glob("*.partial"))

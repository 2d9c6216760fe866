"""Backups: complete, encrypted under the same key, named without client data, never partial."""

from __future__ import annotations

import os
import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from interventiondesk.model import Case
from interventiondesk.services.cases import create_case
from interventiondesk.storage.backup import find_backups, key_path_for, rotate, timestamped_backup
from interventiondesk.storage.database import Database
from interventiondesk.storage.restore import inspect_backup
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE


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


def _fake_backups(folder: Path, stamps: list[str], reason: str = "daily") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for stamp in stamps:
        path = folder / f"{stamp}-{reason}.db"
        path.write_bytes(b"x")
        key_path_for(path).write_bytes(b"{}")
        made.append(path)
    return made


def test_backup_keeps_the_key_file_beside_it_and_is_a_closed_file(
    workspace: Workspace, db: Database, tmp_path: Path
) -> None:
    target = timestamped_backup(
        db, tmp_path / "elsewhere", "manual", key_file=workspace.key_file_bytes()
    )
    assert key_path_for(target).read_bytes() == workspace.key_path.read_bytes()
    # Not left in WAL mode: reading it later creates nothing beside it.
    assert target.read_bytes()[:16] != b"SQLite format 3\x00"  # encrypted, header and all
    assert inspect_backup(target, db._key).cases == 0
    assert sorted(p.name for p in target.parent.iterdir()) == sorted(
        [target.name, key_path_for(target).name]
    )


def test_a_backup_opens_on_its_own_with_the_passphrase_or_the_recovery_key(
    workspace: Workspace, db: Database, tmp_path: Path, recovery_key: str
) -> None:
    with db.session() as session:
        create_case(session, client_name="Ines Alone", kind="family", model="systemic")
    target = timestamped_backup(db, tmp_path / "usb", "manual", key_file=workspace.key_file_bytes())
    for how in ("passphrase", "recovery"):
        folder = tmp_path / f"from-{how}"
        folder.mkdir()
        shutil.copyfile(target, folder / "workspace.db")
        shutil.copyfile(key_path_for(target), folder / "keys.json")
        alone = Workspace(folder)
        opened = (
            alone.unlock(PASSPHRASE)
            if how == "passphrase"
            else alone.unlock_with_recovery_key(recovery_key)
        )
        with opened.session() as session:
            assert session.scalars(select(Case)).one().client.full_name == "Ines Alone"
        opened.close()


def test_rotation_keeps_7_daily_4_weekly_12_monthly_and_the_newest_of_each_reason(
    tmp_path: Path,
) -> None:
    start = datetime(2025, 1, 1, 3, 0, tzinfo=UTC)
    stamps = [(start + timedelta(hours=12 * i)).strftime("%Y%m%dT%H%M%SZ") for i in range(800)]
    daily = _fake_backups(tmp_path, stamps)
    upgrade = _fake_backups(tmp_path, ["20250105T010000Z", "20250106T010000Z"], "before-upgrade")
    removed = rotate(tmp_path)
    kept = {b.path for b in find_backups(tmp_path)}
    assert upgrade[1] in kept and upgrade[0] not in kept  # pre-upgrade backups are pruned too
    kept_daily = sorted(
        (b for b in find_backups(tmp_path) if b.reason == "daily"), key=lambda b: b.taken_at
    )
    newest = kept_daily[-1].taken_at
    assert newest == datetime.strptime(stamps[-1], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    days = {b.taken_at.date() for b in kept_daily}
    assert len([d for d in days if (newest.date() - d).days < 7]) == 7
    months = {(b.taken_at.year, b.taken_at.month) for b in kept_daily}
    assert len(months) == 12
    assert len(kept_daily) <= 7 + 4 + 12
    assert len(removed) == len(daily) + len(upgrade) - len(kept)
    for path in removed:
        assert not key_path_for(path).exists()  # its key file went with it
    # Each kept day holds its newest backup.
    for b in kept_daily:
        same_day = [s for s in stamps if s.startswith(b.taken_at.strftime("%Y%m%d"))]
        assert b.path.name.startswith(max(same_day))


def test_rotation_ignores_files_it_did_not_name_and_removes_old_partials(tmp_path: Path) -> None:
    other = tmp_path / "notes.db"
    other.write_bytes(b"mine")
    partial = tmp_path / "20250101T000000Z-daily.db.partial"
    partial.write_bytes(b"half")
    os.utime(partial, (time.time() - 3600, time.time() - 3600))
    journal = tmp_path / "20250101T000000Z-daily.db.partial-journal"
    orphan = tmp_path / "20250101T000000Z-daily.keys.json"  # its backup was killed
    own = tmp_path / "monday.keys.json"  # not a name rotation gives: never touched
    for path in (journal, orphan, own):
        path.write_bytes(b"x")
        os.utime(path, (time.time() - 3600, time.time() - 3600))
    young = tmp_path / "20250101T000001Z-daily.db.partial"
    young.write_bytes(b"in progress")
    rotate(tmp_path)
    assert other.exists() and young.exists() and own.exists()
    assert not partial.exists() and not journal.exists() and not orphan.exists()

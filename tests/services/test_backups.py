"""Backups and restore as use cases: the daily backup, the chosen folder, restore that backs up
first, refuses bad files leaving every workspace file as it was, and works where no workspace is."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from interventiondesk.model import Case
from interventiondesk.services import audit, backups
from interventiondesk.services.cases import create_case
from interventiondesk.storage import migrate
from interventiondesk.storage.backup import find_backups, key_path_for
from interventiondesk.storage.database import Database
from interventiondesk.storage.restore import RefusedBackup
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE, TEST_KDF
from tests.fixtures.make_workspace_fixture import FIXTURE_PASSPHRASE
from tests.hashes import folder_hashes

FIXTURES = sorted((Path(__file__).resolve().parent.parent / "fixtures").glob("workspace-*"))


def _names(db: Database) -> list[str]:
    with db.session() as session:
        return sorted(c.client.full_name for c in session.scalars(select(Case)))


def _add(db: Database, name: str) -> None:
    with db.session(write=True) as session:
        create_case(session, client_name=name, kind="family", model="systemic")


def test_a_backup_is_recorded_and_the_daily_one_only_when_due(
    workspace: Workspace, db: Database
) -> None:
    first = backups.backup_if_due(workspace, db)
    assert first is not None and first.path.parent == workspace.backup_folder
    assert first.path.name.endswith("-daily.db") and key_path_for(first.path).is_file()
    assert backups.backup_if_due(workspace, db) is None  # the newest is younger than a day
    tomorrow = datetime.now(UTC) + timedelta(days=1, minutes=1)
    assert backups.backup_if_due(workspace, db, now=tomorrow) is not None
    backups.make_backup(workspace, db, "manual")
    with db.session() as session:
        entries = [e for e in audit.events(session) if e.action == "workspace.backup"]
    # The daily backups are named by the unlock's entry; a backup asked for has its own.
    assert [e.detail[:8] for e in entries] == ["manual: "]


def test_backups_go_to_the_chosen_folder_and_fall_back_when_it_is_away(
    workspace: Workspace, db: Database, tmp_path: Path
) -> None:
    usb = tmp_path / "usb" / "InterventionDesk"
    assert backups.set_backup_folder(db, workspace, usb) == usb.resolve()
    done = backups.make_backup(workspace, db, "manual")
    assert done.path.parent == usb.resolve() and not done.note
    shutil.rmtree(tmp_path / "usb")
    (tmp_path / "usb").write_text("the drive is gone; a file stands in its place")
    away = backups.make_backup(workspace, db, "manual")
    assert away.path.parent == workspace.backup_folder
    assert "could not be written" in away.note
    with pytest.raises(Exception, match="inside the workspace folder"):
        backups.set_backup_folder(db, workspace, workspace.folder / "sub")


def test_the_list_reads_every_backup(workspace: Workspace, db: Database, tmp_path: Path) -> None:
    _add(db, "One Case")
    backups.make_backup(workspace, db, "daily")
    _add(db, "Two Case")
    later = backups.make_backup(workspace, db, "manual")
    damaged = later.path.with_name("20200101T000000Z-daily.db")
    damaged.write_bytes(later.path.read_bytes()[:5000])
    entries = backups.list_backups(workspace, db, db._key)
    assert sorted(e.cases for e in entries[:2] if e.cases is not None) == [1, 2]
    assert entries[-1].cases is None and "damaged" in entries[-1].problem
    assert not entries[-1].has_key_file and entries[0].has_key_file


def test_restore_backs_up_first_and_replaces_everything(workspace: Workspace, db: Database) -> None:
    _add(db, "Before Backup")
    backup = backups.make_backup(workspace, db, "manual").path
    _add(db, "After Backup")
    restored = backups.restore_into(workspace, db, backup, db._key)
    assert _names(db) == ["Before Backup"]
    assert restored.safety_copy is not None and restored.safety_copy.name.endswith(
        "-before-restore.db"
    )
    # What the restore replaced is in the safety copy, whole.
    undo = backups.restore_into(workspace, db, restored.safety_copy, db._key)
    assert _names(db) == ["After Backup", "Before Backup"]
    assert undo.contents.cases == 2 and not undo.upgraded
    with db.session() as session:
        actions = [e.action for e in audit.events(session)]
        assert audit.verify(session) == []
    # The trail is the restored copy's own (taken just before the first restore), then the
    # restore, which names the copy of what it replaced.
    assert actions == ["case.created", "workspace.backup", "case.created", "workspace.restored"]
    with db.session() as session:
        assert undo.safety_copy is not None
        assert undo.safety_copy.name in audit.events(session)[-1].detail


def _hostile_files(good: Path, tmp_path: Path, other: Workspace) -> dict[str, Path]:
    data = good.read_bytes()
    files: dict[str, Path] = {}
    for name, content in {
        "truncated": data[: len(data) // 2],
        "one byte": data[:1],
        "flipped": data[:8192] + bytes([data[8192] ^ 1]) + data[8193:],
        "text": b"Dear family, " * 1000,
        "empty": b"",
    }.items():
        path = tmp_path / "hostile" / f"{name.replace(' ', '-')}.db"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content)
        files[name] = path
    other_db, _ = other.create(PASSPHRASE, kdf=TEST_KDF)
    _add(other_db, "Someone Else")
    files["foreign"] = backups.make_backup(other, other_db, "manual").path
    other_db.close()
    return files


def test_bad_files_are_refused_in_words_and_the_workspace_is_left_exactly_as_it_was(
    workspace: Workspace, db: Database, tmp_path: Path
) -> None:
    _add(db, "Keep Me")
    good = backups.make_backup(workspace, db, "manual").path
    hostile = _hostile_files(good, tmp_path, Workspace(tmp_path / "other"))
    before = folder_hashes(workspace.folder)
    for name, path in hostile.items():
        with pytest.raises(RefusedBackup) as caught:
            backups.restore_into(workspace, db, path, db._key)
        message = str(caught.value)
        assert "not changed" in message, name
        if name == "foreign":
            assert "belongs to another workspace" in message
        assert folder_hashes(workspace.folder) == before, name
    assert _names(db) == ["Keep Me"]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_a_backup_restores_where_no_workspace_is_and_every_schema_is_upgraded(
    fixture: Path, tmp_path: Path
) -> None:
    """A backup of each released schema (tests/fixtures) with its key file beside it makes a
    workspace on its own, upgraded to today's schema."""
    usb = tmp_path / "usb"
    usb.mkdir()
    backup = usb / "20250101T000000Z-daily.db"
    shutil.copyfile(fixture / "workspace.db", backup)
    shutil.copyfile(fixture / "keys.json", key_path_for(backup))
    key_file = backups.backup_key_file(backup)
    data_key = key_file.unlock_with_passphrase(FIXTURE_PASSPHRASE)
    target = Workspace(tmp_path / "new-laptop" / "workspace")
    db, restored = backups.restore_where_none(
        target, backup, data_key, key_path_for(backup).read_bytes()
    )
    revision = fixture.name.removeprefix("workspace-")
    assert restored.upgraded == (revision != migrate.HEAD_REVISION)
    with db.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.HEAD_REVISION
    assert len(_names(db)) == restored.contents.cases >= 6
    db.close()
    assert Workspace(target.folder).unlock(FIXTURE_PASSPHRASE) is not None


def test_a_damaged_workspace_is_moved_aside_not_overwritten(
    workspace: Workspace, db: Database, tmp_path: Path
) -> None:
    _add(db, "Saved Earlier")
    good = backups.make_backup(workspace, db, "manual").path
    db.close()
    damaged = workspace.database_path.read_bytes()
    cut = damaged[: len(damaged) // 2]
    workspace.database_path.write_bytes(cut)
    with pytest.raises(Exception, match="damaged"):
        workspace.unlock(PASSPHRASE)
    data_key = workspace.data_key(PASSPHRASE)
    reopened, restored = backups.restore_where_none(
        workspace, good, data_key, workspace.key_file_bytes()
    )
    assert _names(reopened) == ["Saved Earlier"]
    assert restored.safety_copy is not None and restored.safety_copy.read_bytes() == cut
    reopened.close()
    assert find_backups(workspace.backup_folder)


def test_the_window_asks_the_daily_backup_for_an_entry_of_its_own(
    workspace: Workspace, db: Database
) -> None:
    done = backups.backup_if_due(workspace, db, record=True)
    assert done is not None
    with db.session() as session:
        last = audit.events(session)[-1]
    assert (last.action, last.detail) == ("workspace.backup", f"daily: {done.path.name}")


def test_the_newest_sound_backup_is_found_skipping_damaged_ones(
    workspace: Workspace, db: Database, tmp_path: Path
) -> None:
    from tests.storage.test_workspace_recovery import flip_bytes_in_last_page

    assert backups.newest_sound_backup(workspace, db.data_key) is None
    _add(db, "Older One")
    older = backups.make_backup(workspace, db, "manual").path
    usb = tmp_path / "usb"
    backups.set_backup_folder(db, workspace, usb)
    _add(db, "Newer One")
    newer = backups.make_backup(workspace, db, "manual").path
    assert newer.parent == usb.resolve()

    # Without the chosen folder (kept inside the database), only backups/ is looked in.
    found = backups.newest_sound_backup(workspace, db.data_key)
    assert found is not None and found[0].path == older and found[1].cases == 1
    found = backups.newest_sound_backup(workspace, db.data_key, [usb])
    assert found is not None and found[0].path == newer and found[1].cases == 2

    flip_bytes_in_last_page(newer)
    aside = workspace.backup_folder / "29991231T235959Z-damaged.db"
    shutil.copy(older, aside)  # a moved-aside database is never offered, even if it reads
    found = backups.newest_sound_backup(workspace, db.data_key, [usb, tmp_path / "gone"])
    assert found is not None and found[0].path == older
    other_key = bytes(32)
    assert backups.newest_sound_backup(workspace, other_key, [usb]) is None

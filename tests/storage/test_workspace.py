"""The encrypted workspace: creation, unlocking, keys, files and the single-window lock."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from interventiondesk.errors import (
    DamagedWorkspace,
    InterventionDeskError,
    WeakPassphrase,
    WorkspaceExists,
    WorkspaceLocked,
    WorkspaceMissing,
    WrongPassphrase,
)
from interventiondesk.model import Case
from interventiondesk.services.cases import create_case
from interventiondesk.storage.workspace import Workspace, resolve_folder
from tests.conftest import PASSPHRASE, TEST_KDF

SECRET_NAME = "Zephyrine Quillfeather"
SECRET_NOTE = "confidential relapse note 7731"


def _fill(workspace: Workspace) -> None:
    db = workspace.unlock(PASSPHRASE)
    with db.session() as session:
        create_case(
            session,
            client_name=SECRET_NAME,
            kind="crisis",
            model="johnson",
            counselor_notes=SECRET_NOTE,
        )
    db.close()


def test_database_file_is_encrypted_and_holds_no_plaintext(workspace: Workspace) -> None:
    _fill(workspace)
    header = workspace.database_path.read_bytes()[:16]
    assert header != b"SQLite format 3\x00"
    for path in workspace.folder.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert SECRET_NAME.encode() not in content, path.name
            assert SECRET_NOTE.encode() not in content, path.name
            assert SECRET_NAME.encode("utf-16-le") not in content, path.name


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_files_are_private(workspace: Workspace) -> None:
    _fill(workspace)
    assert stat.S_IMODE(workspace.folder.stat().st_mode) == 0o700
    for path in workspace.folder.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path.name


def test_wrong_passphrase_is_refused_in_words(workspace: Workspace) -> None:
    with pytest.raises(WrongPassphrase, match="The passphrase is wrong"):
        workspace.unlock("not the right passphrase at all")


def test_recovery_key_unlocks_and_resets_a_forgotten_passphrase(
    workspace: Workspace, recovery_key: str
) -> None:
    _fill(workspace)
    sloppy = recovery_key.lower().replace("-", " ")
    db = workspace.unlock_with_recovery_key(sloppy)
    with db.session() as session:
        assert session.scalars(select(Case)).one().client.full_name == SECRET_NAME
    db.close()
    new = "a brand new passphrase for winter"
    workspace.reset_passphrase(recovery_key, new, kdf=TEST_KDF)
    with pytest.raises(WrongPassphrase):
        workspace.unlock(PASSPHRASE)
    workspace.unlock(new).close()
    with pytest.raises(WrongPassphrase, match="recovery key is wrong"):
        workspace.unlock_with_recovery_key("AAAA-BBBB-CCCC")


def test_change_passphrase_rewraps_without_touching_the_database(workspace: Workspace) -> None:
    _fill(workspace)
    before = workspace.database_path.read_bytes()
    workspace.change_passphrase(PASSPHRASE, "orchard violin sunrise copper", kdf=TEST_KDF)
    assert workspace.database_path.read_bytes() == before
    with pytest.raises(WrongPassphrase):
        workspace.change_passphrase(PASSPHRASE, "whatever else entirely", kdf=TEST_KDF)
    workspace.unlock("orchard violin sunrise copper").close()


@pytest.mark.parametrize("weak", ["short", "password123", "aaaaaaaaaaaaaaa", "0123456789"])
def test_weak_passphrases_are_refused(tmp_path: Path, weak: str) -> None:
    with pytest.raises(WeakPassphrase):
        Workspace(tmp_path / "ws").create(weak, kdf=TEST_KDF)
    assert not (tmp_path / "ws" / "keys.json").exists()


def test_creating_over_an_existing_workspace_is_refused(workspace: Workspace) -> None:
    with pytest.raises(WorkspaceExists):
        workspace.create(PASSPHRASE, kdf=TEST_KDF)


def test_missing_workspace_says_how_to_create_one(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceMissing, match="interventiondesk init"):
        Workspace(tmp_path / "nothing").unlock(PASSPHRASE)


def test_damaged_key_file_is_restored_from_its_copy(workspace: Workspace) -> None:
    good = workspace.key_path.read_bytes()
    workspace.key_path.write_text("{ this is not json")
    workspace.unlock(PASSPHRASE).close()
    assert workspace.key_path.read_bytes() == good


def test_damaged_key_file_without_a_good_copy(workspace: Workspace) -> None:
    workspace.key_copy_path.unlink()
    workspace.key_path.write_text("{ this is not json")
    with pytest.raises(DamagedWorkspace, match="key file is damaged"):
        workspace.unlock(PASSPHRASE)
    workspace.key_path.write_text(json.dumps({"format": 1, "passphrase": {}, "recovery": {}}))
    with pytest.raises(DamagedWorkspace):
        workspace.unlock(PASSPHRASE)


@pytest.mark.parametrize(
    "params",
    [{"time_cost": 0}, {"time_cost": -1}, {"parallelism": 0}, {"memory_cost_kib": 10**12}],
)
def test_absurd_key_derivation_settings_are_refused(
    workspace: Workspace, params: dict[str, int]
) -> None:
    for path in (workspace.key_path, workspace.key_copy_path):
        data = json.loads(path.read_text())
        data["passphrase"].update(params)
        path.write_text(json.dumps(data))
    with pytest.raises(DamagedWorkspace):
        workspace.unlock(PASSPHRASE)


def test_recovery_key_with_foreign_characters_is_just_wrong(workspace: Workspace) -> None:
    with pytest.raises(WrongPassphrase, match="recovery key"):
        workspace.unlock_with_recovery_key("ÅBCD-١٢٣٤-ÉFGH")


def test_passphrase_change_keeps_the_copy_in_step(workspace: Workspace) -> None:
    workspace.change_passphrase(PASSPHRASE, "orchard violin sunrise copper", kdf=TEST_KDF)
    assert workspace.key_copy_path.read_bytes() == workspace.key_path.read_bytes()
    with pytest.raises(InterventionDeskError, match="same as the current"):
        workspace.change_passphrase(
            "orchard violin sunrise copper", "orchard violin sunrise copper", kdf=TEST_KDF
        )


def test_a_folder_holding_other_files_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "Documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(InterventionDeskError, match="already holds other files"):
        Workspace(folder).create(PASSPHRASE, kdf=TEST_KDF)
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(InterventionDeskError, match="is a file, not a folder"):
        Workspace(tmp_path / "a-file").create(PASSPHRASE, kdf=TEST_KDF)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits and links")
def test_opening_touches_only_our_own_files(workspace: Workspace, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir(mode=0o755)
    outside.chmod(0o755)
    script = outside / "script.sh"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    (workspace.backup_folder / "linked").symlink_to(outside)
    (workspace.folder / "dangling").symlink_to(tmp_path / "nowhere")
    workspace.unlock(PASSPHRASE).close()
    assert stat.S_IMODE(outside.stat().st_mode) == 0o755
    assert stat.S_IMODE(script.stat().st_mode) == 0o755


def test_damaged_or_foreign_database(workspace: Workspace, tmp_path: Path) -> None:
    other = Workspace(tmp_path / "other")
    other.create(PASSPHRASE, kdf=TEST_KDF)[0].close()
    # The right key file with another workspace's database: refused, not overwritten.
    workspace.database_path.write_bytes(other.database_path.read_bytes())
    with pytest.raises(DamagedWorkspace, match="damaged"):
        workspace.unlock(PASSPHRASE)
    workspace.database_path.write_bytes(os.urandom(8192))
    with pytest.raises(DamagedWorkspace):
        workspace.unlock(PASSPHRASE)


def test_an_export_can_never_land_in_an_open_workspace(workspace: Workspace) -> None:
    from interventiondesk.storage.files import write_private_atomically

    db = workspace.unlock(PASSPHRASE)
    before = workspace.key_path.read_bytes()
    for target in (workspace.key_path, workspace.database_path, workspace.backup_folder / "x"):
        with pytest.raises(InterventionDeskError, match="inside the workspace folder"):
            write_private_atomically(target, b"an export")
    db.close()
    assert workspace.key_path.read_bytes() == before


def test_key_file_reveals_nothing_but_wrapped_keys(workspace: Workspace) -> None:
    data = json.loads(workspace.key_path.read_text())
    assert set(data) == {"format", "passphrase", "recovery", "demo_key"}
    assert data["demo_key"] == ""
    assert data["passphrase"]["kdf"] == "argon2id"


def test_second_window_on_the_same_workspace_is_refused(workspace: Workspace) -> None:
    first = Workspace(workspace.folder)
    first.acquire_lock()
    try:
        with pytest.raises(WorkspaceLocked, match="already open"):
            Workspace(workspace.folder).acquire_lock()
    finally:
        first.release_lock()
    second = Workspace(workspace.folder)
    second.acquire_lock()
    second.release_lock()


def test_folder_resolution(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("INTERVENTIONDESK_DATA_DIR", str(tmp_path / "env"))
    assert resolve_folder(None) == tmp_path / "env"
    assert resolve_folder(str(tmp_path / "flag")) == tmp_path / "flag"
    assert resolve_folder(None, demo=True) == tmp_path / "env-demo"  # beside, never inside
    monkeypatch.delenv("INTERVENTIONDESK_DATA_DIR")
    assert resolve_folder(None).name == "workspace"
    assert resolve_folder(None, demo=True).name == "demo"
    assert resolve_folder(None) != resolve_folder(None, demo=True)


def test_the_data_key_without_opening_and_the_key_file_a_backup_keeps(
    workspace: Workspace, recovery_key: str
) -> None:
    key = workspace.data_key(PASSPHRASE)
    assert workspace.data_key(recovery_key, recovery=True) == key
    with pytest.raises(WrongPassphrase):
        workspace.data_key("not it, not at all")
    assert not (workspace.folder / "workspace.db-wal").exists()  # nothing was opened
    assert workspace.key_file_bytes() == workspace.key_path.read_bytes()
    copy = workspace.key_copy_path.read_bytes()
    workspace.key_path.write_text("{damaged")
    assert workspace.key_file_bytes() == copy  # the copy stands in for a damaged keys.json
    db = workspace.open_with_data_key(key)
    db.close()

"""Recovery promises of the workspace: the key file's copy opens it, a damaged, empty or
read-only database is refused in words with nothing written, leftovers of killed runs are
tidied at open."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from interventiondesk.errors import (
    DamagedWorkspace,
    ReadOnlyWorkspace,
    WorkspaceExists,
    WrongPassphrase,
)
from interventiondesk.services.cases import create_case
from interventiondesk.storage.files import STALE_TEMPORARY_SECONDS
from interventiondesk.storage.workspace import KeyRepair, Workspace
from tests.conftest import PASSPHRASE, TEST_KDF


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (by relative name) and the SHA-256 of its content."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink() and path.name != "workspace.lock"
    }


def fill(workspace: Workspace, cases: int = 3) -> None:
    db = workspace.unlock(PASSPHRASE)
    with db.session() as session:
        for i in range(cases):
            create_case(session, client_name=f"Client {i}", kind="crisis", model="johnson")
    db.close()


def flip_bytes_in_last_page(path: Path) -> None:
    """Damage a page far from the schema page, as a failing disk would (4 KiB pages)."""
    data = bytearray(path.read_bytes())
    for offset in range(len(data) - 3000, len(data) - 2900):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


# The key file's copy ------------------------------------------------------------------------


def test_a_deleted_key_file_is_restored_from_its_copy_once_unlocked(workspace: Workspace) -> None:
    good = workspace.key_path.read_bytes()
    workspace.key_path.unlink()
    assert workspace.exists() and not workspace.is_demo()
    assert not workspace.key_path.exists()  # looking writes nothing
    workspace.unlock(PASSPHRASE).close()
    assert workspace.key_repair is KeyRepair.RESTORED
    assert workspace.key_path.read_bytes() == good


def test_a_wrong_passphrase_with_a_damaged_key_file_writes_nothing(workspace: Workspace) -> None:
    workspace.key_path.write_text("{ damaged")
    before = fingerprint(workspace.folder)
    with pytest.raises(WrongPassphrase):
        workspace.unlock("not the passphrase at all")
    assert fingerprint(workspace.folder) == before
    assert workspace.key_repair is None


def test_no_new_workspace_over_a_database_or_a_key_copy(workspace: Workspace) -> None:
    workspace.key_path.unlink()
    with pytest.raises(WorkspaceExists):  # the copy is still there: this is a workspace
        workspace.create(PASSPHRASE, kdf=TEST_KDF)
    workspace.key_copy_path.unlink()
    before = fingerprint(workspace.folder)
    with pytest.raises(DamagedWorkspace, match="database without its key file"):
        workspace.create(PASSPHRASE, kdf=TEST_KDF)
    with pytest.raises(DamagedWorkspace, match="key file is missing"):
        workspace.unlock(PASSPHRASE)
    assert fingerprint(workspace.folder) == before


def test_a_copy_left_behind_by_a_killed_passphrase_change_is_brought_up_to_date(
    workspace: Workspace,
) -> None:
    old_copy = workspace.key_copy_path.read_bytes()
    new = "orchard violin sunrise copper"
    workspace.change_passphrase(PASSPHRASE, new, kdf=TEST_KDF)
    # A kill between the two renames: keys.json has the new passphrase, the copy the old one.
    workspace.key_copy_path.write_bytes(old_copy)
    Workspace(workspace.folder).unlock(new).close()
    assert workspace.key_copy_path.read_bytes() == workspace.key_path.read_bytes()
    # A missing copy (an older workspace never had one) is made at the next open.
    workspace.key_copy_path.unlink()
    Workspace(workspace.folder).unlock(new).close()
    assert workspace.key_copy_path.read_bytes() == workspace.key_path.read_bytes()
    assert stat.S_IMODE(workspace.key_copy_path.stat().st_mode) == 0o600


def test_a_foreign_key_file_does_not_overwrite_a_good_copy(
    workspace: Workspace, tmp_path: Path
) -> None:
    other = Workspace(tmp_path / "other")
    other.create(PASSPHRASE, kdf=TEST_KDF)[0].close()
    good_copy = workspace.key_copy_path.read_bytes()
    workspace.key_path.write_bytes(other.key_path.read_bytes())
    with pytest.raises(DamagedWorkspace):
        workspace.unlock(PASSPHRASE)  # the key opens no page of this database
    assert workspace.key_copy_path.read_bytes() == good_copy


# Stale temporary files ----------------------------------------------------------------------


def test_stale_temporary_key_files_are_removed_at_open_and_nothing_else(
    workspace: Workspace,
) -> None:
    old = time.time() - STALE_TEMPORARY_SECONDS - 60
    stale = [
        workspace.folder / ".tmp-k3x9_a2q.json",
        workspace.backup_folder / ".tmp-00aa11bb.json",
    ]
    kept = [
        workspace.folder / ".tmp-fresh123.json",  # young: may be a write in progress
        workspace.folder / ".tmp-k3x9_a2q.pdf",  # not a key file's temporary name
        workspace.folder / "tmp-k3x9_a2q.json",
        workspace.folder / ".tmp-toolongname.json",
    ]
    for path in stale + kept:
        path.write_text("{}")
        if path.name != ".tmp-fresh123.json":
            os.utime(path, (old, old))
    link = workspace.folder / ".tmp-linkedxx.json"
    link.symlink_to(kept[1])
    os.utime(link, (old, old), follow_symlinks=False)
    workspace.unlock(PASSPHRASE).close()
    assert [p.exists() for p in stale] == [False, False]
    assert all(p.exists() for p in kept) and link.is_symlink()


# The database -----------------------------------------------------------------------------


def test_an_empty_database_beside_its_key_file_is_refused_and_left_alone(
    workspace: Workspace,
) -> None:
    fill(workspace)
    workspace.database_path.write_bytes(b"")
    before = fingerprint(workspace.folder)
    with pytest.raises(DamagedWorkspace, match=r"workspace\.db\) is empty"):
        workspace.unlock(PASSPHRASE)
    assert fingerprint(workspace.folder) == before
    assert workspace.database_path.stat().st_size == 0


def test_a_missing_database_is_refused_and_not_created(workspace: Workspace) -> None:
    workspace.database_path.unlink()
    before = fingerprint(workspace.folder)
    with pytest.raises(DamagedWorkspace, match="is missing"):
        workspace.unlock(PASSPHRASE)
    assert fingerprint(workspace.folder) == before


def test_a_database_that_is_a_folder_has_its_own_sentence(workspace: Workspace) -> None:
    workspace.database_path.unlink()
    workspace.database_path.mkdir()
    with pytest.raises(DamagedWorkspace, match="is a folder, not a file"):
        workspace.unlock(PASSPHRASE)


@pytest.mark.parametrize("damage", ["bit flips", "truncated"])
def test_a_damaged_database_is_refused_before_anything_is_written(
    workspace: Workspace, damage: str
) -> None:
    fill(workspace, cases=12)
    if damage == "bit flips":
        flip_bytes_in_last_page(workspace.database_path)
    else:
        size = workspace.database_path.stat().st_size
        with workspace.database_path.open("r+b") as handle:
            handle.truncate(size // 2 + 100)
    workspace.key_path.write_text("{ damaged too")  # so that a repair would show, were it made
    before = fingerprint(workspace.folder)
    with pytest.raises(DamagedWorkspace, match="damaged"):
        workspace.unlock(PASSPHRASE)
    assert fingerprint(workspace.folder) == before
    assert workspace.key_repair is None


# Read-only -----------------------------------------------------------------------------------


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make ``path`` (a folder or a file) truly unwritable for this process: no write
    permission for an ordinary user; for the superuser (whom modes do not stop) the immutable
    attribute, which stops everyone."""
    if os.geteuid() != 0:
        mode = stat.S_IMODE(path.stat().st_mode)
        path.chmod(mode & ~0o222)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    assert done.returncode == 0, "the superuser needs chattr +i to make a file read-only"
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@pytest.mark.parametrize("what", ["folder", "database file"])
def test_a_read_only_workspace_is_said_as_such_not_as_damage(
    workspace: Workspace, what: str
) -> None:
    fill(workspace)
    target = workspace.folder if what == "folder" else workspace.database_path
    before = fingerprint(workspace.folder)
    with read_only(target):
        with pytest.raises(OSError):  # it really is unwritable here, even for the superuser
            if what == "folder":
                (workspace.folder / "probe").touch()
            else:
                workspace.database_path.open("r+b").close()
        with pytest.raises(ReadOnlyWorkspace, match="cannot be written to") as refused:
            Workspace(workspace.folder).unlock(PASSPHRASE)
        assert "damaged" not in str(refused.value)
    assert fingerprint(workspace.folder) == before
    workspace.unlock(PASSPHRASE).close()

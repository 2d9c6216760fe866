"""The command line keeps the recovery promises: the key file's copy opens the workspace (and
says so), damaged, empty or read-only workspaces are refused in one sentence with nothing
written, and undecodable passphrases are named as such."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from interventiondesk.cli import main
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.storage.test_workspace_recovery import (
    fill,
    fingerprint,
    flip_bytes_in_last_page,
    read_only,
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)


@pytest.mark.parametrize("damage", ["deleted", "damaged"])
def test_the_key_files_copy_opens_the_workspace_and_says_so(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], passphrase: None, damage: str
) -> None:
    fill(workspace, cases=2)
    good = workspace.key_path.read_bytes()
    if damage == "deleted":
        workspace.key_path.unlink()
    else:
        workspace.key_path.write_text('{"format": 1, "passphrase": {"nonce": ""}}')
    code, out, err = run(capsys, "--data-dir", str(workspace.folder), "cases")
    assert code == 0, err
    assert "Client 0" in out
    assert err.count("\n") == 1
    assert err.startswith("interventiondesk: note: keys.json was missing or damaged")
    assert "restored" in err
    assert workspace.key_path.read_bytes() == good
    code, _out, err = run(capsys, "--data-dir", str(workspace.folder), "cases")
    assert code == 0 and err == ""  # said once, when it happened


def test_change_passphrase_with_a_deleted_key_file_uses_the_copy(
    workspace: Workspace,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    passphrase: None,
) -> None:
    workspace.key_path.unlink()
    monkeypatch.setenv("INTERVENTIONDESK_NEW_PASSPHRASE", "marble otter climbs seventeen ladders")
    code, out, err = run(capsys, "--data-dir", str(workspace.folder), "change-passphrase")
    assert code == 0 and "was changed" in out, err
    assert "note: keys.json was missing or damaged" in err
    assert workspace.key_path.read_bytes() == workspace.key_copy_path.read_bytes()


def test_init_never_creates_a_workspace_over_a_database(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], passphrase: None
) -> None:
    workspace.key_path.unlink()
    code, _, err = run(capsys, "--data-dir", str(workspace.folder), "init")
    assert code == 1
    assert (
        err == "interventiondesk: A workspace already exists in this folder; nothing was changed.\n"
    )
    workspace.key_copy_path.unlink()
    before = fingerprint(workspace.folder)
    code, _, err = run(capsys, "--data-dir", str(workspace.folder), "init")
    assert code == 1 and len(err.splitlines()) == 1
    assert "holds a workspace database without its key file" in err
    assert "a new workspace is not created over it" in err
    code, _, err = run(capsys, "--data-dir", str(workspace.folder), "cases")
    assert code == 1 and "key file is missing" in err and "init" not in err
    assert fingerprint(workspace.folder) == before


def test_an_empty_database_is_refused_and_left_as_it_is(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], passphrase: None
) -> None:
    fill(workspace)
    workspace.database_path.write_bytes(b"")
    before = fingerprint(workspace.folder)
    code, out, err = run(capsys, "--data-dir", str(workspace.folder), "cases")
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and "workspace.db) is empty" in err
    assert fingerprint(workspace.folder) == before


@pytest.mark.parametrize("damage", ["bit flips", "truncated"])
def test_a_failing_command_on_a_damaged_database_writes_nothing(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], passphrase: None, damage: str
) -> None:
    fill(workspace, cases=12)
    if damage == "bit flips":
        flip_bytes_in_last_page(workspace.database_path)
    else:
        data = workspace.database_path.read_bytes()
        workspace.database_path.write_bytes(data[: len(data) // 2 + 100])
    before = fingerprint(workspace.folder)
    for command in (["cases"], ["cases", "--all"], ["import-case", str(workspace.folder / "x")]):
        code, _, err = run(capsys, "--data-dir", str(workspace.folder), *command)
        assert code == 1 and len(err.splitlines()) == 1
        assert "damaged" in err and "unexpected" not in err
        assert fingerprint(workspace.folder) == before


def test_a_database_that_is_a_folder_has_its_own_sentence(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], passphrase: None
) -> None:
    workspace.database_path.unlink()
    workspace.database_path.mkdir()
    code, _, err = run(capsys, "--data-dir", str(workspace.folder), "cases")
    assert code == 1
    assert "workspace.db) is a folder, not a file" in err and "unexpected" not in err


def test_a_read_only_workspace_is_said_to_be_read_only(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], passphrase: None
) -> None:
    fill(workspace)
    before = fingerprint(workspace.folder)
    with read_only(workspace.folder):
        code, _, err = run(capsys, "--data-dir", str(workspace.folder), "cases")
    assert code == 1 and len(err.splitlines()) == 1
    assert "cannot be written to" in err and "damaged" not in err
    assert fingerprint(workspace.folder) == before


def test_a_passphrase_that_is_not_utf8_has_its_own_sentence(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # In-process: the variable as Python hands undecodable bytes over (surrogate escapes).
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", os.fsdecode(b"quiet \xff harbour lantern"))
    code, _, err = run(capsys, "--data-dir", str(workspace.folder), "cases")
    assert code == 1
    assert err == (
        "interventiondesk: INTERVENTIONDESK_PASSPHRASE holds bytes that are not valid UTF-8 "
        "text, so it cannot be used; set it to the text itself. Nothing was changed.\n"
    )
    # A real process with real bytes in its environment.
    env = {k: v for k, v in os.environb.items() if k != b"INTERVENTIONDESK_PASSPHRASE"}
    env[b"INTERVENTIONDESK_PASSPHRASE"] = b"quiet \xff\xfe harbour lantern"
    done = subprocess.run(
        [sys.executable, "-m", "interventiondesk", "--data-dir", str(workspace.folder), "cases"],
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert b"not valid UTF-8" in done.stderr and b"unexpected" not in done.stderr


def test_bytes_that_are_not_utf8_typed_at_the_terminal(workspace: Workspace) -> None:
    import pexpect

    child = pexpect.spawn(
        sys.executable,
        ["-m", "interventiondesk", "--data-dir", str(workspace.folder), "cases"],
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "INTERVENTIONDESK_PASSPHRASE"}
        | {"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8"},
    )
    child.expect(b"Passphrase: ")
    child.send(b"quiet \xff\xfe harbour\r")
    child.expect(b"not valid UTF-8 text")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert b"Traceback" not in (child.before or b"")


def test_stale_temporary_files_are_tidied_when_a_command_opens_the_workspace(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], passphrase: None
) -> None:
    stale = workspace.folder / ".tmp-abcd1234.json"
    stale.write_text("{}")
    os.utime(stale, (1_000_000_000, 1_000_000_000))
    assert run(capsys, "--data-dir", str(workspace.folder), "cases")[0] == 0
    assert not stale.exists()


def test_a_key_copy_with_the_old_passphrase_is_brought_up_to_date(
    workspace: Workspace,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    passphrase: None,
) -> None:
    old_copy = workspace.key_copy_path.read_bytes()
    new = "marble otter climbs seventeen ladders"
    monkeypatch.setenv("INTERVENTIONDESK_NEW_PASSPHRASE", new)
    assert run(capsys, "--data-dir", str(workspace.folder), "change-passphrase")[0] == 0
    workspace.key_copy_path.write_bytes(old_copy)  # as if killed between the two renames
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", new)
    code, _, err = run(capsys, "--data-dir", str(workspace.folder), "cases")
    assert code == 0 and err == ""
    assert workspace.key_copy_path.read_bytes() == workspace.key_path.read_bytes()
    # The copy now opens the workspace with the new passphrase on its own.
    workspace.key_path.unlink()
    Workspace(Path(workspace.folder)).unlock(new).close()

"""``backup``, ``backups``, ``restore``, ``check`` and ``audit verify|list`` from the command
line, as a counselor or a script uses them; refusals leave every workspace file as it was."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pexpect
import pytest
from sqlalchemy import update

from interventiondesk.model import AuditEvent
from interventiondesk.services.cases import archive_case, create_case, restore_case
from interventiondesk.storage.backup import key_path_for
from interventiondesk.storage.keys import new_data_key
from interventiondesk.storage.migrate import HEAD_REVISION
from interventiondesk.storage.workspace import Workspace
from tests.cli.running import run, spawn
from tests.conftest import PASSPHRASE, TEST_KDF
from tests.hashes import folder_hashes

SECRET = "Zephyrine Quillfeather"


@pytest.fixture
def ws(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """The test workspace with one case, unlocked from the environment."""
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    db = workspace.unlock(PASSPHRASE)
    with db.session() as session:
        create_case(session, client_name=SECRET, kind="family", model="systemic")
    db.close()
    return workspace


def cli(capsys: pytest.CaptureFixture[str], ws: Workspace, *argv: str) -> tuple[int, str, str]:
    return run(capsys, "--data-dir", str(ws.folder), *argv)


def _one_line_error(code: int, err: str) -> str:
    assert code != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("interventiondesk: "), err
    assert "Traceback" not in err
    return lines[0]


def test_backup_to_a_file_and_the_list(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "usb" / "monday.db"
    target.parent.mkdir()
    code, out, err = cli(capsys, ws, "backup", "-o", str(target))
    assert (code, err) == (0, ""), err
    assert target.is_file() and key_path_for(target).is_file()
    assert "monday.keys.json" in out
    # Not over an existing file unasked, and never inside the workspace.
    code, _, err = cli(capsys, ws, "backup", "-o", str(target))
    assert "already exists" in _one_line_error(code, err)
    code, _, err = cli(capsys, ws, "backup", "-o", str(ws.folder / "backups" / "x.db"))
    assert "inside the workspace folder" in _one_line_error(code, err)

    code, out, _ = cli(capsys, ws, "backups", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["reason"] for r in rows] == ["daily"]  # taken at the first unlock
    assert set(rows[0]) == {
        "path",
        "taken_at",
        "reason",
        "size",
        "cases",
        "key_file",
        "sound",
        "problem",
    }
    assert (rows[0]["cases"], rows[0]["key_file"], rows[0]["sound"]) == (1, True, True)
    code, out, _ = cli(capsys, ws, "backup")
    assert code == 0 and "-manual.db" in out
    code, out, _ = cli(capsys, ws, "backups")
    assert code == 0 and "Backup folder:" in out and "manual" in out and "daily" in out
    assert SECRET not in out


def test_the_backup_folder_can_be_elsewhere(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    synced = tmp_path / "Synced" / "InterventionDesk backups"
    code, out, _ = cli(capsys, ws, "backups", "--set-folder", str(synced))
    assert code == 0 and "from now on" in out
    code, out, _ = cli(capsys, ws, "backup")
    assert code == 0 and str(synced.resolve()) in out
    assert len(list(synced.glob("*-manual.db"))) == 1
    assert len(list(synced.glob("*-manual.keys.json"))) == 1


def test_restore_replaces_after_backing_up_and_says_so(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "b.db"
    assert cli(capsys, ws, "backup", "-o", str(backup))[0] == 0
    db = ws.unlock(PASSPHRASE)
    with db.session() as session:
        create_case(session, client_name="Added Later", kind="crisis", model="johnson")
    db.close()
    code, out, err = cli(capsys, ws, "restore", str(backup))
    assert "add --yes" in _one_line_error(code, err)
    code, out, err = cli(capsys, ws, "restore", str(backup), "--yes")
    assert code == 0, err
    assert "before-restore.db" in out and "Restored 1 cases." in out
    code, out, _ = cli(capsys, ws, "cases", "--json")
    assert [c["client_name"] for c in json.loads(out)] == [SECRET]


def test_hostile_files_given_to_restore_change_nothing(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.db"
    assert cli(capsys, ws, "backup", "-o", str(good))[0] == 0
    data = good.read_bytes()
    other = Workspace(tmp_path / "other")
    other_db, _ = other.create(PASSPHRASE, kdf=TEST_KDF)
    other_db.close()
    foreign = tmp_path / "foreign.db"
    assert run(capsys, "--data-dir", str(other.folder), "backup", "-o", str(foreign))[0] == 0
    files = {
        "truncated": data[: len(data) // 3],
        "flipped": data[:5000] + bytes([data[5000] ^ 0x40]) + data[5001:],
        "text": b"Hello, this is a letter and not a backup.\n" * 50,
        "empty": b"",
    }
    paths = [foreign, tmp_path / "missing.db", tmp_path]
    for name, content in files.items():
        (tmp_path / f"{name}.db").write_bytes(content)
        paths.append(tmp_path / f"{name}.db")
    before = folder_hashes(ws.folder)
    for path in paths:
        code, _, err = cli(capsys, ws, "restore", str(path), "--yes")
        line = _one_line_error(code, err)
        assert "not changed" in line, line
        assert folder_hashes(ws.folder) == before, path.name
    assert "another workspace" in _one_line_error(
        *cli(capsys, ws, "restore", str(foreign), "--yes")[::2]
    )


def test_a_backup_makes_a_workspace_on_a_new_machine(
    ws: Workspace,
    tmp_path: Path,
    recovery_key: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backup = tmp_path / "usb" / "b.db"
    backup.parent.mkdir()
    assert cli(capsys, ws, "backup", "-o", str(backup))[0] == 0
    new = tmp_path / "new-laptop"
    code, out, err = run(capsys, "--data-dir", str(new), "restore", str(backup), "--yes")
    assert code == 0, err
    assert "A workspace was made" in out
    code, out, _ = run(capsys, "--data-dir", str(new), "cases", "--json")
    assert [c["client_name"] for c in json.loads(out)] == [SECRET]
    # With the recovery key alone (the passphrase forgotten).
    monkeypatch.delenv("INTERVENTIONDESK_PASSPHRASE")
    monkeypatch.setenv("INTERVENTIONDESK_RECOVERY_KEY", recovery_key)
    other = tmp_path / "second-laptop"
    code, out, err = run(
        capsys, "--data-dir", str(other), "restore", str(backup), "--yes", "--recovery-key"
    )
    assert code == 0, err
    # Without its key file beside it, a backup cannot make a workspace: said in words.
    key_path_for(backup).unlink()
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "third"), "restore", str(backup))
    assert "key file" in _one_line_error(code, err)
    assert not (tmp_path / "third").exists()


def test_restore_at_a_terminal_asks_first(ws: Workspace, tmp_path: Path) -> None:
    backup = tmp_path / "b.db"
    db = ws.unlock(PASSPHRASE)
    from interventiondesk.services.backups import make_backup

    make_backup(ws, db, "manual", to_file=backup)
    db.close()
    child = spawn("--data-dir", str(ws.folder), "restore", str(backup))
    child.expect("Passphrase: ")
    child.sendline(PASSPHRASE)
    child.expect(r"holds 1 cases\. Restore it")
    child.sendline("n")
    child.expect("Nothing was restored.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    child = spawn("--data-dir", str(ws.folder), "restore", str(backup))
    child.expect("Passphrase: ")
    child.sendline(PASSPHRASE)
    child.expect(r"\[y/N\]")
    child.sendline("y")
    child.expect("Restored 1 cases.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_check_reports_each_finding_and_fails_on_any_problem(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, ws, "check")
    assert code == 1 and "PROBLEM  There is no backup yet." in out
    assert cli(capsys, ws, "backup")[0] == 0
    code, out, err = cli(capsys, ws, "check")
    assert code == 0, out + err
    lines = out.strip().splitlines()
    assert all(line.startswith("ok") for line in lines)
    assert any("integrity check" in line for line in lines)
    assert any("SQLCipher" in line for line in lines)
    assert any(f"schema is the current one ({HEAD_REVISION})" in line for line in lines)
    assert any("audit trail is intact" in line for line in lines)
    ws.key_copy_path.write_text("{damaged")
    code, out, _ = cli(capsys, ws, "check", "--json")
    findings = {f["code"]: f for f in json.loads(out)}
    assert code == 1 and not findings["key-copy"]["ok"] and findings["integrity"]["ok"]


def _tamper(ws: Workspace, seq: int) -> None:
    db = ws.unlock(PASSPHRASE)
    with db.session() as session:
        session.execute(update(AuditEvent).where(AuditEvent.seq == seq).values(detail="edited"))
    db.close()


def test_audit_verify_names_the_first_broken_entry(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, ws, "audit", "verify")
    assert code == 0 and "intact" in out
    _tamper(ws, 1)
    code, _, err = cli(capsys, ws, "audit", "verify")
    line = _one_line_error(code, err)
    assert "broken at entry 1 (case.created" in line and "changed after it was written" in line
    code, out, _ = cli(capsys, ws, "check")
    assert code == 1 and "PROBLEM  The audit trail is broken at entry 1" in out


def test_audit_list_for_one_case_and_in_json(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, ws, "cases", "--json")
    reference = json.loads(out)[0]["reference"]
    code, out, _ = cli(capsys, ws, "audit", "list", "--case", reference, "--json")
    rows = json.loads(out)
    assert code == 0 and [r["action"] for r in rows] == ["case.created"]
    assert rows[0]["case_reference"] == reference
    assert set(rows[0]) == {
        "seq",
        "id",
        "at",
        "actor",
        "action",
        "case_id",
        "case_reference",
        "detail",
    }
    code, out, _ = cli(capsys, ws, "audit", "list")
    assert code == 0 and "workspace.unlocked" in out and reference in out
    code, _, err = cli(capsys, ws, "audit", "list", "--case", "IN-NONE0")
    assert "No case" in _one_line_error(code, err)


def test_wrong_passphrases_slow_down_and_are_recorded(
    ws: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", "not the passphrase at all")
    for _ in range(3):
        code, _, err = cli(capsys, ws, "cases")
        assert "passphrase is wrong" in _one_line_error(code, err)
    started = time.monotonic()
    code, _, err = cli(capsys, ws, "cases")
    assert time.monotonic() - started >= 0.9  # the fourth attempt waited about a second
    assert "waiting 1 second before" in err and "passphrase is wrong" in err
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    time.sleep(2)
    code, out, _ = cli(capsys, ws, "audit", "list", "--json")
    rows = json.loads(out)
    failed = [r for r in rows if r["action"] == "workspace.unlock_failed"]
    assert len(failed) == 1 and failed[0]["detail"].startswith("4 failed attempts")
    assert "not the passphrase" not in out


def test_damaged_truncated_and_foreign_databases_are_refused_at_unlock_unchanged(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = ws.database_path.read_bytes()
    other = Workspace(tmp_path / "other")
    db, _ = other.create(PASSPHRASE, kdf=TEST_KDF)
    db.close()
    variants = {
        "truncated": original[: len(original) // 2],
        "flipped": original[:9000] + bytes([original[9000] ^ 1]) + original[9001:],
        "foreign": other.database_path.read_bytes(),
        "random": new_data_key() * 2048,
    }
    for name, content in variants.items():
        ws.database_path.write_bytes(content)
        before = folder_hashes(ws.folder)
        code, _, err = cli(capsys, ws, "cases")
        assert "damaged" in _one_line_error(code, err), name
        assert folder_hashes(ws.folder) == before, name
    ws.database_path.write_bytes(original)


def test_the_trail_records_every_deliberate_act_and_no_client_text(
    ws: Workspace,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, out, _ = cli(capsys, ws, "cases", "--json")
    reference = json.loads(out)[0]["reference"]
    case_id = json.loads(out)[0]["id"]
    exported = tmp_path / f"{SECRET}.json"  # a file name that names the client
    assert cli(capsys, ws, "export-case", reference, "-o", str(exported))[0] == 0
    assert cli(capsys, ws, "import-case", str(exported))[0] == 0
    db = ws.unlock(PASSPHRASE)
    with db.session(write=True) as session:
        archive_case(session, case_id)
        restore_case(session, case_id)
    db.close()
    backup = tmp_path / f"{SECRET}.db"
    assert cli(capsys, ws, "backup", "-o", str(backup))[0] == 0
    assert cli(capsys, ws, "restore", str(backup), "--yes")[0] == 0
    # The restored trail is the backup's own: a backup taken before it is recorded after.
    assert cli(capsys, ws, "backup", "-o", str(tmp_path / "again.db"))[0] == 0
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", "wrong wrong wrong wrong")
    assert cli(capsys, ws, "cases")[0] == 1
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("INTERVENTIONDESK_NEW_PASSPHRASE", "marble otter climbs seventeen ladders")
    assert cli(capsys, ws, "change-passphrase")[0] == 0
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", "marble otter climbs seventeen ladders")
    code, out, _ = cli(capsys, ws, "audit", "list", "--json")
    rows = json.loads(out)
    actions = {r["action"] for r in rows}
    assert {
        "workspace.unlocked",
        "workspace.unlock_failed",
        "case.exported",
        "case.imported",
        "case.archived",
        "case.restored",
        "workspace.backup",
        "workspace.restored",
        "workspace.passphrase_changed",
    } <= actions
    for word in SECRET.split():
        assert word not in out
    code, out, _ = cli(capsys, ws, "audit", "verify")
    assert code == 0


def test_restore_is_refused_while_a_window_has_the_workspace(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "b.db"
    assert cli(capsys, ws, "backup", "-o", str(backup))[0] == 0
    window = Workspace(ws.folder)
    window.acquire_lock()
    try:
        before = folder_hashes(ws.folder)
        code, _, err = cli(capsys, ws, "restore", str(backup), "--yes")
        assert "already open" in _one_line_error(code, err)
        assert folder_hashes(ws.folder) == before
    finally:
        window.release_lock()
    shutil.rmtree(tmp_path / "nothing", ignore_errors=True)


def test_a_wrong_passphrase_for_a_change_counts_as_a_failed_unlock(
    ws: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", "a guess that is wrong")
    monkeypatch.setenv("INTERVENTIONDESK_NEW_PASSPHRASE", "marble otter climbs seventeen ladders")
    code, _, err = cli(capsys, ws, "change-passphrase")
    assert "passphrase is wrong" in _one_line_error(code, err)
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    code, out, _ = cli(capsys, ws, "audit", "list", "--json")
    assert [r["detail"][:16] for r in json.loads(out) if r["action"].endswith("failed")] == [
        "1 failed attempt"
    ]


def test_restore_over_a_damaged_workspace_moves_it_aside(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "b.db"
    assert cli(capsys, ws, "backup", "-o", str(backup))[0] == 0
    data = ws.database_path.read_bytes()
    ws.database_path.write_bytes(data[: len(data) // 2])
    code, _, err = cli(capsys, ws, "cases")
    assert "damaged" in _one_line_error(code, err)
    code, out, err = cli(capsys, ws, "restore", str(backup), "--yes")
    assert code == 0, err
    assert "moved aside" in out and "-damaged.db" in out
    assert [p.stat().st_size for p in ws.backup_folder.glob("*-damaged.db")] == [len(data) // 2]
    code, out, _ = cli(capsys, ws, "cases", "--json")
    assert [c["client_name"] for c in json.loads(out)] == [SECRET]
    code, out, _ = cli(capsys, ws, "backups")
    assert "damaged" in out  # listed, and said to be damaged

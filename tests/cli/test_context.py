"""What every command shares (``cli/context.py``): choosing the workspace, unlocking it once,
asking for secrets, the demo workspace's rules, safe output paths and terminal-safe text."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pexpect
import pytest
from sqlalchemy import select

from interventiondesk.cli.context import CliContext, one_line, safe
from interventiondesk.errors import InterventionDeskError
from interventiondesk.model import AuditEvent
from interventiondesk.storage.workspace import Workspace
from tests.cli.running import run, seed, spawn
from tests.conftest import PASSPHRASE


def test_data_dir_from_the_environment(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTERVENTIONDESK_DATA_DIR", str(workspace.folder))
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    code, out, _ = run(capsys, "cases")
    assert code == 0 and out.strip() == "No cases."


def test_missing_workspace_and_no_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "none"), "cases")
    assert code == 1 and "interventiondesk init" in err
    monkeypatch.setattr(sys, "stdin", open("/dev/null"))  # noqa: SIM115 - closed by pytest
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "ws"), "init")
    assert code == 1 and "INTERVENTIONDESK_NEW_PASSPHRASE" in err


def test_unlocks_from_the_command_line_are_audited(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    for _ in range(2):
        assert run(capsys, "--data-dir", str(workspace.folder), "cases")[0] == 0
    db = workspace.unlock(PASSPHRASE)
    with db.session() as s:
        actions = [e.action for e in s.scalars(select(AuditEvent))]
    db.close()
    assert actions.count("workspace.unlocked") == 2


def test_demo_workspace_rules(
    tmp_path: Path,
    workspace: Workspace,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real, demo = str(workspace.folder), str(tmp_path / "demo")
    # "demo" without --demo never makes an unencrypted workspace where a real one belongs.
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "empty"), "demo")
    assert code == 1 and "--demo" in err and not (tmp_path / "empty").exists()
    # --demo makes and fills the separate demo workspace, with no passphrase.
    code, out, err = run(capsys, "--demo", "--data-dir", demo, "demo")
    assert code == 0 and "fictional cases" in out, err
    code, out, _ = run(capsys, "--demo", "--data-dir", demo, "cases", "--json")
    assert len(json.loads(out)) >= 6
    # --demo never opens a real workspace, and real-only acts are refused on a demo one.
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    code, _, err = run(capsys, "--demo", "--data-dir", real, "cases")
    assert code == 1 and "real workspace" in err
    code, _, err = run(capsys, "--demo", "--data-dir", demo, "change-passphrase")
    assert code == 1 and "demo workspace" in err
    # Cases sent from the demo could never come back (it receives none).
    reference = json.loads(run(capsys, "--demo", "--data-dir", demo, "cases", "--json")[1])[0]
    away = tmp_path / "away.idtransfer"
    code, _, err = run(
        capsys,
        "--demo",
        "--data-dir",
        demo,
        "transfer-out",
        reference["reference"],
        "-o",
        str(away),
    )
    assert code == 1 and "taking cases to another computer is not allowed" in err
    assert not away.exists()
    code, _, err = run(capsys, "--demo", "--data-dir", str(tmp_path / "d2"), "init")
    assert code == 1 and "demo" in err
    case_file = tmp_path / "case.json"
    case_file.write_text("{}")
    code, _, err = run(capsys, "--data-dir", demo, "import-case", str(case_file))
    assert code == 1 and "not allowed there" in err
    # Adding fictional cases to a real workspace needs a yes.
    monkeypatch.setattr(sys, "stdin", open("/dev/null"))  # noqa: SIM115 - closed by pytest
    code, _, err = run(capsys, "--data-dir", real, "demo")
    assert code == 1 and "--yes" in err
    code, out, err = run(capsys, "--data-dir", real, "demo", "--yes")
    assert code == 0 and "Added" in out, err


def test_exports_never_overwrite_without_asking_or_land_in_the_workspace(
    workspace: Workspace,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reference = seed(workspace)["a_ref"]
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(sys, "stdin", open("/dev/null"))  # noqa: SIM115 - closed by pytest
    d = str(workspace.folder)
    keys_before = workspace.key_path.read_bytes()
    for command, name in (("export-case", "x.json"), ("ics", "x.ics"), ("letters", "x.pdf")):
        existing = tmp_path / name
        existing.write_bytes(b"keep me")
        code, _, err = run(capsys, "--data-dir", d, command, reference, "-o", str(existing))
        assert code == 1 and "--yes" in err and existing.read_bytes() == b"keep me", command
        code, _, err = run(
            capsys, "--data-dir", d, command, reference, "-o", str(workspace.key_path), "--yes"
        )
        assert code == 1 and "inside the workspace folder" in err, command
    assert workspace.key_path.read_bytes() == keys_before


def test_unknown_user_folder_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--data-dir", "~no-such-user-here/x", "cases")
    assert code == 1 and "user this computer does not know" in err


def test_unlock_at_a_terminal_then_wrong_passphrase(workspace: Workspace) -> None:
    child = spawn("--data-dir", str(workspace.folder), "cases")
    child.expect("Passphrase: ")
    child.sendline(PASSPHRASE)
    child.expect("No cases.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    child = spawn("--data-dir", str(workspace.folder), "cases")
    child.expect("Passphrase: ")
    child.sendline("nope nope nope")
    child.expect("interventiondesk: The passphrase is wrong.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1


def test_the_workspace_is_unlocked_once_per_command(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    context = CliContext(folder=workspace.folder, demo=False)
    try:
        first = context.open()
        assert context.open() is first
    finally:
        context.close()
    db = workspace.unlock(PASSPHRASE)
    with db.session() as s:
        actions = [e.action for e in s.scalars(select(AuditEvent))]
    db.close()
    assert actions.count("workspace.unlocked") == 1


def test_a_secret_that_is_not_utf8_is_refused_in_words(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", "caf\udce9 latin-1 bytes")
    code, _, err = run(capsys, "--data-dir", str(workspace.folder), "cases")
    assert code == 1
    assert "INTERVENTIONDESK_PASSPHRASE holds bytes that are not valid UTF-8" in err


def test_output_paths_refuse_folders_unknown_users_and_the_workspace(
    workspace: Workspace, tmp_path: Path
) -> None:
    context = CliContext(folder=workspace.folder, demo=False)
    with pytest.raises(InterventionDeskError, match="That is a folder"):
        context.output_path(str(tmp_path), yes=True)
    with pytest.raises(InterventionDeskError, match="user this computer does not know"):
        context.output_path("~no-such-user-here/x.pdf", yes=True)
    with pytest.raises(InterventionDeskError, match="inside the workspace folder"):
        context.output_path(str(workspace.folder / "backups" / "x.pdf"), yes=True)
    existing = tmp_path / "x.pdf"
    existing.write_bytes(b"old")
    assert context.output_path(str(existing), yes=True) == existing
    assert context.output_path(str(tmp_path / "new.pdf"), yes=False) == tmp_path / "new.pdf"


def test_real_only_acts_are_refused_on_a_demo_workspace(
    workspace: Workspace, tmp_path: Path
) -> None:
    CliContext(folder=workspace.folder, demo=False).require_real_workspace("importing")
    with pytest.raises(InterventionDeskError, match="so importing is not allowed there"):
        CliContext(folder=tmp_path / "demo", demo=True).require_real_workspace("importing")


def test_text_from_a_case_is_made_safe_for_a_terminal() -> None:
    assert safe("Ann\x1b[2J\u202eNa\x07me\x9b") == "Ann[2JName"
    assert safe("Zoë Nguyễn\tand\nline") == "Zoë Nguyễn\tand\nline"
    assert one_line("a\n  b\tc", 10) == "a b c"
    assert one_line("Maria del Carmen Ruiz", 10) == "Maria del…"
    assert len(one_line("x" * 50, 10)) == 10

"""The command line's entry point (``interventiondesk.cli``): parsing, and every failure as one line."""

from __future__ import annotations

import argparse
from pathlib import Path

import pexpect
import pytest

from interventiondesk import __version__
from interventiondesk.cli import COMMAND_MODULES, build_parser, main
from interventiondesk.storage.workspace import Workspace
from tests.cli.running import run, spawn
from tests.conftest import PASSPHRASE


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"InterventionDesk {__version__}"


def test_wrong_passphrase_is_one_clear_line(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", "definitely not it")
    code, out, err = run(capsys, "--data-dir", str(workspace.folder), "cases")
    assert code == 1 and out == ""
    assert err == "interventiondesk: The passphrase is wrong.\n"


def test_damaged_workspace_is_one_line_not_a_traceback(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    workspace.database_path.write_bytes(b"\x00" * 4096)
    code, _out, err = run(capsys, "--data-dir", str(workspace.folder), "cases")
    assert code == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_end_of_input_at_a_prompt_is_a_calm_stop(tmp_path: Path) -> None:
    child = spawn("--data-dir", str(tmp_path / "ws"), "init")
    child.expect("Choose a passphrase")
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 and "Traceback" not in (child.before or "")


def test_every_command_module_registers_its_commands() -> None:
    parser = build_parser()
    commands = next(
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    assert len(COMMAND_MODULES) == 10
    assert set(commands.choices) == {
        "init",
        "demo",
        "change-passphrase",
        "cases",
        "export-case",
        "import-case",
        "events",
        "ics",
        "letters",
        "outcomes",
        "tasks",
        "timeline",
        "safety-plan",
        "stats",
        "consents",
        "backup",
        "backups",
        "restore",
        "handoff",
        "disclosures",
        "check",
        "audit",
        "transfer-out",
        "transfer-in",
        "transfer-name",
        "edit",
    }


def test_an_unknown_command_is_refused_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["no-such-command"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'no-such-command'" in err and "Traceback" not in err


def test_a_command_on_a_missing_workspace_fails_with_status_one_and_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "none"), "events", "IN-NONE")
    assert (code, out) == (1, "")
    assert err.startswith("interventiondesk: ") and len(err.strip().splitlines()) == 1

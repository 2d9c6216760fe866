"""The command line's core: version, init, demo, cases, passphrases and its error contract."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pexpect
import pytest

from interventiondesk import __version__
from interventiondesk.cli import main
from interventiondesk.services.cases import create_case
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE

STRONG = "marble otter climbs seventeen ladders"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"InterventionDesk {__version__}"


def test_init_with_the_environment_passphrase(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", STRONG)
    folder = tmp_path / "ws"
    code, out, err = run(capsys, "--data-dir", str(folder), "init")
    assert code == 0, err
    assert "recovery key" in out.lower()
    recovery = next(line.strip() for line in out.splitlines() if line.startswith("    "))
    Workspace(folder).unlock_with_recovery_key(recovery).close()
    code, out, err = run(capsys, "--data-dir", str(folder), "init")
    assert (
        code == 1
        and err.strip()
        == "interventiondesk: A workspace already exists in this folder; nothing was changed."
    )


def test_init_refuses_a_weak_passphrase(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", "password1")
    code, _out, err = run(capsys, "--data-dir", str(tmp_path / "ws"), "init")
    assert code == 1 and "at least 10 characters" in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "ws" / "keys.json").exists()


def test_data_dir_from_the_environment(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTERVENTIONDESK_DATA_DIR", str(workspace.folder))
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    code, out, _ = run(capsys, "cases")
    assert code == 0 and out.strip() == "No cases."


def _seed(workspace: Workspace) -> dict[str, str]:
    db = workspace.unlock(PASSPHRASE)
    with db.session() as s:
        a = create_case(
            s,
            client_name="Maribel <b>Ochoa</b>",
            kind="crisis",
            model="johnson",
            counselor="R. Quinn",
        )
        b = create_case(s, client_name="Teodor Vance", kind="family", model="systemic")
        ids = {"a": a.id, "b": b.id, "a_ref": a.reference}
    db.close()
    return ids


def test_cases_table_json_and_search(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _seed(workspace)
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    d = str(workspace.folder)
    code, out, _ = run(capsys, "--data-dir", d, "cases")
    assert code == 0 and "Maribel <b>Ochoa</b>" in out and "Teodor Vance" in out
    code, out, _ = run(capsys, "--data-dir", d, "cases", "--json")
    rows = json.loads(out)
    assert {r["id"] for r in rows} == {ids["a"], ids["b"]}
    assert set(rows[0]) == {
        "id",
        "reference",
        "client_name",
        "preferred_name",
        "kind",
        "model",
        "status",
        "next_date",
        "counselor",
        "archived",
    }
    code, out, _ = run(capsys, "--data-dir", d, "cases", "--search", "quinn", "--json")
    assert [r["reference"] for r in json.loads(out)] == [ids["a_ref"]]
    code, out, _ = run(capsys, "--data-dir", d, "cases", "--search", "nobody-matches")
    assert out.strip() == "No case matches that search."


def test_wrong_passphrase_is_one_clear_line(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", "definitely not it")
    code, out, err = run(capsys, "--data-dir", str(workspace.folder), "cases")
    assert code == 1 and out == ""
    assert err == "interventiondesk: The passphrase is wrong.\n"


def test_missing_workspace_and_no_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "none"), "cases")
    assert code == 1 and "interventiondesk init" in err
    monkeypatch.setattr(sys, "stdin", open("/dev/null"))  # noqa: SIM115 - closed by pytest
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "ws"), "init")
    assert code == 1 and "INTERVENTIONDESK_PASSPHRASE" in err


def test_damaged_workspace_is_one_line_not_a_traceback(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    workspace.database_path.write_bytes(b"\x00" * 4096)
    code, _out, err = run(capsys, "--data-dir", str(workspace.folder), "cases")
    assert code == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_change_passphrase_by_environment(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    # With one environment value, "current" and "new" are the same passphrase: allowed, rewraps.
    code, _out, err = run(capsys, "--data-dir", str(workspace.folder), "change-passphrase")
    assert code == 0, err
    Workspace(workspace.folder).unlock(PASSPHRASE).close()


def _spawn(*args: str) -> pexpect.spawn:
    return pexpect.spawn(
        sys.executable,
        ["-m", "interventiondesk", *args],
        encoding="utf-8",
        timeout=60,
        env={
            k: v for k, v in __import__("os").environ.items() if k != "INTERVENTIONDESK_PASSPHRASE"
        },
    )


def test_init_at_a_terminal_asks_twice(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    child = _spawn("--data-dir", str(folder), "init")
    child.expect("Choose a passphrase")
    child.sendline(STRONG)
    child.expect("again")
    child.sendline(STRONG + " typo")
    child.expect("The two passphrases differ; nothing was changed.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1 and not folder.exists()

    child = _spawn("--data-dir", str(folder), "init")
    child.expect("Choose a passphrase")
    child.sendline(STRONG)
    child.expect("again")
    child.sendline(STRONG)
    child.expect("Your recovery key")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert STRONG not in (child.before or "")
    Workspace(folder).unlock(STRONG).close()


def test_unlock_at_a_terminal_then_wrong_passphrase(workspace: Workspace) -> None:
    child = _spawn("--data-dir", str(workspace.folder), "cases")
    child.expect("Passphrase: ")
    child.sendline(PASSPHRASE)
    child.expect("No cases.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    child = _spawn("--data-dir", str(workspace.folder), "cases")
    child.expect("Passphrase: ")
    child.sendline("nope nope nope")
    child.expect("interventiondesk: The passphrase is wrong.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1

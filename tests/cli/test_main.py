"""The command line's core: version, init, demo, cases, passphrases and its error contract."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pexpect
import pytest
from sqlalchemy import select

from interventiondesk import __version__
from interventiondesk.cli import main
from interventiondesk.model import AuditEvent
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
    assert code == 1 and "INTERVENTIONDESK_NEW_PASSPHRASE" in err


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
    d = str(workspace.folder)
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("INTERVENTIONDESK_NEW_PASSPHRASE", PASSPHRASE)
    code, _, err = run(capsys, "--data-dir", d, "change-passphrase")
    assert code == 1 and err.strip().endswith("the same as the current one.")
    monkeypatch.setenv("INTERVENTIONDESK_NEW_PASSPHRASE", STRONG)
    code, out, err = run(capsys, "--data-dir", d, "change-passphrase")
    assert code == 0 and "was changed" in out, err
    db = Workspace(workspace.folder).unlock(STRONG)
    with db.session() as s:
        actions = [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.seq))]
    db.close()
    assert actions[-1] == "workspace.passphrase_changed"


def test_change_passphrase_with_the_recovery_key(
    workspace: Workspace,
    recovery_key: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    d = str(workspace.folder)
    monkeypatch.setenv("INTERVENTIONDESK_RECOVERY_KEY", "WRONG-KEY0-0000")
    monkeypatch.setenv("INTERVENTIONDESK_NEW_PASSPHRASE", STRONG)
    code, _, err = run(capsys, "--data-dir", d, "change-passphrase", "--recovery-key")
    assert code == 1 and err.strip() == "interventiondesk: The recovery key is wrong."
    monkeypatch.setenv("INTERVENTIONDESK_RECOVERY_KEY", recovery_key.lower())
    code, _, err = run(capsys, "--data-dir", d, "change-passphrase", "--recovery-key")
    assert code == 0, err
    Workspace(workspace.folder).unlock(STRONG).close()


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
    reference = _seed(workspace)["a_ref"]
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


def test_search_folds_case_beyond_ascii(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = workspace.unlock(PASSPHRASE)
    with db.session() as s:
        create_case(s, client_name="Łucja Ńowak", kind="crisis", model="johnson")
        create_case(s, client_name="ÉMILE STRASSE", kind="crisis", model="johnson")
    db.close()
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    for needle, expected in (
        ("łucja ńowak", "Łucja Ńowak"),
        ("ŁUCJA", "Łucja Ńowak"),
        ("émile", "ÉMILE STRASSE"),
        ("straße", "ÉMILE STRASSE"),
    ):
        _code, out, _ = run(
            capsys, "--data-dir", str(workspace.folder), "cases", "--search", needle, "--json"
        )
        assert [r["client_name"] for r in json.loads(out)] == [expected], needle


def test_hostile_names_cannot_drive_the_terminal(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = workspace.unlock(PASSPHRASE)
    with db.session() as s:
        create_case(
            s, client_name="Evil \x1b]0;pwned\x07\x1b[2J Name\u202e", kind="crisis", model="johnson"
        )
    db.close()
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    code, out, _ = run(capsys, "--data-dir", str(workspace.folder), "cases")
    assert code == 0 and "Evil ]0;pwned[2J Name" in out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out


def test_end_of_input_at_a_prompt_is_a_calm_stop(tmp_path: Path) -> None:
    child = _spawn("--data-dir", str(tmp_path / "ws"), "init")
    child.expect("Choose a passphrase")
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 and "Traceback" not in (child.before or "")


def test_unknown_user_folder_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--data-dir", "~no-such-user-here/x", "cases")
    assert code == 1 and "user this computer does not know" in err


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

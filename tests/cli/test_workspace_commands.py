"""Creating, filling and re-keying a workspace: ``init``, ``demo`` and ``change-passphrase``."""

from __future__ import annotations

from pathlib import Path

import pexpect
import pytest
from sqlalchemy import select

from interventiondesk.model import AuditEvent
from interventiondesk.storage.workspace import Workspace
from tests.cli.running import STRONG, run, spawn
from tests.conftest import PASSPHRASE


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


def test_init_at_a_terminal_asks_twice(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    child = spawn("--data-dir", str(folder), "init")
    child.expect("Choose a passphrase")
    child.sendline(STRONG)
    child.expect("again")
    child.sendline(STRONG + " typo")
    child.expect("The two passphrases differ; nothing was changed.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1 and not folder.exists()

    child = spawn("--data-dir", str(folder), "init")
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


def test_init_prefers_the_new_passphrase_variable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("INTERVENTIONDESK_NEW_PASSPHRASE", STRONG)
    folder = tmp_path / "ws"
    code, out, err = run(capsys, "--data-dir", str(folder), "init")
    assert code == 0 and f"Created an encrypted workspace in {folder}" in out, err
    Workspace(folder).unlock(STRONG).close()

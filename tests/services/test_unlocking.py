"""Failed unlocks: counted outside the database, slowed down, and moved into the audit trail at
the next successful unlock without leaking what was typed."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from interventiondesk.errors import WorkspaceMissing, WrongPassphrase
from interventiondesk.services import audit, unlocking
from interventiondesk.storage.unlock_failures import FAILURES_FILE, read_failures
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE


def test_the_delay_grows_after_two_free_attempts() -> None:
    delays = [unlocking.delay_after(n) for n in range(12)]
    assert delays[:3] == [0.0, 0.0, 0.0]
    assert delays[3:9] == [1.0, 2.0, 4.0, 8.0, 16.0, 32.0]
    assert delays[9:] == [60.0, 60.0, 60.0]


def test_wrong_passphrases_are_counted_and_recorded_at_the_next_unlock(
    workspace: Workspace,
) -> None:
    wrong = "a wrong guess with SECRET-WORD"
    for _ in range(4):
        with pytest.raises(WrongPassphrase):
            unlocking.unlock(workspace, wrong, how="test")
    with pytest.raises(WrongPassphrase):
        unlocking.unwrap(workspace, "another wrong one")
    with pytest.raises(WrongPassphrase):
        unlocking.unlock(workspace, "NOTAKEY", how="test", recovery=True)
    counted = read_failures(workspace.folder)
    assert counted.count == 6
    raw = (workspace.folder / FAILURES_FILE).read_bytes()
    assert b"SECRET" not in raw and b"wrong" not in raw and b"NOTAKEY" not in raw
    assert set(json.loads(raw)) == {"count", "first", "last"}
    # The sixth failure costs 8 seconds, measured from the last one.
    assert 7.0 < unlocking.seconds_to_wait(workspace) <= 8.0
    later = datetime.now(UTC) + timedelta(seconds=9)
    assert unlocking.seconds_to_wait(workspace, now=later) == 0.0

    db = unlocking.unlock(workspace, PASSPHRASE, how="test")
    with db.session() as session:
        events = audit.events(session)
        assert audit.verify(session) == []
    db.close()
    failed, unlocked = events[-2], events[-1]
    assert failed.action == "workspace.unlock_failed"
    assert failed.detail.startswith("6 failed attempts between ")
    assert unlocked.action == "workspace.unlocked"
    assert not (workspace.folder / FAILURES_FILE).exists()
    assert unlocking.seconds_to_wait(workspace) == 0.0


def test_a_damaged_counter_still_counts(workspace: Workspace) -> None:
    (workspace.folder / FAILURES_FILE).write_text("{not json")
    assert read_failures(workspace.folder).count == 1
    (workspace.folder / FAILURES_FILE).write_text('{"count": -5}')
    assert read_failures(workspace.folder).count == 1
    db = unlocking.unlock(workspace, PASSPHRASE, how="test")
    with db.session() as session:
        assert audit.events(session)[-2].detail == "1 failed attempt"
    db.close()


def test_no_workspace_is_said_as_such_and_counts_nothing(tmp_path: Path) -> None:
    fresh = Workspace(tmp_path / "none")
    with pytest.raises(WorkspaceMissing):
        unlocking.unlock(fresh, "nothing here", how="test")
    assert not (tmp_path / "none").exists()

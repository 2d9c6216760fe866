"""``interventiondesk events`` and ``interventiondesk ics``, run in-process on a real workspace."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from interventiondesk.cli import main
from interventiondesk.services import audit, scheduling
from interventiondesk.services.cases import create_case, find_case
from interventiondesk.storage.workspace import PASSPHRASE_ENV, Workspace
from tests.conftest import PASSPHRASE

CLIENT = "Rosalind Achterberg"


@pytest.fixture
def filled(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> tuple[str, list[str]]:
    """A case with two events; returns its reference and the event identities."""
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    db = workspace.unlock(PASSPHRASE)
    with db.session() as s:
        case = create_case(s, client_name=CLIENT, kind="planned", model="johnson")
        first = scheduling.create_event(
            s,
            case.id,
            kind="rehearsal",
            starts=datetime(2026, 12, 1, 18),
            timezone="America/Chicago",
            title="Rehearsal, living room",
        )
        second = scheduling.create_event(
            s, case.id, kind="follow_up_call", starts=datetime(2026, 12, 9, 9), timezone="UTC"
        )
        reference, ids = case.reference, [first.id, second.id]
    db.close()
    return reference, ids


def run(workspace: Workspace, *args: str) -> int:
    return main(["--data-dir", str(workspace.folder), *args])


def test_ics_writes_all_events_privately(
    workspace: Workspace,
    filled: tuple[str, list[str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    reference, ids = filled
    target = tmp_path / "case.ics"
    assert run(workspace, "ics", reference.lower(), "-o", str(target)) == 0
    assert capsys.readouterr().out.strip() == f"Wrote 2 events to {target}"
    calendar = Calendar.from_ical(target.read_bytes())
    uids = sorted(str(e["uid"]).split("@")[0] for e in calendar.walk("VEVENT"))
    assert uids == sorted(ids)
    text = target.read_text("utf-8")
    assert CLIENT not in text and "R.A." in text and "living room" not in text


def test_ics_one_event_with_full_names(
    workspace: Workspace,
    filled: tuple[str, list[str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    reference, ids = filled
    target = tmp_path / "one.ics"
    status = run(workspace, "ics", reference, "-o", str(target), "--event", ids[0], "--full-names")
    assert status == 0
    assert "Wrote 1 event to" in capsys.readouterr().out
    vevents = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert [str(e["summary"]) for e in vevents] == [f"Rehearsal, living room – {CLIENT}"]
    assert vevents[0]["dtstart"].params["TZID"] == "America/Chicago"
    db = workspace.unlock(PASSPHRASE)
    with db.session() as s:
        assert audit.verify(s) == []
        trail = audit.events_for_case(s, find_case(s, reference).id)
        assert [e.detail for e in trail if e.action == "calendar.exported"] == [
            f"events {ids[0]}; full names yes; notes no"
        ]
    db.close()


def test_ics_errors_are_one_clear_line(
    workspace: Workspace,
    filled: tuple[str, list[str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    reference, _ = filled
    target = tmp_path / "x.ics"
    assert run(workspace, "ics", "IN-NOPE0", "-o", str(target)) == 1
    err = capsys.readouterr().err
    assert err.startswith("interventiondesk: No case has the reference") and err.count("\n") == 1
    assert run(workspace, "ics", reference, "-o", str(target), "--event", "not-an-id") == 1
    assert "no longer exists" in capsys.readouterr().err
    assert not target.exists()


def test_events_lists_identities_for_scripts(
    workspace: Workspace, filled: tuple[str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    reference, ids = filled
    assert run(workspace, "events", reference, "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == ids
    assert rows[0]["starts_at"] == "2026-12-01T18:00:00-06:00"
    assert rows[0]["timezone"] == "America/Chicago"
    assert rows[1]["kind"] == "follow_up_call" and rows[1]["cancelled"] is False
    assert run(workspace, "events", reference) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(ids[0]) and "2026-12-01T18:00 America/Chicago" in lines[0]
    # An event without a title is named as the window names its kind, not by its code.
    assert lines[1].endswith("UTC  Follow-up call") and "follow_up_call" not in lines[1]

"""Exports as use cases: read, render, then the file and its audit entry together or not at all.

Each export runs against a real workspace; some run while another connection commits every few
milliseconds, which is what an autosave in the window does.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from interventiondesk.errors import DiskFull, InterventionDeskError
from interventiondesk.export.ics import Privacy
from interventiondesk.services import audit
from interventiondesk.services.exports import (
    export_calendar,
    export_case_file,
    export_rehearsal_packet,
)
from interventiondesk.storage.database import Database
from interventiondesk.storage.workspace import Workspace
from tests.export.test_ics import setup_case
from tests.export.test_rehearsal_packet import _case
from tests.services.test_interchange import row_counts
from tests.writers import Committer


def _actions(db: Database, case_id: str, action: str) -> list[str]:
    with db.session() as s:
        return [e.detail for e in audit.events_for_case(s, case_id) if e.action == action]


def test_export_writes_atomically_and_is_audited(db: Database, tmp_path: Path) -> None:
    case_id, _ = _case(db)
    target = tmp_path / "out" / "packet.pdf"
    target.parent.mkdir()
    export_rehearsal_packet(db, case_id, target)
    details = _actions(db, case_id, "export.rehearsal_packet")
    assert len(details) == 1
    assert "Ann" not in details[-1] and "letters=4" in details[-1]
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in target.parent.iterdir()] == ["packet.pdf"]
    if os.name == "posix":
        assert target.stat().st_mode & 0o077 == 0


def test_full_disk_gives_a_message_keeps_the_old_file_and_records_nothing(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id, _ = _case(db)
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "out.pdf"
    target.write_bytes(b"old packet")
    before = row_counts(db)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(DiskFull, match="disk is full"):
        export_rehearsal_packet(db, case_id, target)
    monkeypatch.undo()
    assert target.read_bytes() == b"old packet"
    assert [p.name for p in target.parent.iterdir()] == ["out.pdf"]
    assert row_counts(db) == before


def test_a_missing_folder_gives_a_message_and_no_record(db: Database, tmp_path: Path) -> None:
    case_id, _ = _case(db)
    before = row_counts(db)
    with pytest.raises(InterventionDeskError, match="does not exist"):
        export_rehearsal_packet(db, case_id, tmp_path / "nowhere" / "x.pdf")
    assert row_counts(db) == before


def test_calendar_export_writes_a_private_file_and_is_audited(db: Database, tmp_path: Path) -> None:
    target = tmp_path / "out" / "meetings.ics"
    target.parent.mkdir()
    with db.session() as s:
        case, event, _ = setup_case(s)
        case_id, event_id = case.id, event.id
    export_calendar(db, case_id, target)
    export_calendar(db, case_id, target, event_id=event_id, privacy=Privacy(full_names=True))
    assert _actions(db, case_id, "calendar.exported") == [
        f"events {event_id}; full names no; notes no",
        f"events {event_id}; full names yes; notes no",
    ]
    assert len(Calendar.from_ical(target.read_bytes()).walk("VEVENT")) == 1
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["meetings.ics"]


def test_every_export_succeeds_while_another_connection_commits(
    workspace: Workspace, db: Database, tmp_path: Path
) -> None:
    case_id, _ = _case(db)
    with db.session() as s:
        calendar_case = setup_case(s)[0].id
    with Committer(workspace) as other:
        for number in range(3):
            packet = tmp_path / f"packet-{number}.pdf"
            export_rehearsal_packet(db, case_id, packet, include_drafts=True)
            assert len(PdfReader(packet).pages) >= 2
            export_calendar(db, calendar_case, tmp_path / f"meetings-{number}.ics")
            export_case_file(db, case_id, tmp_path / f"case-{number}.json")
    assert other.commits > 3
    assert len(_actions(db, case_id, "export.rehearsal_packet")) == 3
    assert len(_actions(db, case_id, "case.exported")) == 3
    assert len(_actions(db, calendar_case, "calendar.exported")) == 3

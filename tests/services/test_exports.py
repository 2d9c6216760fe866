"""Exports as use cases: read, render, then the file and its audit entry together or not at all.

Each export runs against a real workspace; some run while another connection commits every few
milliseconds, which is what an autosave in the window does.
"""

from __future__ import annotations

import errno
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from interventiondesk.errors import DiskFull, InterventionDeskError
from interventiondesk.export.ics import Privacy
from interventiondesk.services import audit
from interventiondesk.services.cases import create_case
from interventiondesk.services.exports import (
    export_calendar,
    export_case_file,
    export_rehearsal_packet,
    read_packet,
    reading_copy_paths,
)
from interventiondesk.services.letters import add_letter, set_status, update_letter
from interventiondesk.services.participants import add_participant
from interventiondesk.services.scheduling import cancel_event, create_event
from interventiondesk.storage.database import Database
from interventiondesk.storage.workspace import Workspace
from tests.export.test_ics import setup_case
from tests.export.test_rehearsal_packet import _case, _meeting_case
from tests.services.test_interchange import row_counts
from tests.writers import Committer


def _actions(db: Database, case_id: str, action: str) -> list[str]:
    with db.session() as s:
        return [e.detail for e in audit.events_for_case(s, case_id) if e.action == action]


def test_export_writes_atomically_and_is_audited(db: Database, tmp_path: Path) -> None:
    case_id, _ = _case(db)
    target = tmp_path / "out" / "packet.pdf"
    target.parent.mkdir()
    export_rehearsal_packet(db, case_id, target, include_drafts=False)
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


# The packet and its reading copies (issue 9) --------------------------------------------------


def _out(tmp_path: Path) -> Path:
    """An empty folder for the files (the workspace lives in ``tmp_path`` itself)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_reading_copies_are_written_with_the_packet_and_audited_once(
    db: Database, tmp_path: Path
) -> None:
    case_id, _ids = _meeting_case(db)
    tmp_path = _out(tmp_path)
    with db.session() as s:
        planned = reading_copy_paths(s, case_id, tmp_path)
        reference = read_packet(s, case_id).reference
    done = export_rehearsal_packet(
        db, case_id, tmp_path / "packet.pdf", reading_copies_in=tmp_path, password="long enough"
    )
    names = [f"reading-copy-{reference}-{n}.pdf" for n in (1, 2, 3)]
    assert [p.name for p in planned] == names
    assert [(c.path.name, c.reader, c.letters) for c in done.reading_copies] == [
        (names[0], "Ann", 2),
        (names[1], "Cy", 1),
        (names[2], "Ben", 1),
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["packet.pdf", *names])
    for name in names:  # no name of a person or the client in a file name
        assert "Ann" not in name and "Robin" not in name
        reader = PdfReader(tmp_path / name)
        assert reader.is_encrypted and reader.decrypt("long enough") != 0
    details = _actions(db, case_id, "export.rehearsal_packet")
    assert len(details) == 1 and "reading_copies=3" in details[0] and "Ann" not in details[0]


def test_reading_copies_alone_and_all_or_nothing(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id, _ids = _meeting_case(db)
    tmp_path = _out(tmp_path)
    done = export_rehearsal_packet(db, case_id, None, reading_copies_in=tmp_path)
    assert done.packet is None and len(done.reading_copies) == 3
    for copy in done.reading_copies:
        copy.path.write_bytes(b"old copy")
    before = row_counts(db)
    calls = 0
    real_fsync = os.fsync

    def fail_on_third(fd: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fail_on_third)
    with pytest.raises(DiskFull):
        export_rehearsal_packet(db, case_id, tmp_path / "p.pdf", reading_copies_in=tmp_path)
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        c.path.name for c in done.reading_copies
    )
    assert all(c.path.read_bytes() == b"old copy" for c in done.reading_copies)
    assert row_counts(db) == before


def test_an_export_that_would_print_nothing_says_what_is_missing(
    db: Database, tmp_path: Path
) -> None:
    tmp_path = _out(tmp_path)
    with db.session() as s:
        case_id = create_case(s, client_name="R", kind="planned", model="johnson").id
        person = add_participant(s, case_id, "Dee", role="letter_only")
    target = tmp_path / "packet.pdf"
    with pytest.raises(InterventionDeskError, match="no letters yet"):
        export_rehearsal_packet(db, case_id, target)
    with db.session() as s:
        letter = add_letter(s, person.id)
        update_letter(s, letter.id, {"connection": "Words."})
    with pytest.raises(InterventionDeskError, match="None of this case's letters is final"):
        export_rehearsal_packet(db, case_id, target, include_drafts=False)
    with pytest.raises(InterventionDeskError, match="has a reader yet"):
        export_rehearsal_packet(db, case_id, target, reading_copies_in=tmp_path)
    with pytest.raises(InterventionDeskError, match="at least 8 characters"):
        export_rehearsal_packet(db, case_id, target, password="short")
    with pytest.raises(InterventionDeskError, match="folder for the reading copies"):
        export_rehearsal_packet(db, case_id, target, reading_copies_in=tmp_path / "nowhere")
    assert list(tmp_path.iterdir()) == []
    assert _actions(db, case_id, "export.rehearsal_packet") == []
    with db.session() as s:
        set_status(s, letter.id, "reviewed")
        set_status(s, letter.id, "final")
    export_rehearsal_packet(db, case_id, target, include_drafts=False)
    assert target.exists()


def test_the_packet_shows_the_next_meeting_that_is_not_cancelled(db: Database) -> None:
    case_id, _ids = _meeting_case(db)  # 1 December 2026, 18:30 in Berlin
    with db.session() as s:
        moved = create_event(
            s,
            case_id,
            kind="intervention",
            starts=datetime(2026, 11, 20, 9, 0),
            timezone="America/New_York",
            place="Clinic",
            despite_open_items=True,
        )
        create_event(s, case_id, kind="rehearsal", starts=datetime(2026, 11, 10, 9), timezone="UTC")
    with db.session() as s:
        meeting = read_packet(s, case_id, now=datetime(2026, 11, 1, tzinfo=UTC)).meeting
        assert meeting is not None and meeting.place == "Clinic"
        assert (meeting.starts.hour, meeting.timezone) == (9, "America/New_York")
        cancel_event(s, moved.id)
    with db.session() as s:
        meeting = read_packet(s, case_id, now=datetime(2026, 11, 1, tzinfo=UTC)).meeting
        assert meeting is not None and meeting.place == "The family home <kitchen>"
        # Once every meeting is past, the latest one is shown.
        later = read_packet(s, case_id, now=datetime(2027, 1, 1, tzinfo=UTC)).meeting
        assert later is not None and later.starts.day == 1

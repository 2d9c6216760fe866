"""Exports from the command line never fail because another program saved meanwhile.

A second program commits to the workspace every few milliseconds while the packet and the
calendar file are built; each export must succeed, be written whole and be audited once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from interventiondesk.cli import main
from interventiondesk.services import audit
from interventiondesk.services.cases import create_case
from interventiondesk.services.letters import add_letter, set_status, update_letter
from interventiondesk.services.participants import add_participant
from interventiondesk.services.scheduling import create_event
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.writers import Committer

ROUNDS = 4


def _fill(workspace: Workspace) -> tuple[str, str]:
    from datetime import datetime

    db = workspace.unlock(PASSPHRASE)
    with db.session() as s:
        case = create_case(s, client_name="Robin Client", kind="planned", model="johnson")
        for name in ("Ann", "Ben"):
            person = add_participant(s, case.id, name)
            letter = add_letter(s, person.id)
            update_letter(s, letter.id, {"connection": f"{name}'s words. " * 400})
            set_status(s, letter.id, "reviewed")
            set_status(s, letter.id, "final")
        create_event(
            s,
            case.id,
            kind="rehearsal",
            starts=datetime(2027, 3, 4, 18, 30),
            timezone="Europe/Berlin",
            duration_minutes=90,
        )
        reference, case_id = case.reference, case.id
    db.close()
    return reference, case_id


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    yield


def _audit_count(workspace: Workspace, case_id: str, action: str) -> int:
    db = workspace.unlock(PASSPHRASE)
    with db.session() as s:
        count = sum(1 for entry in audit.events_for_case(s, case_id) if entry.action == action)
    db.close()
    return count


def test_packets_and_calendars_are_written_while_another_program_commits(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference, case_id = _fill(workspace)
    folder = str(workspace.folder)
    with Committer(workspace) as other:
        for number in range(ROUNDS):
            packet = tmp_path / f"packet-{number}.pdf"
            code = main(["--data-dir", folder, "letters", reference, "-o", str(packet)])
            assert code == 0, capsys.readouterr().err
            calendar = tmp_path / f"calendar-{number}.ics"
            code = main(["--data-dir", folder, "ics", reference, "-o", str(calendar)])
            assert code == 0, capsys.readouterr().err
            assert "words" in PdfReader(packet).pages[1].extract_text()
            assert len(Calendar.from_ical(calendar.read_bytes()).walk("VEVENT")) == 1
    assert other.commits > ROUNDS  # the other program really wrote meanwhile
    assert _audit_count(workspace, case_id, "export.rehearsal_packet") == ROUNDS
    assert _audit_count(workspace, case_id, "calendar.exported") == ROUNDS

"""The Schedule page driven with qtbot: create an event, see a conflict, confirm, export .ics."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from interventiondesk.gui.pages.schedule import SchedulePage
from interventiondesk.gui.pages.schedule_parts import set_wall_clock, wall_clock
from interventiondesk.gui.state import AppState
from interventiondesk.model import AttendeeResponse, EventKind, Participant
from interventiondesk.services import audit, scheduling
from interventiondesk.services.cases import create_case
from interventiondesk.storage.database import Database

# The offscreen platform says this whenever a dialog is shown; it is not a problem of ours.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ARABIC_PLACE = "شارع الملك ١٢، الطابق الثاني; <b>&amp;</b> 🏠"


def make_page(qtbot: QtBot, db: Database) -> tuple[SchedulePage, str, str]:
    with db.session() as s:
        case = create_case(s, client_name="Jordan Lee", kind="planned", model="johnson")
        other = create_case(s, client_name="Casey Other", kind="crisis", model="johnson")
        sam = Participant(name="Sam Lee")
        case.participants.append(sam)
        scheduling.create_event(
            s,
            other.id,
            kind="rehearsal",
            starts=datetime(2026, 12, 3, 18, 30),
            timezone="America/New_York",
        )
        case_id, other_ref = case.id, other.reference
    page = SchedulePage(AppState(db))
    qtbot.addWidget(page)
    page.load_case(case_id)
    return page, case_id, other_ref


def click_when_modal(button: QMessageBox.StandardButton) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.button(button).click()

    QTimer.singleShot(50, click)


def test_create_edit_and_see_a_conflict_warning(qtbot: QtBot, db: Database) -> None:
    page, case_id, other_ref = make_page(qtbot, db)
    assert page.events.count() == 0
    assert not page.editor.isEnabled()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.events.count() == 1
    assert page.editor.isEnabled()
    qtbot.keyClicks(page.title_edit, "Rehearsal at home")
    page.place.setPlainText(ARABIC_PLACE)
    page.zone.setCurrentIndex(page.zone.findData("America/New_York"))
    set_wall_clock(page.starts, datetime(2026, 12, 3, 18, 0))
    assert page.flush()
    # The other case's rehearsal at 18:30 overlaps: warned in words, by reference only.
    assert "Overlaps" in page.warnings.text()
    assert other_ref in page.warnings.text()
    assert "Casey" not in page.warnings.text()
    with db.session() as s:
        (event,) = scheduling.case_events(s, case_id)
        assert event.title == "Rehearsal at home"
        assert event.place == ARABIC_PLACE
        assert event.timezone == "America/New_York"
        assert event.starts_at == datetime(2026, 12, 3, 23, 0, tzinfo=UTC)
    # Moving it earlier clears the warning live, before anything is saved.
    set_wall_clock(page.starts, datetime(2026, 12, 3, 9, 0))
    assert page.warnings.text() == "No conflicts."
    assert wall_clock(page.starts) == datetime(2026, 12, 3, 9, 0)
    assert page.flush()


def test_invitees_and_answers_are_saved(qtbot: QtBot, db: Database) -> None:
    page, case_id, _ = make_page(qtbot, db)
    page.new_event()
    (check, combo) = next(iter(page.invitees.rows.values()))
    assert check.text() == "Sam Lee" and not combo.isEnabled()
    check.setChecked(True)
    combo.setCurrentIndex(combo.findData(AttendeeResponse.CONFIRMED))
    with db.session() as s:
        (event,) = scheduling.case_events(s, case_id)
        assert [a.response for a in event.attendees] == [AttendeeResponse.CONFIRMED]
    check.setChecked(False)
    with db.session() as s:
        assert scheduling.case_events(s, case_id)[0].attendees == []


def test_making_it_the_meeting_asks_and_records_the_confirmation(
    qtbot: QtBot, db: Database
) -> None:
    page, case_id, _ = make_page(qtbot, db)
    page.new_event()
    meeting = page.kind.findData(EventKind.INTERVENTION)
    click_when_modal(QMessageBox.StandardButton.No)
    page.kind.setCurrentIndex(meeting)
    assert page.kind.currentData() == EventKind.REHEARSAL  # refused: put back
    click_when_modal(QMessageBox.StandardButton.Yes)
    page.kind.setCurrentIndex(meeting)
    assert page.kind.currentData() == EventKind.INTERVENTION
    assert not page.override_note.isHidden()
    with db.session() as s:
        (event,) = scheduling.case_events(s, case_id)
        assert event.kind == EventKind.INTERVENTION and event.readiness_override
        actions = [e.action for e in audit.events_for_case(s, case_id)]
        assert "meeting.scheduled_despite_open_logistics" in actions


def test_export_through_the_file_dialog(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    page, case_id, _ = make_page(qtbot, db)
    page.new_event()
    qtbot.keyClicks(page.title_edit, "Kitchen table, 2nd try")
    target = tmp_path / "rehearsal"

    def choose_file() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name is not None and name.text() == "meetings.ics"
        name.setText(str(target))  # typed without .ics: the page adds it
        dialog.accept()

    QTimer.singleShot(100, choose_file)
    written = page.export_ics(only_current=True)
    assert written == tmp_path / "rehearsal.ics"
    vevents = Calendar.from_ical(written.read_bytes()).walk("VEVENT")
    assert [str(v["summary"]) for v in vevents] == ["Preparation meeting – J.L."]
    page.full_names.setChecked(True)
    again = page.export_to(tmp_path / "full.ics", only_current=False)
    assert again is not None
    summary = str(Calendar.from_ical(again.read_bytes()).walk("VEVENT")[0]["summary"])
    assert summary == "Kitchen table, 2nd try – Jordan Lee"
    with db.session() as s:
        exports = [e for e in audit.events_for_case(s, case_id) if e.action == "calendar.exported"]
        assert len(exports) == 2


def test_cancel_restore_delete_and_month_view(qtbot: QtBot, db: Database) -> None:
    page, case_id, _ = make_page(qtbot, db)
    page.new_event()
    event_id = page.event_id
    assert event_id is not None
    page.toggle_cancelled()
    assert page.cancel_button.text() == "Restore event"
    assert page.events.currentItem().font().strikeOut()
    page.toggle_cancelled()
    assert page.cancel_button.text() == "Cancel event"
    day = page.events.currentItem().data(Qt.ItemDataRole.UserRole + 1)
    assert page.calendar.dateTextFormat().keys()
    assert any(d.toString("yyyy-MM-dd") == day for d in page.calendar.dateTextFormat())
    click_when_modal(QMessageBox.StandardButton.Yes)
    page.delete_event()
    assert page.events.count() == 0
    with db.session() as s:
        assert scheduling.case_events(s, case_id) == []

"""The Schedule page driven with qtbot: create an event, see a conflict, confirm, export .ics."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TypeVar

import pytest
from icalendar import Calendar
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from interventiondesk.gui.pages.schedule.page import SchedulePage
from interventiondesk.gui.shared.date_fields import DateField, TimeField, format_date, format_time
from interventiondesk.gui.shared.time_fields import local_zone_name, wall_clock, zone_label
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import AttendeeResponse, EventKind, Participant
from interventiondesk.services import audit, scheduling
from interventiondesk.services.cases import archive_case, create_case
from interventiondesk.services.participants import add_participant
from interventiondesk.storage.database import Database
from tests.gui.conftest import HOSTILE
from tests.gui.pages.laptop import (
    every_demo_case_on,
    seen_without_scrolling,
)
from tests.gui.save_dialog import answer_next_save_dialog
from tests.reads import Reads, orm_objects_of
from tests.services.test_schedule_view import busy_case

T = TypeVar("T")

# The offscreen platform says this whenever a dialog is shown; it is not a problem of ours.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ARABIC_PLACE = "شارع الملك ١٢، الطابق الثاني; <b>&amp;</b> 🏠"


def type_date(qtbot: QtBot, field: DateField, text: str) -> None:
    """Type over a date field as a person does, then press Return."""
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)


def type_time(qtbot: QtBot, field: TimeField, text: str) -> None:
    line = field.lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def type_start(qtbot: QtBot, page: SchedulePage, when: datetime) -> None:
    """Type the event's start into its date and time fields, as a person does."""
    type_date(qtbot, page.starts.date_field, when.date().isoformat())
    type_time(qtbot, page.starts.time_field, f"{when.hour}:{when.minute:02d}")


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
    page.show()
    page.load_case(case_id)
    return page, case_id, other_ref


def click_when_modal(button: QMessageBox.StandardButton) -> list[str]:
    """Answer the next modal dialog with ``button``; returns the kinds of dialogs seen.

    Nothing is asserted inside the timer: a dialog of the wrong kind is closed, so a failing
    test ends instead of waiting forever, and the caller checks what was seen."""
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        seen.append(type(box).__name__)
        if isinstance(box, QMessageBox):
            box.button(button).click()
        elif box is not None:
            box.close()

    QTimer.singleShot(50, click)
    return seen


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
    type_start(qtbot, page, datetime(2026, 12, 3, 18, 0))
    assert page.flush()
    # The other case's rehearsal at 18:30 overlaps: warned in words, by reference only.
    qtbot.waitUntil(lambda: "Overlaps" in page.warnings.text())
    assert other_ref in page.warnings.text()
    assert "Casey" not in page.warnings.text()
    with db.session() as s:
        (event,) = scheduling.case_events(s, case_id)
        assert event.title == "Rehearsal at home"
        assert event.place == ARABIC_PLACE
        assert event.timezone == "America/New_York"
        assert event.starts_at == datetime(2026, 12, 3, 23, 0, tzinfo=UTC)
    # Moving it earlier clears the warning live, before anything is saved.
    type_time(qtbot, page.starts.time_field, "9:00")
    qtbot.waitUntil(lambda: page.warnings.text() == "No conflicts.")
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
    seen = click_when_modal(QMessageBox.StandardButton.No)
    page.kind.setCurrentIndex(meeting)
    assert seen == ["QMessageBox"]
    assert page.kind.currentData() == EventKind.REHEARSAL  # refused: put back
    seen = click_when_modal(QMessageBox.StandardButton.Yes)
    page.kind.setCurrentIndex(meeting)
    assert seen == ["QMessageBox"]
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
    offered: list[str] = []
    answer_next_save_dialog(target, offered)  # typed without .ics: the page adds it
    written = page.export_ics(only_current=True)
    assert offered == ["meetings.ics"]
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
    seen = click_when_modal(QMessageBox.StandardButton.Yes)
    page.delete_event()
    assert seen == ["QMessageBox"]
    assert page.events.count() == 0
    with db.session() as s:
        assert scheduling.case_events(s, case_id) == []


MENU_LETTERS = set("fevch")
"""The menu bar's File, Edit, View, Case and Help: a page's Alt+letter must not shadow them."""


def mnemonics(page: QWidget) -> list[str]:
    """The Alt+letter of every label, button and group box on the page (lower case)."""
    texts = [w.text() for w in page.findChildren(QAbstractButton)]
    texts += [w.text() for w in page.findChildren(QLabel)]
    texts += [w.title() for w in page.findChildren(QGroupBox)]
    found = (re.search(r"&([^&])", text.replace("&&", "")) for text in texts)
    return [m.group(1).lower() for m in found if m]


def click_row(page: SchedulePage, row: int) -> None:
    rect = page.events.visualItemRect(page.events.item(row))
    QTest.mouseClick(page.events.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def two_march_events(db: Database, case_id: str) -> tuple[str, str]:
    with db.session() as s:
        first, second = (
            scheduling.create_event(
                s, case_id, kind="rehearsal", starts=start, timezone="America/New_York"
            ).id
            for start in (datetime(2026, 3, 1, 18), datetime(2026, 3, 20, 18))
        )
    return first, second


def test_a_failed_save_keeps_the_event_and_everything_typed(qtbot: QtBot, db: Database) -> None:
    page, case_id, _ = make_page(qtbot, db)
    first, second = two_march_events(db, case_id)
    page.load_case(case_id)
    failures: list[str] = []
    page.state.failed.connect(failures.append)
    assert page.event_id == first
    qtbot.keyClicks(page.notes, "Dad cannot come before 7")
    type_start(qtbot, page, datetime(2026, 3, 8, 2, 30))  # does not exist in New York
    click_row(page, 1)
    assert failures  # the counselor is told why
    assert page.event_id == first and page.events.currentRow() == 0
    assert page.notes.toPlainText() == "Dad cannot come before 7"
    assert wall_clock(page.starts) == datetime(2026, 3, 8, 2, 30)
    # Starting a new event, or a kind change, waits too.
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.events.count() == 2 and page.event_id == first
    page.kind.setCurrentIndex(page.kind.findData(EventKind.OTHER))
    assert page.kind.currentData() == EventKind.REHEARSAL
    # Once the time is possible, everything typed lands on the first event.
    type_time(qtbot, page.starts.time_field, "3:30")
    click_row(page, 1)
    assert page.event_id == second and page.notes.toPlainText() == ""
    with db.session() as s:
        saved = scheduling.get_event(s, first)
        assert saved.notes == "Dad cannot come before 7"
        assert saved.kind == EventKind.REHEARSAL
        assert saved.starts_at == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)


def test_changing_the_kind_keeps_what_was_just_typed(qtbot: QtBot, db: Database) -> None:
    page, case_id, _ = make_page(qtbot, db)
    page.new_event()
    qtbot.keyClicks(page.title_edit, "Rehearsal at home")
    page.notes.setPlainText(HOSTILE["rtl"] + HOSTILE["markup"])
    assert page.saver.has_pending
    # A mouse wheel over the kind list changes it without leaving the title field.
    page.kind.setCurrentIndex(page.kind.findData(EventKind.OTHER))
    assert page.title_edit.text() == "Rehearsal at home"
    assert not page.saver.has_pending
    with db.session() as s:
        (event,) = scheduling.case_events(s, case_id)
        assert event.kind == EventKind.OTHER
        assert event.title == "Rehearsal at home"
        assert event.notes == HOSTILE["rtl"] + HOSTILE["markup"]
    assert "Other" in page.events.currentItem().text()


def test_the_invitees_follow_the_roster_and_answers(qtbot: QtBot, db: Database) -> None:
    page, case_id, _ = make_page(qtbot, db)
    page.new_event()
    event_id = page.event_id
    assert event_id is not None
    (sam,) = page.invitees.rows
    check = page.invitees.rows[sam][0]
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton)
    # An answer recorded elsewhere shows in place: the same box, still ticked.
    page.state.write(
        lambda s: scheduling.respond(s, event_id, sam, AttendeeResponse.DECLINED).id,
        case_id=case_id,
    )
    combo = page.invitees.rows[sam][1]
    qtbot.waitUntil(lambda: combo.currentData() == AttendeeResponse.DECLINED)
    assert page.invitees.rows[sam][0] is check and check.isChecked()
    # Someone added on the Participants page appears, even when added while this page was hidden.
    page.hide()
    page.state.write(lambda s: add_participant(s, case_id, HOSTILE["emoji"]).id, case_id=case_id)
    page.show()
    qtbot.waitUntil(lambda: len(page.invitees.rows) == 2)
    names = [c.text() for c, _ in page.invitees.rows.values()]
    assert names == ["Sam Lee", " ".join(HOSTILE["emoji"].split())]


class CountingState(AppState):
    """The real AppState, counting how often the database is read."""

    reads = 0

    def read(self, fn: Callable[[Session], T]) -> T:
        self.reads += 1
        return super().read(fn)


def test_conflicts_are_checked_once_typing_pauses(qtbot: QtBot, db: Database) -> None:
    with db.session() as s:
        case_id = create_case(s, client_name="Jordan Lee", kind="planned", model="johnson").id
    state = CountingState(db)
    page = SchedulePage(state)
    qtbot.addWidget(page)
    page.show()
    page.load_case(case_id)
    page.new_event()
    QApplication.processEvents()
    before = state.reads
    for minute in (0, 10, 20, 30, 40):
        type_time(qtbot, page.starts.time_field, f"9:{minute:02d}")
    assert state.reads == before  # not one query per key
    qtbot.waitUntil(lambda: state.reads > before)
    assert state.reads == before + 1
    assert page.warnings.text() == "No conflicts."


def test_an_archived_case_can_still_be_looked_at_and_exported(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    page, case_id, _ = make_page(qtbot, db)
    page.new_event()
    with db.session() as s:
        archive_case(s, case_id)
    page.load_case(case_id)
    page.set_read_only(True)
    page.load_case(case_id)  # as when the case view shows it again
    assert not page.editor.isEnabled() and not page.new_button.isEnabled()
    assert not page.delete_button.isEnabled() and not page.cancel_button.isEnabled()
    assert page.export_one.isEnabled() and page.export_all.isEnabled()
    assert page.full_names.isEnabled()
    assert page._calendar_controls() and all(b.isEnabled() for b in page._calendar_controls())
    written = page.export_to(tmp_path / "archived.ics", only_current=True)
    assert written is not None
    assert len(Calendar.from_ical(written.read_bytes()).walk("VEVENT")) == 1


def test_alt_letters_are_unique_and_leave_the_menus_alone(qtbot: QtBot, db: Database) -> None:
    page, _case_id, _ = make_page(qtbot, db)
    letters = mnemonics(page)
    assert len(letters) >= 10
    assert sorted(letters) == sorted(set(letters))
    assert not set(letters) & MENU_LETTERS


def test_event_times_in_the_list_follow_the_language(qtbot: QtBot, db: Database) -> None:
    page, case_id, _ = make_page(qtbot, db)
    with db.session() as s:
        scheduling.create_event(
            s, case_id, kind="rehearsal", starts=datetime(2026, 12, 3, 18, 5), timezone="UTC"
        )
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        page.load_case(case_id)
        text = page.events.item(0).text()
    finally:
        QLocale.setDefault(before)
    # The locale's own date, with the year in full (one format on every screen).
    assert text.splitlines() == ["Rehearsal", "Do. 03.12.2026, 18:05"]


def test_loading_a_case_is_one_read_and_keeps_no_records(qtbot: QtBot, db: Database) -> None:
    ids = busy_case(db)
    page = SchedulePage(AppState(db))
    qtbot.addWidget(page)
    page.show()
    with Reads(db) as load:
        page.load_case(ids["case"])
    assert load.transactions == 1
    assert load.statements <= 12
    assert page.events.count() == 4 and page.event_id == ids["rehearsal"]
    assert page.title_edit.text() == "First run-through"
    assert wall_clock(page.starts) == datetime(2026, 11, 30, 17, 0)
    assert [check.text() for check, _ in page.invitees.rows.values()] == ["Sam Lee", "Robin Lee"]
    warnings = page.warnings.text().splitlines()
    assert warnings[0].startswith("⚠ Overlaps") and ids["other_reference"] in warnings[0]
    assert warnings[1].startswith("⚠ Sam Lee is not available then")
    assert page.events.item(2).font().strikeOut()
    # A refresh after a save, and choosing another event: one read each.
    with Reads(db) as refresh:
        page.refresh()
        qtbot.wait(50)
    assert refresh.transactions == 1
    with Reads(db) as choose:
        click_row(page, 1)
    assert choose.transactions == 1
    assert page.event_id == ids["coaching"]
    assert page.place.toPlainText() == "Kitchen table" and page.warnings.text() == "No conflicts."
    # What the page shows is plain values: no record of the case is held after the reads.
    item_ids = [page.events.item(row).data(Qt.ItemDataRole.UserRole) for row in range(4)]
    assert item_ids == [ids["rehearsal"], ids["coaching"], ids["cancelled"], ids["meeting"]]
    assert orm_objects_of(set(ids.values())) == []


# A laptop screen -------------------------------------------------------------------------


def test_the_page_fits_a_laptop_screen_with_its_actions_in_sight(
    db: Database, window: MainWindow
) -> None:
    """No sideways scrolling; the page may scroll down (the editor is long), so the actions
    on events (New, Cancel, Delete) must be in sight at the top without scrolling."""
    shown = []
    for page, area, where in every_demo_case_on(db, window, SchedulePage):
        assert isinstance(page, SchedulePage)
        shown.append(where)
        viewport = area.viewport()
        assert page.minimumSizeHint().width() <= viewport.width(), where
        assert area.horizontalScrollBar().maximum() == 0, where
        for button in (page.new_button, page.cancel_button, page.delete_button):
            assert seen_without_scrolling(button, area), (where, button.text())
        # Nothing in the list is cut off: an item's lines fit the list's width.
        metrics = page.events.fontMetrics()
        for row in range(page.events.count()):
            item = page.events.item(row)
            lines = item.text().splitlines()
            width = page.events.viewport().width()
            assert all(metrics.horizontalAdvance(line) <= width for line in lines) or (
                page.events.wordWrap()
            ), where
    assert len(shown) >= 5


def test_a_start_is_saved_only_as_typed_and_whole(qtbot: QtBot, db: Database) -> None:
    page, case_id, _ = make_page(qtbot, db)
    failures: list[str] = []
    page.state.failed.connect(failures.append)
    page.new_event()
    page.zone.setCurrentIndex(page.zone.findData("Europe/Berlin"))
    type_start(qtbot, page, datetime(2026, 12, 2, 18, 0))
    assert page.flush()

    def saved() -> datetime:
        with db.session() as s:
            (event,) = scheduling.case_events(s, case_id)
            return scheduling.local_start(event).replace(tzinfo=None)

    assert saved() == datetime(2026, 12, 2, 18, 0)
    # The date and time typed into the date field, as the issue did: refused in words.
    type_date(qtbot, page.starts.date_field, "2026-12-01 22:00")
    assert page.starts.date_field.problem().startswith("“2026-12-01 22:00” is not a date.")
    assert not page.starts.date_field.problem_label.isHidden()
    assert not page.flush()
    assert failures and failures[-1] == page.starts.date_field.problem()
    assert saved() == datetime(2026, 12, 2, 18, 0)  # nothing saved
    assert wall_clock(page.starts) is None  # not whole: nothing to check conflicts for
    # A half-typed time is refused too, and the date typed in the locale's own format is read.
    type_date(qtbot, page.starts.date_field, format_date(date(2026, 12, 1)))
    type_time(qtbot, page.starts.time_field, "22:")
    assert page.starts.time_field.problem()
    assert not page.starts.time_problem.isHidden()
    assert not page.flush()
    assert saved() == datetime(2026, 12, 2, 18, 0)
    type_time(qtbot, page.starts.time_field, "10 pm")
    assert page.flush()
    assert saved() == datetime(2026, 12, 1, 22, 0)
    assert page.starts.date_field.edit.text() == format_date(date(2026, 12, 1))
    assert page.starts.time_field.currentText() == format_time(time(22, 0))
    # Emptied, the date is refused too: an event always has a start.
    type_date(qtbot, page.starts.date_field, "")
    assert page.starts.date_field.problem() and not page.flush()
    assert saved() == datetime(2026, 12, 1, 22, 0)


def test_the_zone_picker_reads_and_finds_zones(qtbot: QtBot, db: Database) -> None:
    page, case_id, _ = make_page(qtbot, db)
    with db.session() as s:
        scheduling.create_event(
            s,
            case_id,
            kind="rehearsal",
            starts=datetime(2026, 12, 3, 18),
            timezone="America/Argentina/Buenos_Aires",
        )
    page.load_case(case_id)
    zone = page.zone
    # The counselor's own zone first, then the zones the case uses; readable, IANA underneath.
    assert zone.itemData(0) == local_zone_name()
    assert zone.itemData(1) == "America/Argentina/Buenos_Aires"
    assert zone.currentData() == "America/Argentina/Buenos_Aires"
    assert zone.currentText() == "Buenos Aires (America, Argentina), UTC−03:00"
    assert zone.findData("America/Bahia_Banderas") > 2
    assert "Bahia Banderas (America), UTC" in zone.itemText(zone.findData("America/Bahia_Banderas"))
    # Typed: the name of a zone is found and stored by its IANA name.
    line = zone.lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, zone_label("Asia/Kolkata"))
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert zone.currentData() == "Asia/Kolkata"
    assert page.flush()
    with db.session() as s:
        assert scheduling.case_events(s, case_id)[0].timezone == "Asia/Kolkata"
    # Something that names no zone leaves the chosen zone shown.
    line.selectAll()
    qtbot.keyClicks(line, "Atlantis")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert zone.currentData() == "Asia/Kolkata" and zone.currentText() == zone_label("Asia/Kolkata")
    # Searching: the completer finds zones by any part of their readable name.
    completer = zone.completer()
    assert completer.filterMode() == Qt.MatchFlag.MatchContains
    completer.setCompletionPrefix("kolk")
    assert completer.currentCompletion() == zone_label("Asia/Kolkata")


def test_fields_show_only_where_they_apply(qtbot: QtBot, db: Database) -> None:
    page, case_id, _ = make_page(qtbot, db)
    page.new_event()
    assert page.kind.currentData() == EventKind.REHEARSAL
    assert page.skills.isHidden()
    page.kind.setCurrentIndex(page.kind.findData(EventKind.COACHING_SESSION))
    assert not page.skills.isHidden()
    qtbot.keyClicks(page.skills, "I-statements")
    page.kind.setCurrentIndex(page.kind.findData(EventKind.OTHER))
    assert page.skills.isHidden()
    with db.session() as s:
        assert scheduling.case_events(s, case_id)[0].skills_practised == "I-statements"


def test_an_empty_schedule_shows_nothing_and_says_what_to_do(qtbot: QtBot, db: Database) -> None:
    page, _case_id, _ = make_page(qtbot, db)
    assert page.events.count() == 0
    assert not page.empty_note.isHidden() and "New event" in page.empty_note.text()
    assert not page.editor.isEnabled() and page.editor.isHidden()
    assert page.starts.date_field.edit.text() == "" and page.starts.time_field.currentText() == ""
    assert "2000" not in page.starts.date_field.edit.text()
    assert page.flush()  # empty fields of no event are not refused
    page.set_read_only(False)  # as the window does when it opens a case
    assert page.flush()
    page.new_event()
    assert page.empty_note.isHidden() and page.starts.date_field.edit.text() != ""
    assert not page.editor.isHidden() and page.editor.isEnabled()


def test_cancel_and_delete_say_what_they_do(qtbot: QtBot, db: Database) -> None:
    page, case_id, _ = make_page(qtbot, db)
    page.new_event()
    assert page.delete_button.text() == "Delete event…"
    assert "Restore" in page.cancel_button.toolTip()
    assert "for good" in page.delete_button.toolTip()
    # Apart: not side by side.
    gap = page.delete_button.geometry().left() - page.cancel_button.geometry().right()
    assert gap > page.cancel_button.width()
    texts: list[list[str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            texts.append([b.text() for b in box.buttons()] + [box.informativeText()])
            box.button(QMessageBox.StandardButton.No).click()
        elif box is not None:
            box.close()

    QTimer.singleShot(50, answer)
    page.delete_event()
    (seen,) = texts
    assert "Delete event" in seen and "Keep event" in seen
    assert "Cancel event" in seen[-1]  # the other way is named
    with db.session() as s:
        assert len(scheduling.case_events(s, case_id)) == 1  # kept

"""The availability editor on the Participants page, driven with qtbot, and the Schedule's check."""

from __future__ import annotations

from datetime import UTC, datetime, time

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interventiondesk.gui.pages.participants.page import ParticipantsPage
from interventiondesk.gui.pages.schedule.page import SchedulePage
from interventiondesk.gui.shared.date_fields import TimeField
from interventiondesk.gui.shared.time_fields import select_zone
from interventiondesk.gui.shell.state import AppState
from interventiondesk.services import scheduling
from interventiondesk.services.availability import windows
from interventiondesk.services.cases import archive_case, create_case
from interventiondesk.services.conflicts import ConflictKind
from interventiondesk.services.participants import add_participant
from interventiondesk.storage.database import Database

RTL_NAME = "مريم <b>&amp;</b> 😂"


def make_page(qtbot: QtBot, db: Database) -> tuple[ParticipantsPage, str, list[str]]:
    with db.session() as s:
        case_id = create_case(s, client_name="Robin", kind="planned", model="johnson").id
        people = [add_participant(s, case_id, RTL_NAME).id, add_participant(s, case_id, "Ben").id]
    page = ParticipantsPage(AppState(db))
    qtbot.addWidget(page)
    page.show()
    page.load_case(case_id)
    return page, case_id, people


def type_time(qtbot: QtBot, field: TimeField, text: str) -> None:
    """Type ``text`` over the time field's text as a person does, then press Return."""
    line = field.lineEdit()
    assert line is not None
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def saved(db: Database, person_id: str) -> list[tuple[int, time, time, str]]:
    with db.session() as s:
        return [(w.weekday, w.starts, w.ends, w.timezone) for w in windows(s, person_id)]


def test_add_edit_and_remove_windows(qtbot: QtBot, db: Database) -> None:
    page, _case_id, (maryam, ben) = make_page(qtbot, db)
    editor = page.availability
    assert "does not check" in editor.hint.text()
    first = editor.add()
    assert first is not None and page.focusWidget() is editor.rows[first].day
    row = editor.rows[first]
    row.day.setCurrentIndex(row.day.findData(2))
    type_time(qtbot, row.starts, "9:30")
    type_time(qtbot, row.ends, "0:00")  # until midnight
    select_zone(row.zone, "Asia/Jerusalem")
    assert page.flush()
    assert saved(db, maryam) == [(2, time(9, 30), time(0), "Asia/Jerusalem")]
    # The next window starts on the following day with the same hours.
    second = editor.add()
    assert second is not None
    assert saved(db, maryam)[1] == (3, time(9, 30), time(0), "Asia/Jerusalem")
    assert "warns" in editor.hint.text()
    # Ben's windows are his own.
    page.people.setCurrentRow(1)
    assert editor.rows == {} and saved(db, ben) == []
    page.people.setCurrentRow(0)
    assert set(editor.rows) == {first, second}
    editor.rows[second].remove.click()
    assert [w[0] for w in saved(db, maryam)] == [2]
    assert list(editor.rows) == [first]


def test_typing_a_time_with_the_keyboard_saves_it(qtbot: QtBot, db: Database) -> None:
    page, _case_id, (maryam, _ben) = make_page(qtbot, db)
    window_id = page.availability.add()
    assert window_id is not None
    starts = page.availability.rows[window_id].starts
    line = starts.lineEdit()
    assert line is not None
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "7 am")
    assert not page.saver.has_pending  # half-typed: nothing announced, nothing saved
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert starts.value() == time(7, 0) and starts.problem() == ""
    # Saved by itself shortly after typing stops.
    qtbot.waitUntil(lambda: saved(db, maryam)[0][1] == time(7, 0), timeout=3000)


def test_a_time_that_cannot_be_read_is_refused_in_words_and_never_saved(
    qtbot: QtBot, db: Database
) -> None:
    page, _case_id, (maryam, _ben) = make_page(qtbot, db)
    window_id = page.availability.add()
    assert window_id is not None
    row = page.availability.rows[window_id]
    type_time(qtbot, row.ends, "25:00")
    assert "is not a time of day" in row.ends.problem()
    assert page.availability.problem.isVisibleTo(page) and (
        page.availability.problem.text() == row.ends.problem()
    )
    assert not page.flush()  # the page is kept while a time cannot be read
    assert saved(db, maryam)[0][2] == time(21)
    type_time(qtbot, row.ends, "1030 pm")  # not a time either
    assert row.ends.problem() and saved(db, maryam)[0][2] == time(21)
    type_time(qtbot, row.ends, "2230")
    assert row.ends.problem() == "" and page.availability.problem.isHidden()
    assert page.flush()
    assert saved(db, maryam)[0][2] == time(22, 30)


def test_an_end_before_the_start_is_refused_in_words_until_put_right(
    qtbot: QtBot, db: Database
) -> None:
    page, _case_id, (maryam, _ben) = make_page(qtbot, db)
    problems: list[str] = []
    page.state.failed.connect(problems.append)
    window_id = page.availability.add()
    assert window_id is not None
    row = page.availability.rows[window_id]
    # Moving a window later: the start passes the old end before the end is moved.
    type_time(qtbot, row.starts, "22:00")
    assert not page.flush()
    assert problems and "must end after it starts" in problems[-1]
    assert saved(db, maryam)[0][1:3] == (time(18), time(21))
    type_time(qtbot, row.ends, "23:30")
    assert page.flush()
    assert saved(db, maryam)[0][1:3] == (time(22), time(23, 30))


def test_a_window_entered_here_makes_the_schedule_warn(qtbot: QtBot, db: Database) -> None:
    page, case_id, (maryam, _ben) = make_page(qtbot, db)
    with db.session() as s:
        # Monday 30 Nov 2026, 10:00 to 11:00 in New York.
        event = scheduling.create_event(
            s,
            case_id,
            kind="rehearsal",
            starts=datetime(2026, 11, 30, 15, tzinfo=UTC),
            timezone="America/New_York",
        )
        scheduling.invite(s, event.id, maryam)
        event_id = event.id
    schedule = SchedulePage(AppState(db))
    qtbot.addWidget(schedule)
    schedule.load_case(case_id)
    assert schedule.current_conflicts() == []  # no windows: nothing to check against

    window_id = page.availability.add()
    assert window_id is not None
    row = page.availability.rows[window_id]
    row.day.setCurrentIndex(row.day.findData(0))  # Mondays, 18:00 to 21:00 New York time
    type_time(qtbot, row.starts, "18:00")
    type_time(qtbot, row.ends, "21:00")
    select_zone(row.zone, "America/New_York")
    assert page.flush()

    schedule.load_case(case_id)
    found = schedule.current_conflicts()
    assert [c.kind for c in found] == [ConflictKind.UNAVAILABLE]
    assert found[0].participant_id == maryam
    assert "Mon 18:00–21:00 America/New_York" in schedule.warnings.text()
    # Moved into the window, the warning goes away.
    with db.session() as s:
        scheduling.reschedule(
            s,
            event_id,
            starts=datetime(2026, 11, 30, 19),
            timezone="America/New_York",
            duration_minutes=60,
        )
    schedule.load_case(case_id)
    assert schedule.current_conflicts() == []


def test_an_archived_case_shows_windows_read_only(qtbot: QtBot, db: Database) -> None:
    page, case_id, (maryam, _ben) = make_page(qtbot, db)
    window_id = page.availability.add()
    assert window_id is not None
    with db.session() as s:
        archive_case(s, case_id)
    page.load_case(case_id)
    page.set_read_only(True)
    page.people.setCurrentRow(1)
    page.people.setCurrentRow(0)
    row = page.availability.rows[window_id]
    assert row.starts.isReadOnly() and not row.day.isEnabled() and not row.remove.isEnabled()
    assert not page.availability.add_button.isEnabled()
    assert page.availability.add() is None
    assert len(saved(db, maryam)) == 1


def test_an_unsaved_window_keeps_its_person_selected(qtbot: QtBot, db: Database) -> None:
    page, _case_id, (maryam, ben) = make_page(qtbot, db)
    window_id = page.availability.add()
    assert window_id is not None
    row = page.availability.rows[window_id]
    type_time(qtbot, row.starts, "22:00")  # after its end: refused
    page.people.setCurrentRow(1)  # choose Ben
    assert page.participant_id == maryam and page.people.currentRow() == 0
    assert page.availability.rows[window_id] is row  # the row and its time are still there
    assert row.starts.value() == time(22, 0) and page.saver.has_pending
    type_time(qtbot, row.ends, "23:00")
    page.people.setCurrentRow(1)
    assert page.participant_id == ben
    assert saved(db, maryam) == [(0, time(22), time(23), saved(db, maryam)[0][3])]


def test_a_refused_window_can_still_be_removed(qtbot: QtBot, db: Database) -> None:
    page, _case_id, (maryam, _ben) = make_page(qtbot, db)
    window_id = page.availability.add()
    assert window_id is not None
    row = page.availability.rows[window_id]
    type_time(qtbot, row.starts, "22:00")
    assert not page.flush()
    row.remove.click()
    assert window_id not in page.availability.rows
    assert saved(db, maryam) == []
    assert not page.saver.has_pending
    assert page.flush()

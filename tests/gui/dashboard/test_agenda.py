"""The agenda widget: the coming week across cases, refreshed on change, opening a case."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDate, QLocale, QPoint, Qt, QTime
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from interventiondesk.gui.dashboard.agenda import SHOWN_AT_MOST, AgendaWidget
from interventiondesk.gui.shell.state import AppState
from interventiondesk.services import scheduling
from interventiondesk.services.cases import archive_case, create_case
from interventiondesk.storage.database import Database
from tests.gui.pages.schedule.test_page import CountingState

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def test_agenda_lists_the_week_across_cases_and_opens_a_case(qtbot: QtBot, db: Database) -> None:
    with db.session() as s:
        first = create_case(s, client_name="Jordan Lee", kind="planned", model="johnson")
        second = create_case(s, client_name="نور الهدى", kind="crisis", model="craft")
        old = create_case(s, client_name="Archived Person", kind="crisis", model="craft")
        soon = scheduling.create_event(
            s,
            first.id,
            kind="rehearsal",
            starts=datetime(2026, 11, 30, 18),
            timezone="America/New_York",
            title="<b>Living room</b>",
            place="12 Elm St, Apt 3",
        )
        call = scheduling.create_event(
            s,
            second.id,
            kind="coaching_session",
            starts=datetime(2026, 11, 29, 9),
            timezone="Asia/Dubai",
            is_video=True,
        )
        scheduling.create_event(
            s, first.id, kind="follow_up_call", starts=datetime(2026, 12, 20, 9), timezone="UTC"
        )
        scheduling.create_event(
            s, old.id, kind="rehearsal", starts=datetime(2026, 11, 29, 10), timezone="UTC"
        )
        archive_case(s, old.id)
        ids = (first.id, second.id, soon.id, call.id)
    state = AppState(db)
    widget = AgendaWidget(state)
    qtbot.addWidget(widget)
    widget.now = NOW
    widget.show()
    widget.refresh()
    first_id, second_id, soon_id, call_id = ids
    assert widget.entries() == [(second_id, call_id), (first_id, soon_id)]
    texts = [
        [widget.tree.topLevelItem(i).text(c) for c in range(4)]
        for i in range(widget.tree.topLevelItemCount())
    ]
    flat = " | ".join(" ".join(row) for row in texts)
    assert "نور الهدى" in flat and "Video call" in flat
    assert "Rehearsal: <b>Living room</b>" in flat and "12 Elm St, Apt 3" in flat
    assert "Archived Person" not in flat
    assert widget.empty.isHidden()

    # Double-click and Enter both open the event's case.
    row = next(
        widget.tree.topLevelItem(i)
        for i in range(widget.tree.topLevelItemCount())
        if widget.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole + 1) == soon_id
    )
    rect = widget.tree.visualItemRect(row)
    spot = QPoint(rect.left() + 10, rect.center().y())  # the row is wider than the view
    qtbot.mouseClick(widget.tree.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    with qtbot.waitSignal(widget.caseActivated) as opened:
        qtbot.mouseDClick(widget.tree.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert opened.args == [first_id]
    widget.tree.setCurrentItem(row)
    with qtbot.waitSignal(widget.caseActivated) as opened:
        qtbot.keyClick(widget.tree, Qt.Key.Key_Return)
    assert opened.args == [first_id]

    # A change to a case refreshes the agenda.
    state.write(lambda s: scheduling.cancel_event(s, call_id).id, case_id=second_id)
    qtbot.waitUntil(lambda: widget.entries() == [(first_id, soon_id)])


def test_empty_week_says_so(qtbot: QtBot, db: Database) -> None:
    widget = AgendaWidget(AppState(db))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: not widget.stale)
    assert widget.entries() == []
    assert not widget.empty.isHidden()
    assert widget.tree.isHidden()
    assert widget.more.isHidden()


def test_a_hidden_agenda_reads_nothing_until_it_is_shown(qtbot: QtBot, db: Database) -> None:
    with db.session() as s:
        case = create_case(s, client_name="Jordan Lee", kind="planned", model="johnson")
        case_id = case.id
    state = CountingState(db)
    widget = AgendaWidget(state)
    qtbot.addWidget(widget)
    widget.now = NOW
    assert widget.stale and state.reads == 0  # built without a query
    event_id = state.write(
        lambda s: (
            scheduling.create_event(
                s, case_id, kind="rehearsal", starts=datetime(2026, 11, 29, 10), timezone="UTC"
            ).id
        ),
        case_id=case_id,
    )
    QApplication.processEvents()  # anything the change queued has run
    assert state.reads == 0 and widget.stale  # still hidden: nothing read
    widget.show()
    qtbot.waitUntil(lambda: widget.entries() == [(case_id, event_id)])
    assert state.reads == 1


def test_a_crowded_week_lists_the_first_events_and_says_there_are_more(
    qtbot: QtBot, db: Database
) -> None:
    with db.session() as s:
        case = create_case(s, client_name="Busy Family", kind="planned", model="johnson")
        for number in range(SHOWN_AT_MOST + 5):
            scheduling.create_event(
                s,
                case.id,
                kind="other",
                starts=datetime(2026, 11, 29, 8) + timedelta(minutes=number),
                timezone="UTC",
            )
    widget = AgendaWidget(AppState(db))
    qtbot.addWidget(widget)
    widget.now = NOW
    widget.show()
    widget.refresh()
    assert len(widget.entries()) == SHOWN_AT_MOST
    assert not widget.more.isHidden()
    assert str(SHOWN_AT_MOST) in widget.more.text()


def test_days_and_times_follow_the_language(qtbot: QtBot, db: Database) -> None:
    with db.session() as s:
        case = create_case(s, client_name="Jordan Lee", kind="planned", model="johnson")
        scheduling.create_event(
            s, case.id, kind="rehearsal", starts=datetime(2026, 11, 30, 18, 5), timezone="UTC"
        )
    widget = AgendaWidget(AppState(db))
    qtbot.addWidget(widget)
    widget.now = NOW
    widget.show()
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        widget.refresh()
    finally:
        QLocale.setDefault(before)
    here = datetime(2026, 11, 30, 18, 5, tzinfo=UTC).astimezone()  # the counselor's own clock
    day = QDate(here.year, here.month, here.day)
    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    heading = widget.tree.topLevelItem(0).text(0)
    # The weekday, then the date in the one format every screen uses (issue 9): the locale's
    # short format with the year in full.
    assert heading == f"{us.dayName(day.dayOfWeek())} {us.toString(day, 'M/d/yyyy')}"
    assert heading.endswith("/2026") and heading.split()[0] in ("Monday", "Tuesday")
    when = widget.tree.topLevelItem(1).text(0)
    assert when == us.toString(QTime(here.hour, here.minute), QLocale.FormatType.ShortFormat)
    assert when.endswith(("AM", "PM"))

"""Date and time fields: typing, picking and refusing, never a value the user did not mean."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from pytestqt.qtbot import QtBot

from interventiondesk.gui.shared.date_fields import (
    DateField,
    TimeField,
    date_pattern,
    format_date,
    parse_date,
    parse_time,
)

US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
GERMANY = QLocale(QLocale.Language.German, QLocale.Country.Germany)
BRITAIN = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


@pytest.fixture
def british() -> Iterator[None]:
    previous = QLocale()
    QLocale.setDefault(BRITAIN)
    yield
    QLocale.setDefault(previous)


def test_dates_read_in_the_locales_own_format_or_iso() -> None:
    assert parse_date("12/1/2026", US) == date(2026, 12, 1)
    assert parse_date("12/1/26", US) == date(2026, 12, 1)  # a two-digit year is this century
    assert parse_date("1.12.2026", GERMANY) == date(2026, 12, 1)
    assert parse_date("01/12/2026", BRITAIN) == date(2026, 12, 1)
    for locale in (US, GERMANY, BRITAIN):
        assert parse_date(" 2026-12-01 ", locale) == date(2026, 12, 1)
    assert parse_date("2026-12-01 22:00", US) is None  # not a date: refused, never guessed
    for nonsense in ("", "31/2/2026", "2/31/2026", "tomorrow", "2200", "12/1"):
        assert parse_date(nonsense, US) is None, nonsense
    assert date_pattern(US) == "M/d/yyyy" and date_pattern(GERMANY) == "dd.MM.yyyy"
    assert format_date(date(2026, 12, 1), BRITAIN) == "01/12/2026"


def test_times_read_as_people_write_them() -> None:
    for typed in ("18:30", "1830", "6:30 pm", "6:30 PM", "6:30pm", " 18:30 "):
        assert parse_time(typed, US) == time(18, 30), typed
    assert parse_time("18", GERMANY) == time(18, 0)
    assert parse_time("7 am", BRITAIN) == time(7, 0)
    assert parse_time("0:05", GERMANY) == time(0, 5)
    for nonsense in ("", "25:00", "18:60", "2400", "half past six", "12345"):
        assert parse_time(nonsense, US) is None, nonsense


def test_typing_a_date_announces_it_only_when_whole_and_valid(qtbot: QtBot, british: None) -> None:
    field = DateField(None, "Due")
    qtbot.addWidget(field)
    field.show()
    announced: list[date | None] = []
    field.changed.connect(lambda: announced.append(field.value()))
    field.edit.setFocus()
    qtbot.keyClicks(field.edit, "2026-12-01 22:00")  # what broke the old field
    assert announced == []  # nothing while typing
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert announced == [] and field.value() is None
    assert "is not a date" in field.problem() and field.problem_label.isVisible()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "1/12/26")
    assert field.problem() == ""  # typing again clears the complaint
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert announced == [date(2026, 12, 1)]
    assert field.edit.text() == "01/12/2026"  # shown in the screen's one format
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert announced == [date(2026, 12, 1)]  # the same date is not announced twice
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "01/01/1850")
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert "between" in field.problem() and field.value() == date(2026, 12, 1)
    field.edit.clear()
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert announced[-1] is None  # optional: emptied on purpose


def test_a_required_date_cannot_be_emptied(qtbot: QtBot, british: None) -> None:
    field = DateField(None, "Date", optional=False)
    qtbot.addWidget(field)
    field.set_value(date(2026, 3, 4))
    field.edit.clear()
    field.commit()
    assert field.value() == date(2026, 3, 4) and "Enter a date" in field.problem()


def test_a_date_picked_from_the_calendar(qtbot: QtBot, british: None) -> None:
    field = DateField(None, "Due")
    qtbot.addWidget(field)
    field.show()
    with qtbot.waitSignal(field.changed):
        field.pick.click()
        field.calendar.setSelectedDate(QDate(2027, 2, 14))
        field.calendar.activated.emit(QDate(2027, 2, 14))
    assert field.value() == date(2027, 2, 14) and field.edit.text() == "14/02/2027"


def test_setting_a_value_from_the_database_is_not_an_edit(qtbot: QtBot, british: None) -> None:
    field = DateField(None, "Due")
    qtbot.addWidget(field)
    announced: list[object] = []
    field.changed.connect(lambda: announced.append(1))
    field.set_value(date(2026, 5, 6))
    field.set_value(None)
    assert announced == [] and field.edit.text() == ""


def test_typing_a_time_or_picking_one(qtbot: QtBot) -> None:
    field = TimeField(None, "Starts at")
    qtbot.addWidget(field)
    field.show()
    announced: list[time | None] = []
    field.changed.connect(lambda: announced.append(field.value()))
    line = field.lineEdit()
    assert line is not None
    line.setFocus()
    qtbot.keyClicks(line, "6:30 pm")
    assert announced == []
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert announced == [time(18, 30)]
    line.selectAll()
    qtbot.keyClicks(line, "26:00")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert announced == [time(18, 30)] and "not a time of day" in field.problem()
    index = field.findData(9 * 60 + 15)
    field.activated.emit(index)
    assert announced[-1] == time(9, 15)
    assert field.count() == 24 * 4  # every quarter of an hour


def test_an_age_is_said_in_its_largest_whole_unit(qtbot: QtBot) -> None:
    from datetime import timedelta

    from interventiondesk.gui.shared.date_fields import format_age

    assert format_age(timedelta(seconds=59)) == "less than a minute"
    assert format_age(timedelta(minutes=1, seconds=30)) == "1 minute"
    assert format_age(timedelta(minutes=59)) == "59 minutes"
    assert format_age(timedelta(hours=1)) == "1 hour"
    assert format_age(timedelta(hours=23, minutes=59)) == "23 hours"
    assert format_age(timedelta(days=1, hours=5)) == "1 day"
    assert format_age(timedelta(days=40)) == "40 days"
    assert format_age(timedelta(seconds=-5)) == "less than a minute"  # a clock set back

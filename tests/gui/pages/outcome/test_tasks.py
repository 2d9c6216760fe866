"""Follow-up tasks on the page: suggestions accepted with one click, tasks added by hand,
completed and removed; overdue ones marked in colour and in words."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from interventiondesk.gui.pages.outcome.tasks import OVERDUE_COLOUR, STATE, TITLE, TasksPanel
from interventiondesk.gui.shared.date_fields import format_date
from interventiondesk.services.follow_ups import AFTER_ADMISSION, task_rows
from interventiondesk.services.outcomes import record_outcome
from interventiondesk.storage.database import Database
from tests.gui.pages.outcome.conftest import Shown
from tests.gui.pages.schedule.test_page import type_date

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def listed(panel: TasksPanel) -> list[tuple[str, str]]:
    return [
        (panel.list.topLevelItem(n).text(STATE), panel.list.topLevelItem(n).text(TITLE))
        for n in range(panel.list.topLevelItemCount())
    ]


def test_suggested_tasks_are_accepted_at_once_and_overdue_ones_stand_out(
    qtbot: QtBot, db: Database, shown: Shown
) -> None:
    entry = date.today() - timedelta(days=3)  # the 24-hour call is overdue, the others not
    with db.session(write=True) as s:
        record_outcome(s, shown.case_id, "admitted", occurred_on=entry, entry_on=entry)
    shown.page.load_case(shown.case_id)
    panel = shown.page.tasks
    shown.page.tabs.setCurrentIndex(2)
    assert not panel.suggested.isHidden()
    for _days, title in AFTER_ADMISSION:
        assert title in panel.suggested.text.text()
    assert panel.list.topLevelItemCount() == 0
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    assert panel.suggested.isHidden()
    assert listed(panel) == [
        ("⚠ Overdue", AFTER_ADMISSION[0][1]),
        ("○ Open", AFTER_ADMISSION[1][1]),
        ("○ Open", AFTER_ADMISSION[2][1]),
    ]
    first = panel.list.topLevelItem(0)
    assert first.foreground(TITLE).color() == QColor(OVERDUE_COLOUR)  # colour, and the word
    assert panel.list.topLevelItem(1).foreground(TITLE).color() != QColor(OVERDUE_COLOUR)
    assert first.text(2) == format_date(entry + timedelta(days=1))
    assert panel.overdue_line.text() == "⚠ 1 task is overdue." and panel.overdue_line.isVisible()
    # Completing the overdue call: done, no longer overdue, listed after the open ones.
    panel.list.setCurrentItem(first)
    assert panel.done_button.text() == "&Mark done"
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert listed(panel)[-1] == ("✔ Done", AFTER_ADMISSION[0][1])
    assert panel.list.topLevelItem(2).font(TITLE).strikeOut()
    assert panel.overdue_line.isHidden()
    with db.session() as s:
        rows = task_rows(s, shown.case_id)
    assert [(r.title, r.done_at is not None) for r in rows][-1] == (AFTER_ADMISSION[0][1], True)
    # And opened again.
    panel.list.setCurrentItem(panel.list.topLevelItem(2))
    assert panel.done_button.text() == "&Mark open again"
    panel.toggle_done()
    assert listed(panel)[0] == ("⚠ Overdue", AFTER_ADMISSION[0][1])


def test_a_task_is_added_by_hand_with_a_due_day_and_an_owner(
    qtbot: QtBot, db: Database, shown: Shown
) -> None:
    panel = shown.page.tasks
    owners = [panel.new_owner.itemText(n) for n in range(panel.new_owner.count())]
    assert owners == [
        "Me (the counselor)",
        "Ana Example",
        "Ben Example",
        "Friend without a bottom line",
    ]
    qtbot.keyClicks(panel.new_title, "Ask about the <b>family</b> group")
    type_date(qtbot, panel.new_due, format_date(date(2026, 12, 9)))
    panel.new_owner.setCurrentIndex(panel.new_owner.findData(shown.brother))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    item = panel.list.topLevelItem(0)
    assert [item.text(c) for c in range(4)] == [
        "○ Open" if date(2026, 12, 9) >= date.today() else "⚠ Overdue",
        "Ask about the <b>family</b> group",
        format_date(date(2026, 12, 9)),
        "Ben Example",
    ]
    assert panel.new_title.text() == "" and panel.new_due.value() is None
    # A task without words is refused in words; nothing is added.
    failures: list[str] = []
    shown.page.state.failed.connect(failures.append)
    panel.add_task()
    assert failures == ["Say what the task is."]
    assert panel.list.topLevelItemCount() == 1
    panel.list.setCurrentItem(item)
    panel.remove_task()
    assert panel.list.topLevelItemCount() == 0
    with db.session() as s:
        assert task_rows(s, shown.case_id) == []

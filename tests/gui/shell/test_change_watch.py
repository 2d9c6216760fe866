"""The window beside another program writing to the same workspace: it shows what the other
program added, keeps the typing, and says when a save waits for the other program's lock."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from interventiondesk.gui.pages.plan.page import PlanPage
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.model import Case
from interventiondesk.services.cases import create_case
from interventiondesk.services.records import get_record
from interventiondesk.storage.database import Database
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE


@pytest.fixture
def other_program(workspace: Workspace) -> Iterator[Database]:
    """The same workspace opened a second time, as another program would: its own engine."""
    other = workspace.unlock(PASSPHRASE)
    yield other
    other.close()


def add_case_elsewhere(db: Database, name: str) -> str:
    with db.session(write=True) as session:
        return create_case(session, client_name=name, kind="planned", model="johnson").id  # type: ignore[arg-type]


def open_in_window(window: MainWindow, db: Database, name: str) -> PlanPage:
    case_id = add_case_elsewhere(db, name)
    window.reload_cases()
    window.open_case(case_id)
    page = window.case_view.pages[0]
    assert isinstance(page, PlanPage)
    return page


def client_names(window: MainWindow) -> set[str]:
    model = window.case_model
    return {model.case_row(row).client_name for row in range(model.rowCount())}


def test_a_case_added_by_another_program_appears_in_the_list(
    window: MainWindow, other_program: Database, qtbot: QtBot
) -> None:
    assert window.case_model.rowCount() == 0
    add_case_elsewhere(other_program, "Rowan Vale")
    qtbot.waitUntil(lambda: "Rowan Vale" in client_names(window), timeout=5000)
    assert window.count_label.text() == "Cases shown: 1"


def test_typing_in_progress_survives_a_refresh_from_outside(
    window: MainWindow, other_program: Database, qtbot: QtBot
) -> None:
    page = open_in_window(window, other_program, "Mara Quill")
    case_id = window.open_case_id
    assert case_id is not None
    goals = page.case_fields["goals"]
    assert isinstance(goals, QPlainTextEdit)
    goals.setFocus()
    qtbot.keyClicks(goals, "Accept help")
    assert window.case_view.has_pending  # typed, not saved yet

    # Meanwhile another program renames the client and adds a case.
    with other_program.session(write=True) as session:
        get_record(session, Case, case_id, "case").client.full_name = "Mara Q."
    add_case_elsewhere(other_program, "Ivo Brandt")
    window.change_watcher.check()  # what the timer does every CHECK_EVERY_MS

    assert "Ivo Brandt" in client_names(window)  # the list is fresh at once
    assert goals.toPlainText() == "Accept help"  # the typing is untouched
    # The open case is refreshed once the typing is saved: its header shows the new name.
    qtbot.waitUntil(lambda: window.case_view.header.name.text() == "Mara Q.", timeout=5000)
    qtbot.keyClicks(goals, " today")
    assert goals.toPlainText() == "Accept help today"
    assert goals.textCursor().position() == len("Accept help today")
    assert goals.hasFocus()
    assert window.case_view.flush()
    with other_program.session() as session:
        case = get_record(session, Case, case_id, "case")
        assert (case.goals, case.client.full_name) == ("Accept help today", "Mara Q.")


def test_a_save_waiting_for_another_programs_lock_says_so_and_keeps_the_window_alive(
    window: MainWindow, other_program: Database, qtbot: QtBot
) -> None:
    page = open_in_window(window, other_program, "Noor Haddad")
    case_id = window.open_case_id
    goals = page.case_fields["goals"]
    assert isinstance(goals, QPlainTextEdit)

    lock = other_program.raw_connection()
    lock.isolation_level = None
    lock.execute("BEGIN IMMEDIATE")  # the other program is in the middle of a long save
    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(20)
    heartbeat.timeout.connect(lambda: ticks.append(time.monotonic()))
    heartbeat.start()
    try:
        goals.setFocus()
        qtbot.keyClicks(goals, "Stay calm")
        qtbot.waitUntil(lambda: window.saved_label.text() == "Waiting to save", timeout=3000)
        message = window.statusBar().currentMessage()
        assert message.startswith("Waiting for another program to finish saving")
        assert not window.problem.isVisible()
        started = len(ticks)
        qtbot.wait(1500)  # several tries at saving happen meanwhile
        assert len(ticks) - started > 20  # the event loop keeps running
        gaps = [b - a for a, b in zip(ticks[started:], ticks[started + 1 :], strict=False)]
        assert max(gaps) < 0.5  # no try at saving froze the window for long
        assert window.saved_label.text() == "Waiting to save"
        assert goals.toPlainText() == "Stay calm" and window.case_view.has_pending
        qtbot.keyClicks(goals, "!")  # typing goes on while it waits
    finally:
        lock.execute("COMMIT")
        lock.close()
    with qtbot.waitSignal(window.state.saved, timeout=3000):
        pass
    heartbeat.stop()
    assert window.saved_label.text().startswith("All changes saved")
    assert window.statusBar().currentMessage() == ""
    assert not window.case_view.has_pending
    with other_program.session() as session:
        assert get_record(session, Case, case_id or "", "case").goals == "Stay calm!"


def test_the_windows_own_saves_are_not_news(window: MainWindow, qtbot: QtBot) -> None:
    """An autosave must not make the window read the whole list again a moment later."""
    from tests.gui.conftest import replace_text
    from tests.gui.shell.test_main_window import add_cases, plan_page

    (case_id,) = add_cases(window, "Own Saves")
    window.open_case(case_id)
    window.change_watcher.check()  # what came before this test is old news
    outside: list[bool] = []
    window.change_watcher.changed.connect(lambda: outside.append(True))
    goals = plan_page(window).case_fields["goals"]
    replace_text(goals, "Typed here, saved here")  # type: ignore[arg-type]
    assert window.flush()
    window.change_watcher.check()
    assert outside == []

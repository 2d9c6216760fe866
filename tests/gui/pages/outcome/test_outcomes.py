"""Outcomes on the page: recorded as typed, asked about the status they call for, edited and
removed."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from interventiondesk.gui.shared.date_fields import format_date
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.model import CaseStatus, OutcomeResult
from interventiondesk.services.cases import create_case, find_case
from interventiondesk.services.outcomes import outcome_view
from interventiondesk.storage.database import Database
from tests.gui.conftest import replace_text
from tests.gui.pages.outcome.conftest import Shown
from tests.gui.pages.schedule.test_page import click_when_modal, type_date

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def status(db: Database, case_id: str) -> CaseStatus:
    with db.session() as s:
        return find_case(s, case_id).status


def choose_result(shown: Shown, result: OutcomeResult) -> None:
    combo = shown.page.outcomes.result
    combo.setCurrentIndex(combo.findData(result))


def test_recording_an_outcome_asks_before_the_status_changes(
    qtbot: QtBot, db: Database, shown: Shown
) -> None:
    panel = shown.page.outcomes
    assert panel.record_button.isVisible() and not panel.list.isVisible()
    choose_result(shown, OutcomeResult.ADMITTED)
    type_date(qtbot, panel.occurred, format_date(date(2026, 11, 27)))
    qtbot.keyClicks(panel.admitted_to, "Cedar House")
    type_date(qtbot, panel.entry, "2026-11-28")
    replace_text(panel.notes, "Left at 12:15 <i>calm</i> 🙂")
    seen = click_when_modal(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status(db, shown.case_id) is CaseStatus.FOLLOW_UP)
    assert seen == ["QMessageBox"]
    with db.session() as s:
        (row,) = outcome_view(s, shown.case_id).outcomes
    assert (row.result, row.occurred_on, row.entry_on) == (
        OutcomeResult.ADMITTED,
        date(2026, 11, 27),
        date(2026, 11, 28),
    )
    assert (row.admitted_to, row.notes) == ("Cedar House", "Left at 12:15 <i>calm</i> 🙂")
    # Listed, chosen, and now saved as typed; no proposal is left on the page.
    assert panel.list.count() == 1 and panel.list.isVisible()
    assert panel.list.item(0).text().splitlines() == [
        f"Accepted and admitted · {format_date(date(2026, 11, 27))}",
        "Cedar House",
    ]
    assert panel.outcome_id == row.id and not panel.record_button.isVisible()
    assert panel.banner.isHidden()


def test_a_declined_status_change_stays_on_offer(qtbot: QtBot, db: Database, shown: Shown) -> None:
    panel = shown.page.outcomes
    choose_result(shown, OutcomeResult.REFUSED)
    type_date(qtbot, panel.occurred, "2026-11-20")
    seen = click_when_modal(QMessageBox.StandardButton.No)
    panel.record()
    qtbot.waitUntil(lambda: seen == ["QMessageBox"])
    qtbot.wait(50)
    assert status(db, shown.case_id) is CaseStatus.READY  # declined: nothing changed
    assert not panel.banner.isHidden()
    assert "Held" in panel.banner.text.text() and "Refused" in panel.banner.text.text()
    # The same proposal is not asked again when the outcome's notes are saved.
    replace_text(panel.notes, "Said no twice")
    assert shown.page.flush()
    qtbot.wait(50)
    qtbot.mouseClick(panel.banner.apply_button, Qt.MouseButton.LeftButton)
    assert status(db, shown.case_id) is CaseStatus.HELD
    assert panel.banner.isHidden()


def test_changing_the_result_saves_and_asks_again(qtbot: QtBot, db: Database, shown: Shown) -> None:
    panel = shown.page.outcomes
    choose_result(shown, OutcomeResult.REFUSED)
    type_date(qtbot, panel.occurred, "2026-11-20")
    click_when_modal(QMessageBox.StandardButton.Yes)
    panel.record()
    qtbot.waitUntil(lambda: status(db, shown.case_id) is CaseStatus.HELD)
    # A week later the refusal turned into an admission: the saved result is changed here.
    seen = click_when_modal(QMessageBox.StandardButton.Yes)
    choose_result(shown, OutcomeResult.ADMITTED)
    assert shown.page.flush()
    qtbot.waitUntil(lambda: status(db, shown.case_id) is CaseStatus.FOLLOW_UP)
    assert seen == ["QMessageBox"]
    with db.session() as s:
        assert [o.result for o in outcome_view(s, shown.case_id).outcomes] == ["admitted"]


def test_a_second_outcome_is_listed_in_time_order_and_can_be_removed(
    qtbot: QtBot, db: Database, shown: Shown
) -> None:
    panel = shown.page.outcomes
    for result, day in ((OutcomeResult.ADMITTED, "2026-11-27"), (OutcomeResult.REFUSED, "")):
        panel.new_outcome()
        choose_result(shown, result)
        type_date(qtbot, panel.occurred, day or "2026-11-20")
        click_when_modal(QMessageBox.StandardButton.No)
        panel.record()
        qtbot.wait(120)
    texts = [panel.list.item(n).text().splitlines()[0] for n in range(panel.list.count())]
    assert [t.split(" · ")[0] for t in texts] == ["Refused", "Accepted and admitted"]
    # Removing the one chosen (the refusal, recorded last) leaves the admission.
    assert panel.list.currentItem().text().startswith("Refused")
    panel.remove_outcome()
    assert panel.list.count() == 1
    assert panel.result.currentData() == OutcomeResult.ADMITTED
    with db.session() as s:
        assert [o.result for o in outcome_view(s, shown.case_id).outcomes] == ["admitted"]


def test_an_outcome_without_a_result_or_with_a_wrong_day_is_refused(
    qtbot: QtBot, db: Database, shown: Shown
) -> None:
    failures: list[str] = []
    shown.page.state.failed.connect(failures.append)
    panel = shown.page.outcomes
    panel.record()
    assert failures == ["Choose the result of the meeting."]
    choose_result(shown, OutcomeResult.ADMITTED)
    type_date(qtbot, panel.occurred, "2026-12-01 22:00")
    panel.record()
    assert "is not a date" in failures[-1]
    type_date(qtbot, panel.occurred, "2026-12-01")
    type_date(qtbot, panel.entry, "2026-11-01")
    panel.record()
    assert failures[-1] == "The day of entry cannot come before the day of the outcome."
    with db.session() as s:
        assert outcome_view(s, shown.case_id).outcomes == ()
    # Refused too on the way out: the case is not left while the draft cannot be recorded.
    assert not shown.page.flush()
    panel.new_outcome()  # emptied by hand, it no longer holds the window
    assert shown.page.flush()


def test_a_new_outcome_filled_in_is_kept_when_the_case_is_left(
    qtbot: QtBot, db: Database, shown: Shown, window: MainWindow
) -> None:
    panel = shown.page.outcomes
    with db.session(write=True) as s:
        other = create_case(s, client_name="Casey Other", kind="crisis", model="johnson").id
    window.reload_cases()
    # Begun without a result: the case is not left, and the reason is said.
    failures: list[str] = []
    shown.page.state.failed.connect(failures.append)
    qtbot.keyClicks(panel.admitted_to, "Cedar House")
    window.open_case(other)
    assert window.open_case_id == shown.case_id
    assert failures[-1] == "Choose the result of the meeting."
    # With a result, it is recorded on the way out; the status is offered, not changed.
    choose_result(shown, OutcomeResult.ADMITTED)
    type_date(qtbot, panel.occurred, "2026-11-27")
    window.open_case(other)
    assert window.open_case_id == other
    with db.session() as s:
        (row,) = outcome_view(s, shown.case_id).outcomes
    assert (row.result, row.admitted_to) == (OutcomeResult.ADMITTED, "Cedar House")
    assert status(db, shown.case_id) is CaseStatus.READY
    window.open_case(shown.case_id)
    assert not panel.banner.isHidden() and "Follow-up" in panel.banner.text.text()

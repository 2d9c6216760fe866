"""The main window driven with qtbot: find and open cases, edit, archive, restore, reopen."""

from __future__ import annotations

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from interventiondesk.gui.dialogs.new_case import NewCaseDialog
from interventiondesk.gui.pages.plan.page import PlanPage
from interventiondesk.gui.shell.app import show_main_window
from interventiondesk.gui.shell.case_list import CLIENT
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import Case, CaseStatus
from interventiondesk.services.cases import create_case, list_cases, update_case
from interventiondesk.services.records import get_record
from interventiondesk.storage.database import Database
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.gui.conftest import HOSTILE, replace_text

PLAN_TEXTS = ("concerns_notes", "goals", "treatment_options", "counselor_notes")
CLIENT_LINES = ("preferred_name", "pronouns", "phone", "email")


def add_cases(window: MainWindow, *names: str) -> list[str]:
    def create(session: object) -> list[str]:
        return [
            create_case(session, client_name=n, kind="planned", model="johnson").id  # type: ignore[arg-type]
            for n in names
        ]

    ids = window.state.write(create) or []
    window.reload_cases()
    return ids


def plan_page(window: MainWindow) -> PlanPage:
    page = window.case_view.pages[0]
    assert isinstance(page, PlanPage)
    return page


def test_typing_in_the_search_filters_and_enter_opens_the_first_case(
    window: MainWindow, qtbot: QtBot
) -> None:
    add_cases(window, "Maria Alvarez", "Tom Becker", "Samira Haddad")
    assert window.case_model.rowCount() == 3
    qtbot.keyClicks(window.search, "becker")
    assert window.case_model.rowCount() == 1
    assert "1" in window.count_label.text()
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.case_view
    assert window.case_view.header.name.text() == "Tom Becker"
    assert "Tom" not in window.windowTitle()  # title bars show in screen shares
    reference = window.case_model.case_row(0).reference
    assert window.windowTitle() == f"InterventionDesk — {reference}"


def test_find_shortcut_focuses_the_search_field(window: MainWindow, qtbot: QtBot) -> None:
    window.activateWindow()
    window.table.setFocus()
    window.actions_by_name["find"].trigger()
    assert window.search.hasFocus() or QApplication.focusWidget() is window.search


def test_choosing_a_row_opens_the_case_and_close_returns_to_the_dashboard(
    window: MainWindow,
) -> None:
    first, second = add_cases(window, "Ana One", "Ben Two")
    window.table.setCurrentIndex(window.case_model.index(window.case_model.row_of(second), 0))
    assert window.case_view.case_id == second
    assert window.actions_by_name["archive"].isEnabled()
    window.actions_by_name["close_case"].trigger()
    assert window.case_view.case_id is None
    assert window.stack.currentWidget() is window.dashboard
    assert not window.table.selectionModel().hasSelection()
    assert not window.actions_by_name["archive"].isEnabled()
    assert first != second


def test_a_sort_or_filter_keeps_the_open_case_selected(window: MainWindow, qtbot: QtBot) -> None:
    ids = add_cases(window, "Carl", "Abe", "Bea")
    window.open_case(ids[0])
    window.table.sortByColumn(CLIENT, Qt.SortOrder.DescendingOrder)
    assert window.table.currentIndex().row() == window.case_model.row_of(ids[0]) == 0
    qtbot.keyClicks(window.search, "ca")
    assert window.table.currentIndex().row() == 0
    assert window.case_view.case_id == ids[0]


def test_edits_are_saved_and_the_status_bar_says_so(window: MainWindow, qtbot: QtBot) -> None:
    (case_id,) = add_cases(window, "Dana Cole")
    window.open_case(case_id)
    page = plan_page(window)
    qtbot.keyClicks(page.case_fields["goals"], "Accept help today")
    with qtbot.waitSignal(window.state.saved, timeout=3000):
        pass
    assert window.saved_label.text().startswith("All changes saved")
    case = window.state.read(lambda s: get_record(s, Case, case_id, "case"))
    assert case.goals == "Accept help today"


def test_a_failed_save_shows_a_banner_that_a_later_save_clears(
    window: MainWindow, qtbot: QtBot
) -> None:
    (case_id,) = add_cases(window, "Eli Fox")
    window.open_case(case_id)
    page = plan_page(window)
    replace_text(page.client_fields["full_name"], "")  # type: ignore[arg-type]
    assert not window.case_view.flush()
    assert window.problem.isVisible()
    assert window.problem.text.text() == "The client's name cannot be empty."
    assert window.saved_label.text() == "Not saved"
    qtbot.keyClicks(page.client_fields["full_name"], "Eli F.")
    assert window.case_view.flush()
    assert not window.problem.isVisible()
    assert window.case_view.header.name.text() == "Eli F."
    row = window.case_model.row_of(case_id)
    assert window.case_model.case_row(row).client_name == "Eli F."


def test_a_case_whose_edit_cannot_be_saved_is_not_left(window: MainWindow, qtbot: QtBot) -> None:
    first, second = add_cases(window, "Hana Ito", "Ian Jay")
    window.open_case(first)
    replace_text(plan_page(window).client_fields["full_name"], "")  # type: ignore[arg-type]
    window.table.setCurrentIndex(window.case_model.index(window.case_model.row_of(second), 0))
    assert window.case_view.case_id == first  # stayed, with the reason in the banner
    assert window.problem.isVisible()
    assert window.table.currentIndex().row() == window.case_model.row_of(first)
    window.close_case()
    assert window.case_view.case_id == first
    qtbot.keyClicks(plan_page(window).client_fields["full_name"], "Hana I.")
    window.open_case(second)
    assert window.case_view.case_id == second


def test_edits_survive_closing_and_reopening_the_workspace(
    app_state: AppState, workspace: Workspace, qtbot: QtBot
) -> None:
    window = MainWindow(app_state, workspace)
    qtbot.addWidget(window)
    window.show()
    (case_id,) = add_cases(window, "Gil Hart")
    window.open_case(case_id)
    page = plan_page(window)
    qtbot.keyClicks(page.client_fields["pronouns"], "he/him")
    qtbot.keyClicks(page.case_fields["treatment_options"], "Bed at Riverside, intake 9am")
    window.close()  # flushes at once: no pause needed
    app_state.db.close()

    reopened = AppState(workspace.unlock(PASSPHRASE))
    try:
        again = MainWindow(reopened, workspace)
        qtbot.addWidget(again)
        again.show()
        again.reload_cases()
        again.open_case(case_id)
        page = plan_page(again)
        assert page.client_fields["pronouns"].text() == "he/him"  # type: ignore[attr-defined]
        treatment = page.case_fields["treatment_options"]
        assert treatment.toPlainText() == "Bed at Riverside, intake 9am"  # type: ignore[attr-defined]
        again.close()
    finally:
        reopened.db.close()


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_text_round_trips_through_every_plan_field(
    kind: str, app_state: AppState, workspace: Workspace, qtbot: QtBot
) -> None:
    text = HOSTILE[kind]
    window = MainWindow(app_state, workspace)
    qtbot.addWidget(window)
    (case_id,) = add_cases(window, "Ivy Jones")
    window.open_case(case_id)
    page = plan_page(window)
    qtbot.mouseClick(page.concerns.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.observations.add_button, Qt.MouseButton.LeftButton)
    concern_id = page.concerns.record_ids()[0]
    observation_id = page.observations.record_ids()[0]
    texts: list[QWidget] = [page.case_fields[f] for f in PLAN_TEXTS]
    texts += [page.client_fields["address"]]
    texts += page.concerns.row_widgets(concern_id)[1:3]
    texts += [page.observations.row_widgets(observation_id)[2]]
    line_fields: list[QWidget] = [page.client_fields[f] for f in CLIENT_LINES]
    line_fields += [page.case_fields["counselor"]]
    line_text = text[:60]  # one-line fields hold at most 60 to 200 characters
    for widget in texts:
        assert isinstance(widget, QLineEdit | QPlainTextEdit)
        replace_text(widget, line_text if isinstance(widget, QLineEdit) else text)
    for widget in line_fields:
        replace_text(widget, line_text)  # type: ignore[arg-type]
    name = text[:200] if text.strip() else "Ivy Jones"
    replace_text(page.client_fields["full_name"], name)  # type: ignore[arg-type]
    window.close()
    app_state.db.close()

    reopened = AppState(workspace.unlock(PASSPHRASE))
    try:
        case = reopened.read(lambda s: _whole_case(s, case_id))
        for field in PLAN_TEXTS:
            assert getattr(case, field) == text, field
        assert case.client.address == text
        for field in CLIENT_LINES:
            assert getattr(case.client, field) == line_text, field
        assert case.counselor == line_text
        assert case.client.full_name == name
        assert case.concerns[0].name == line_text
        assert case.concerns[0].details == text
        assert case.observations[0].text == text
        again = MainWindow(reopened, workspace)
        qtbot.addWidget(again)
        again.reload_cases()
        again.open_case(case_id)
        assert plan_page(again).case_fields["goals"].toPlainText() == text  # type: ignore[attr-defined]
        assert again.case_view.header.name.text().startswith(name)
        again.close()
    finally:
        reopened.db.close()


def _whole_case(session: object, case_id: str) -> Case:
    case = get_record(session, Case, case_id, "case")  # type: ignore[arg-type]
    _ = case.client.full_name, list(case.concerns), list(case.observations)
    return case


def test_archive_makes_the_case_read_only_and_restore_undoes_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    keep, gone = add_cases(window, "Kim Lane", "Lou Mars")
    window.open_case(gone)
    window.actions_by_name["archive"].trigger()
    assert window.case_view.archived
    assert window.case_view.banner.isVisible()
    assert window.actions_by_name["restore"].isEnabled()
    name = plan_page(window).client_fields["full_name"]
    assert isinstance(name, QLineEdit) and name.isReadOnly()
    assert window.case_model.row_of(gone) == -1  # hidden unless "Show archived" is ticked
    window.show_archived.setChecked(True)
    row = window.case_model.row_of(gone)
    assert row >= 0 and window.case_model.index(row, 0).data(Qt.ItemDataRole.FontRole).italic()
    qtbot.mouseClick(window.case_view.banner.restore_button, Qt.MouseButton.LeftButton)
    assert not window.case_view.archived
    assert not window.case_view.banner.isVisible()
    assert not name.isReadOnly()
    rows = window.state.read(lambda s: list_cases(s))
    assert {r.id for r in rows} == {keep, gone}


def test_new_case_dialog_opens_a_case(window: MainWindow, qtbot: QtBot) -> None:
    dialog = NewCaseDialog(window.state, window)
    qtbot.addWidget(dialog)
    dialog.open_case()
    assert dialog.ui.error.text() == "Please type the client's name."
    qtbot.keyClicks(dialog.ui.clientName, "Nia Owens")
    dialog.ui.model.setCurrentIndex(dialog.ui.model.findData("craft"))
    dialog.open_case()
    assert dialog.case_id is not None
    assert dialog.result() == dialog.DialogCode.Accepted
    assert window.case_model.row_of(dialog.case_id) >= 0  # the list reloaded
    case = window.state.read(lambda s: _whole_case(s, dialog.case_id or ""))
    assert (case.client.full_name, case.model) == ("Nia Owens", "craft")


def test_dashboard_counts_and_opens_cases(window: MainWindow, qtbot: QtBot) -> None:
    first, second = add_cases(window, "Pat Quill", "Ray Stone")
    window.state.write(
        lambda s: update_case(s, second, {"status": CaseStatus.READY}), case_id=second
    )
    window.close_case()
    assert window.dashboard.tiles[CaseStatus.INTAKE].text().startswith("1\n")
    assert window.dashboard.tiles[CaseStatus.READY].text().startswith("1\n")
    window.list_filter.setCurrentIndex(3)  # with overdue tasks: none has any
    qtbot.mouseClick(window.dashboard.tiles[CaseStatus.READY], Qt.MouseButton.LeftButton)
    assert window.search.text() == "Ready"
    assert window.list_filter.currentIndex() == 0  # a status tile searches every case
    assert [window.case_model.case_row(r).id for r in range(window.case_model.rowCount())] == [
        second
    ]
    window.dashboard.openCase.emit(first)
    assert window.case_view.case_id == first


def test_window_layout_is_remembered(
    app_state: AppState, workspace: Workspace, qtbot: QtBot
) -> None:
    window = MainWindow(app_state, workspace)
    qtbot.addWidget(window)
    window.show()
    window.splitter.setSizes([250, 750])
    window.show_archived.setChecked(True)
    sizes = window.splitter.sizes()
    size = window.size()
    window.close()
    again = MainWindow(app_state, workspace)
    qtbot.addWidget(again)
    again.show()
    # The offscreen screen is small, so the restored window may be clamped to fit it; the
    # split between list and case keeps its proportion.
    assert again.size().height() == size.height()
    restored = again.splitter.sizes()
    assert abs(restored[0] / sum(restored) - sizes[0] / sum(sizes)) < 0.02
    assert again.show_archived.isChecked()


def test_demo_title_and_no_passphrase_change_in_a_demo(
    db: object, workspace: Workspace, qtbot: QtBot
) -> None:
    state = AppState(db, is_demo=True)  # type: ignore[arg-type]
    window = MainWindow(state, workspace)
    qtbot.addWidget(window)
    assert window.windowTitle() == "InterventionDesk — DEMO"
    assert not window.actions_by_name["change_passphrase"].isEnabled()


def test_the_window_is_built_without_reading_and_fills_once_shown(
    app_state: AppState, workspace: Workspace, qtbot: QtBot
) -> None:
    app_state.write(
        lambda s: create_case(s, client_name="Lou Marsh", kind="crisis", model="craft").id
    )
    window = show_main_window(app_state.db, workspace, is_demo=False)
    qtbot.addWidget(window)
    # Painted first: the list and the dashboard are read once the event loop runs.
    assert window.case_model.rowCount() == 0
    assert window.dashboard.tiles[CaseStatus.INTAKE].text() == ""
    assert window.case_view.pages == []  # built when a case is first opened
    qtbot.waitUntil(lambda: window.case_model.rowCount() == 1)
    qtbot.waitUntil(lambda: window.dashboard.tiles[CaseStatus.INTAKE].text().startswith("1\n"))
    window.open_case(window.case_model.case_row(0).id)
    assert len(window.case_view.pages) == window.case_view.tabs.count() > 0


def test_a_hidden_dashboard_waits_until_it_is_shown_again(window: MainWindow, qtbot: QtBot) -> None:
    (case_id,) = add_cases(window, "Mo Nash")
    qtbot.waitUntil(lambda: window.dashboard.tiles[CaseStatus.INTAKE].text().startswith("1\n"))
    window.open_case(case_id)
    window.state.write(
        lambda s: update_case(s, case_id, {"status": CaseStatus.READY}), case_id=case_id
    )
    qtbot.wait(20)
    assert window.dashboard.tiles[CaseStatus.INTAKE].text().startswith("1\n")  # not read
    window.close_case()
    assert window.dashboard.tiles[CaseStatus.READY].text().startswith("1\n")
    assert window.dashboard.tiles[CaseStatus.INTAKE].text().startswith("0\n")


def test_a_window_write_claims_the_write_lock_at_its_start_and_a_read_does_not(
    app_state: AppState,
) -> None:
    """So that another program writing at the same moment makes a save wait, not fail."""

    def another_writer_is_kept_waiting(_session: object) -> bool:
        other = app_state.db.raw_connection()
        try:
            other.execute("PRAGMA busy_timeout = 0")  # fail at once instead of waiting
            try:
                other.execute("BEGIN IMMEDIATE")
            except sqlcipher.OperationalError as exc:
                assert "locked" in str(exc)
                return True
            other.execute("ROLLBACK")
            return False
        finally:
            other.close()

    assert app_state.write(another_writer_is_kept_waiting) is True
    assert app_state.read(another_writer_is_kept_waiting) is False


def test_the_empty_list_says_how_to_start_and_a_search_that_hides_all_says_so(
    window: MainWindow, qtbot: QtBot
) -> None:
    assert window.list_stack.currentWidget() is window.empty_note
    assert "No open cases" in window.empty_note.text.text()
    assert window.empty_note.new_case.isVisibleTo(window.empty_note)
    add_cases(window, "Ana One")
    assert window.list_stack.currentWidget() is window.table
    window.search.setText("zzz <b>")
    assert window.list_stack.currentWidget() is window.empty_note
    assert window.empty_note.text.text() == "No case matches “zzz <b>”."
    assert window.empty_note.clear_search.isVisibleTo(window.empty_note)
    window.empty_note.clear_search.click()
    assert window.search.text() == "" and window.list_stack.currentWidget() is window.table


def test_the_dashboard_welcomes_a_first_start_with_a_new_case_button(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.dashboard.refresh()
    assert window.dashboard.welcome.isVisible()
    add_cases(window, "Ana One")
    window.dashboard.refresh()
    assert not window.dashboard.welcome.isVisible()


def test_a_new_case_hidden_by_the_search_is_shown_and_opens_on_its_plan_at_the_top(
    window: MainWindow, qtbot: QtBot
) -> None:
    add_cases(window, "Ana One")
    window.open_case(window.case_model.case_row(0).id)
    window.case_view.show_page(4)
    window.search.setText("ana")

    def fill_and_accept() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NewCaseDialog):
            QTimer.singleShot(20, fill_and_accept)
            return
        replace_text(dialog.ui.clientName, "Zed Quorum")
        dialog.open_case()

    QTimer.singleShot(50, fill_and_accept)
    window.new_case()
    assert window.case_view.header.name.text() == "Zed Quorum"
    assert window.search.text() == ""
    assert window.case_model.row_of(window.open_case_id or "") >= 0
    assert window.case_view.tabs.currentIndex() == 0


def test_a_case_switch_reads_once_for_the_header_and_once_per_page(
    db: Database, window: MainWindow, qtbot: QtBot
) -> None:
    from interventiondesk.services.demo import add_demo_cases
    from tests.reads import Reads

    with db.session(write=True) as session:
        add_demo_cases(session)
    window.reload_cases()
    window.change_watcher.close()  # its timer would count reads of its own now and then
    ids = [window.case_model.case_row(row).id for row in range(window.case_model.rowCount())]
    window.open_case(ids[0])
    for case_id in ids[1:]:
        with Reads(db) as reads:
            window.open_case(case_id)
            QApplication.processEvents()
        assert reads.transactions == 1 + len(window.case_view.pages), case_id
        # The same few, however big the case: 54 to 58 with the Safety and Outcome & follow-up
        # pages (the latter's one read, 18 statements, holds the case's whole timeline), 58 to
        # 62 with the Consent page as well; a bound with room for a page or two more.
        assert reads.statements <= 72, case_id


def test_the_list_filter_keeps_cases_with_a_risk_flag_a_high_triage_or_overdue_tasks(
    window: MainWindow, qtbot: QtBot
) -> None:
    from datetime import date, timedelta

    from interventiondesk.model import FollowUpTask
    from interventiondesk.services.safety import save_screen, set_flags

    calm, flagged, high, late = add_cases(window, "Ann Calm", "Bo Flag", "Cy High", "Di Late")
    screen = {
        "wish_to_be_dead": True,
        "suicidal_thoughts": True,
        "thoughts_of_method": True,
        "intent": True,
        "plan": False,
        "recent_behaviour": False,
    }

    def prepare(s: object) -> None:
        set_flags(s, flagged, {"weapons_in_home": True})  # type: ignore[arg-type]
        save_screen(s, high, screen)  # type: ignore[arg-type]
        s.add(  # type: ignore[attr-defined]
            FollowUpTask(case_id=late, title="Call", due_on=date.today() - timedelta(days=4))
        )

    window.state.write(prepare)
    window.reload_cases()
    combo = window.list_filter
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All cases",
        "With a risk flag",
        "High triage",
        "With overdue tasks",
    ]
    expected = {0: {calm, flagged, high, late}, 1: {flagged}, 2: {high}, 3: {late}}
    for index, cases in expected.items():
        combo.setCurrentIndex(index)
        assert set(window.listed_case_ids()) == cases, combo.currentText()
        assert window.count_label.text() == f"Cases shown: {len(cases)}"
    window.search.setText("Di")
    assert window.listed_case_ids() == [late]
    window.search.setText("Calm")
    assert window.listed_case_ids() == []  # Ann Calm has no overdue task
    assert window.list_stack.currentWidget() is window.empty_note
    window.search.clear()
    window.state.write(lambda s: set_flags(s, flagged, {"weapons_in_home": False}))
    window.reload_cases()
    combo.setCurrentIndex(1)
    assert window.listed_case_ids() == []
    note = window.empty_note
    assert note.text.text() == "No case is listed under “With a risk flag”."
    assert note.all_cases.isVisibleTo(note) and not note.new_case.isVisibleTo(note)
    note.all_cases.click()
    assert combo.currentIndex() == 0 and len(window.listed_case_ids()) == 4

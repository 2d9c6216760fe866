"""The case list's columns: all nine readable by default, hidden or shown, and remembered."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from interventiondesk.gui.shared.labels import label
from interventiondesk.gui.shell.case_list import CLIENT, COUNSELOR, HEADERS, KIND, MODEL, STATUS
from interventiondesk.gui.shell.case_list_columns import VISUAL_ORDER
from interventiondesk.gui.shell.main_window import CASE_PANE_WIDTH, LIST_PANE_MIN_WIDTH, MainWindow
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import CaseStatus, InterventionKind, InterventionModel
from interventiondesk.services.cases import create_case
from interventiondesk.storage.workspace import Workspace


def fill(window: MainWindow) -> None:
    def create(session: object) -> None:
        for model in InterventionModel:
            create_case(
                session,  # type: ignore[arg-type]
                client_name="Gareth Pennywhistle-Ashgrove",
                kind="family",
                model=model.value,
                counselor="Dana Whitlock",
            )

    window.state.write(create)
    window.reload_cases()


def test_every_column_is_shown_in_order_and_wide_enough_for_its_longest_label(
    window: MainWindow,
) -> None:
    header = window.table.horizontalHeader()
    assert [header.logicalIndex(position) for position in range(len(HEADERS))] == list(VISUAL_ORDER)
    metrics = window.table.fontMetrics()
    longest = {
        STATUS: max(metrics.horizontalAdvance(label(s)) for s in CaseStatus),
        KIND: max(metrics.horizontalAdvance(label(k)) for k in InterventionKind),
        MODEL: max(metrics.horizontalAdvance(label(m)) for m in InterventionModel),
    }
    for column, width in longest.items():
        assert header.sectionSize(column) > width, HEADERS[column]
    for column in range(len(HEADERS)):
        assert not header.isSectionHidden(column)
        title = header.fontMetrics().horizontalAdvance(HEADERS[column])
        assert header.sectionSize(column) > title, HEADERS[column]


def test_a_wide_window_shows_all_nine_columns_without_scrolling_sideways(
    window: MainWindow, qtbot: QtBot, qapp: QApplication
) -> None:
    fill(window)
    window.resize(1920, 800)  # nine columns beside the open case: a 1920-pixel screen
    qapp.processEvents()
    window.fit_list_pane()
    qapp.processEvents()
    assert window.splitter.sizes()[0] >= window.columns.needed_width()
    assert window.table.horizontalScrollBar().maximum() == 0
    assert window.splitter.sizes()[1] >= CASE_PANE_WIDTH  # and the open case keeps its room


def test_a_narrow_window_keeps_the_case_its_room(window: MainWindow, qapp: QApplication) -> None:
    window.resize(1100, 700)
    qapp.processEvents()
    window.fit_list_pane()
    qapp.processEvents()
    assert window.splitter.sizes()[0] < window.columns.needed_width()
    assert window.splitter.sizes()[0] >= LIST_PANE_MIN_WIDTH - 10


def test_columns_can_be_hidden_but_never_the_client_and_the_choice_is_remembered(
    app_state: AppState, workspace: Workspace, qtbot: QtBot
) -> None:
    window = MainWindow(app_state, workspace)
    qtbot.addWidget(window)
    window.show()
    actions = window.columns.actions
    assert not actions[CLIENT].isEnabled()
    actions[KIND].trigger()
    actions[COUNSELOR].trigger()
    header = window.table.horizontalHeader()
    assert header.isSectionHidden(KIND) and header.isSectionHidden(COUNSELOR)
    narrower = window.columns.needed_width()
    window.close()

    again = MainWindow(app_state, workspace)
    qtbot.addWidget(again)
    again.show()
    header = again.table.horizontalHeader()
    assert header.isSectionHidden(KIND) and header.isSectionHidden(COUNSELOR)
    assert not again.columns.actions[KIND].isChecked()
    assert again.columns.actions[MODEL].isChecked()
    assert again.columns.needed_width() == narrower

    again.columns.reset()
    assert not any(header.isSectionHidden(column) for column in range(len(HEADERS)))
    assert all(action.isChecked() for action in again.columns.actions.values())


def test_the_view_menu_holds_the_same_column_choices(window: MainWindow) -> None:
    view = next(
        action.menu()
        for action in window.menuBar().actions()
        if action.text().replace("&", "") == "View"
    )
    columns = next(a.menu() for a in view.actions() if a.menu() is not None)
    texts = [a.text() for a in columns.actions() if not a.isSeparator()]
    assert texts[: len(HEADERS)] == [HEADERS[column] for column in VISUAL_ORDER]
    assert texts[len(HEADERS)] == "Show all columns with their usual widths"


def test_a_layout_saved_with_fewer_columns_is_laid_out_afresh(
    app_state: AppState, workspace: Workspace, qtbot: QtBot
) -> None:
    """Columns added since (Risk, Overdue) take their places instead of trailing at the end."""
    from interventiondesk.gui.shell.case_list import OVERDUE, RISK
    from interventiondesk.gui.shell.main_window import app_settings

    window = MainWindow(app_state, workspace)
    qtbot.addWidget(window)
    window.show()
    header = window.table.horizontalHeader()
    header.moveSection(header.visualIndex(RISK), len(HEADERS) - 1)
    window.columns.actions[OVERDUE].trigger()
    window.close()
    app_settings().setValue("case_list/columns", 7)  # as saved before the two columns came

    again = MainWindow(app_state, workspace)
    qtbot.addWidget(again)
    header = again.table.horizontalHeader()
    assert [header.logicalIndex(p) for p in range(len(HEADERS))] == list(VISUAL_ORDER)
    assert not header.isSectionHidden(OVERDUE)

"""Every number of the dashboard opens the cases behind it: the case list narrows to exactly
those cases (archived ones too, for outcomes), and a single case opens."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interventiondesk.gui.dashboard.outcomes import PERIODS
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.services.safety import set_flags
from tests.gui.dashboard.conftest import TODAY


def _ready(window: MainWindow) -> None:
    window.reload_cases()
    window.close_case()
    window.dashboard.today_date = TODAY
    window.dashboard.refresh()
    window.dashboard.outcomes.build_chart()


def test_a_figure_lists_its_cases_and_opens_the_only_one(
    window: MainWindow, qtbot: QtBot, caseload: dict[str, str]
) -> None:
    ids = caseload
    window.state.write(lambda s: set_flags(s, ids["Hal"], {"overdose_history": True}))
    _ready(window)
    window.search.setText("example")  # typed words must not hide any of them
    qtbot.mouseClick(window.dashboard.figures["risk_flag"], Qt.MouseButton.LeftButton)
    assert set(window.listed_case_ids()) == {ids["Fay"], ids["Hal"]}
    assert window.search.text() == ""
    assert window.list_filter.currentText() == "Risk flag (2)"
    assert window.count_label.text() == "Cases shown: 2"
    assert window.open_case_id is None  # two cases: the list is narrowed, none opened

    window.close_case()
    qtbot.mouseClick(window.dashboard.figures["overdue"], Qt.MouseButton.LeftButton)
    assert window.listed_case_ids() == [ids["Olive"]]
    assert window.open_case_id == ids["Olive"]  # the only one opens
    assert window.list_filter.count() == 5  # the dashboard's entry replaced, not added twice

    window.list_filter.setCurrentIndex(0)  # All cases
    assert window.list_filter.count() == 4
    assert len(window.listed_case_ids()) == len(ids) - 1  # Otto is archived


def test_a_bar_of_the_chart_lists_its_cases_archived_ones_included(
    window: MainWindow, qtbot: QtBot, caseload: dict[str, str]
) -> None:
    ids = caseload
    _ready(window)
    chart = window.dashboard.outcomes.chart
    assert chart is not None and not window.show_archived.isChecked()
    window.dashboard.outcomes.period.setCurrentIndex(PERIODS.index("last_12_months"))
    scene = chart.getPlotItem().vb.mapViewToScene(pg.Point(0.5, 0))  # the first bar: held
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=chart.mapFromScene(scene))
    assert set(window.listed_case_ids()) == {ids["Ada"], ids["Rex"], ids["Otto"]}
    assert window.show_archived.isChecked()  # Otto's case is archived, and counted
    assert window.list_filter.currentText().startswith("Interventions held, ")

    window.close_case()
    chart.setFocus()
    for _ in range(4):
        qtbot.keyClick(chart, Qt.Key.Key_Down)  # to "Admitted within 30 days"
    qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert window.listed_case_ids() == [ids["Ada"]]
    assert window.open_case_id == ids["Ada"]

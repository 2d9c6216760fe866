"""The dashboard: what it shows of a hand-built caseload, its chart over a chosen period, a
refresh after writes, its fit on a laptop, and the welcome of a workspace with no open case."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QApplication, QBoxLayout, QListWidget, QPushButton, QScrollArea
from pytestqt.qtbot import QtBot

from interventiondesk.gui.dashboard.page import CASE_ID_ROLE, SIDE_BY_SIDE_FROM, Dashboard
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.gui.shell.state import AppState
from interventiondesk.services.demo import add_demo_cases
from interventiondesk.services.outcomes import record_outcome
from interventiondesk.services.safety import save_screen, set_flags
from interventiondesk.storage.database import Database
from tests.gui.dashboard.conftest import HIGH_SCREEN, TODAY, shown_dashboard
from tests.gui.pages.laptop import LAPTOP_WINDOW, seen_without_scrolling


def test_the_agenda_and_follow_ups_stand_side_by_side_only_when_there_is_room(
    app_state: AppState, qtbot: QtBot
) -> None:
    dashboard = Dashboard(app_state)
    qtbot.addWidget(dashboard)
    dashboard.show()
    dashboard.resize(SIDE_BY_SIDE_FROM + 300, 700)
    qtbot.waitUntil(lambda: dashboard.lists.direction() == QBoxLayout.Direction.LeftToRight)
    dashboard.resize(SIDE_BY_SIDE_FROM - 200, 700)
    qtbot.waitUntil(lambda: dashboard.lists.direction() == QBoxLayout.Direction.TopToBottom)


def test_a_workspace_without_open_cases_is_welcomed(app_state: AppState, qtbot: QtBot) -> None:
    dashboard = Dashboard(app_state)
    qtbot.addWidget(dashboard)
    dashboard.show()
    asked: list[bool] = []
    dashboard.newCaseRequested.connect(lambda: asked.append(True))
    dashboard.refresh()
    assert dashboard.welcome.isVisible()
    (button,) = dashboard.welcome.findChildren(QPushButton)
    button.click()
    assert asked == [True]


def _listed(items: QListWidget) -> list[str]:
    return [
        items.item(row).data(CASE_ID_ROLE)
        for row in range(items.count())
        if items.item(row).data(CASE_ID_ROLE)
    ]


def test_each_section_shows_the_cases_it_is_about(
    app_state: AppState, qtbot: QtBot, caseload: dict[str, str]
) -> None:
    dashboard = shown_dashboard(qtbot, app_state)
    ids = caseload
    figures = {key: set(figure.case_ids) for key, figure in dashboard.figures.items()}
    assert figures == {
        "overdue": {ids["Olive"]},
        "due_soon": {ids["Dana"]},
        "high_triage": {ids["Hal"]},
        "risk_flag": {ids["Fay"]},
        "not_ready": {ids["Nina"]},
        "consents": {ids["Cora"]},
    }
    assert dashboard.figures["overdue"].text() == "1\nOverdue tasks"
    assert _listed(dashboard.follow_ups) == [ids["Olive"], ids["Dana"]]
    assert "Overdue since" in dashboard.follow_ups.item(0).text()
    assert _listed(dashboard.at_risk) == [ids["Hal"], ids["Fay"]]  # high triage first
    assert dashboard.at_risk.item(0).text().endswith("High triage")
    assert dashboard.at_risk.item(1).text().endswith("Detox needed")
    assert "medical detox" in dashboard.at_risk.item(1).toolTip()
    assert _listed(dashboard.not_ready) == [ids["Nina"]]
    assert _listed(dashboard.consents) == [ids["Cora"]]
    assert [case_id for case_id, _event in dashboard.agenda.entries()] == [ids["Nina"]]
    assert not dashboard.welcome.isVisible()
    opened: list[str] = []
    dashboard.openCase.connect(opened.append)
    dashboard.consents.itemActivated.emit(dashboard.consents.item(0))
    assert opened == [ids["Cora"]]


def test_an_outcome_and_a_screen_saved_elsewhere_show_after_a_refresh(
    app_state: AppState, qtbot: QtBot, caseload: dict[str, str]
) -> None:
    dashboard = shown_dashboard(qtbot, app_state)
    quinn = caseload["Quinn"]
    assert dashboard.outcomes.chart is not None
    held_before = dashboard.outcomes.chart.bars_shown()[0][1]
    app_state.write(
        lambda s: record_outcome(s, quinn, "partial", occurred_on=TODAY - timedelta(days=1))
    )
    app_state.write(lambda s: save_screen(s, quinn, HIGH_SCREEN))
    dashboard.refresh()
    assert dashboard.outcomes.chart.bars_shown()[0][1] == held_before + 1
    assert dashboard.outcomes.chart.bars_shown()[2] == ("Partly accepted", 1)
    assert quinn in dashboard.figures["high_triage"].case_ids
    assert quinn in _listed(dashboard.at_risk)


def test_the_dashboard_refreshes_itself_after_a_write_while_shown(
    app_state: AppState, qtbot: QtBot, caseload: dict[str, str]
) -> None:
    dashboard = shown_dashboard(qtbot, app_state)
    quinn = caseload["Quinn"]
    app_state.write(lambda s: set_flags(s, quinn, {"weapons_in_home": True}), case_id=quinn)
    qtbot.waitUntil(lambda: quinn in dashboard.figures["risk_flag"].case_ids)


def test_the_dashboard_fits_a_laptop_screen(window: MainWindow, qtbot: QtBot, db: Database) -> None:
    with db.session(write=True) as session:
        add_demo_cases(session)
    window.reload_cases()
    window.resize(*LAPTOP_WINDOW)
    window.close_case()
    dashboard = window.dashboard
    dashboard.outcomes.build_chart()
    QApplication.processEvents()
    assert window.width() <= LAPTOP_WINDOW[0] and window.height() <= LAPTOP_WINDOW[1]
    area = dashboard.findChild(QScrollArea)
    assert area is not None
    assert area.horizontalScrollBar().maximum() == 0  # nothing hides off to the side
    for seen in (dashboard.today, dashboard.figures["overdue"], dashboard.figures["consents"]):
        assert seen_without_scrolling(seen, area), seen.text()
    assert dashboard.outcomes.chart is not None
    chart = dashboard.outcomes.chart
    last: list[object] = []

    def laid_out() -> bool:  # the window's new size reaches the page in a few posted events
        now = (area.widget().height(), chart.mapTo(area.widget(), chart.rect().topLeft()))
        settled = last == [now]
        last[:] = [now]
        return settled and chart.y() > 0

    qtbot.waitUntil(laid_out)
    top = dashboard.outcomes.chart.mapTo(
        area.widget(), dashboard.outcomes.chart.rect().topLeft()
    ).y()
    area.verticalScrollBar().setValue(top - 10)
    QApplication.processEvents()
    assert seen_without_scrolling(dashboard.outcomes.chart, area)  # the whole chart at once
    assert dashboard.outcomes.chart.width() >= 400

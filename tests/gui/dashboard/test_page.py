"""The dashboard: it reflows on a laptop and welcomes a workspace with no open case."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QPushButton
from pytestqt.qtbot import QtBot

from interventiondesk.gui.dashboard.page import SIDE_BY_SIDE_FROM, Dashboard
from interventiondesk.gui.shell.state import AppState


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

"""A 1280×720 laptop: the window never grows past the screen, whatever page is shown, and a size
remembered on a bigger monitor is brought back onto the screen."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect
from PySide6.QtWidgets import QApplication, QTabWidget
from pytestqt.qtbot import QtBot

from interventiondesk.gui.shell.main_window import MainWindow, app_settings
from interventiondesk.gui.shell.state import AppState
from interventiondesk.services.demo import add_demo_cases
from interventiondesk.storage.database import Database
from interventiondesk.storage.workspace import Workspace

LAPTOP = (1280, 720)
TITLE_AND_PANEL = 70
"""What a desktop takes from a 720-pixel-high screen: a panel and the window's title bar."""


def every_page_and_tab(window: MainWindow) -> list[str]:
    """Show every page of every case and every tab inside them; where each was shown."""
    shown = []
    for row in range(window.case_model.rowCount()):
        window.open_case(window.case_model.case_row(row).id)
        for index, page in enumerate(window.case_view.pages):
            window.case_view.show_page(index)
            QApplication.processEvents()
            shown.append(f"{row}:{type(page).__name__}")
            for tabs in page.findChildren(QTabWidget):
                for tab in range(tabs.count()):
                    tabs.setCurrentIndex(tab)
                    QApplication.processEvents()
                    shown.append(f"{row}:{type(page).__name__}:{tab}")
                    yield_size = window.minimumSizeHint()
                    assert yield_size.width() <= LAPTOP[0], shown[-1]
                    assert yield_size.height() <= LAPTOP[1] - TITLE_AND_PANEL, shown[-1]
                tabs.setCurrentIndex(0)
            size = window.minimumSizeHint()
            assert size.width() <= LAPTOP[0], (shown[-1], size)
            assert size.height() <= LAPTOP[1] - TITLE_AND_PANEL, (shown[-1], size)
    return shown


def test_no_page_or_tab_makes_the_window_want_more_than_a_laptop_screen(
    db: Database, window: MainWindow, qtbot: QtBot
) -> None:
    with db.session(write=True) as session:
        add_demo_cases(session)
    window.reload_cases()
    window.resize(LAPTOP[0], LAPTOP[1] - TITLE_AND_PANEL)
    shown = every_page_and_tab(window)
    assert len(shown) >= 5 * window.case_model.rowCount()
    assert window.width() <= LAPTOP[0] and window.height() <= LAPTOP[1] - TITLE_AND_PANEL


def test_a_size_remembered_on_a_bigger_screen_opens_within_this_one(
    app_state: AppState, workspace: Workspace, qtbot: QtBot
) -> None:
    big = MainWindow(app_state, workspace)
    qtbot.addWidget(big)
    big.setGeometry(QRect(3000, 2000, 2400, 1500))  # a 4K monitor, far to the right
    big.save_settings()
    geometry = app_settings().value("main_window/geometry")
    assert isinstance(geometry, QByteArray)
    again = MainWindow(app_state, workspace)
    qtbot.addWidget(again)
    free = again.screen().availableGeometry()
    frame = again.frameGeometry()
    assert frame.width() <= free.width() and frame.height() <= free.height()
    assert free.contains(frame.topLeft()) and free.contains(frame.bottomRight())


def test_the_case_list_can_be_put_away_and_brought_back(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(*LAPTOP)
    window.show()
    action = window.actions_by_name["case_list"]
    assert action.isChecked() and window.splitter.sizes()[0] > 0
    action.trigger()
    assert window.splitter.sizes()[0] == 0
    action.trigger()
    assert window.splitter.sizes()[0] > 0

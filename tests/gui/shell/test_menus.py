"""The menus: keyboard access to the open case's pages, listed where people look for it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from interventiondesk.gui.pages import PAGES
from interventiondesk.gui.shell.main_window import MainWindow
from tests.gui.shell.test_main_window import add_cases


def test_ctrl_and_a_number_shows_that_page_and_page_keys_step_round(
    window: MainWindow, qtbot: QtBot
) -> None:
    actions = window.actions_by_name
    assert not actions["page_2"].isEnabled()  # no case open yet
    (case_id,) = add_cases(window, "Ana One")
    window.open_case(case_id)
    assert actions["page_2"].isEnabled() and actions["next_page"].isEnabled()
    tabs = window.case_view.tabs
    for number in range(1, len(PAGES) + 1):
        action = actions[f"page_{number}"]
        assert action.shortcut() == QKeySequence(f"Ctrl+{number}")
        assert PAGES[number - 1].title in action.text()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 2
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 3
    actions[f"page_{len(PAGES)}"].trigger()  # the last page
    actions["next_page"].trigger()  # from the last page round to the first
    assert tabs.currentIndex() == 0
    actions["previous_page"].trigger()
    assert tabs.currentIndex() == len(PAGES) - 1
    window.close_case()
    assert not actions["previous_page"].isEnabled()


def test_no_two_items_of_a_menu_share_a_mnemonic(window: MainWindow) -> None:
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        assert menu is not None
        keys = [
            action.text().split("&", 1)[1][0].lower()
            for action in menu.actions()
            if "&" in action.text() and not action.isSeparator()
        ]
        assert len(keys) == len(set(keys)), (menu_action.text(), keys)

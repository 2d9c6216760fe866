"""Inner tabs that scroll each on their own: a tall tab never makes its page taller."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from interventiondesk.gui.pages.inner_tabs import add_scrolled_tab


def test_a_tall_tab_scrolls_inside_and_leaves_its_page_short(qtbot: QtBot) -> None:
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    short = QLabel("One line")
    tall = QWidget()
    column = QVBoxLayout(tall)
    for number in range(80):
        column.addWidget(QLabel(f"Line {number}"))
    first = add_scrolled_tab(tabs, short, "Short")
    second = add_scrolled_tab(tabs, tall, "Tall")
    assert isinstance(first, QScrollArea) and first.widget() is short
    assert tabs.widget(1) is second and tabs.tabText(1) == "Tall"
    assert tall.minimumSizeHint().height() > 1000
    assert tabs.minimumSizeHint().height() < 300  # the tall tab does not set the page's height
    tabs.resize(400, 300)
    tabs.setCurrentIndex(1)
    tabs.show()
    qtbot.waitExposed(tabs)
    assert second.verticalScrollBar().maximum() > 0  # it scrolls inside instead

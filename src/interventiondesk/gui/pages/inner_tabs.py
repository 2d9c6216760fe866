"""Inner tabs of a case page, each scrolling on its own, so that the longest one never makes
the page (and its tab bar) taller than a laptop's screen."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QWidget


def add_scrolled_tab(tabs: QTabWidget, content: QWidget, title: str) -> QScrollArea:
    """Add ``content`` as a tab of ``tabs`` inside a frameless scroll area of its own."""
    area = QScrollArea(tabs)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    tabs.addTab(area, title)
    return area

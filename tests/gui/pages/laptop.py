"""A laptop screen for the pages' tests: every demo case shown on one page at 1280×720."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QScrollArea, QTabWidget, QWidget

from interventiondesk.gui.pages.base import CasePage
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.services.demo import add_demo_cases
from interventiondesk.storage.database import Database

LAPTOP_WINDOW = (1280, 650)
"""A 1280×720 screen less its panel and the window's title bar."""


def scroll_area(page: QWidget) -> QScrollArea:
    parent = page.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    assert isinstance(parent, QScrollArea), "every case page sits in a scroll area"
    return parent


def seen_without_scrolling(widget: QWidget, area: QScrollArea) -> bool:
    """Whether ``widget`` is wholly inside the scroll area's viewport as it stands."""
    viewport = area.viewport()
    top_left = widget.mapTo(viewport, widget.rect().topLeft())
    return viewport.rect().contains(QRect(top_left, widget.size()))


def every_demo_case_on(
    db: Database, window: MainWindow, page_type: type[CasePage]
) -> Iterator[tuple[CasePage, QScrollArea, str]]:
    """Show ``page_type`` (and each inner tab) for every demo case at a laptop's size, the
    page scrolled to its top; yields the page, its scroll area and what is shown."""
    with db.session(write=True) as session:
        add_demo_cases(session)
    window.reload_cases()
    window.resize(*LAPTOP_WINDOW)
    QApplication.processEvents()
    for row in range(window.case_model.rowCount()):
        case = window.case_model.case_row(row)
        window.open_case(case.id)
        index = next(i for i, p in enumerate(window.case_view.pages) if isinstance(p, page_type))
        window.case_view.show_page(index)
        page = window.case_view.pages[index]
        area = scroll_area(page)
        tabs = page.findChildren(QTabWidget) or [None]
        for inner in tabs:
            for tab in range(inner.count() if inner is not None else 1):
                if inner is not None:
                    inner.setCurrentIndex(tab)
                QApplication.processEvents()
                area.verticalScrollBar().setValue(0)
                area.horizontalScrollBar().setValue(0)
                QApplication.processEvents()
                yield page, area, f"{case.reference} tab {tab}"

"""The case list's columns: widths that fit their content, and hiding or showing each one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QObject, QPoint, Qt, QTime
from PySide6.QtGui import QAction, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QMenu, QStyle, QTableView

from interventiondesk.gui.shared.labels import label
from interventiondesk.gui.shell.case_list import (
    CLIENT,
    COUNSELOR,
    HEADERS,
    KIND,
    MODEL,
    NEXT_DATE,
    OVERDUE,
    REFERENCE,
    RISK,
    STATUS,
)
from interventiondesk.model import CaseStatus, InterventionKind, InterventionModel

VISUAL_ORDER = (CLIENT, STATUS, RISK, OVERDUE, NEXT_DATE, REFERENCE, KIND, MODEL, COUNSELOR)
"""What a counselor scans first (who, where the case stands, what needs care, what is next)
on the left."""
PADDING = 16  # the cell's margins on both sides
SORT_ARROW = 18
NAME_CHARACTERS = {CLIENT: 22, COUNSELOR: 20, RISK: 16}
"""Room for a typical name (or one or two risk words); longer texts are elided, and shown whole
in the tooltip."""


def _header(column: int) -> str:
    return QCoreApplication.translate("CaseListModel", HEADERS[column])


def column_widths(metrics: QFontMetrics, header_metrics: QFontMetrics) -> dict[int, int]:
    """A width per column that shows a typical value whole, in the current font and language."""

    def widest(*texts: str) -> int:
        return max(metrics.horizontalAdvance(text) for text in texts) + PADDING

    sample_date = QDateTime(QDate(2026, 12, 28), QTime(22, 30))
    date_text = QLocale().toString(sample_date, QLocale.FormatType.ShortFormat)
    widths = {
        STATUS: widest(*(label(status) for status in CaseStatus)),
        NEXT_DATE: widest(date_text),
        REFERENCE: widest("IN-MW8QX"),
        KIND: widest(*(label(kind) for kind in InterventionKind)),
        MODEL: widest(*(label(model) for model in InterventionModel)),
        OVERDUE: widest(
            QCoreApplication.translate("CaseListModel", "%1 overdue").replace("%1", "99")
        ),
    }
    for column, characters in NAME_CHARACTERS.items():
        widths[column] = metrics.averageCharWidth() * characters + PADDING
    # The header's own title (and the sort arrow) must never be cut.
    for column in widths:
        title = header_metrics.horizontalAdvance(_header(column)) + PADDING + SORT_ARROW
        widths[column] = max(widths[column], title)
    return widths


class CaseListColumns(QObject):
    """Lays out the table's columns and lets the counselor hide or show all but the client.

    ``actions`` (one checkable action per column, in visual order) serve both the header's
    context menu and the View menu, so that the choice is reachable by keyboard too.
    ``changed`` is called after a column is hidden or shown (to remember the choice).
    """

    def __init__(self, table: QTableView, changed: Callable[[], None]) -> None:
        super().__init__(table)
        self.table = table
        self._changed = changed
        header = table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._menu)
        self.actions: dict[int, QAction] = {}
        for column in VISUAL_ORDER:
            action = QAction(_header(column), self)
            action.setCheckable(True)
            action.setChecked(True)
            action.setEnabled(column != CLIENT)  # a list without names would be no list
            action.toggled.connect(lambda shown, c=column: self._set_shown(c, shown))
            self.actions[column] = action

    @property
    def header(self) -> QHeaderView:
        return self.table.horizontalHeader()

    def apply_defaults(self) -> None:
        """Every column shown, in the default order, each wide enough for a typical value."""
        header = self.header
        for position, column in enumerate(VISUAL_ORDER):
            header.showSection(column)
            header.moveSection(header.visualIndex(column), position)
        widths = column_widths(self.table.fontMetrics(), header.fontMetrics())
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)
        self.sync_actions()

    def reset(self) -> None:
        """``apply_defaults`` at the counselor's request, remembered at once."""
        self.apply_defaults()
        self._changed()

    def sync_actions(self) -> None:
        """Tick each column's action as its section is shown (after a restored layout)."""
        for column, action in self.actions.items():
            action.blockSignals(True)
            action.setChecked(not self.header.isSectionHidden(column))
            action.blockSignals(False)
        if self.header.isSectionHidden(CLIENT):
            self.header.showSection(CLIENT)
            self.actions[CLIENT].setChecked(True)

    def needed_width(self) -> int:
        """The list pane's width that shows every visible column without scrolling sideways."""
        header = self.header
        shown = [
            header.logicalIndex(position)
            for position in range(header.count())
            if not header.isSectionHidden(header.logicalIndex(position))
        ]
        columns = sum(header.sectionSize(column) for column in shown[:-1])
        if shown:  # the last one is stretched to the pane: count what it needs, not what it got
            last = shown[-1]
            widths = column_widths(self.table.fontMetrics(), header.fontMetrics())
            columns += min(header.sectionSize(last), widths[last])
        scroll_bar = self.table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return columns + scroll_bar + 2 * self.table.frameWidth() + 16  # the pane's margins

    def _set_shown(self, column: int, shown: bool) -> None:
        self.header.setSectionHidden(column, not shown)
        self._changed()

    def _menu(self, position: QPoint) -> None:
        menu = QMenu(self.table)
        menu.setTitle(self.tr("Columns"))
        for action in self.actions.values():
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.tr("Show all columns with their usual widths"), self.reset)
        menu.exec(self.header.mapToGlobal(position))

"""The dashboard shown when no case is open: cases by status, what is coming up and what is due."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from interventiondesk.gui.dashboard.agenda import AgendaWidget
from interventiondesk.gui.shared.date_fields import (
    format_date,
    format_day,
)
from interventiondesk.gui.shared.labels import label
from interventiondesk.gui.shared.widgets import Banner, scrolling_page, when_painted
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import CaseStatus
from interventiondesk.services.dashboard import (
    FOLLOW_UP_DAYS,
    DueFollowUp,
    due_follow_ups,
    status_counts,
)

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
FOLLOW_UPS_SHOWN = 100
SIDE_BY_SIDE_FROM = 1100
"""The dashboard's width from which the agenda and the follow-ups stand side by side."""


class StatusTile(QPushButton):
    """A count of cases with one status; pressing it filters the case list by that status."""

    def __init__(self, status: CaseStatus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self.setFlat(False)
        self.setMinimumHeight(56)

    def set_count(self, count: int) -> None:
        self.setText(f"{count}\n{label(self.status)}")
        self.setAccessibleName(
            self.tr("{count} cases: {status}").format(count=count, status=label(self.status))
        )


class Dashboard(QWidget):
    """Asks to open a case or filter the list; reads the database only while it is shown.

    ``schedule_refresh()`` marks it out of date: it refreshes once the event loop runs if it is
    shown, otherwise when it is shown next (so that start-up and a hidden dashboard cost nothing).
    """

    openCase = Signal(str)
    filterRequested = Signal(str)
    newCaseRequested = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._locale = QLocale()
        content, layout = scrolling_page(self, (20, 16, 20, 20))

        self.today = QLabel(content)
        font = QFont(self.today.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setWeight(QFont.Weight.DemiBold)
        self.today.setFont(font)
        layout.addWidget(self.today)

        self.welcome = Banner(content)
        self.welcome.text.setText(
            self.tr(
                "There are no open cases yet. Start with a new case: it opens on its Plan page, "
                "and every word you type is saved as you go."
            )
        )
        start = QPushButton(self.tr("Start a new case…"), self.welcome)
        start.setAccessibleName(self.tr("Start a new case"))
        start.clicked.connect(self.newCaseRequested)
        self.welcome.row.addWidget(start)
        self.welcome.hide()
        layout.addWidget(self.welcome)

        counts_box = QGroupBox(self.tr("Open cases by status"), content)
        tiles = QGridLayout(counts_box)
        tiles.setSpacing(8)
        self.tiles: dict[CaseStatus, StatusTile] = {}
        for position, status in enumerate(CaseStatus):
            tile = StatusTile(status, counts_box)
            tile.clicked.connect(lambda _=False, s=status: self.filterRequested.emit(label(s)))
            tiles.addWidget(tile, 0, position)
            self.tiles[status] = tile
        layout.addWidget(counts_box)

        self.lists = lists = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        lists.setSpacing(14)
        agenda_box = QGroupBox(content)
        agenda_layout = QVBoxLayout(agenda_box)
        self.agenda = AgendaWidget(state, agenda_box)
        self.agenda.caseActivated.connect(self.openCase)
        agenda_layout.addWidget(self.agenda)
        lists.addWidget(agenda_box, 5)
        self.follow_ups = self._list(
            self.tr("Follow-ups due within {days} days").format(days=FOLLOW_UP_DAYS),
            self.tr("Follow-ups due"),
            content,
            lists,
        )
        layout.addLayout(lists, 1)
        self._stale = True
        self._pending = False
        state.casesChanged.connect(self.schedule_refresh)
        state.caseChanged.connect(self.schedule_refresh)

    def schedule_refresh(self, *_args: object) -> None:
        self._stale = True
        self.agenda.schedule_refresh()
        if self.isVisible() and not self._pending:
            self._pending = True
            when_painted(self, self._refresh_if_stale)  # the user sees the window first

    def _refresh_if_stale(self) -> None:
        self._pending = False
        if self._stale and self.isVisible():
            # The agenda refreshes itself when it is shown; do not read it twice.
            self._read(with_agenda=self.agenda.stale)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Side by side on a wide screen; the agenda above the follow-ups on a laptop, so that
        what each event is stays readable."""
        super().resizeEvent(event)
        wide = event.size().width() >= SIDE_BY_SIDE_FROM
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.lists.direction() != direction:
            self.lists.setDirection(direction)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.schedule_refresh()

    def _list(self, title: str, name: str, parent: QWidget, row: QBoxLayout) -> QListWidget:
        box = QGroupBox(title, parent)
        box_layout = QVBoxLayout(box)
        items = QListWidget(box)
        items.setAccessibleName(name)
        items.setAlternatingRowColors(True)
        items.setWordWrap(True)
        items.itemActivated.connect(self._open)
        items.itemDoubleClicked.connect(self._open)
        box_layout.addWidget(items)
        row.addWidget(box, 2)
        return items

    def _open(self, item: QListWidgetItem) -> None:
        case_id = item.data(CASE_ID_ROLE)
        if case_id:
            self.openCase.emit(case_id)

    def refresh(self) -> None:
        """Read the counts, follow-ups and agenda now."""
        self._read(with_agenda=True)

    def _read(self, *, with_agenda: bool) -> None:
        self._stale = False
        self.today.setText(format_day(date.today(), self._locale))
        counts = self.state.read(status_counts)
        for status, tile in self.tiles.items():
            tile.set_count(counts[status])
        self.welcome.setVisible(sum(counts.values()) == 0)
        self._fill_follow_ups(
            self.state.read(lambda s: due_follow_ups(s, limit=FOLLOW_UPS_SHOWN + 1))
        )
        if with_agenda:
            self.agenda.refresh()

    def _add(self, target: QListWidget, text: str, case_id: str) -> None:
        item = QListWidgetItem(text, target)
        item.setData(CASE_ID_ROLE, case_id)
        item.setToolTip(self.tr("Press Enter or double-click to open the case"))

    def _empty(self, target: QListWidget, text: str) -> None:
        item = QListWidgetItem(text, target)
        item.setFlags(Qt.ItemFlag.NoItemFlags)

    def _fill_follow_ups(self, tasks: list[DueFollowUp]) -> None:
        self.follow_ups.clear()
        for task in tasks[:FOLLOW_UPS_SHOWN]:
            when = format_date(task.due_on, self._locale)
            if task.overdue:
                when = self.tr("Overdue since {date}").format(date=when)
            what = task.title or self.tr("Follow-up")
            self._add(
                self.follow_ups,
                f"{when} · {what}\n{task.client_name} ({task.reference})",
                task.case_id,
            )
        if not tasks:
            self._empty(self.follow_ups, self.tr("No follow-ups due."))
        elif len(tasks) > FOLLOW_UPS_SHOWN:
            self._empty(
                self.follow_ups,
                self.tr(
                    "Only the first {count} are listed; open a case to see all of its own."
                ).format(count=FOLLOW_UPS_SHOWN),
            )

"""The counselor's agenda: every upcoming event across open cases, grouped by day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from interventiondesk.gui.shared.date_fields import (
    format_day,
    format_time,
)
from interventiondesk.gui.shared.labels import label
from interventiondesk.gui.shared.widgets import when_painted
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import utcnow
from interventiondesk.services.scheduling import AgendaEntry, agenda

CASE_ROLE = Qt.ItemDataRole.UserRole
EVENT_ROLE = Qt.ItemDataRole.UserRole + 1
SHOWN_AT_MOST = 100
COLUMN_AT_MOST = 280
"""A busy week is cut here: a list longer than this is read by nobody and costs start-up time."""


class AgendaTree(QTreeWidget):
    """A tree whose Enter key opens the case, like a double-click."""

    activated_case = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
            case_id = item.data(0, CASE_ROLE)
            if case_id:
                self.activated_case.emit(case_id)
                return
        super().keyPressEvent(event)


class AgendaWidget(QWidget):
    """The coming ``days`` (a week by default); double-click or Enter opens the event's case.

    It reads the database only while it is shown: a change seen while hidden marks it out of
    date, and it catches up when it is shown again. With ``fed`` it never reads: its owner (the
    dashboard, which reads everything it shows at once) gives it the entries (``show_entries``).
    """

    caseActivated = Signal(str)

    def __init__(
        self, state: AppState, parent: QWidget | None = None, days: int = 7, *, fed: bool = False
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.days = days
        self.now: datetime | None = None
        """Fixed "now" for tests and demos; None means the clock."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self.tr("Coming &week"), self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.tree = AgendaTree(self)
        self.tree.setAccessibleName(self.tr("Upcoming events across cases"))
        self.tree.setHeaderLabels(
            [self.tr("When"), self.tr("Case"), self.tr("What"), self.tr("Where")]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        self.tree.activated_case.connect(self.caseActivated)
        layout.addWidget(self.tree, 1)
        self.empty = QLabel(self.tr("Nothing is scheduled in the coming week."), self)
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.more = QLabel(
            self.tr(
                "Only the first {count} events are listed. Open a case to see all of its events."
            ).format(count=SHOWN_AT_MOST),
            self,
        )
        self.more.setWordWrap(True)
        self.more.hide()
        layout.addWidget(self.more)
        self.heading.setBuddy(self.tree)
        self._pending = False
        self._stale = not fed
        if not fed:
            state.caseChanged.connect(self.schedule_refresh)
            state.casesChanged.connect(self.schedule_refresh)

    def schedule_refresh(self, *_args: object) -> None:
        """Refresh once the event loop runs if shown, else when shown next."""
        self._stale = True
        if self.isVisible() and not self._pending:
            self._pending = True
            when_painted(self, self._refresh_if_stale)  # the user sees the window first

    @property
    def stale(self) -> bool:
        """Whether something changed since the last refresh."""
        return self._stale

    def _refresh_if_stale(self) -> None:
        self._pending = False
        if self._stale and self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.schedule_refresh()

    def refresh(self) -> None:
        self._stale = False
        start = self.now or utcnow()
        end = start + timedelta(days=self.days)
        self.show_entries(self.state.read(lambda s: agenda(s, start, end, limit=SHOWN_AT_MOST + 1)))

    def show_entries(self, entries: Sequence[AgendaEntry]) -> None:
        """Fill the list; more than ``SHOWN_AT_MOST`` entries are cut, and it says so."""
        cut = len(entries) > SHOWN_AT_MOST
        entries = entries[:SHOWN_AT_MOST]
        self.tree.clear()
        day_shown = None
        for entry in entries:
            here = entry.starts_at.astimezone()  # the counselor's own clock
            if here.date() != day_shown:
                day_shown = here.date()
                day_item = QTreeWidgetItem(self.tree, [local_day(here)])
                day_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = day_item.font(0)
                font.setBold(True)
                day_item.setFont(0, font)
                day_item.setFirstColumnSpanned(True)
            self._add(entry, here)
        self.tree.expandAll()
        for column in range(3):
            self.tree.resizeColumnToContents(column)
            # A long name or title is elided (and whole in the tooltip), so "Where" stays in view.
            if column and self.tree.columnWidth(column) > COLUMN_AT_MOST:
                self.tree.setColumnWidth(column, COLUMN_AT_MOST)
        self.empty.setVisible(not entries)
        self.tree.setVisible(bool(entries))
        self.more.setVisible(cut)

    def _add(self, entry: AgendaEntry, here: datetime) -> QTreeWidgetItem:
        when = local_time(here)
        there = entry.local_start
        far_away = there.utcoffset() != here.utcoffset()
        if far_away:
            # Short in the list (the place's city), whole in the tooltip.
            city = entry.timezone.rsplit("/", 1)[-1].replace("_", " ")
            when += " " + self.tr("(%1 in %2)").replace("%1", local_time(there)).replace("%2", city)
        name = " ".join(entry.client_name.split())
        what = label(entry.kind)
        title = " ".join(entry.title.split())
        if title.casefold().startswith(what.casefold()):
            what = title  # "Rehearsal with the sisters", not "Rehearsal: Rehearsal with…"
        elif title:
            what += f": {title}"
        where = self.tr("Video call") if entry.is_video else " ".join(entry.place.split())
        texts = [when, f"{entry.reference} · {name}", what, where]
        item = QTreeWidgetItem(self.tree, texts)
        for column in (1, 2):
            item.setToolTip(column, texts[column])
        item.setData(0, CASE_ROLE, entry.case_id)
        item.setData(0, EVENT_ROLE, entry.event_id)
        item.setToolTip(3, entry.place)
        if far_away:
            item.setToolTip(
                0,
                self.tr("%1 where it takes place (%2)")
                .replace("%1", local_time(there))
                .replace("%2", entry.timezone),
            )
        return item

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        case_id = item.data(0, CASE_ROLE)
        if case_id:
            self.caseActivated.emit(case_id)

    def entries(self) -> list[tuple[str, str]]:
        """(case id, event id) of each event row, in order shown."""
        rows = []
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item is not None and item.data(0, EVENT_ROLE):
                rows.append((item.data(0, CASE_ROLE), item.data(0, EVENT_ROLE)))
        return rows


def local_day(moment: datetime) -> str:
    """The day as a heading: its weekday and the date in the screen's one format."""
    return format_day(moment.date())


def local_time(moment: datetime) -> str:
    """The clock time as this computer's language and region write it (18:05, 6:05 PM, ...)."""
    return format_time(moment.time())

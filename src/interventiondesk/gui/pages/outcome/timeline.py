"""The case's timeline: every dated thing in one chronological list, filtered by kind, with
times on this computer's clock."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from interventiondesk.gui.shared.date_fields import format_date, format_time
from interventiondesk.gui.shared.labels import label
from interventiondesk.gui.shared.time_fields import local_zone_name
from interventiondesk.model import TimelineKind
from interventiondesk.services.timeline import TimelineEntry

ALL_KINDS = "all"
WHEN, WHAT, DETAILS = range(3)


def when_text(entry: TimelineEntry) -> str:
    """The day alone for a day-only entry; otherwise the day and time on this computer."""
    if entry.day is not None:
        return format_date(entry.day)
    local = entry.at.astimezone()
    return f"{format_date(local.date())} {format_time(local.time())}"


def what_text(entry: TimelineEntry) -> str:
    """The kind, and what the entry is about (an outcome's result, a screen's triage...)."""
    text = label(entry.kind)
    if entry.code is not None:
        text += f": {label(entry.code)}"
    if entry.rating is not None:
        text += f" {entry.rating}"
    return text


class TimelinePanel(QWidget):
    """The timeline from the page's one read, filtered here without reading again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: tuple[TimelineEntry, ...] = ()
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Kind of entries shown"))
        self.kind.addItem(self.tr("Everything"), ALL_KINDS)
        for kind in TimelineKind:
            self.kind.addItem(label(kind), kind.value)
        self.kind.currentIndexChanged.connect(lambda _i: self._fill())
        caption = QLabel(self.tr("Show entr&ies:"), self)
        caption.setBuddy(self.kind)
        row.addWidget(caption)
        row.addWidget(self.kind)
        row.addStretch(1)
        self.zone_note = QLabel(self)
        self.zone_note.setAccessibleName(self.tr("Time zone of the times shown"))
        row.addWidget(self.zone_note)
        layout.addLayout(row)
        self.list = QTreeWidget(self)
        self.list.setAccessibleName(self.tr("Timeline of this case, oldest first"))
        self.list.setRootIsDecorated(False)
        self.list.setWordWrap(True)
        self.list.setUniformRowHeights(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHeaderLabels([self.tr("When"), self.tr("What"), self.tr("Details")])
        self.list.setMinimumHeight(160)
        self.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        header = self.list.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(WHEN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.list, 1)
        self.empty = QLabel(self.tr("Nothing of this kind in the case yet."), self)
        layout.addWidget(self.empty)

    def show_entries(self, entries: tuple[TimelineEntry, ...]) -> None:
        self.entries = entries
        self.zone_note.setText(self.tr("Times in %1").replace("%1", local_zone_name()))
        self._fill()

    def chosen_kind(self) -> TimelineKind | None:
        data = self.kind.currentData()
        return None if data in (None, ALL_KINDS) else TimelineKind(data)

    def shown(self) -> list[TimelineEntry]:
        kind = self.chosen_kind()
        return [e for e in self.entries if kind is None or e.kind is kind]

    def _fill(self) -> None:
        self.list.clear()
        for entry in self.shown():
            details = " ".join(entry.subject.split())
            if entry.timezone and entry.day is None:
                details = f"{details} ({entry.timezone})" if details else entry.timezone
            item = QTreeWidgetItem(self.list, [when_text(entry), what_text(entry), details])
            item.setToolTip(DETAILS, details)
            if entry.cancelled:
                struck = QFont(item.font(WHAT))
                struck.setStrikeOut(True)
                item.setFont(WHAT, struck)
                item.setText(WHAT, self.tr("%1 (cancelled)").replace("%1", what_text(entry)))
            item.setData(WHEN, Qt.ItemDataRole.UserRole, entry.record_id)
        self.empty.setVisible(self.list.topLevelItemCount() == 0)

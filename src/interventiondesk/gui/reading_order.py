"""The reading order as a list model: drag to reorder, the closer's letter pinned last."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from interventiondesk.services.guidance import format_duration
from interventiondesk.services.letters import ReadingSlot

ModelIndex = QModelIndex | QPersistentModelIndex
LETTER_ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True, slots=True)
class OrderEntry:
    """What one row shows; built from a ReadingSlot while its session is open."""

    letter_id: str
    author: str
    reader: str | None
    reads_own: bool
    is_closer: bool
    seconds: int
    status: str

    @classmethod
    def from_slot(cls, slot: ReadingSlot, status: str) -> OrderEntry:
        return cls(
            letter_id=slot.letter.id,
            author=slot.author.name,
            reader=slot.reader.name if slot.reader else None,
            reads_own=slot.reader is not None and slot.reader.id == slot.author.id,
            is_closer=slot.is_closer,
            seconds=slot.seconds,
            status=status,
        )


class ReadingOrderModel(QAbstractListModel):
    """Rows are letters in reading order. Moves that would put anything after the closer are
    refused; every accepted move is announced with ``orderChanged`` for the page to save."""

    orderChanged = Signal(list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[OrderEntry] = []

    def set_entries(self, entries: list[OrderEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def letter_ids(self) -> list[str]:
        return [e.letter_id for e in self.entries]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.entries):
            return None
        entry = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._caption(index.row(), entry)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._caption(index.row(), entry)
        if role == LETTER_ID_ROLE:
            return entry.letter_id
        return None

    def _caption(self, row: int, entry: OrderEntry) -> str:
        if entry.reader is None:
            reader = self.tr("needs a reader")
        elif entry.reads_own:
            reader = self.tr("reads it")
        else:
            reader = self.tr("read by %1").replace("%1", entry.reader)
        closer = self.tr(" · closer, reads last") if entry.is_closer else ""
        return (
            f"{row + 1}. {entry.author} ({reader}) · {entry.status} · "
            + self.tr("%1 min").replace("%1", format_duration(entry.seconds))
            + closer
        )

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        if self.entries[index.row()].is_closer:
            return base
        return base | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def _last_movable(self) -> int:
        """Rows at or past this index are closers and stay where they are."""
        count = len(self.entries)
        while count and self.entries[count - 1].is_closer:
            count -= 1
        return count

    def moveRows(
        self,
        source_parent: ModelIndex,
        source_row: int,
        count: int,
        destination_parent: ModelIndex,
        destination_child: int,
    ) -> bool:
        limit = self._last_movable()
        if (
            source_parent.isValid()
            or destination_parent.isValid()
            or count < 1
            or source_row < 0
            or source_row + count > limit
            or not 0 <= destination_child <= limit
            or source_row <= destination_child <= source_row + count
        ):
            return False
        if not self.beginMoveRows(
            QModelIndex(), source_row, source_row + count - 1, QModelIndex(), destination_child
        ):
            return False
        moving = self.entries[source_row : source_row + count]
        rest = self.entries[:source_row] + self.entries[source_row + count :]
        insert_at = destination_child - (count if destination_child > source_row else 0)
        self.entries = rest[:insert_at] + moving + rest[insert_at:]
        self.endMoveRows()
        top, bottom = self.index(0), self.index(len(self.entries) - 1)
        self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole])  # numbers changed
        self.orderChanged.emit(self.letter_ids())
        return True

    def move_by(self, row: int, step: int) -> bool:
        """Move one row up (-1) or down (+1): the keyboard alternative to dragging."""
        destination = row + step if step < 0 else row + step + 1
        return self.moveRows(QModelIndex(), row, 1, QModelIndex(), destination)


def reading_order_view(model: ReadingOrderModel, parent: QWidget) -> QListView:
    """A list view that reorders by drag and drop within itself."""
    view = QListView(parent)
    view.setModel(model)
    view.setDragEnabled(True)
    view.setAcceptDrops(True)
    view.setDropIndicatorShown(True)
    view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
    view.setDefaultDropAction(Qt.DropAction.MoveAction)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    return view

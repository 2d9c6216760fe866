"""The reading order: a list model (drag to reorder, the closer's letter pinned last) and the
Letters page's tab that shows it with its reader choice and seating notes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from interventiondesk.gui.shared.field_saver import FieldSaver
from interventiondesk.gui.shared.labels import label
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import LetterKind
from interventiondesk.services.cases import update_case
from interventiondesk.services.letters import assign_reader, reorder_reading
from interventiondesk.services.letters_view import ReadingRow, ReadingView, reading_view
from interventiondesk.times import format_duration

ModelIndex = QModelIndex | QPersistentModelIndex
LETTER_ID_ROLE = Qt.ItemDataRole.UserRole


class ReadingOrderModel(QAbstractListModel):
    """Rows are letters in reading order. Moves that would put anything after the closer are
    refused; every accepted move is announced with ``orderChanged`` for the page to save."""

    orderChanged = Signal(list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[ReadingRow] = []

    def set_entries(self, entries: list[ReadingRow]) -> None:
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

    def _caption(self, row: int, entry: ReadingRow) -> str:
        if entry.reader is None:
            reader = self.tr("needs a reader")
        elif entry.reads_own:
            reader = self.tr("reads it")
        else:
            reader = self.tr("read by %1").replace("%1", entry.reader)
        closer = self.tr(" · closer, reads last") if entry.is_closer else ""
        return (
            f"{row + 1}. {entry.author} ({reader}) · {label(entry.status)} · "
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
    # A long name and its reader wrap onto a second line in a narrow window, never cut short.
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setSpacing(2)
    return view


class ReadingOrderTab(QWidget):
    """The order letters are read in, who reads each one, and notes on the seating plan."""

    def __init__(self, state: AppState, saver: FieldSaver, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.saver = saver
        self.case_id: str | None = None
        self.reading = ReadingView({}, ())
        self.read_only = False
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.order_kind = QComboBox(self)
        self.order_kind.setAccessibleName(self.tr("Which letters"))
        for kind in LetterKind:
            self.order_kind.addItem(label(kind), kind.value)
        self.order_kind.currentIndexChanged.connect(lambda *_: self.show_reading(self.reading))
        kind_label = QLabel(self.tr("Order of:"), self)
        kind_label.setBuddy(self.order_kind)
        row.addWidget(kind_label)
        row.addWidget(self.order_kind)
        row.addStretch(1)
        layout.addLayout(row)
        hint = QLabel(
            self.tr(
                "Drag letters into the order they are read, or use Move up and Move down. "
                "The closer's letter always comes last."
            ),
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.model = ReadingOrderModel(self)
        self.model.orderChanged.connect(self._save_order)
        self.view = reading_order_view(self.model, self)
        self.view.setAccessibleName(self.tr("Reading order"))
        self.view.selectionModel().currentChanged.connect(lambda *_: self._slot_selected())
        layout.addWidget(self.view, 1)
        layout.addLayout(self._buttons())
        seating_label = QLabel(self.tr("Seating &plan notes"), self)
        self.seating = QPlainTextEdit(self)
        self.seating.setAccessibleName(self.tr("Seating plan notes"))
        self.seating.setTabChangesFocus(True)
        self.seating.setFixedHeight(100)
        seating_label.setBuddy(self.seating)
        self.saver.watch(self.seating, self._save_seating)
        layout.addWidget(seating_label)
        layout.addWidget(self.seating)

    def _buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.up_button = QPushButton(self.tr("Move &up"), self)
        self.up_button.setToolTip(self.tr("Read the selected letter one place earlier"))
        self.up_button.clicked.connect(lambda: self.move_reader(-1))
        self.down_button = QPushButton(self.tr("Move do&wn"), self)
        self.down_button.setToolTip(self.tr("Read the selected letter one place later"))
        self.down_button.clicked.connect(lambda: self.move_reader(1))
        self.reader = QComboBox(self)
        self.reader.setAccessibleName(self.tr("Who reads the selected letter"))
        self.reader.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.reader.activated.connect(lambda *_: self._reader_chosen())
        reader_label = QLabel(self.tr("Read &by:"), self)
        reader_label.setBuddy(self.reader)
        for widget in (self.up_button, self.down_button, reader_label, self.reader):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        return buttons

    def _save_seating(self, session: Session, value: object) -> object:
        if self.case_id is None:
            return None
        return update_case(session, self.case_id, {"seating_notes": value})

    def load(self, case_id: str | None, seating_notes: str, reading: ReadingView) -> None:
        self.case_id = case_id
        with self.saver.loading():
            self.seating.setPlainText(seating_notes)
        self.show_reading(reading)

    def refresh(self) -> None:
        """Re-read the order and the attending readers, keeping the selected letter."""
        case_id = self.case_id
        if case_id is not None:
            self.show_reading(self.state.read(lambda s: reading_view(s, case_id)))

    def show_reading(self, reading: ReadingView) -> None:
        """Show the order of the chosen kind of letters and the readers, keeping the selected
        letter."""
        self.reading = reading
        kind = LetterKind(self.order_kind.currentData() or LetterKind.MAIN.value)
        current = self._current_slot()
        self.model.set_entries(list(reading.order.get(kind, ())))
        ids = self.model.letter_ids()
        if current is not None and current.letter_id in ids:
            self.view.setCurrentIndex(self.model.index(ids.index(current.letter_id)))
        self.reader.clear()
        self.reader.addItem(self.tr("(the writer)"), None)
        for person in reading.readers:
            self.reader.addItem(person.name, person.id)
        self._slot_selected()

    def _current_slot(self) -> ReadingRow | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.entries):
            return None
        return self.model.entries[index.row()]

    def _slot_selected(self) -> None:
        entry = self._current_slot()
        self.reader.setEnabled(entry is not None and not self.read_only)
        if entry is not None:
            match = self.reader.findText(entry.reader) if entry.reader else -1
            self.reader.setCurrentIndex(0 if entry.reads_own or match < 0 else match)

    def _save_order(self, letter_ids: list[str]) -> None:
        case_id = self.case_id
        kind = self.order_kind.currentData() or LetterKind.MAIN.value
        if case_id is None:
            return
        self.state.write(
            lambda s: len(reorder_reading(s, case_id, letter_ids, kind)), case_id=case_id
        )

    def move_reader(self, step: int) -> None:
        row = self.view.currentIndex().row()
        if row < 0 or self.read_only:
            return
        if self.model.move_by(row, step):
            self.refresh()
            self.view.setCurrentIndex(self.model.index(row + step))
        self.view.setFocus()

    def _reader_chosen(self) -> None:
        entry = self._current_slot()
        if entry is None:
            return
        reader_id = self.reader.currentData()
        if self.state.write(
            lambda s: assign_reader(s, entry.letter_id, reader_id).id, case_id=self.case_id
        ):
            self.refresh()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.view.setDragEnabled(not read_only)
        self._slot_selected()

"""The logistics checklist as a Qt table model, with choice lists for category and status."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from interventiondesk.gui.shared.labels import choices, label
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import LogisticsCategory, LogisticsStatus
from interventiondesk.services import logistics
from interventiondesk.services.logistics import ChecklistRow

Index = QModelIndex | QPersistentModelIndex

COLUMNS: list[tuple[str, str]] = [
    ("title", str(QT_TRANSLATE_NOOP("ChecklistModel", "Item"))),
    ("status", str(QT_TRANSLATE_NOOP("ChecklistModel", "Status"))),
    ("required", str(QT_TRANSLATE_NOOP("ChecklistModel", "Required"))),
    ("category", str(QT_TRANSLATE_NOOP("ChecklistModel", "Kind"))),
    ("responsible", str(QT_TRANSLATE_NOOP("ChecklistModel", "Who"))),
    ("due_on", str(QT_TRANSLATE_NOOP("ChecklistModel", "Due (YYYY-MM-DD)"))),
    ("notes", str(QT_TRANSLATE_NOOP("ChecklistModel", "Notes"))),
]
CHOICES: dict[str, type[LogisticsCategory] | type[LogisticsStatus]] = {
    "category": LogisticsCategory,
    "status": LogisticsStatus,
}


class ChecklistModel(QAbstractTableModel):
    """Rows are a case's checklist items (plain rows read by the page); every edit is saved
    through the logistics service and its row replaced by the saved one."""

    def __init__(self, state: AppState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.case_id: str | None = None
        self.items: list[ChecklistRow] = []
        self.read_only = False
        """An archived case: shown, never changed."""
        self.last_edit_failed = False
        """Whether the latest edit was refused (the user has been told why)."""

    def show(self, case_id: str | None, rows: tuple[ChecklistRow, ...]) -> None:
        """Show ``rows``, the checklist of ``case_id`` (none: no case)."""
        self.beginResetModel()
        self.case_id = case_id
        self.items = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("ChecklistModel", COLUMNS[section][1])
        return None

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        if self.items:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.items) - 1, len(COLUMNS) - 1)
            )

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only:
            return base
        if COLUMNS[index.column()][0] == "required":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        field = COLUMNS[index.column()][0]
        value = getattr(item, field)
        if field == "required":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if field in CHOICES:
                return label(value)
            if field == "due_on":
                return value.isoformat() if value else ""
            return " ".join(value.split()) if field == "notes" else value
        if role == Qt.ItemDataRole.EditRole:
            if field == "due_on":
                return value.isoformat() if value else ""
            return value
        if role == Qt.ItemDataRole.ToolTipRole and field in ("title", "notes") and value:
            return value
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.case_id is None or self.read_only:
            return False
        field = COLUMNS[index.column()][0]
        if field == "required":
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        if field == "due_on":
            value = str(value).strip() or None
        item_id = self.items[index.row()].id
        saved = self.state.write(
            lambda s: ChecklistRow.of(logistics.update_item(s, item_id, {field: value})),
            case_id=self.case_id,
        )
        self.last_edit_failed = saved is None
        if saved is None:
            return False
        self.items[index.row()] = saved
        self.dataChanged.emit(index, index)
        return True

    def item_id(self, row: int) -> str | None:
        return self.items[row].id if 0 <= row < len(self.items) else None


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down of translated choices for the category and status columns.

    It remembers the cell editor that is open, so that the page can save it before the table
    is reloaded (which would otherwise close it and drop what was typed)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.open_editor: QWidget | None = None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        self.open_editor = self._create(parent, option, index)
        return self.open_editor

    def destroyEditor(self, editor: QWidget, index: Index) -> None:
        if editor is self.open_editor:
            self.open_editor = None
        super().destroyEditor(editor, index)

    def save_open_editor(self) -> bool:
        """Save and close the open cell editor, if any. False if the model refused the value:
        the editor then stays open with the text, and the user has been told why."""
        editor = self.open_editor
        view = self.parent()
        if editor is None or not isinstance(view, QAbstractItemView):
            return True
        model = view.model()
        if isinstance(model, ChecklistModel):
            model.last_edit_failed = False
        self.commitData.emit(editor)
        if isinstance(model, ChecklistModel) and model.last_edit_failed:
            return False
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        return True

    def _create(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        field = COLUMNS[index.column()][0]
        if field not in CHOICES:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.setAccessibleName(
            QCoreApplication.translate("ChecklistModel", COLUMNS[index.column()][1])
        )
        for text, value in choices(CHOICES[field]):
            combo.addItem(text, value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(index.data(Qt.ItemDataRole.EditRole)))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

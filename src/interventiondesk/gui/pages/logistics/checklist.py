"""The logistics checklist as a Qt table model: each row's state first, in words and a sign;
choice lists for the state, whether it is required and its kind; a date field for its due date."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from interventiondesk.gui.shared.date_fields import DateField, format_date
from interventiondesk.gui.shared.labels import choices, label
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import LogisticsCategory, LogisticsStatus
from interventiondesk.services import logistics
from interventiondesk.services.logistics import ChecklistRow

Index = QModelIndex | QPersistentModelIndex

COLUMNS: list[tuple[str, str]] = [
    ("status", str(QT_TRANSLATE_NOOP("ChecklistModel", "State"))),
    ("title", str(QT_TRANSLATE_NOOP("ChecklistModel", "Item"))),
    ("required", str(QT_TRANSLATE_NOOP("ChecklistModel", "For readiness"))),
    ("due_on", str(QT_TRANSLATE_NOOP("ChecklistModel", "Due"))),
    ("responsible", str(QT_TRANSLATE_NOOP("ChecklistModel", "Who"))),
    ("notes", str(QT_TRANSLATE_NOOP("ChecklistModel", "Notes"))),
    ("category", str(QT_TRANSLATE_NOOP("ChecklistModel", "Kind"))),
]
CHOICES: dict[str, type[LogisticsCategory] | type[LogisticsStatus]] = {
    "category": LogisticsCategory,
    "status": LogisticsStatus,
}
SIGNS = {
    LogisticsStatus.OPEN: "○",
    LogisticsStatus.IN_PROGRESS: "◐",
    LogisticsStatus.DONE: "✔",
    LogisticsStatus.NOT_NEEDED: "–",
}
"""A sign before each state's word, so that the state is seen at a glance (never colour alone)."""
REQUIRED_CHOICES = (
    (True, str(QT_TRANSLATE_NOOP("ChecklistModel", "Required"))),
    (False, str(QT_TRANSLATE_NOOP("ChecklistModel", "Optional"))),
)


def required_text(required: bool) -> str:
    return QCoreApplication.translate("ChecklistModel", dict(REQUIRED_CHOICES)[required])


def status_text(status: LogisticsStatus) -> str:
    return f"{SIGNS[status]} {label(status)}"


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
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        field = COLUMNS[index.column()][0]
        value = getattr(item, field)
        finished = item.status in (LogisticsStatus.DONE, LogisticsStatus.NOT_NEEDED)
        if role == Qt.ItemDataRole.DisplayRole:
            if field == "status":
                return status_text(value)
            if field in CHOICES:
                return label(value)
            if field == "required":
                return required_text(value)
            if field == "due_on":
                return format_date(value) if value else ""
            return " ".join(value.split()) if field == "notes" else value
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.ToolTipRole and field in ("title", "notes") and value:
            return value
        if role == Qt.ItemDataRole.FontRole and field in ("status", "title"):
            font = QFont()
            font.setBold(field == "status" and item.status == LogisticsStatus.DONE)
            font.setStrikeOut(field == "title" and item.status == LogisticsStatus.NOT_NEEDED)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and finished and field != "status":
            # Finished rows step back; their state column says why, in words.
            return QPalette().brush(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.case_id is None or self.read_only:
            return False
        field = COLUMNS[index.column()][0]
        if role != Qt.ItemDataRole.EditRole:
            return False
        if field == "due_on" and not isinstance(value, date):
            value = str(value or "").strip() or None
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


class CellDateField(DateField):
    """A date field inside a table cell: there is no room under it, so what it cannot read is
    said in its tooltip and, when the cell is saved, in the window's message line."""

    def _say(self, text: str) -> None:
        super()._say(text)
        self.problem_label.hide()
        self.edit.setToolTip(text or self.pick.accessibleName())


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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter saves the cell; a value that is refused keeps the cell open with its text."""
        if (
            watched is self.open_editor
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.save_open_editor()
            return True
        return super().eventFilter(watched, event)

    def _create(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        field = COLUMNS[index.column()][0]
        name = QCoreApplication.translate("ChecklistModel", COLUMNS[index.column()][1])
        if field == "due_on":
            editor = CellDateField(parent, name)
            editor.setAutoFillBackground(True)
            return editor
        if field == "required":
            combo = QComboBox(parent)
            combo.setAccessibleName(name)
            for required, text in REQUIRED_CHOICES:
                combo.addItem(QCoreApplication.translate("ChecklistModel", text), required)
            return combo
        if field not in CHOICES:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.setAccessibleName(name)
        for text, choice in choices(CHOICES[field]):
            shown = status_text(choice) if isinstance(choice, LogisticsStatus) else text
            combo.addItem(shown, choice)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, DateField):
            if not editor.edit.isModified():
                editor.set_value(index.data(Qt.ItemDataRole.EditRole))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(index.data(Qt.ItemDataRole.EditRole)))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, DateField):
            editor.commit()
            if editor.problem():
                # Refused in words; the cell stays open with what was typed.
                if isinstance(model, ChecklistModel):
                    model.last_edit_failed = True
                    model.state.failed.emit(editor.problem())
                return
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

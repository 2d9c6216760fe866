"""Help > Keyboard shortcuts: every menu shortcut as this computer writes it, and the keys that
work inside pages and lists."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from interventiondesk.gui.shared.widgets import mark_safe_while_locked, without_mnemonic


def _tr(text: str) -> str:
    return QCoreApplication.translate("KeyboardShortcuts", text)


def in_pages() -> list[tuple[str, str]]:
    """Keys that are not on a menu: in the search field, in forms and in ordered lists."""
    return [
        (_tr("In the search field: open the first case shown"), _tr("Enter")),
        (_tr("Next or previous field (also out of long text fields)"), _tr("Tab / Shift+Tab")),
        (_tr("Jump to the field or button with that underlined letter"), _tr("Alt+letter")),
        (
            _tr("Move the row up or down (checklist, team, reading order, objections)"),
            _tr("Alt+Up / Alt+Down"),
        ),
    ]


def _typed(keys: list[QKeySequence]) -> list[QKeySequence]:
    """The first sequence, and the others typed with a modifier (a standard key may also name
    a dedicated key such as a keyboard's "New" key, which is no use to list)."""
    return keys[:1] + [
        key
        for key in keys[1:]
        if key.count() and key[0].keyboardModifiers() != Qt.KeyboardModifier.NoModifier  # type: ignore[index]
    ]


def menu_shortcuts(bar: QMenuBar) -> list[tuple[str, str]]:
    """(“Menu › Item”, keys) for every menu item that has a shortcut, in menu order."""
    rows: list[tuple[str, str]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            name = without_mnemonic(action.text())
            if action.menu() is not None:
                walk(action.menu(), f"{path} › {name}")  # type: ignore[arg-type]
            elif not action.shortcut().isEmpty():
                keys = ", ".join(
                    key.toString(QKeySequence.SequenceFormat.NativeText)
                    for key in _typed(action.shortcuts())
                )
                rows.append((f"{path} › {name}", keys))

    for top in bar.actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, without_mnemonic(top.text()))
    return rows


class KeyboardShortcuts(QDialog):
    def __init__(self, bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        mark_safe_while_locked(self)  # no client data in it
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        rows = menu_shortcuts(bar) + in_pages()
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("What"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, (what, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(what))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, min(640, 80 + 30 * len(rows)))

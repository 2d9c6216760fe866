"""Help > Keyboard shortcuts lists the menus' own shortcuts as this computer writes them."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from interventiondesk.gui.dialogs.shortcuts import KeyboardShortcuts, menu_shortcuts
from interventiondesk.gui.shell.main_window import MainWindow


def native(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def test_every_menu_shortcut_is_listed_with_its_menu(window: MainWindow, qtbot: QtBot) -> None:
    rows = dict(menu_shortcuts(window.menuBar()))
    assert rows["File › New case…"] == window.actions_by_name["new_case"].shortcut().toString(
        QKeySequence.SequenceFormat.NativeText
    )
    assert rows["View › Go to page › 3 Letters"] == native("Ctrl+3")
    assert rows["View › Go to page › Next page"] == native("Ctrl+PgDown")
    # A standard key keeps every sequence the platform gives it (Close: Ctrl+F4 and Ctrl+W).
    close_keys = window.actions_by_name["close_case"].shortcuts()
    assert QKeySequence("Ctrl+W") in close_keys
    assert native("Ctrl+W") in rows["Case › Close case"].split(", ")
    # A page whose title holds an "&" keeps it ("&&" in the menu's text).
    assert rows["View › Go to page › 7 Outcome & follow-up"] == native("Ctrl+7")
    with_keys = [a for a in window.actions_by_name.values() if not a.shortcut().isEmpty()]
    assert len(rows) == len(with_keys)
    dialog = KeyboardShortcuts(window.menuBar(), window)
    qtbot.addWidget(dialog)
    listed = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "File › New case…" in listed
    assert any("Alt+Up" in dialog.table.item(r, 1).text() for r in range(len(listed)))

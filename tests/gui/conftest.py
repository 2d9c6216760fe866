"""Shared GUI fixtures: an AppState on a real encrypted workspace, a main window, hostile text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from interventiondesk.gui.shell.main_window import MainWindow, app_settings
from interventiondesk.gui.shell.state import AppState
from interventiondesk.storage.database import Database
from interventiondesk.storage.workspace import Workspace

HOSTILE = {
    "markup": "<b>&amp;</b> <i>x</i>",
    "script": "<script>alert('hi')</script>",
    "quotes": "She said \"no\" & it's 'fine' \\ `ok`",
    "rtl": "مرحبا بالعالم — שלום עולם",
    "emoji": "🙂 👨‍👩‍👧‍👦 family 🏠",
    "long": "long text " * 10_000,
    "empty": "",
}
"""Text every field must take and give back unchanged (the long one is 100,000 characters)."""


@pytest.fixture(autouse=True)
def _fresh_settings(qapp: QApplication) -> Iterator[None]:
    """Window geometry and list preferences must not leak from one test into the next."""
    app_settings().clear()
    yield
    app_settings().clear()


@pytest.fixture
def app_state(db: Database, qapp: QApplication) -> AppState:
    return AppState(db)


@pytest.fixture
def window(app_state: AppState, workspace: Workspace, qtbot: QtBot) -> MainWindow:
    main = MainWindow(app_state, workspace)
    qtbot.addWidget(main)
    main.show()
    main.reload_cases()
    return main


def replace_text(widget: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Type ``text`` over the field's content as a user would (works for any characters)."""
    widget.setFocus()
    widget.selectAll()
    if text:
        event = QKeyEvent(
            QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, text
        )
    else:
        event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)

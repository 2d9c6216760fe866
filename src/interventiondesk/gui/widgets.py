"""Small helpers shared by the dialogs and pages: a busy cursor and an inline problem line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel


@contextmanager
def busy_cursor() -> Iterator[None]:
    """Show a busy cursor during short blocking work such as deriving a key (about 0.4 s)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    QApplication.processEvents()
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def show_problem(label: QLabel, text: str) -> None:
    """Say what went wrong, in words, on an inline label (bold, from the palette's colours)."""
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    label.setText(text)
    label.setVisible(bool(text))
    label.setAccessibleDescription(text)


def clear_problem(label: QLabel) -> None:
    show_problem(label, "")

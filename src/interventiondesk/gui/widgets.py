"""Small pieces shared by the dialogs, pages and window: busy cursor, problem line and banner."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from interventiondesk.gui.icons import icon


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


class ProblemBanner(QFrame):
    """A calm, dismissible line saying what could not be done, in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        badge = QLabel(self)
        badge.setPixmap(icon("warning").pixmap(20, 20))
        layout.addWidget(badge)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAccessibleName(self.tr("Problem"))
        layout.addWidget(self.text, 1)
        close = QToolButton(self)
        close.setText(self.tr("Dismiss"))
        close.setAccessibleName(self.tr("Dismiss this message"))
        close.clicked.connect(self.hide)
        layout.addWidget(close)
        self.hide()

    def show_message(self, message: str) -> None:
        self.text.setText(message)
        self.show()

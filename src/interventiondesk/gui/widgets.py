"""Small pieces shared by the dialogs, pages and window: busy cursor, problem line and banner,
and running work once a widget has painted."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from interventiondesk.gui.icons import icon


class _AfterPaint(QObject):
    def __init__(self, widget: QWidget, work: Callable[[], object]) -> None:
        super().__init__(widget)
        self._work = work
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._run)
        return False

    def _run(self) -> None:
        self._work()
        self.deleteLater()


def after_paint(widget: QWidget, work: Callable[[], object]) -> None:
    """Run ``work`` once the event loop is free after ``widget`` next paints.

    A zero timer alone is not enough: Qt may run it before the first frame is drawn, and the
    user would look at nothing while the database is read.
    """
    _AfterPaint(widget, work)


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

"""Small pieces shared by the dialogs, pages and window: busy cursor, problem line and banner,
and running work once a widget has painted."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

PAINTED = "interventiondesk_painted"
"""A window's dynamic property, true once it has drawn its first frame."""


class _AfterPaint(QObject):
    """Watches a window for its next paint. It is owned by no widget (kept in ``_WAITING``), so
    that the window's own destruction never calls into a half-destroyed filter."""

    def __init__(self, window: QWidget, context: QObject, work: Callable[[], object]) -> None:
        super().__init__()
        self._context: QObject | None = context
        self._work = work
        _WAITING.add(self)
        window.destroyed.connect(self._forget)
        context.destroyed.connect(self._context_gone)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            watched.setProperty(PAINTED, True)
            if self._context is not None:
                # Dropped by Qt if the context (the widget that asked) is gone by then.
                QTimer.singleShot(0, self._context, self._work)
            self._forget()
        return False

    def _context_gone(self, *_args: object) -> None:
        self._context = None

    def _forget(self, *_args: object) -> None:
        _WAITING.discard(self)


_WAITING: set[_AfterPaint] = set()


SAFE_WHILE_LOCKED = "interventiondesk_safe_while_locked"
"""A dialog's dynamic property: it shows no client data and may stay open while locked."""


def mark_safe_while_locked(widget: QWidget) -> None:
    """Let ``widget`` (a window that shows no client data, such as the guide) open while locked."""
    widget.setProperty(SAFE_WHILE_LOCKED, True)


def without_mnemonic(text: str) -> str:
    """A label's text as it reads: "&File" is "File", and "Outcome && follow-up" keeps its "&"."""
    return re.sub(r"&(.)", r"\1", text, flags=re.S)


def after_paint(
    window: QWidget, work: Callable[[], object], context: QObject | None = None
) -> None:
    """Run ``work`` once the event loop is free after the top-level ``window`` next paints
    (never, if ``context``, by default the window, is deleted first).

    A zero timer alone is not enough: Qt may run it before the first frame is drawn, and the
    user would look at nothing while the database is read. (Only a window is sure to be sent a
    paint event: a child covered by opaque children is not.)
    """
    _AfterPaint(window, context or window, work)


def when_painted(widget: QWidget, work: Callable[[], object]) -> None:
    """Run ``work`` soon: once the event loop is free if the widget's window has already drawn
    a frame, otherwise after that first frame; never if ``widget`` is deleted first."""
    window = widget.window()
    if window.property(PAINTED):
        QTimer.singleShot(0, widget, work)
    else:
        after_paint(window, work, context=widget)


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


def ask_save_path(
    parent: QWidget, caption: str, suggested: Path, file_filter: str, suffix: str
) -> Path | None:
    """Ask where to save an export; None if cancelled.

    ``suffix`` (".pdf") is added when the name was typed without it. The dialog only checked
    the name as typed, so a file that exists under the completed name is not replaced unasked.
    """
    from PySide6.QtWidgets import QFileDialog, QMessageBox  # not needed for the first frame

    chosen, _filter = QFileDialog.getSaveFileName(parent, caption, str(suggested), file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() == suffix.lower():
        return path
    path = path.with_name(path.name + suffix)
    if path.exists():
        question = QCoreApplication.translate("widgets", "{name} already exists. Replace it?")
        answer = QMessageBox.question(
            parent,
            caption,
            question.format(name=path.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
    return path


def scrolling_page(
    page: QWidget, margins: tuple[int, int, int, int]
) -> tuple[QWidget, QVBoxLayout]:
    """Give ``page`` a frameless scroll area; returns the scrolled content and its layout."""
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea(page)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    outer.addWidget(scroll)
    content = QWidget(scroll)
    scroll.setWidget(content)
    layout = QVBoxLayout(content)
    layout.setContentsMargins(*margins)
    layout.setSpacing(14)
    return content, layout


class Banner(QFrame):
    """A quiet panel across the page: a badge, a wrapped line of text, then any buttons."""

    def __init__(self, parent: QWidget | None = None, right_margin: int = 12) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(12, 8, right_margin, 8)
        self.badge = QLabel(self)
        self.row.addWidget(self.badge)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.row.addWidget(self.text, 1)


class ProblemBanner(Banner):
    """A calm, dismissible line saying what could not be done, in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, right_margin=8)
        # The badge's icon is drawn when a first message comes.
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAccessibleName(self.tr("Problem"))
        close = QToolButton(self)
        close.setText(self.tr("Dismiss"))
        close.setAccessibleName(self.tr("Dismiss this message"))
        close.clicked.connect(self.hide)
        self.row.addWidget(close)
        self.hide()

    def show_message(self, message: str) -> None:
        if self.badge.pixmap().isNull():
            from interventiondesk.gui.shared.icons import (
                icon,  # rendering costs the first frame time
            )

            self.badge.setPixmap(icon("warning").pixmap(20, 20))
        self.text.setText(message)
        self.show()

"""Autosave for form fields: every edit is written shortly after typing pauses, and at once on
leaving a field, switching page or closing, so nothing on screen is ever lost."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)
from sqlalchemy.orm import Session

from interventiondesk.gui.state import AppState

SaveFn = Callable[[Session, Any], object]
SAVE_DELAY_MS = 400


def widget_value(widget: QWidget) -> Any:
    """The value a widget holds, in the Python type the services expect."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QDateEdit):
        if widget.date() == widget.minimumDate() and widget.specialValueText():
            return None  # the "not set" value
        qdate: QDate = widget.date()
        return date(qdate.year(), qdate.month(), qdate.day())
    if isinstance(widget, QDateTimeEdit):
        stamp: QDateTime = widget.dateTime()
        return datetime.fromtimestamp(stamp.toSecsSinceEpoch(), UTC)
    raise TypeError(f"FieldSaver cannot watch a {type(widget).__name__}")


def _change_signal(widget: QWidget) -> Any:
    if isinstance(widget, QLineEdit):
        return widget.textEdited
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QCheckBox):
        return widget.toggled
    if isinstance(widget, QSpinBox):
        return widget.valueChanged
    if isinstance(widget, QDateEdit | QDateTimeEdit):
        return widget.dateTimeChanged
    raise TypeError(f"FieldSaver cannot watch a {type(widget).__name__}")


class FieldSaver(QObject):
    """Debounced saving of watched widgets through service calls."""

    def __init__(
        self, state: AppState, parent: QObject | None = None, delay_ms: int = SAVE_DELAY_MS
    ):
        super().__init__(parent)
        self.state = state
        self.case_id: str | None = None
        self._saves: dict[QWidget, SaveFn] = {}
        self._pending: dict[QWidget, None] = {}  # ordered set
        self._loading = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)

    def watch(self, widget: QWidget, save: SaveFn) -> None:
        """Save ``widget``'s value with ``save(session, value)`` whenever the user changes it."""
        self._saves[widget] = save
        _change_signal(widget).connect(lambda *_: self._changed(widget))
        widget.installEventFilter(self)

    def unwatch(self, widget: QWidget) -> None:
        """Stop watching ``widget`` (e.g. before its row is removed), saving its edit first."""
        if widget in self._pending:
            self.flush()
        self._pending.pop(widget, None)
        if self._saves.pop(widget, None) is not None:
            widget.removeEventFilter(self)

    def unwatch_all(self) -> None:
        self.flush()
        for widget in self._saves:
            widget.removeEventFilter(self)
        self._saves.clear()

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Fill widgets from the database without triggering saves."""
        self._loading += 1
        try:
            yield
        finally:
            self._loading -= 1

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    def _changed(self, widget: QWidget) -> None:
        if self._loading or widget not in self._saves:
            return
        self._pending[widget] = None
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched in self._pending:
            self.flush()
        return False

    def flush(self) -> bool:
        """Write every pending edit now, in one transaction. Returns False if it failed."""
        self._timer.stop()
        if not self._pending:
            return True
        work = [(w, self._saves[w], widget_value(w)) for w in self._pending if w in self._saves]

        def save_all(session: Session) -> bool:
            for _widget, save, value in work:
                save(session, value)
            return True

        ok = self.state.write(save_all, case_id=self.case_id)
        if ok:
            self._pending.clear()
            return True
        return False  # kept pending: the text stays on screen and is retried on the next edit

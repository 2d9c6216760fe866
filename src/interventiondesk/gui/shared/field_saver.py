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
from shiboken6 import isValid
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from interventiondesk.errors import InterventionDeskError
from interventiondesk.gui.shared.date_fields import DateField, TimeField
from interventiondesk.gui.shell.state import AppState
from interventiondesk.logs import log_unexpected
from interventiondesk.storage.database import storage_error

SaveFn = Callable[[Session, Any], object]
SAVE_DELAY_MS = 400
RETRY_FIRST_MS = 1_000
"""After a failure the user cannot fix by editing, pending fields are tried again after this
pause, doubled after each further failure up to ``RETRY_LAST_MS``."""
RETRY_LAST_MS = 30_000
LOCK_WAIT_MS = 100
"""How long a save waits for another program's write lock before the window moves on (the
window freezes meanwhile, so this stays short); the edit is kept and tried again after
``LOCK_RETRY_MS``, while the window says that it is waiting."""
LOCK_RETRY_MS = 500


def widget_value(widget: QWidget) -> Any:
    """The value a widget holds, in the Python type the services expect."""
    if isinstance(widget, DateField | TimeField):  # before QComboBox: a TimeField is one
        return widget.value()
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
    if isinstance(widget, DateField | TimeField):
        return widget.changed  # only whole, valid values: a half-typed date is never saved
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
    """Debounced saving of watched widgets through service calls.

    Each pending field is written in its own savepoint, so one refused value (an empty name, an
    end before a start) never holds back the others. A refused field stays pending with its
    text on screen: it is tried again on the next edit, on leaving it and on every ``flush()``.
    A field that failed for a reason outside the user's hands (the disk, the database) is also
    tried again by itself after a short, growing pause. While another program holds the
    workspace's write lock, a save waits only ``LOCK_WAIT_MS`` (the window must not freeze),
    keeps the edits and tries again every ``LOCK_RETRY_MS``; ``AppState.waiting`` says so.
    """

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
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._retry_now)
        self.retry_delay_ms = RETRY_FIRST_MS

    def watch(self, widget: QWidget, save: SaveFn) -> None:
        """Save ``widget``'s value with ``save(session, value)`` whenever the user changes it."""
        self._saves[widget] = save
        _change_signal(widget).connect(lambda *_: self._changed(widget))
        widget.installEventFilter(self)

    def unwatch(self, widget: QWidget) -> bool:
        """Stop watching ``widget`` (e.g. before its row is removed), saving its edit first.

        If that edit cannot be saved, the widget stays watched and pending and False is
        returned: the caller must keep the widget on screen, or the typing would be lost.
        """
        if widget in self._pending:
            self.flush()
            if widget in self._pending:
                return False
        self.discard(widget)
        return True

    def unwatch_all(self) -> bool:
        """Stop watching every widget whose edit is saved; False if some edit could not be."""
        self.flush()
        for widget in list(self._saves):
            if widget not in self._pending:
                self.discard(widget)
        return not self._pending

    def discard(self, widget: QWidget) -> None:
        """Stop watching ``widget`` and forget its unsaved edit (its record is being deleted)."""
        self._pending.pop(widget, None)
        if self._saves.pop(widget, None) is not None and isValid(widget):
            widget.removeEventFilter(self)

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

    def pending(self) -> list[QWidget]:
        """The widgets whose edits are not saved yet, oldest first."""
        return list(self._pending)

    def _changed(self, widget: QWidget) -> None:
        if self._loading or widget not in self._saves:
            return
        self._pending[widget] = None
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched in self._pending:
            self.flush()
        return False

    def _retry_now(self) -> None:
        if self._pending:
            self.flush()

    def flush(self) -> bool:
        """Write every pending edit now, each field in its own savepoint.

        True only when everything pending was saved. Fields that failed stay pending (their text
        stays on screen) and the first problem is reported through ``AppState.failed``.
        """
        self._timer.stop()
        self._retry.stop()
        for widget in [w for w in self._pending if not isValid(w) or w not in self._saves]:
            del self._pending[widget]  # deleted with its row: nothing left to save
        unreadable = self._unreadable_dates()
        if not self._pending:
            self.retry_delay_ms = RETRY_FIRST_MS
            return unreadable is None
        work = [(w, self._saves[w], widget_value(w)) for w in self._pending]
        self._pending.clear()  # a save's signals may call flush() again: nothing to redo then
        failures: dict[QWidget, BaseException] = {}

        def save_each(session: Session) -> bool:
            failures.clear()
            for widget, save, value in work:
                try:
                    with session.begin_nested():
                        save(session, value)
                except Exception as exc:  # reported below; the other fields go on
                    failures[widget] = exc
            if len(failures) == len(work):
                raise next(iter(failures.values()))  # nothing saved: AppState reports it
            return True

        committed = self.state.write(save_each, case_id=self.case_id, wait_ms=LOCK_WAIT_MS) is True
        if not committed and self.state.lock_taken:
            # Another program is saving: nothing was written; keep every edit and try again
            # soon, without the growing pause meant for failures.
            self._pending = dict.fromkeys([w for w, _save, _value in work] + list(self._pending))
            self._retry.start(LOCK_RETRY_MS)
            return False
        if committed:
            failed = [w for w, _save, _value in work if w in failures]
            if failures:
                self.state.failed.emit(self._describe(next(iter(failures.values()))))
        else:
            failed = [w for w, _save, _value in work]
        self._pending = dict.fromkeys(failed + list(self._pending))
        if not self._pending:
            self.retry_delay_ms = RETRY_FIRST_MS
            return unreadable is None
        whole_write_failed = not committed and len(failures) < len(work)
        if whole_write_failed or any(_retryable(e) for e in failures.values()):
            self._retry.start(self.retry_delay_ms)
            self.retry_delay_ms = min(self.retry_delay_ms * 2, RETRY_LAST_MS)
        return False

    def _unreadable_dates(self) -> str | None:
        """Read what is typed in every watched date and time field; a text that is not a date
        keeps the page (its typing stays on screen) and is said in words. None: all readable."""
        for widget in list(self._saves):
            if isValid(widget) and isinstance(widget, DateField | TimeField):
                if not widget.isReadOnly():
                    widget.commit()  # may make the field pending with its new value
                if widget.problem():
                    self.state.failed.emit(widget.problem())
                    return widget.problem()
        return None

    def _describe(self, exc: BaseException) -> str:
        if isinstance(exc, InterventionDeskError):
            return str(exc)
        if isinstance(exc, DatabaseError):
            return str(storage_error(exc.orig or exc))
        log_unexpected(exc)
        return self.tr(
            "Something unexpected went wrong and a change was not saved. "
            "Your text is still on screen; it will be tried again shortly."
        )


def _retryable(exc: BaseException) -> bool:
    """A failure the user cannot put right by editing (the disk, the database, a bug)."""
    return not isinstance(exc, InterventionDeskError)

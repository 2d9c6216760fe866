"""The base of every page of an open case (Plan, Participants, Letters, Schedule, ...)."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from interventiondesk.gui.shared.field_saver import FieldSaver
from interventiondesk.gui.shell.state import AppState


class CasePage(QWidget):
    """A page of the case view. Subclasses fill widgets in ``load_case`` and bind them to the
    ``saver``; the case view calls ``flush`` before switching page, case or closing.

    After a save anywhere in the open case, ``refresh`` re-reads what may have changed: at once
    when the page is on screen, otherwise the next time it is shown, so that a save on one page
    does not make every hidden page read the database.
    """

    title: ClassVar[str] = ""
    """English title, translated through the "CasePage" context when shown."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.case_id: str | None = None
        self.saver = FieldSaver(state, parent=self)
        self.read_only = False
        self.stale = False
        state.caseChanged.connect(self._case_saved)

    def load_case(self, case_id: str | None) -> bool:
        """Show ``case_id`` (None: no case open). Subclasses call super() first and stop when
        it returns False: pending edits could not be saved, so the page keeps showing them."""
        if not self.flush():
            return False
        self.case_id = case_id
        self.saver.case_id = case_id
        self.stale = False
        return True

    def refresh(self) -> None:
        """Re-read what a save may have changed (captions, warnings, choices), never the field
        being typed in. Pages that show such things override this."""

    def _case_saved(self, case_id: str) -> None:
        if case_id != self.case_id:
            return
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.stale = False
            self.refresh()

    def flush(self) -> bool:
        """Save pending edits now; False if saving failed (the edits stay on screen)."""
        return self.saver.flush()

    def set_read_only(self, read_only: bool) -> None:
        """Show the case without letting it be changed (an archived case). Text stays
        selectable; buttons and choices are disabled. Pages with other controls override this
        and call super()."""
        self.read_only = read_only
        for widget in self.findChildren(QWidget):
            if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox):
                widget.setReadOnly(read_only)
            elif isinstance(widget, QAbstractButton | QComboBox):
                widget.setEnabled(not read_only)

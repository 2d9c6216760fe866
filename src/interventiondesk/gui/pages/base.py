"""The base of every page of an open case (Plan, Participants, Letters, Schedule, ...)."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from interventiondesk.gui.binding import FieldSaver
from interventiondesk.gui.state import AppState


class CasePage(QWidget):
    """A page of the case view. Subclasses fill widgets in ``load_case`` and bind them to the
    ``saver``; the case view calls ``flush`` before switching page, case or closing."""

    title: ClassVar[str] = ""
    """English title, translated through the "CasePage" context when shown."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.case_id: str | None = None
        self.saver = FieldSaver(state, parent=self)
        self.read_only = False

    def load_case(self, case_id: str | None) -> None:
        """Show ``case_id`` (None: no case open). Subclasses call super() first."""
        self.flush()
        self.case_id = case_id
        self.saver.case_id = case_id

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

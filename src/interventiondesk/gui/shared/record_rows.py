"""Records edited in place as rows (concerns, observations, objections), and their small fields.

A date in a row is a ``gui.shared.date_fields.DateField`` (an empty one means "no date").
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from interventiondesk.gui.shared.field_saver import FieldSaver
from interventiondesk.gui.shell.state import AppState

ROW_TEXT_HEIGHT = 64


def small_text(parent: QWidget, accessible_name: str) -> QPlainTextEdit:
    text = QPlainTextEdit(parent)
    text.setAccessibleName(accessible_name)
    text.setTabChangesFocus(True)
    text.setFixedHeight(ROW_TEXT_HEIGHT)
    return text


class RecordRows(QWidget):
    """A list of record rows with Add and Remove. Subclasses build one row's widgets."""

    def __init__(self, state: AppState, saver: FieldSaver, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.saver = saver
        self.case_id: str | None = None
        self._rows: dict[str, list[QWidget]] = {}
        self._next_line = 1  # line 0 holds the headings
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(6)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 2)
        layout.addLayout(self.grid)
        self.heading_labels: list[QLabel] = []
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.add)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    # Subclass hooks -----------------------------------------------------------------------

    def headings(self) -> list[str]:
        """The column headings above the rows (one per widget of ``build_row``), if any."""
        return []

    def build_row(self, record: Any) -> list[QWidget]:
        raise NotImplementedError

    def create_record(self, session: Session, case_id: str) -> str:
        raise NotImplementedError

    def remove_record(self, session: Session, record_id: str) -> None:
        raise NotImplementedError

    def load_record(self, session: Session, record_id: str) -> Any:
        raise NotImplementedError

    # Rows ---------------------------------------------------------------------------------

    def record_ids(self) -> list[str]:
        return list(self._rows)

    def row_widgets(self, record_id: str) -> list[QWidget]:
        return list(self._rows[record_id])

    def load(self, case_id: str | None, records: list[Any]) -> None:
        """Show ``records``. The rows shown are saved first; if one cannot be, nothing changes
        (callers save before loading, so this only guards the typing)."""
        if not self.saver.flush():
            return
        for record_id in list(self._rows):
            self._drop(record_id)
        self._next_line = 1  # line 0 holds the headings
        self.case_id = case_id
        with self.saver.loading():
            for record in records:
                self._append(record)
        self._update_empty()
        self._chain_tab_order()

    def _append(self, record: Any) -> list[QWidget]:
        widgets = self.build_row(record)
        remove = QPushButton(self.tr("Remove"), self)
        remove.setAccessibleName(self.tr("Remove this row"))
        record_id: str = record.id
        remove.clicked.connect(lambda: self.remove(record_id))
        widgets.append(remove)
        line = self._next_line
        self._next_line += 1
        for column, widget in enumerate(widgets):
            self.grid.addWidget(widget, line, column, Qt.AlignmentFlag.AlignTop)
            widget.show()  # at once, so that a new row can take the focus
        self._rows[record_id] = widgets
        return widgets

    def _chain_tab_order(self) -> None:
        """Tab goes through the rows in order, then to the Add button, then on down the page
        (widgets added later would otherwise come last, after the page's other fields)."""
        previous: QWidget = self.add_button
        while True:  # the field before this list
            before = previous.previousInFocusChain()
            if before is None or before is self.add_button:
                break
            previous = before
            if not self.isAncestorOf(before) and before.focusPolicy() & Qt.FocusPolicy.TabFocus:
                break
        for widgets in self._rows.values():
            for widget in widgets:
                target = widget.focusProxy() or widget  # a DateField: its text
                QWidget.setTabOrder(previous, target)
                previous = target
        QWidget.setTabOrder(previous, self.add_button)

    def _drop(self, record_id: str) -> None:
        """Take a saved (or deleted) record's row off screen."""
        for widget in self._rows.pop(record_id):
            self.saver.discard(widget)
            self.grid.removeWidget(widget)
            widget.deleteLater()

    def _update_empty(self) -> None:
        self.empty_label.setVisible(not self._rows)
        if not self.heading_labels and self._rows:
            for column, text in enumerate(self.headings()):
                heading = QLabel(text, self)
                heading.setObjectName("recordRowsHeading")
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
                self.grid.addWidget(heading, 0, column, Qt.AlignmentFlag.AlignBottom)
                self.heading_labels.append(heading)
        for heading in self.heading_labels:
            heading.setVisible(bool(self._rows))

    def add(self) -> None:
        case_id = self.case_id
        if case_id is None:
            return
        record_id = self.state.write(lambda s: self.create_record(s, case_id), case_id=case_id)
        if record_id is None:
            return
        record = self.state.read(lambda s: self.load_record(s, record_id))
        with self.saver.loading():
            widgets = self._append(record)
        self._update_empty()
        self._chain_tab_order()
        widgets[0].setFocus()

    def remove(self, record_id: str) -> None:
        """Delete a record. An unsaved edit in that same row does not stand in the way (the
        row is going); an unsaved field anywhere else does."""
        row = set(self._rows[record_id])
        if not self.saver.flush() and any(w not in row for w in self.saver.pending()):
            return

        def remove(session: Session) -> bool:
            self.remove_record(session, record_id)
            return True

        if self.state.write(remove, case_id=self.case_id):
            self._drop(record_id)
            self._update_empty()

"""Outcomes over time: the list, one outcome's fields (saved as typed once recorded), and the
line that offers the status the latest outcome calls for."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from interventiondesk.errors import InvalidInput
from interventiondesk.gui.shared.date_fields import DateField, format_date
from interventiondesk.gui.shared.field_saver import FieldSaver
from interventiondesk.gui.shared.icons import icon
from interventiondesk.gui.shared.labels import choices, label
from interventiondesk.gui.shared.record_rows import small_text
from interventiondesk.gui.shared.widgets import Banner
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import OutcomeResult
from interventiondesk.services import outcomes
from interventiondesk.services.outcomes import OutcomeRow, OutcomeView, StatusChange

ID_ROLE = Qt.ItemDataRole.UserRole


def outcome_text(row: OutcomeRow) -> str:
    """Two lines for the list: the result and its day, then where the client went."""
    when = format_date(row.occurred_on) if row.occurred_on else ""
    first = f"{label(row.result)} · {when}" if when else label(row.result)
    place = " ".join(row.admitted_to.split())
    return f"{first}\n{place}" if place else first


class StatusBanner(Banner):
    """Says which status the latest outcome calls for, with a button that applies it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.badge.setPixmap(icon("warning").pixmap(20, 20))
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAccessibleName(self.tr("Status the latest outcome calls for"))
        self.apply_button = QPushButton(self.tr("Change the &status"), self)
        self.row.addWidget(self.apply_button)
        self.change: StatusChange | None = None
        self.hide()

    def show_change(self, change: StatusChange | None) -> None:
        self.change = change
        if change is None:
            self.hide()
            return
        self.text.setText(
            self.tr(
                "The latest outcome ({result}) calls for the status {proposed}; it is {current}."
            )
            .replace("{result}", label(change.result))
            .replace("{proposed}", label(change.proposed))
            .replace("{current}", label(change.current))
        )
        self.show()


class OutcomesPanel(QWidget):
    """The case's outcomes, oldest first, and the fields of the one chosen.

    A new outcome is filled in and then recorded with a button (it is a record of its own,
    and recording it may call for another status); once recorded, its fields save as typed.
    ``written`` is called after every change to an outcome's result or day, and after
    recording one, so that the page may ask about the status it calls for.
    """

    def __init__(
        self,
        state: AppState,
        saver: FieldSaver,
        written: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.saver = saver
        self.written = written
        self.case_id: str | None = None
        self.outcome_id: str | None = None
        self.rows: tuple[OutcomeRow, ...] = ()
        layout = QVBoxLayout(self)
        self.banner = StatusBanner(self)
        layout.addWidget(self.banner)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Outcomes of this case, oldest first"))
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSpacing(2)
        self.list.setMinimumHeight(90)
        self.list.setMaximumHeight(170)
        self.list.currentItemChanged.connect(self._chosen)
        layout.addWidget(self.list)
        self.empty = QLabel(
            self.tr("No outcome yet. After the meeting, record what the client answered."), self
        )
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("Ne&w outcome"), self)
        self.new_button.setToolTip(self.tr("Empty the fields below to record another outcome"))
        self.new_button.clicked.connect(self.new_outcome)
        self.remove_button = QPushButton(self.tr("&Remove outcome"), self)
        self.remove_button.clicked.connect(self.remove_outcome)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addLayout(self._form())
        layout.addStretch(1)

    def _form(self) -> QVBoxLayout:
        box = QVBoxLayout()
        self.form_title = QLabel(self)
        font = self.form_title.font()
        font.setBold(True)
        self.form_title.setFont(font)
        box.addWidget(self.form_title)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.result = QComboBox(self)
        self.result.setAccessibleName(self.tr("Result"))
        self.result.addItem(self.tr("Choose the result…"), None)
        for text, value in choices(OutcomeResult):
            self.result.addItem(text, value)
        self.occurred = DateField(self, self.tr("Day of the outcome"))
        self.admitted_to = QLineEdit(self)
        self.admitted_to.setMaxLength(200)
        self.admitted_to.setAccessibleName(self.tr("Facility admitted to"))
        self.entry = DateField(self, self.tr("Day of entry"))
        self.notes = small_text(self, self.tr("Notes on the outcome"))
        for text, widget in (
            (self.tr("Resu&lt:"), self.result),
            (self.tr("&Day:"), self.occurred),
            (self.tr("&Admitted to:"), self.admitted_to),
            (self.tr("Day of en&try:"), self.entry),
            (self.tr("&Notes:"), self.notes),
        ):
            caption = QLabel(text, self)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        box.addLayout(form)
        row = QHBoxLayout()
        self.record_button = QPushButton(self.tr("Record o&utcome"), self)
        self.record_button.clicked.connect(self.record)
        row.addWidget(self.record_button)
        row.addStretch(1)
        box.addLayout(row)
        for widget, field in (
            (self.result, "result"),
            (self.occurred, "occurred_on"),
            (self.admitted_to, "admitted_to"),
            (self.entry, "entry_on"),
            (self.notes, "notes"),
        ):
            self.saver.watch(widget, self._saver(field))
        return box

    def _saver(self, field: str) -> Callable[[Session, Any], object]:
        def save(session: Session, value: Any) -> object:
            outcome_id = self.outcome_id
            if outcome_id is None:  # a new outcome is written by "Record outcome"
                return None
            if field == "result" and value is None:
                raise InvalidInput(self.tr("Choose the result of the meeting."))
            if field in ("result", "occurred_on"):
                self.written()
            return outcomes.update_outcome(session, outcome_id, {field: value})

        return save

    # Showing ------------------------------------------------------------------------------

    def show_view(self, view: OutcomeView | None, *, reload_fields: bool) -> None:
        """Fill the list from ``view``; the fields only with ``reload_fields`` (a case was
        opened), never after a save, which would move the cursor of the field being typed in."""
        self.case_id = view.case_id if view else None
        self.rows = view.outcomes if view else ()
        self.banner.show_change(view.status_change if view else None)
        keep = self.outcome_id
        with QSignalBlocker(self.list):
            self.list.clear()
            for row in self.rows:
                item = QListWidgetItem(outcome_text(row), self.list)
                item.setData(ID_ROLE, row.id)
                item.setToolTip(item.text())
        self.empty.setVisible(not self.rows)
        self.list.setVisible(bool(self.rows))
        if reload_fields:
            latest = self.rows[-1].id if self.rows else None
            self._show_outcome(latest)
        else:
            self._select(keep)
        self.update_buttons()

    def _select(self, outcome_id: str | None) -> None:
        with QSignalBlocker(self.list):
            self.list.setCurrentRow(-1)
            for number in range(self.list.count()):
                if self.list.item(number).data(ID_ROLE) == outcome_id:
                    self.list.setCurrentRow(number)

    def _row(self, outcome_id: str | None) -> OutcomeRow | None:
        return next((row for row in self.rows if row.id == outcome_id), None)

    def _show_outcome(self, outcome_id: str | None) -> None:
        row = self._row(outcome_id)
        self.outcome_id = row.id if row else None
        self._select(self.outcome_id)
        with self.saver.loading():
            self.result.setCurrentIndex(max(0, self.result.findData(row.result if row else None)))
            self.occurred.set_value(row.occurred_on if row else date.today())
            self.admitted_to.setText(row.admitted_to if row else "")
            self.entry.set_value(row.entry_on if row else None)
            self.notes.setPlainText(row.notes if row else "")
        if row is None:
            self.form_title.setText(self.tr("A new outcome"))
        else:
            self.form_title.setText(self.tr("The chosen outcome (changes are saved as you type)"))
        self.update_buttons()

    def update_buttons(self) -> None:
        read_only = self.admitted_to.isReadOnly()
        self.record_button.setVisible(self.outcome_id is None)
        self.record_button.setEnabled(self.case_id is not None and not read_only)
        self.remove_button.setEnabled(self.outcome_id is not None and not read_only)
        self.new_button.setEnabled(self.case_id is not None and not read_only)

    def _chosen(self, current: QListWidgetItem | None, _previous: object) -> None:
        if not self.saver.flush():  # the fields of the outcome shown are saved first
            self._select(self.outcome_id)
            return
        self._show_outcome(current.data(ID_ROLE) if current else None)

    # Actions ------------------------------------------------------------------------------

    def new_outcome(self) -> None:
        if self.saver.flush():
            self._show_outcome(None)
            self.result.setFocus()

    def record(self, *, ask: bool = True) -> bool:
        """Record the outcome filled in; with ``ask`` the page then asks about the status it
        calls for. False when it was refused (the fields stay as typed, the reason is said)."""
        case_id = self.case_id
        if case_id is None or self.outcome_id is not None:
            return True
        for field in (self.occurred, self.entry):
            field.commit()
            if field.problem():
                self.state.failed.emit(field.problem())
                return False
        result = self.result.currentData()
        if result is None:
            self.state.failed.emit(self.tr("Choose the result of the meeting."))
            return False
        if ask:
            self.written()
        recorded = self.state.write(
            lambda s: (
                outcomes.record_outcome(
                    s,
                    case_id,
                    result,
                    occurred_on=self.occurred.value(),
                    admitted_to=self.admitted_to.text(),
                    entry_on=self.entry.value(),
                    notes=self.notes.toPlainText(),
                ).id
            ),
            case_id=case_id,
        )
        if recorded is None:
            return False
        self.outcome_id = recorded
        self._select(recorded)
        self.form_title.setText(self.tr("The chosen outcome (changes are saved as you type)"))
        self.update_buttons()
        return True

    def keep_draft(self) -> bool:
        """Before the page or the case is left: a new outcome filled in is recorded (without
        asking; the line above the list offers the status it calls for). False when it cannot
        be: the page stays, with the reason said."""
        if self.outcome_id is not None or self.case_id is None or self.admitted_to.isReadOnly():
            return True
        typed = self.admitted_to.text().strip() or self.notes.toPlainText().strip()
        if self.result.currentData() is None and not (typed or self.entry.value()):
            return True  # nothing begun
        return self.record(ask=False)

    def remove_outcome(self) -> None:
        outcome_id = self.outcome_id
        if outcome_id is None:
            return

        def remove(session: Session) -> bool:
            outcomes.remove_outcome(session, outcome_id)
            return True

        self.saver.flush()
        self.outcome_id = None
        if self.state.write(remove, case_id=self.case_id):
            latest = self.rows[-1].id if self.rows else None
            self._show_outcome(latest)
        else:
            self._show_outcome(outcome_id)

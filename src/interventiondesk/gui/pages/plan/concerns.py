"""Editable lists on the Plan page: presenting concerns and dated warning-sign observations.

Each record is a row of ordinary widgets watched by the page's FieldSaver, so every cell is
saved as it is typed, exactly like the page's other fields. Rows are filled from the plain
values of the page's view (``ConcernRow``, ``ObservationRow``), never from ORM objects.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QWidget,
)
from sqlalchemy.orm import Session

from interventiondesk.gui.shared.date_fields import DateField
from interventiondesk.gui.shared.field_saver import FieldSaver
from interventiondesk.gui.shared.labels import choices
from interventiondesk.gui.shared.record_rows import RecordRows, small_text
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import ConcernKind, PresentingConcern, WarningSign
from interventiondesk.services import cases
from interventiondesk.services.cases import ConcernRow, ObservationRow


def _saving(
    update: Callable[[Session, str, dict[str, Any]], None], record_id: str, field: str
) -> Callable[[Session, Any], None]:
    """A FieldSaver save function writing one field of one record."""
    return lambda session, value: update(session, record_id, {field: value})


class ConcernRows(RecordRows):
    """Substances and mental-health issues, each with a name and free-text details."""

    def __init__(self, state: AppState, saver: FieldSaver, parent: QWidget | None = None):
        super().__init__(state, saver, parent)
        self.add_button.setText(self.tr("Add concern"))
        self.add_button.setAccessibleName(self.tr("Add a presenting concern"))
        self.empty_label.setText(self.tr("No concerns recorded yet."))

    def headings(self) -> list[str]:
        return [self.tr("Kind"), self.tr("Concern"), self.tr("Details")]

    def build_row(self, record: ConcernRow) -> list[QWidget]:
        kind = QComboBox(self)
        kind.setAccessibleName(self.tr("Kind of concern"))
        for text, value in choices(ConcernKind):
            kind.addItem(text, value)
        kind.setCurrentIndex(kind.findData(record.concern))
        name = QLineEdit(record.name, self)
        name.setAccessibleName(self.tr("Concern"))
        name.setPlaceholderText(self.tr("e.g. alcohol, opioids, depression"))
        name.setMaxLength(getattr(PresentingConcern.__table__.c.name.type, "length", 0) or 0)
        details = small_text(self, self.tr("Details of the concern"))
        details.setPlainText(record.details)
        details.setPlaceholderText(self.tr("How long, how much, what has been tried"))
        update = cases.update_concern
        self.saver.watch(kind, _saving(update, record.id, "concern"))
        self.saver.watch(name, _saving(update, record.id, "name"))
        self.saver.watch(details, _saving(update, record.id, "details"))
        return [kind, name, details]

    def create_record(self, session: Session, case_id: str) -> str:
        return cases.add_concern(session, case_id, ConcernKind.SUBSTANCE, "").id

    def remove_record(self, session: Session, record_id: str) -> None:
        cases.remove_concern(session, record_id)

    def load_record(self, session: Session, record_id: str) -> ConcernRow:
        return cases.concern_row(session, record_id)


class ObservationRows(RecordRows):
    """Dated observations, each tied to one of the three warning signs (or another sign)."""

    def __init__(self, state: AppState, saver: FieldSaver, parent: QWidget | None = None):
        super().__init__(state, saver, parent)
        self.add_button.setText(self.tr("Add observation"))
        self.add_button.setAccessibleName(self.tr("Add a dated observation"))
        self.empty_label.setText(self.tr("No observations recorded yet."))

    def headings(self) -> list[str]:
        return [self.tr("Date"), self.tr("Warning sign"), self.tr("What was observed")]

    def build_row(self, record: ObservationRow) -> list[QWidget]:
        when = DateField(self, self.tr("Date observed"), empty_text=self.tr("No date"))
        when.set_value(record.observed_on)
        sign = QComboBox(self)
        sign.setAccessibleName(self.tr("Warning sign"))
        for text, value in choices(WarningSign):
            sign.addItem(text, value)
        sign.setCurrentIndex(sign.findData(record.sign))
        seen = small_text(self, self.tr("What was observed"))
        seen.setPlainText(record.text)
        seen.setPlaceholderText(self.tr("What happened, in plain words"))
        update = cases.update_observation
        self.saver.watch(when, _saving(update, record.id, "observed_on"))
        self.saver.watch(sign, _saving(update, record.id, "sign"))
        self.saver.watch(seen, _saving(update, record.id, "text"))
        return [when, sign, seen]

    def create_record(self, session: Session, case_id: str) -> str:
        return cases.add_observation(session, case_id, "", observed_on=date.today()).id

    def remove_record(self, session: Session, record_id: str) -> None:
        cases.remove_observation(session, record_id)

    def load_record(self, session: Session, record_id: str) -> ObservationRow:
        return cases.observation_row(session, record_id)

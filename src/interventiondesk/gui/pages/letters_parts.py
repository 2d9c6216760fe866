"""Parts of the Letters page: the objection rows and the background packet export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal
from PySide6.QtWidgets import QComboBox, QWidget
from sqlalchemy.orm import Session

from interventiondesk.errors import InterventionDeskError
from interventiondesk.gui.binding import FieldSaver
from interventiondesk.gui.pages.plan_rows import RecordRows, small_text
from interventiondesk.gui.state import AppState
from interventiondesk.logs import log_unexpected
from interventiondesk.model import Objection
from interventiondesk.services.letters import add_objection, remove_objection, update_objection
from interventiondesk.services.participants import roster
from interventiondesk.services.records import get_record
from interventiondesk.storage.database import Database


class ObjectionRows(RecordRows):
    """The client's likely objections: what they may say, the answer, and who gives it."""

    def __init__(self, state: AppState, saver: FieldSaver, parent: QWidget | None = None):
        super().__init__(state, saver, parent)
        self.add_button.setText(self.tr("Add &objection"))
        self.empty_label.setText(
            self.tr(
                "No objections yet. Add what the client is likely to say, and prepare "
                "a calm answer."
            )
        )
        self.people: list[tuple[str, str]] = []

    def load(self, case_id: str | None, records: list[Objection]) -> None:
        if case_id is not None:
            self.people = self.state.read(lambda s: [(p.name, p.id) for p in roster(s, case_id)])
        super().load(case_id, records)

    def build_row(self, record: Objection) -> list[QWidget]:
        said = small_text(self, self.tr("Objection"))
        said.setPlaceholderText(self.tr("What the client may say"))
        said.setPlainText(record.objection)
        answer = small_text(self, self.tr("Prepared answer"))
        answer.setPlaceholderText(self.tr("The prepared answer"))
        answer.setPlainText(record.answer)
        who = QComboBox(self)
        who.setAccessibleName(self.tr("Who answers"))
        who.addItem(self.tr("(anyone)"), None)
        for name, person_id in self.people:
            who.addItem(name, person_id)
        who.setCurrentIndex(max(0, who.findData(record.answered_by_id)))
        record_id = record.id
        for widget, field in ((said, "objection"), (answer, "answer"), (who, "answered_by_id")):
            self.saver.watch(widget, _saving(record_id, field))
        return [said, answer, who]

    def create_record(self, session: Session, case_id: str) -> str:
        return add_objection(session, case_id).id

    def remove_record(self, session: Session, record_id: str) -> None:
        remove_objection(session, record_id)

    def load_record(self, session: Session, record_id: str) -> Objection:
        return get_record(session, Objection, record_id, "objection")


def _saving(record_id: str, field: str) -> Callable[[Session, Any], object]:
    def save(session: Session, value: Any) -> object:
        return update_objection(session, record_id, {field: value})

    return save


class ExportSignals(QObject):
    finished = Signal(bool, str)


class PacketExport(QRunnable):
    """Writes the rehearsal packet on a pool thread, with its own session; touches no widget."""

    def __init__(self, db: Database, case_id: str, path: Path, include_drafts: bool) -> None:
        super().__init__()
        self.db = db
        self.case_id = case_id
        self.path = path
        self.include_drafts = include_drafts
        self.signals = ExportSignals()

    def run(self) -> None:
        from interventiondesk.export.rehearsal_packet import export_rehearsal_packet

        try:
            with self.db.session() as session:
                export_rehearsal_packet(
                    session, self.case_id, self.path, include_drafts=self.include_drafts
                )
        except InterventionDeskError as exc:
            self.signals.finished.emit(False, str(exc))
        except Exception as exc:
            log_unexpected(exc)
            self.signals.finished.emit(False, "")
        else:
            self.signals.finished.emit(True, str(self.path))

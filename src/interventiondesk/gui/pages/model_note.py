"""A calm line at the top of a page saying how the case's intervention model uses that page."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget
from sqlalchemy.orm import Session

from interventiondesk.gui.shared.icons import icon
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import Case, InterventionModel
from interventiondesk.services.records import get_record


def _tr(text: str) -> str:
    return QCoreApplication.translate("ModelNote", text)


def letters_notes() -> dict[InterventionModel, str]:
    """What the Letters page means for models that write no letters or no bottom line."""
    return {
        InterventionModel.CRAFT: _tr(
            "A CRAFT-style case has no meeting and no letters: you coach the family member over "
            "a series of sessions, planned on the Schedule page. A letter can still be written "
            "here if it helps the family put their feelings into words."
        ),
        InterventionModel.SYSTEMIC: _tr(
            "In a systemic family case the family reaches the decision together, without "
            "confrontation or ultimatums, so there are no bottom-line letters. Letters are "
            "optional here, written as an invitation to talk."
        ),
    }


def participants_notes() -> dict[InterventionModel, str]:
    """What the Participants page means for models without a confronting team."""
    return {
        InterventionModel.CRAFT: _tr(
            "A CRAFT-style case has no intervention team: add the one or two family members you "
            "coach, and anyone else who should be on record. Their coaching sessions are on the "
            "Schedule page."
        ),
        InterventionModel.SYSTEMIC: _tr(
            "In a systemic family case the whole family is the client and takes part together. "
            "Add everyone who comes to the meetings; roles such as reader or closer are optional."
        ),
    }


class ModelNote(QFrame):
    """Shown only when the open case's model has a note for this page; follows model changes.

    Either the note reads the model itself (``load_case``: one read), or, with
    ``page_reads=True``, its page hands it the model from the page's own view (``show_model``,
    no read), so that the page still loads with one read.

    After a save a self-reading note re-reads the model only while its page is on screen; a
    hidden page's note is brought up to date when the page is shown again. A note fed by its
    page is marked stale the same way and brought up to date by the page's ``refresh``.
    """

    def __init__(
        self,
        state: AppState,
        notes: Mapping[InterventionModel, str],
        parent: QWidget,
        *,
        page_reads: bool = False,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.notes = dict(notes)
        self.page_reads = page_reads
        self.case_id: str | None = None
        self.stale = False
        self.page = parent
        parent.installEventFilter(self)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        badge = QLabel(self)
        badge.setPixmap(icon("help").pixmap(18, 18))
        badge.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(badge)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAccessibleName(self.tr("About this page for this kind of case"))
        layout.addWidget(self.text, 1)
        self.hide()
        state.caseChanged.connect(self._case_changed)

    def load_case(self, case_id: str | None) -> None:
        """Read the case's model (one read) and show its note."""
        model = None
        if case_id is not None:

            def read(session: Session) -> InterventionModel:
                return InterventionModel(get_record(session, Case, case_id, "case").model)

            model = self.state.read(read)
        self.show_model(case_id, model)

    def show_model(self, case_id: str | None, model: InterventionModel | None) -> None:
        """Show the note for ``model``, the model of ``case_id`` as the page just read it."""
        self.case_id = case_id
        self.stale = False
        note = self.notes.get(model) if model is not None else None
        self.text.setText(note or "")
        self.setVisible(bool(note))

    def _case_changed(self, case_id: str) -> None:
        if case_id != self.case_id:
            return
        if not self.page.isVisible():
            self.stale = True
        elif not self.page_reads:
            self.load_case(case_id)  # the model may have been changed on the Plan page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.page
            and event.type() == QEvent.Type.Show
            and self.stale
            and not self.page_reads
        ):
            self.load_case(self.case_id)
        return False

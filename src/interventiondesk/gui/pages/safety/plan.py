"""The safety plan: its six steps saved as typed (each sitting leaves a revision), the
revisions to look back at, and the one-page PDF for the client, written in the background."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from interventiondesk.errors import InterventionDeskError
from interventiondesk.gui.shared.background import Background
from interventiondesk.gui.shared.date_fields import format_moment
from interventiondesk.gui.shared.field_saver import FieldSaver
from interventiondesk.gui.shared.widgets import ask_save_path
from interventiondesk.gui.shell.state import AppState
from interventiondesk.logs import log_unexpected
from interventiondesk.services.safety import STEPS, PlanRevisionRow, save_safety_plan

ID_ROLE = Qt.ItemDataRole.UserRole
STEP_HEIGHT = 70


def tr_plan(text: str) -> str:
    """The plan's step titles and hints (English source in ``services.safety``), translated."""
    return QCoreApplication.translate("safety_plan", text)


class PlanPanel(QWidget):
    """The six steps, the revisions, and printing."""

    printed = Signal(bool, str)
    """Whether the PDF was written, and where to or why not (for the page and its tests)."""

    def __init__(self, state: AppState, saver: FieldSaver, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.saver = saver
        self.case_id: str | None = None
        self.reference = ""
        self.revisions: tuple[PlanRevisionRow, ...] = ()
        self.job: Background | None = None
        self._job_case = ""
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "In the client's own words. Saved as you type; each sitting leaves a revision "
                "that stays in the history."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.steps: dict[str, QPlainTextEdit] = {}
        for number, (key, title, hint) in enumerate(STEPS, start=1):
            caption = QLabel(f"{number}. {tr_plan(title)}", self)
            font = caption.font()
            font.setBold(True)
            caption.setFont(font)
            caption.setToolTip(tr_plan(hint))
            edit = QPlainTextEdit(self)
            edit.setAccessibleName(tr_plan(title))
            edit.setAccessibleDescription(tr_plan(hint))
            edit.setPlaceholderText(tr_plan(hint))
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(STEP_HEIGHT)
            edit.setMaximumHeight(STEP_HEIGHT * 2)
            caption.setBuddy(edit)
            layout.addWidget(caption)
            layout.addWidget(edit)
            self.steps[key] = edit
            self.saver.watch(edit, self._saver(key))
        layout.addWidget(self._print_box())
        layout.addWidget(self._revisions_box())
        layout.addStretch(1)

    def _saver(self, key: str) -> Callable[[Session, Any], object]:
        def save(session: Session, text: Any) -> object:
            if self.case_id is None:
                raise InterventionDeskError(self.tr("No case is open."))
            return save_safety_plan(session, self.case_id, {key: text})

        return save

    def _print_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Print for the client"), self)
        layout = QVBoxLayout(box)
        note = QLabel(
            self.tr(
                "One page in large type with the crisis line. Nothing that names the client "
                "or the case is printed unless you choose it here."
            ),
            box,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        choices = QHBoxLayout()
        self.with_name = QCheckBox(self.tr("The client's na&me"), box)
        self.with_reference = QCheckBox(self.tr("The case &reference"), box)
        self.with_concerns = QCheckBox(self.tr("The presenting c&oncerns"), box)
        for check in (self.with_name, self.with_reference, self.with_concerns):
            choices.addWidget(check)
        choices.addStretch(1)
        layout.addLayout(choices)
        row = QHBoxLayout()
        self.print_button = QPushButton(self.tr("&Print safety plan…"), box)
        self.print_button.setToolTip(self.tr("Save the safety plan as a one-page PDF"))
        self.print_button.clicked.connect(self.print_plan)
        row.addWidget(self.print_button)
        self.print_status = QLabel(box)
        self.print_status.setWordWrap(True)
        self.print_status.setTextFormat(Qt.TextFormat.PlainText)
        self.print_status.setAccessibleName(self.tr("Printing"))
        row.addWidget(self.print_status, 1)
        layout.addLayout(row)
        return box

    def _revisions_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Revisions (newest first)"), self)
        layout = QVBoxLayout(box)
        self.history = QTreeWidget(box)
        self.history.setAccessibleName(self.tr("Revisions of the safety plan"))
        self.history.setRootIsDecorated(False)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history.setHeaderLabels([self.tr("When"), self.tr("By")])
        self.history.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.setMinimumHeight(80)
        self.history.setMaximumHeight(140)
        self.history.currentItemChanged.connect(lambda *_: self._show_revision())
        layout.addWidget(self.history)
        self.revision = QLabel(box)
        self.revision.setWordWrap(True)
        self.revision.setTextFormat(Qt.TextFormat.PlainText)
        self.revision.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.revision.setAccessibleName(self.tr("The chosen revision"))
        layout.addWidget(self.revision)
        return box

    # Showing ------------------------------------------------------------------------------

    def show_plan(
        self,
        case_id: str | None,
        reference: str,
        plan: tuple[tuple[str, str], ...] | None,
        revisions: tuple[PlanRevisionRow, ...],
        *,
        reload_fields: bool,
    ) -> None:
        """The revisions always; the steps only when a case is opened (never over typing)."""
        self.case_id = case_id
        self.reference = reference
        if reload_fields:
            texts = dict(plan or ())
            with self.saver.loading():
                for key, edit in self.steps.items():
                    edit.setPlainText(texts.get(key, ""))
            if self.job is None or not self.job.running:
                self.print_status.clear()
        self.revisions = revisions
        chosen = self.history.currentItem()
        keep = chosen.data(0, ID_ROLE) if chosen is not None else None
        with QSignalBlocker(self.history):
            self.history.clear()
            for revision in revisions:
                item = QTreeWidgetItem(
                    self.history, [format_moment(revision.revised_at), revision.revised_by]
                )
                item.setData(0, ID_ROLE, revision.id)
                if revision.id == keep:
                    self.history.setCurrentItem(item)
        self._show_revision()
        self.update_buttons()

    def _show_revision(self) -> None:
        item = self.history.currentItem()
        chosen = item.data(0, ID_ROLE) if item is not None else None
        revision = next((r for r in self.revisions if r.id == chosen), None)
        if revision is None:
            self.revision.setText(
                self.tr("Choose a revision to read it.")
                if self.revisions
                else self.tr("No revision yet: the plan has not been written.")
            )
            return
        titles = {key: title for key, title, _hint in STEPS}
        self.revision.setText(
            "\n".join(
                f"{number}. {tr_plan(titles[key])}: {text.strip() or '—'}"
                for number, (key, text) in enumerate(revision.steps, start=1)
            )
        )

    def update_buttons(self) -> None:
        busy = self.job is not None and self.job.running
        self.print_button.setEnabled(self.case_id is not None and not busy)

    # Printing -----------------------------------------------------------------------------

    def print_plan(self) -> None:
        """Ask where to save, then write the PDF in the background."""
        if self.case_id is None or not self.saver.flush():
            return
        path = ask_save_path(
            self,
            self.tr("Print safety plan"),
            Path.home() / "safety-plan.pdf",
            self.tr("PDF files (*.pdf)"),
            ".pdf",
        )
        if path is not None:
            self.print_to(path)

    def print_to(self, path: Path) -> None:
        """Write the PDF to ``path`` off the GUI thread; ``printed`` tells how it went."""
        case_id = self.case_id
        if case_id is None or (self.job is not None and self.job.running):
            return
        if not self.saver.flush():
            return
        from interventiondesk.services.exports import export_safety_plan  # reportlab, lazily

        db = self.state.db
        name, reference = self.with_name.isChecked(), self.with_reference.isChecked()
        concerns = self.with_concerns.isChecked()
        self._job_case = case_id
        self.job = Background(
            lambda: export_safety_plan(
                db,
                case_id,
                path,
                show_name=name,
                show_reference=reference,
                show_concerns=concerns,
            ),
            self,
        )
        self.job.done.connect(lambda _summary: self._printed(True, str(path)))
        self.job.failed.connect(self._failed)
        self.job.start()
        self.print_status.setText(self.tr("Writing the safety plan…"))
        self.update_buttons()

    def _failed(self, exc: object) -> None:
        if isinstance(exc, InterventionDeskError):
            self._printed(False, str(exc))
        else:
            if isinstance(exc, BaseException):
                log_unexpected(exc)
            self._printed(
                False, self.tr("Something unexpected went wrong; the safety plan was not saved.")
            )

    def _printed(self, ok: bool, message: str) -> None:
        text = self.tr("Saved the safety plan to %1.").replace("%1", message) if ok else message
        if self._job_case != self.case_id:  # another case was opened meanwhile
            text = self.tr("The case you had open before: %1").replace("%1", text)
        self.print_status.setText(text)
        self.update_buttons()
        self.printed.emit(ok, message)

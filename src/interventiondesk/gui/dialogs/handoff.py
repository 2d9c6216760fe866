"""Case › Handoff to therapist…: choose the recipient and the sections, see in words whether the
consents on file allow it, preview the PDF inside the app, and save exactly what was previewed.

The dialog reads the case's recipients once, and checks the consent again at each change of
recipient or sections (one short read each). "Preview" prepares the PDF on a pool thread
(``services.handoff.prepare_handoff``); "Save…" writes those same bytes with their disclosure
record (``save_handoff``), never rendering again. Changing any choice after a preview takes the
preview away until the next one, so what is saved is always what was last seen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from interventiondesk.errors import InterventionDeskError
from interventiondesk.gui.dialogs.handoff_choices import HandoffChoicesPane
from interventiondesk.gui.dialogs.pdf_preview import PdfPreview
from interventiondesk.gui.shared.background import Background
from interventiondesk.gui.shared.widgets import (
    ask_save_path,
    busy_cursor,
    clear_problem,
    show_problem,
)
from interventiondesk.logs import log_unexpected
from interventiondesk.services.handoff import (
    HandoffCheck,
    HandoffRequest,
    PreparedHandoff,
    check_handoff,
    handoff_choices,
    prepare_handoff,
    save_handoff,
)

if TYPE_CHECKING:
    from interventiondesk.gui.shell.state import AppState
    from interventiondesk.gui.shell.window_protocol import CaseWindow
    from interventiondesk.services.disclosures import DisclosureRow

CHECK_DELAY_MS = 300
"""How long typing in the recipient pauses before the consent is checked again."""


class HandoffDialog(QDialog):
    """The handoff of one case. ``saved`` holds the disclosure of the last file saved."""

    def __init__(self, state: AppState, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        choices = state.read(lambda s: handoff_choices(s, case_id))
        self.case_id = choices.case_id
        self.reference = choices.reference
        self.check: HandoffCheck | None = None
        """Which sections the consents allow for the recipient."""
        self.verdict_check: HandoffCheck | None = None
        """The check of the current choices, as the dialog says it."""
        self.prepared: PreparedHandoff | None = None
        self.saved: DisclosureRow | None = None
        self._job: Background | None = None
        self.setWindowTitle(self.tr("Handoff to therapist: case %1").replace("%1", self.reference))

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        pane = HandoffChoicesPane(choices.recipients, choices.consents_on_file, splitter)
        self.choices = pane
        self.recipient, self.sections, self.verdict = pane.recipient, pane.sections, pane.verdict
        self.override, self.reason, self.protect = pane.override, pane.reason, pane.protect
        self.password, self.repeat = pane.password, pane.repeat
        self.problem, self.saved_note = pane.problem, pane.saved_note
        pane.recipientEdited.connect(self._choice_changed_later)
        pane.changed.connect(self._choice_changed)
        pane.overrideToggled.connect(self._override_toggled)
        pane.accounting.clicked.connect(self.show_disclosures)
        splitter.addWidget(pane)
        self.preview = PdfPreview(splitter)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([460, 740])
        outer = QVBoxLayout(self)
        outer.addWidget(splitter, 1)
        buttons = QHBoxLayout()
        self.preview_button = QPushButton(self.tr("&Preview"), self)
        self.save_button = QPushButton(self.tr("&Save…"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.preview_button.clicked.connect(self.start_preview)
        self.save_button.clicked.connect(self.ask_and_save)
        self.close_button.clicked.connect(self.reject)
        self.save_button.setEnabled(False)
        self.save_button.setToolTip(self.tr("Saves exactly the PDF shown in the preview."))
        buttons.addStretch(1)
        for button in (self.preview_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        outer.addLayout(buttons)
        self.preview_button.setDefault(True)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.recheck)
        self._fit_screen()
        self.recheck()

    # Building ----------------------------------------------------------------------------

    def _fit_screen(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1200, 700
        if screen is not None:
            width = min(width, screen.width() - 40)
            height = min(height, screen.height() - 60)
        self.resize(width, height)

    # Choices ----------------------------------------------------------------------------

    def request(self) -> HandoffRequest:
        """What the dialog's choices ask for."""
        return self.choices.request()

    def _choice_changed_later(self, _text: str = "") -> None:
        self._forget_preview()
        self._timer.start()

    def _choice_changed(self, *_args: object) -> None:
        self._forget_preview()
        self._show_verdict()

    def _override_toggled(self) -> None:
        self._apply_allowed()
        self._choice_changed()

    def _forget_preview(self) -> None:
        if self.prepared is not None:
            self.prepared = None
            self.preview.clear(self.tr("The choices changed: preview again before saving."))
        self.save_button.setEnabled(False)
        clear_problem(self.problem)
        self.saved_note.clear()

    def recheck(self) -> None:
        """Ask which sections the consents allow for the recipient, and apply it (one read)."""
        recipient = self.recipient.currentText().strip()
        first = self.check is None
        self.check = self.state.read(
            lambda s: check_handoff(s, self.case_id, recipient, frozenset())
        )
        if first or recipient:
            self.choices.select(self.check.allowed)
        self._apply_allowed()
        self._show_verdict()

    def _apply_allowed(self) -> None:
        self.choices.apply_allowed(self.check.allowed if self.check is not None else frozenset())

    def _show_verdict(self) -> None:
        """The consent check of the current choices, in words."""
        request = self.request()
        if not request.recipient:
            self.verdict.setText(self.tr("Choose or type the recipient."))
            return
        check = self.state.read(
            lambda s: check_handoff(s, self.case_id, request.recipient, request.sections)
        )
        self.verdict_check = check
        if check.covered:
            text = self.tr("Covered by: %1.").replace("%1", "; ".join(check.consents))
        else:
            text = self.tr("Not covered: %1.").replace("%1", "; ".join(check.problems))
            if self.override.isChecked():
                text += " " + self.tr("It can be sent only under the override, with its reason.")
            else:
                text += " " + self.tr(
                    "Record a consent that covers it, choose fewer sections, or use the "
                    "override with a written reason."
                )
        self.verdict.setText(text)

    # Preview and save --------------------------------------------------------------------

    def busy(self) -> bool:
        """Whether a preview is being prepared or drawn on a pool thread (the dialog must then
        outlive it: the work reports to it)."""
        drawing = self.preview.job is not None and self.preview.job.running
        return (self._job is not None and self._job.running) or drawing

    def _override_problem(self) -> str:
        """Why the override cannot be used as it stands (its reason), when it is needed."""
        needed = self.verdict_check is not None and not self.verdict_check.covered
        return self.choices.override_problem() if needed and self.override.isChecked() else ""

    def start_preview(self) -> None:
        """Prepare the PDF on a pool thread; it is shown, and may be saved, when it is ready."""
        if self._job is not None and self._job.running:
            return
        problem = self.choices.password_problem() or self._override_problem()
        if problem:
            show_problem(self.problem, problem)
            return
        clear_problem(self.problem)
        request = self.request()
        db, case_id = self.state.db, self.case_id
        self.preview_button.setEnabled(False)
        self.preview.clear(self.tr("Preparing the handoff…"))
        job = Background(lambda: prepare_handoff(db, case_id, request), self)
        job.done.connect(self._prepared)
        job.failed.connect(self._not_prepared)
        self._job = job
        job.start()

    def _prepared(self, prepared: Any) -> None:
        self.preview_button.setEnabled(True)
        if not isinstance(prepared, PreparedHandoff) or prepared.request != self.request():
            return  # the choices changed while it was being prepared
        self.prepared = prepared
        self.preview.show_pdf(prepared.data, prepared.request.password)
        self.save_button.setEnabled(True)

    def _not_prepared(self, exc: Any) -> None:
        self.preview_button.setEnabled(True)
        if isinstance(exc, InterventionDeskError):
            message = str(exc)
        else:
            log_unexpected(exc)
            message = self.tr("Something unexpected went wrong; nothing was written.")
        self.preview.clear(self.tr("No preview."))
        show_problem(self.problem, message)

    def ask_and_save(self) -> None:
        if self.prepared is None:
            return
        target = ask_save_path(
            self,
            self.tr("Save the handoff"),
            Path.home() / f"handoff-{self.reference}.pdf",
            self.tr("PDF files (*.pdf)"),
            ".pdf",
        )
        if target is not None:
            self.save_to(target)

    def save_to(self, target: Path) -> DisclosureRow | None:
        """Write the previewed bytes to ``target`` with their disclosure; None when refused
        (said in the dialog; nothing written)."""
        prepared = self.prepared
        if prepared is None:
            return None
        try:
            with busy_cursor():
                row = save_handoff(self.state.db, prepared, target)
        except InterventionDeskError as exc:
            show_problem(self.problem, str(exc))
            return None
        except Exception as exc:
            log_unexpected(exc)
            show_problem(
                self.problem, self.tr("Something unexpected went wrong; nothing was written.")
            )
            return None
        self.saved = row
        self.saved_note.setText(
            self.tr("Saved to %1 and recorded as a disclosure.").replace("%1", target.name)
        )
        self.state.caseChanged.emit(self.case_id)
        return row

    def show_disclosures(self) -> None:
        from interventiondesk.gui.dialogs.disclosures import DisclosuresDialog

        DisclosuresDialog(self.state, self.case_id, self).open()


def open_handoff(window: CaseWindow) -> HandoffDialog | None:
    """Case › Handoff to therapist…: the dialog for the open case."""
    case_id = window.open_case_id
    if case_id is None or not window.flush():
        return None
    for earlier in window.window().findChildren(HandoffDialog):
        if not earlier.busy():  # one still preparing is removed with the window
            earlier.deleteLater()
    dialog = HandoffDialog(window.state, case_id, window.window())
    dialog.open()
    return dialog

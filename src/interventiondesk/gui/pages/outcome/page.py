"""The Outcome & follow-up page: outcomes over time (and the status they call for, asked
first), bottom-line follow-through, follow-up tasks and the case's timeline, in inner tabs."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtWidgets import QMessageBox, QTabWidget, QVBoxLayout, QWidget

from interventiondesk.gui.pages.base import CasePage
from interventiondesk.gui.pages.inner_tabs import add_scrolled_tab
from interventiondesk.gui.pages.outcome.bottom_lines import BottomLinesPanel
from interventiondesk.gui.pages.outcome.outcomes import OutcomesPanel
from interventiondesk.gui.pages.outcome.tasks import TasksPanel
from interventiondesk.gui.pages.outcome.timeline import TimelinePanel
from interventiondesk.gui.shared.labels import label
from interventiondesk.gui.shell.state import AppState
from interventiondesk.services.outcomes import (
    OutcomeView,
    StatusChange,
    apply_status_change,
    outcome_view,
)


class OutcomePage(CasePage):
    # "&&": the title is also a tab's and a menu entry's text, where "&" marks a shortcut key.
    title = str(QT_TRANSLATE_NOOP("CasePage", "Outcome && follow-up"))

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.view: OutcomeView | None = None
        self._ask_armed = False
        self._asked: StatusChange | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Parts of the outcome and follow-up"))
        self.outcomes = OutcomesPanel(state, self.saver, self._arm_question, self.tabs)
        self.bottom_lines = BottomLinesPanel(state, self.tabs)
        self.tasks = TasksPanel(state, self.tabs)
        self.timeline = TimelinePanel(self.tabs)
        add_scrolled_tab(self.tabs, self.outcomes, self.tr("Outcomes"))
        add_scrolled_tab(self.tabs, self.bottom_lines, self.tr("Bottom lines"))
        add_scrolled_tab(self.tabs, self.tasks, self.tr("Follow-up tasks"))
        add_scrolled_tab(self.tabs, self.timeline, self.tr("Timeline"))
        layout.addWidget(self.tabs)
        self.outcomes.banner.apply_button.clicked.connect(self.apply_status)
        self.load_case(None)

    # Reading ------------------------------------------------------------------------------

    def _read(self) -> OutcomeView | None:
        case_id = self.case_id
        if case_id is None:
            return None
        return self.state.read(lambda s: outcome_view(s, case_id))

    def load_case(self, case_id: str | None) -> bool:
        """Show the case with one read (``outcome_view``)."""
        if not super().load_case(case_id):
            return False
        self._ask_armed = False
        self._asked = None
        self._show(self._read(), reload_fields=True)
        self.setEnabled(case_id is not None)
        return True

    def refresh(self) -> None:
        """After a save in this case: everything but the fields being typed in (one read)."""
        self._show(self._read(), reload_fields=False)
        if self._ask_armed:
            self._ask_armed = False
            # Asked once the save that led here has finished, never inside it.
            QTimer.singleShot(0, self, self.ask_status)

    def _show(self, view: OutcomeView | None, *, reload_fields: bool) -> None:
        self.view = view
        self.outcomes.show_view(view, reload_fields=reload_fields)
        self.bottom_lines.show_rows(self.case_id, view.bottom_lines if view else ())
        self.tasks.show_view(view)
        self.timeline.show_entries(view.timeline if view else ())
        if self.read_only:
            self.set_read_only(True)  # rows built just now take the case's state

    # The status an outcome calls for ------------------------------------------------------

    def _arm_question(self) -> None:
        """An outcome's result or day is being saved: ask about the status after the save."""
        self._ask_armed = True

    def ask_status(self) -> None:
        """Ask before applying the status the latest outcome calls for (once per proposal)."""
        change = self.view.status_change if self.view else None
        if change is None or change == self._asked or self.read_only:
            return
        self._asked = change  # one question per proposal, however many saves led to it
        question = (
            self.tr(
                "The latest outcome, “{result}”, calls for the case's status to become "
                "{proposed} (it is {current} now). Change the status?"
            )
            .replace("{result}", label(change.result))
            .replace("{proposed}", label(change.proposed))
            .replace("{current}", label(change.current))
        )
        answer = QMessageBox.question(
            self,
            self.tr("Change the case's status?"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._apply(change)
        # Declined: not asked again; the line on the page still offers it.

    def apply_status(self) -> None:
        """The line's button: apply the proposal shown, without asking again."""
        change = self.view.status_change if self.view else None
        if change is not None:
            self._apply(change)

    def _apply(self, change: StatusChange) -> None:
        if self.saver.flush():
            self.state.write(lambda s: apply_status_change(s, change).id, case_id=change.case_id)

    def flush(self) -> bool:
        """Save pending edits, and record a new outcome filled in but not recorded yet."""
        return super().flush() and self.outcomes.keep_draft()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.outcomes.update_buttons()
        self.tasks.update_buttons()

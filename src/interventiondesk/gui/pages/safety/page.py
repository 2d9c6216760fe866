"""The Safety page: the risk screen and its history, the six-step safety plan with its
revisions and PDF, the case's risk flags and ASAM ratings, in inner tabs."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from interventiondesk.gui.pages.base import CasePage
from interventiondesk.gui.pages.inner_tabs import add_scrolled_tab
from interventiondesk.gui.pages.safety.asam import AsamPanel
from interventiondesk.gui.pages.safety.flags import FlagsPanel
from interventiondesk.gui.pages.safety.plan import PlanPanel
from interventiondesk.gui.pages.safety.screen import ScreenPanel
from interventiondesk.gui.shell.state import AppState
from interventiondesk.services.safety import SafetyView, safety_view


class SafetyPage(CasePage):
    title = str(QT_TRANSLATE_NOOP("CasePage", "Safety"))

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.view: SafetyView | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Parts of the safety page"))
        self.risk_screen = ScreenPanel(state, self.tabs)
        self.plan = PlanPanel(state, self.saver, self.tabs)
        risks = QWidget(self.tabs)
        risks_layout = QVBoxLayout(risks)
        self.flags = FlagsPanel(self.saver, risks)
        self.asam = AsamPanel(state, risks)
        risks_layout.addWidget(self.flags)
        risks_layout.addWidget(self.asam)
        risks_layout.addStretch(1)
        add_scrolled_tab(self.tabs, self.risk_screen, self.tr("Risk screen"))
        add_scrolled_tab(self.tabs, self.plan, self.tr("Safety plan"))
        add_scrolled_tab(self.tabs, risks, self.tr("Flags and ASAM"))
        layout.addWidget(self.tabs)
        self.load_case(None)

    def _read(self) -> SafetyView | None:
        case_id = self.case_id
        if case_id is None:
            return None
        return self.state.read(lambda s: safety_view(s, case_id))

    def load_case(self, case_id: str | None) -> bool:
        """Show the case with one read (``safety_view``)."""
        if not super().load_case(case_id):
            return False
        self._show(self._read(), reload_fields=True)
        self.setEnabled(case_id is not None)
        return True

    def refresh(self) -> None:
        """After a save in this case: histories and captions (one read), never the step or
        the flag being changed."""
        self._show(self._read(), reload_fields=False)

    def _show(self, view: SafetyView | None, *, reload_fields: bool) -> None:
        self.view = view
        case_id = view.case_id if view else None
        self.risk_screen.show_screens(case_id, view.screens if view else ())
        self.plan.show_plan(
            case_id,
            view.reference if view else "",
            view.plan if view else None,
            view.plan_revisions if view else (),
            reload_fields=reload_fields,
        )
        self.flags.show_flags(
            case_id,
            view.flags if view else (),
            view.raised if view else (),
            reload_fields=reload_fields,
        )
        self.asam.show_rows(case_id, view.asam if view else (), reload_fields=reload_fields)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.risk_screen.update_form()
        self.plan.update_buttons()  # an archived case's plan can still be printed

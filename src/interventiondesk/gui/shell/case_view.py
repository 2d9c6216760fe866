"""An open case: a header naming it, an archived banner with Restore, and its pages as tabs."""

from __future__ import annotations

import importlib
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from interventiondesk.errors import NotFound
from interventiondesk.gui.pages import PAGES
from interventiondesk.gui.pages.base import CasePage
from interventiondesk.gui.shared.consent_expiry import expires_in_words
from interventiondesk.gui.shared.icons import icon
from interventiondesk.gui.shared.labels import label
from interventiondesk.gui.shared.widgets import Banner
from interventiondesk.gui.shell.case_list import risk_words
from interventiondesk.gui.shell.state import AppState
from interventiondesk.gui.shell.transfer_banner import TransferBanner
from interventiondesk.services.cases import CaseRow, case_row, restore_case
from interventiondesk.services.consents_view import ExpiringConsent, expiring_consents


def page_class(spec: str) -> type[CasePage]:
    """Import a page from its "module:Class" entry in the registry."""
    module_name, _, class_name = spec.partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    if not (isinstance(cls, type) and issubclass(cls, CasePage)):
        raise TypeError(f"{spec} is not a CasePage")
    return cls


CHIP_STYLE = "QLabel { border: 1px solid #b45309; border-radius: 9px; padding: 1px 8px; }"
"""A rounded outline in a warning tone; the words, not the colour, say what each chip means."""


class RiskChips(QWidget):
    """Compact word chips for a high triage, each raised risk flag and overdue tasks; each
    chip's tooltip says it in a sentence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(6)
        self.chips: list[QLabel] = []
        self.setAccessibleName(self.tr("Risk flags"))

    def show_case(self, case: CaseRow) -> None:
        words = risk_words(case.triage, case.flags)
        count = case.overdue_tasks
        if count == 1:
            words.append(
                (
                    self.tr("1 overdue task"),
                    self.tr("A follow-up task is past its due date: see Outcome & follow-up."),
                )
            )
        elif count:
            words.append(
                (
                    self.tr("%1 overdue tasks").replace("%1", str(count)),
                    self.tr(
                        "%1 follow-up tasks are past their due date: see Outcome & follow-up."
                    ).replace("%1", str(count)),
                )
            )
        self.clear()
        for short, sentence in words:
            chip = QLabel(short, self)
            chip.setTextFormat(Qt.TextFormat.PlainText)
            chip.setStyleSheet(CHIP_STYLE)
            chip.setToolTip(sentence)
            chip.setAccessibleName(short)
            chip.setAccessibleDescription(sentence)
            self.row.insertWidget(len(self.chips), chip)
            self.chips.append(chip)
        self.setVisible(bool(words))

    def clear(self) -> None:
        for chip in self.chips:
            self.row.removeWidget(chip)
            chip.deleteLater()
        self.chips = []
        self.hide()

    def texts(self) -> list[str]:
        """The chips' words, in order shown."""
        return [chip.text() for chip in self.chips]


class CaseHeader(QWidget):
    """The client's name in large type with chips for a high triage, the risk flags and
    overdue tasks beside it, then reference, kind, model and status."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 4)
        layout.setSpacing(2)
        self.name = QLabel(self)
        font = QFont(self.name.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setWeight(QFont.Weight.DemiBold)
        self.name.setFont(font)
        self.name.setAccessibleName(self.tr("Client"))
        self.details = QLabel(self)
        self.details.setAccessibleName(self.tr("Case details"))
        for text in (self.name, self.details):
            text.setTextFormat(Qt.TextFormat.PlainText)  # client text is never markup
            text.setWordWrap(True)
        # The chips stand beside the name, within the height of its large type: a case with
        # flags has as much room for its pages as one without (a laptop's screen is short).
        name_row = QHBoxLayout()
        name_row.setSpacing(12)
        name_row.addWidget(self.name, 1)  # the name wraps only when the row is really short
        self.chips = RiskChips(self)
        self.chips.hide()
        name_row.addWidget(self.chips, 0, Qt.AlignmentFlag.AlignVCenter)
        # A consent about to expire: a chip on the same line, its words first (the colour is
        # never alone).
        self.consent_warning = QLabel(self)
        self.consent_warning.setAccessibleName(self.tr("Consent warning"))
        self.consent_warning.setStyleSheet(
            "QLabel { border: 1px solid #f9a825; border-radius: 8px; padding: 1px 8px; }"
        )
        self.consent_warning.hide()
        name_row.addWidget(self.consent_warning, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(name_row)
        layout.addWidget(self.details)

    def show_case(self, case: CaseRow) -> None:
        name = case.client_name
        if case.preferred_name and case.preferred_name != name:
            name = self.tr("{name} (“{preferred}”)").format(
                name=name, preferred=case.preferred_name
            )
        self.name.setText(name)
        self.details.setText(
            " · ".join((case.reference, label(case.kind), label(case.model), label(case.status)))
        )
        self.chips.show_case(case)

    def show_expiring(self, expiring: Sequence[ExpiringConsent]) -> None:
        """ "⚠ Consent expires in 12 days" for the soonest; no client data."""
        if not expiring:
            self.consent_warning.clear()
            self.consent_warning.hide()
            return
        text = expires_in_words(expiring[0].days_left)
        if len(expiring) > 1:
            text += " " + self.tr("(and {count} more soon)").replace(
                "{count}", str(len(expiring) - 1)
            )
        self.consent_warning.setText("⚠ " + text)
        self.consent_warning.show()

    def clear(self) -> None:
        """No case open: the last client's name must not linger."""
        self.name.clear()
        self.details.clear()
        self.show_expiring(())
        self.chips.clear()


class ArchivedBanner(Banner):
    """Says the case is archived and read-only, with a button to restore it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.badge.setPixmap(icon("archive").pixmap(20, 20))
        self.text.setText(
            self.tr("This case is archived, so it is shown read-only. Restore it to edit it.")
        )
        self.restore_button = QPushButton(icon("restore"), self.tr("&Restore case"), self)
        self.restore_button.setAccessibleName(self.tr("Restore this archived case"))
        self.row.addWidget(self.restore_button)


class CaseView(QWidget):
    """Hosts every registered page; flushes edits before switching page or case.

    The pages are built when the first case is opened, not at start-up: they import the letter
    guidance, the spell checker and the exporters, which the first paint of the window does not
    need.
    """

    restored = Signal(str)
    closed = Signal()
    """The open case no longer exists (removed by another program); the view shows none."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.case_id: str | None = None
        self.archived = False
        self.read_only = False
        self.editing_away: set[str] = set()
        """Cases at another computer that the counselor chose to edit here anyway."""
        self.row: CaseRow | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.header = CaseHeader(self)
        layout.addWidget(self.header)
        self.banner = ArchivedBanner(self)
        self.banner.restore_button.clicked.connect(self.restore)
        self.banner.hide()
        banner_row = QHBoxLayout()
        banner_row.setContentsMargins(16, 0, 16, 0)
        banner_row.addWidget(self.banner)
        self.transfer_banner = TransferBanner(self)
        self.transfer_banner.edit_anyway.clicked.connect(self.edit_away_case)
        self.transfer_banner.decide.clicked.connect(self.decide_conflicts)
        banner_row.addWidget(self.transfer_banner)
        layout.addLayout(banner_row)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(self.tr("Case pages"))
        self.pages: list[CasePage] = []
        self._current_tab = -1
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs, 1)
        state.caseChanged.connect(self._case_changed)
        state.caseReplaced.connect(self._case_replaced)

    def build_pages(self) -> None:
        """Create every registered page (once)."""
        if self.pages:
            return
        for entry in PAGES:
            # Each page scrolls when the window is smaller than the page would like, so that
            # no page can make the window grow past a laptop's screen.
            area = QScrollArea(self.tabs)
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.NoFrame)
            page = page_class(entry.spec)(self.state, area)
            area.setWidget(page)
            self.pages.append(page)
            self.tabs.addTab(area, QCoreApplication.translate("CasePage", entry.title))
        self._current_tab = self.tabs.currentIndex()

    def show_page(self, index: int) -> None:
        """Show the page at ``index`` (wrapping round), as the tabs' own keys would."""
        if self.pages:
            self.tabs.setCurrentIndex(index % len(self.pages))

    def current_page(self) -> CasePage | None:
        index = self.tabs.currentIndex()
        return self.pages[index] if 0 <= index < len(self.pages) else None

    def show_start(self) -> None:
        """The first page, scrolled to its top: where a new case begins."""
        self.show_page(0)
        first = self.tabs.widget(0)
        if first is not None:
            for area in [first, *first.findChildren(QScrollArea)]:
                if isinstance(area, QScrollArea):
                    area.verticalScrollBar().setValue(0)

    def step_page(self, step: int) -> None:
        """Show the next (1) or previous (-1) page."""
        self.show_page(self.tabs.currentIndex() + step)

    def _tab_changed(self, index: int) -> None:
        """Leave a page only once its edits are saved; otherwise stay, with the text shown."""
        previous = self._current_tab
        leaving = 0 <= previous < len(self.pages) and previous != index
        if leaving and not self.pages[previous].flush():
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(previous)
            self.tabs.blockSignals(False)
            return
        self._current_tab = index

    def flush(self) -> bool:
        """Save every page's pending edits; False if any could not be saved."""
        results = [page.flush() for page in self.pages]
        return all(results)

    @property
    def has_pending(self) -> bool:
        """Whether some page holds edits that are not saved yet."""
        return any(page.saver.has_pending for page in self.pages)

    def load_case(self, case_id: str | None) -> bool:
        """Show a case (None: none). Pending edits of the previous case are saved first; if
        some cannot be, nothing changes and False is returned (the edits stay on screen)."""
        if not self.flush():
            return False
        if case_id is not None:
            self.build_pages()
        self.case_id = case_id
        case = self._read_case() if case_id else None
        self.row = case
        self.archived = case is not None and case.archived
        self.read_only = self._read_only(case)
        for page in self.pages:
            page.load_case(case_id)
            page.set_read_only(self.read_only)
        self.banner.setVisible(self.archived)
        self._show_transfer(case)
        if case is not None:
            self.header.show_case(case)
        else:
            self.header.clear()
        return True

    def _read_case(self) -> CaseRow | None:
        case_id = self.case_id
        if case_id is None:
            return None
        case, expiring = self.state.read(
            lambda s: (case_row(s, case_id), expiring_consents(s, case_id=case_id))
        )
        self.header.show_expiring(expiring)  # with the row, in the header's one read
        return case

    def _case_replaced(self, case_id: str) -> None:
        """Fill every field again: the case was changed beside the pages (a field typed before
        is saved first, so it is merged rather than lost)."""
        if case_id == self.case_id:
            self.load_case(case_id)

    def _case_changed(self, case_id: str) -> None:
        if case_id != self.case_id:
            return
        try:
            case = self._read_case()
        except NotFound:  # removed meanwhile (a restore from the command line): show none
            self.load_case(None)
            self.closed.emit()
            return
        if case is None:
            return
        self.row = case
        self.header.show_case(case)
        self._show_transfer(case)
        if case.archived != self.archived or self._read_only(case) != self.read_only:
            self.load_case(case_id)

    def _read_only(self, case: CaseRow | None) -> bool:
        if case is None:
            return False
        away = case.away_since is not None and case.id not in self.editing_away
        return case.archived or away

    def _show_transfer(self, case: CaseRow | None) -> None:
        editing = case is not None and case.id in self.editing_away
        self.transfer_banner.show_case(case, editing_anyway=editing)

    def edit_away_case(self) -> None:
        """Editing a case that is at another computer: asked first."""
        case = self.row
        if case is None or not self.transfer_banner.confirm_editing(case):
            return
        self.editing_away.add(case.id)
        self.load_case(case.id)

    def decide_conflicts(self) -> None:
        from interventiondesk.gui.dialogs.transfer_conflicts import ConflictsDialog

        if self.case_id is not None:
            ConflictsDialog(self.state, self.case_id, self.window()).show()

    def restore(self) -> None:
        case_id = self.case_id
        if case_id is None:
            return
        if self.state.write(lambda s: restore_case(s, case_id).id, case_id=case_id):
            self.restored.emit(case_id)

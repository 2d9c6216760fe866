"""The Consent page: the case's consents to disclose with their status, one consent's elements
to edit, revocation, and the warnings before a consent expires."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from interventiondesk.gui.pages.base import CasePage
from interventiondesk.gui.pages.consent.consent_list import ConsentList
from interventiondesk.gui.pages.consent.editor import ConsentEditor
from interventiondesk.gui.pages.consent.revoke_dialog import RevokeDialog
from interventiondesk.gui.shared.consent_expiry import expires_in_words
from interventiondesk.gui.shared.date_fields import format_date
from interventiondesk.gui.shared.icons import icon
from interventiondesk.gui.shared.labels import label
from interventiondesk.gui.shared.widgets import Banner
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import ConsentKind, ConsentStatus
from interventiondesk.services.consents import add_consent, remove_consent, revoke_consent
from interventiondesk.services.consents_view import ConsentRow, ConsentsView, consents_view


class ConsentPage(CasePage):
    """Choose a consent on the left; its elements on the right save as they are typed."""

    title = str(QT_TRANSLATE_NOOP("CasePage", "Consent"))

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.rows: dict[str, ConsentRow] = {}
        self.revoke_dialog: RevokeDialog | None = None
        """The revocation being asked about, while it is open."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        # The list above, the chosen consent's elements below, where a long text has the
        # page's whole width; on a low window the elements scroll, the list stays. Everything
        # sits in the splitter: wrapped words directly on the page would make its scroll area
        # give it the height they would like rather than the window's.
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        splitter.addWidget(self._list_part(splitter))
        area = QScrollArea(splitter)
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.editor = ConsentEditor(self.saver, area)
        area.setWidget(self.editor)
        area.setMinimumHeight(120)
        # Never narrower than the elements can be (they scroll only up and down).
        scrollbar = area.style().pixelMetric(area.style().PixelMetric.PM_ScrollBarExtent)
        area.setMinimumWidth(self.editor.minimumSizeHint().width() + scrollbar)
        self.editor_area = area
        splitter.addWidget(area)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([180, 1000])
        self.splitter = splitter
        self.load_case(None)

    def _list_part(self, parent: QWidget) -> QWidget:
        part = QWidget(parent)
        layout = QVBoxLayout(part)
        layout.setContentsMargins(0, 0, 0, 4)
        self.warnings = Banner(part)
        self.warnings.text.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings.text.setAccessibleName(self.tr("Consent warnings"))
        self.warnings.badge.setPixmap(icon("warning").pixmap(QSize(20, 20)))
        self.warnings.hide()
        layout.addWidget(self.warnings)
        about = QLabel(
            self.tr(
                "A disclosure needs an active consent that names every element, the recipient "
                "and each section sent. Counseling notes need a consent of their own."
            ),
            part,
        )
        about.setWordWrap(True)
        layout.addWidget(about)
        row = QHBoxLayout()
        layout.addLayout(row, 1)
        list_column = QVBoxLayout()
        row.addLayout(list_column, 1)
        self.consents = ConsentList(part)
        self.consents.setAccessibleName(self.tr("Consents of this case"))
        self.consents.currentRowChanged.connect(lambda _row: self._selection_changed())
        self.consents.setMinimumHeight(72)
        list_column.addWidget(self.consents, 1)
        self.empty = QLabel(self.tr("No consent is on file yet: nothing may be disclosed."), part)
        self.empty.setWordWrap(True)
        list_column.addWidget(self.empty)
        buttons = QVBoxLayout()
        row.addLayout(buttons)
        self.add_button = QPushButton(self.tr("&Add consent"), part)
        self.add_button.clicked.connect(lambda: self.add(ConsentKind.PART2))
        self.add_notes_button = QPushButton(self.tr("Add for counseling &notes"), part)
        self.add_notes_button.setAccessibleName(self.tr("Add a consent for counseling notes"))
        self.add_notes_button.clicked.connect(lambda: self.add(ConsentKind.COUNSELING_NOTES))
        self.revoke_button = QPushButton(self.tr("&Revoke…"), part)
        self.revoke_button.setAccessibleName(self.tr("Revoke the chosen consent"))
        self.revoke_button.clicked.connect(self.revoke)
        self.remove_button = QPushButton(self.tr("Re&move"), part)
        self.remove_button.setAccessibleName(self.tr("Remove the chosen consent"))
        self.remove_button.clicked.connect(self.remove)
        for button in (
            self.add_button,
            self.add_notes_button,
            self.revoke_button,
            self.remove_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        return part

    # Loading ------------------------------------------------------------------------------

    def _read(self) -> ConsentsView | None:
        case_id = self.case_id
        if case_id is None:
            return None
        return self.state.read(lambda s: consents_view(s, case_id))

    def load_case(self, case_id: str | None) -> bool:
        """Show the case with one read (``consents_view``)."""
        if not super().load_case(case_id):
            return False
        self._show(self._read(), select=None)
        self.setEnabled(case_id is not None)
        return True

    def _show(self, view: ConsentsView | None, select: str | None) -> None:
        """Fill the list and the editor from ``view`` and choose ``select`` (or the first).
        Callers have saved pending edits first."""
        rows = view.consents if view is not None else ()
        self.rows = {row.id: row for row in rows}
        self.consents.fill(rows)
        # Unless told which, the first consent in force (the one a handoff would rely on).
        active = [row.id for row in rows if row.status is ConsentStatus.ACTIVE]
        ids = active + list(self.rows)
        chosen = select if select in self.rows else (ids[0] if ids else None)
        self.consents.select(chosen)
        self.empty.setVisible(not rows and view is not None)
        self.editor.show_consent(self.rows.get(chosen) if chosen else None)
        self._show_warnings(view)
        self._update_buttons()

    def refresh(self) -> None:
        """After a save: statuses, missing elements and warnings (one read); never the field
        being typed in."""
        view = self._read()
        if view is None:
            return
        if set(row.id for row in view.consents) != set(self.rows):
            if self.saver.flush():  # added or removed elsewhere: show the list anew
                self._show(view, select=self.consents.current_id())
            return
        self.rows = {row.id: row for row in view.consents}
        self.consents.refresh_rows(view.consents)
        shown = self.editor.consent_id
        self.editor.show_state(self.rows.get(shown) if shown else None)
        self._show_warnings(view)
        self._update_buttons()

    def _selection_changed(self) -> None:
        """Another consent was chosen: save the shown one's edits first; if they cannot be
        saved, keep it chosen with the edits on screen."""
        chosen = self.consents.current_id()
        if chosen == self.editor.consent_id:
            return
        if not self.saver.flush():
            self.consents.select(self.editor.consent_id)
            return
        self.editor.show_consent(self.rows.get(chosen) if chosen else None)
        self._update_buttons()

    def _show_warnings(self, view: ConsentsView | None) -> None:
        warned = view.warnings if view is not None else ()
        lines = []
        for row in warned:
            if row.expires_on is None or row.days_left is None:
                continue
            lines.append(
                self.tr("{expires} ({kind}, on {date}): ask the client about a new one.")
                .replace("{expires}", expires_in_words(row.days_left))
                .replace("{kind}", label(row.kind))
                .replace("{date}", format_date(row.expires_on))
            )
        self.warnings.text.setText("\n".join(lines))
        self.warnings.text.setAccessibleDescription("\n".join(lines))
        self.warnings.setVisible(bool(lines))

    def _update_buttons(self) -> None:
        row = self.rows.get(self.editor.consent_id or "")
        writable = not self.read_only and self.case_id is not None
        self.add_button.setEnabled(writable)
        self.add_notes_button.setEnabled(writable)
        self.revoke_button.setEnabled(
            writable and row is not None and row.status is not ConsentStatus.REVOKED
        )
        self.remove_button.setEnabled(writable and row is not None and not row.disclosures)
        self.remove_button.setToolTip(
            self.tr("A disclosure was made under this consent, so it is kept; revoke it instead.")
            if row is not None and row.disclosures
            else self.tr(
                "Only for a consent entered by mistake; one the client withdrew is revoked."
            )
        )

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.editor.set_read_only(read_only)
        self._update_buttons()

    # Actions ------------------------------------------------------------------------------

    def add(self, kind: ConsentKind) -> None:
        case_id = self.case_id
        if case_id is None or self.read_only or not self.saver.flush():
            return
        new_id = self.state.write(lambda s: add_consent(s, case_id, kind=kind).id, case_id=case_id)
        if new_id:
            self._show(self._read(), select=new_id)
            field = self.editor.fields["discloser"]
            field.setFocus()

    def revoke(self) -> None:
        consent_id = self.editor.consent_id
        if consent_id is None or self.read_only or not self.saver.flush():
            return
        said: list[str] = []

        def heard(message: str) -> None:
            said.append(message)

        def revoke_on(day: date) -> str | None:
            said.clear()
            self.state.failed.connect(heard)
            try:
                done = self.state.write(
                    lambda s: revoke_consent(s, consent_id, day).id, case_id=self.case_id
                )
            finally:
                self.state.failed.disconnect(heard)
            if done:
                return None
            return said[0] if said else self.tr("The consent could not be revoked.")

        dialog = RevokeDialog(revoke_on, self)
        self.revoke_dialog = dialog
        if dialog.exec():
            self._show(self._read(), select=consent_id)
        self.revoke_dialog = None

    def remove(self) -> None:
        consent_id = self.editor.consent_id
        if consent_id is None or self.read_only or not self.saver.flush():
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove consent"),
            self.tr(
                "Remove this consent for good? Remove only a consent entered by mistake; "
                "a consent the client withdrew is revoked instead, and stays on file."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ids = self.consents.ids()
        index = ids.index(consent_id)

        def removed(session: Session) -> bool:
            remove_consent(session, consent_id)
            return True

        if self.state.write(removed, case_id=self.case_id):
            ids.remove(consent_id)
            self._show(self._read(), select=ids[min(index, len(ids) - 1)] if ids else None)

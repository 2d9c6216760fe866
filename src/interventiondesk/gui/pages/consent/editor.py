"""The Consent page's editor: every element of one consent, saved as it is typed, with what it
does not name yet said in words and the handoff sections it covers as boxes to tick."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from interventiondesk.gui.pages.consent.statuses import status_words
from interventiondesk.gui.shared.consent_expiry import expires_in_words
from interventiondesk.gui.shared.date_fields import DateField
from interventiondesk.gui.shared.field_saver import FieldSaver
from interventiondesk.gui.shared.labels import choices, label
from interventiondesk.model import ConsentKind, ConsentStatus, HandoffSection
from interventiondesk.services.consents import update_consent
from interventiondesk.services.consents_view import ConsentRow

TEXT_HEIGHT = 64
DATE_WIDTH = 240
"""A date needs no more, however wide the page."""


def _covers(kind: ConsentKind, section: HandoffSection) -> bool:
    """Whether a consent of ``kind`` may cover ``section`` (as the service decides)."""
    return (section is HandoffSection.COUNSELING_NOTES) == (kind is ConsentKind.COUNSELING_NOTES)


class ConsentEditor(QGroupBox):
    """Shows one consent (``show``); each field saves itself through ``update_consent``."""

    def __init__(self, saver: FieldSaver, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Consent"), parent)
        self.saver = saver
        self.consent_id: str | None = None
        self.kind = ConsentKind.PART2
        self.frozen = False
        """The consent shown is revoked: kept as it was, not edited."""
        self.read_only = False
        layout = QVBoxLayout(self)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Status of this consent"))
        font = self.status.font()
        font.setBold(True)
        self.status.setFont(font)
        layout.addWidget(self.status)
        self.missing = QLabel(self)
        self.missing.setTextFormat(Qt.TextFormat.PlainText)
        self.missing.setWordWrap(True)
        self.missing.setAccessibleName(self.tr("Elements not named yet"))
        layout.addWidget(self.missing)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.addLayout(form)
        self.fields: dict[str, QWidget] = {}
        self._build_fields(form)
        layout.addWidget(self._sections_box())
        layout.addStretch(1)
        for field, widget in self.fields.items():
            self.saver.watch(widget, self._saving(field))
        for box in self.section_boxes.values():
            self.saver.watch(box, self._save_sections)

    def _build_fields(self, form: QFormLayout) -> None:
        # Alt+letters: none repeats on the page, none takes the menu bar's F, E, V, C or H.
        kind = QComboBox(self)
        for caption, value in choices(ConsentKind):
            kind.addItem(caption, value.value)
        kind.setAccessibleName(self.tr("Kind of consent"))
        kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        kind.setMinimumContentsLength(16)
        self._add(form, "kind", self.tr("&Kind"), kind)

        def line(field: str, caption: str, name: str, hint: str = "") -> None:
            edit = QLineEdit(self)
            edit.setMaxLength(200)
            edit.setAccessibleName(name)
            edit.setPlaceholderText(hint)
            self._add(form, field, caption, edit)

        def text(field: str, caption: str, name: str, hint: str) -> None:
            edit = QPlainTextEdit(self)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(TEXT_HEIGHT)
            edit.setAccessibleName(name)
            edit.setPlaceholderText(hint)
            self._add(form, field, caption, edit)

        line("patient_name", self.tr("&Patient"), self.tr("Patient"))
        line(
            "discloser",
            self.tr("Who may &disclose"),
            self.tr("Who may disclose"),
            self.tr("your practice or program, by name"),
        )
        text(
            "information",
            self.tr("What &information"),
            self.tr("What information may be disclosed, in specific terms"),
            self.tr("in specific terms, e.g. the assessment, ASAM ratings and history"),
        )
        text(
            "recipients",
            self.tr("Recipien&ts"),
            self.tr("Recipients, one per line"),
            self.tr("one per line: a named clinician or program"),
        )
        text(
            "purpose",
            self.tr("P&urpose"),
            self.tr("Purpose of the disclosure"),
            self.tr("e.g. continuity of treatment after admission"),
        )
        explained = QCheckBox(self.tr("The right to revoke was e&xplained to the patient"), self)
        explained.setAccessibleName(self.tr("The right to revoke was explained"))
        self._add(form, "revocation_explained", "", explained)
        expires = DateField(self, self.tr("Expiry date"))
        expires.setMaximumWidth(DATE_WIDTH)
        self._add(form, "expires_on", self.tr("Expires &on"), expires)
        line(
            "expiry_event",
            self.tr("Or &when"),
            self.tr("Expiry event or condition"),
            self.tr("an event or condition, e.g. discharge from treatment"),
        )
        line("signed_by", self.tr("Signed &by"), self.tr("Signed by"))
        signed = DateField(self, self.tr("Date signed"))
        signed.setMaximumWidth(DATE_WIDTH)
        self._add(form, "signed_on", self.tr("Date &signed"), signed)
        line(
            "signature_method",
            self.tr("How si&gned"),
            self.tr("How it was signed"),
            self.tr("leave empty for ink on paper; or e.g. electronic signature"),
        )

    def _add(self, form: QFormLayout, field: str, caption: str, widget: QWidget) -> None:
        form.addRow(caption, widget)
        self.fields[field] = widget

    def _sections_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Handoff sections it covers"), self)
        self.sections_grid = QGridLayout(box)
        self.section_boxes: dict[HandoffSection, QCheckBox] = {}
        for section in HandoffSection:
            check = QCheckBox(label(section), box)
            check.setAccessibleName(label(section))
            self.section_boxes[section] = check
        self.sections_note = QLabel(box)
        self.sections_note.setWordWrap(True)
        self.sections_note.setTextFormat(Qt.TextFormat.PlainText)
        self._columns = 0
        self._lay_out_sections(1)
        return box

    def _lay_out_sections(self, columns: int) -> None:
        """The boxes in one column, or two when the editor is wide enough for them; counseling
        notes on a line of their own, under the others."""
        if columns == self._columns:
            return
        self._columns = columns
        grid = self.sections_grid
        others = [s for s in HandoffSection if s is not HandoffSection.COUNSELING_NOTES]
        for index, section in enumerate(others):
            grid.addWidget(self.section_boxes[section], index // columns, index % columns)
        row = (len(others) + columns - 1) // columns
        notes = self.section_boxes[HandoffSection.COUNSELING_NOTES]
        grid.addWidget(notes, row, 0, 1, columns)
        grid.addWidget(self.sections_note, row + 1, 0, 1, columns)
        for column in range(2):
            grid.setColumnStretch(column, 1 if column < columns else 0)

    def _two_columns_fit(self) -> bool:
        widest = max(box.sizeHint().width() for box in self.section_boxes.values())
        return self.width() >= 2 * widest + 80

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._lay_out_sections(2 if self._two_columns_fit() else 1)

    # Saving -------------------------------------------------------------------------------

    def _saving(self, field: str) -> Callable[[Session, Any], object]:
        def save(session: Session, value: Any) -> object:
            if self.consent_id is None:
                return None
            return update_consent(session, self.consent_id, {field: value})

        return save

    def chosen_sections(self) -> list[HandoffSection]:
        return [s for s, box in self.section_boxes.items() if box.isChecked()]

    def _save_sections(self, session: Session, _value: Any) -> object:
        if self.consent_id is None:
            return None
        return update_consent(session, self.consent_id, {"sections": self.chosen_sections()})

    # Showing ------------------------------------------------------------------------------

    def show_consent(self, row: ConsentRow | None) -> None:
        """Fill every field from ``row`` as just read (None: no consent chosen)."""
        self.consent_id = row.id if row is not None else None
        self.setEnabled(row is not None)
        with self.saver.loading():
            for field, widget in self.fields.items():
                value = getattr(row, field) if row is not None else None
                if isinstance(widget, QLineEdit):
                    widget.setText(value or "")
                elif isinstance(widget, QPlainTextEdit):
                    widget.setPlainText(value or "")
                elif isinstance(widget, QComboBox):
                    widget.setCurrentIndex(max(0, widget.findData(value.value if value else "")))
                elif isinstance(widget, QCheckBox):
                    widget.setChecked(bool(value))
                elif isinstance(widget, DateField):
                    widget.set_value(value)
        self.show_state(row)

    def show_state(self, row: ConsentRow | None) -> None:
        """What a save may change: status, missing elements, the kind's sections (never the
        field being typed in)."""
        if row is None:
            self.status.clear()
            self.missing.clear()
            with self.saver.loading():
                for box in self.section_boxes.values():
                    box.setChecked(False)
            self.frozen = False
            self._apply_read_only()
            return
        self.kind = row.kind
        self.frozen = row.status is ConsentStatus.REVOKED
        status = status_words(row.status, row.revoked_on, row.expires_on)
        if row.expiry_warning is not None and row.days_left is not None:
            status += " · " + expires_in_words(row.days_left)
        if row.disclosures:
            status += " · " + (
                self.tr("1 disclosure made under it")
                if row.disclosures == 1
                else self.tr("{count} disclosures made under it").replace(
                    "{count}", str(row.disclosures)
                )
            )
        self.status.setText(status)
        self.missing.setText(self._missing_words(row.missing))
        pending = set(self.saver.pending())
        if not pending & set(self.section_boxes.values()):
            with self.saver.loading():
                for section, box in self.section_boxes.items():
                    box.setChecked(section in row.sections)
        notes = row.kind is ConsentKind.COUNSELING_NOTES
        self.sections_note.setText(
            self.tr(
                "A consent for counseling notes covers them alone; the other sections need a "
                "consent of another kind."
            )
            if notes
            else self.tr(
                "Counseling notes need a separate consent of their own kind: add one with "
                "“Add for counseling notes”."
            )
        )
        self._apply_read_only()

    def _missing_words(self, codes: tuple[str, ...]) -> str:
        if not codes:
            return self.tr("This consent names every element a written consent needs.")
        words = {
            "patient": self.tr("the patient's name"),
            "discloser": self.tr("who may disclose"),
            "information": self.tr("what information may be disclosed"),
            "recipients": self.tr("who may receive it"),
            "purpose": self.tr("the purpose"),
            "revocation": self.tr("that the right to revoke was explained"),
            "expiry": self.tr("an expiry date, event or condition"),
            "signature": self.tr("a signature and its date"),
        }
        named = ", ".join(words.get(code, code) for code in codes)
        return self.tr("This consent does not yet name: {elements}.").replace("{elements}", named)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self._apply_read_only()

    def _apply_read_only(self) -> None:
        """An archived case or a revoked consent: shown, selectable, not changed."""
        locked = self.read_only or self.frozen
        for widget in self.fields.values():
            if isinstance(widget, QLineEdit | QPlainTextEdit | DateField):
                widget.setReadOnly(locked)
            else:
                widget.setEnabled(not locked)
        for section, box in self.section_boxes.items():
            box.setEnabled(not locked and _covers(self.kind, section))

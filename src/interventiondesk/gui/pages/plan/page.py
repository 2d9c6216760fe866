"""The Plan page: the client, the kind and model of intervention, concerns, signs and goals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from interventiondesk.gui.pages.base import CasePage
from interventiondesk.gui.pages.plan.concerns import ConcernRows, ObservationRows
from interventiondesk.gui.shared.date_fields import DateField
from interventiondesk.gui.shared.labels import choices, label
from interventiondesk.gui.shared.widgets import scrolling_page
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import (
    Case,
    CaseStatus,
    Client,
    InterventionKind,
    InterventionModel,
    WarningSign,
)
from interventiondesk.services.cases import plan_view, update_case, update_client

TEXT_HEIGHT = 96


def _max_length(table: type[Client] | type[Case], column: str) -> int:
    length = getattr(table.__table__.c[column].type, "length", None)
    return int(length) if length else 0


class PlanPage(CasePage):
    """Every field saves itself as it is edited (see FieldSaver)."""

    title = "Plan"  # translated in the "CasePage" context by the case view

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.client_fields: dict[str, QWidget] = {}
        self.case_fields: dict[str, QWidget] = {}
        content, layout = scrolling_page(self, (16, 12, 16, 16))

        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(self._client_box(content), 3)
        top.addWidget(self._case_box(content), 2)
        layout.addLayout(top)
        layout.addWidget(self._concerns_box(content))
        layout.addWidget(self._signs_box(content))
        for field, title, hint in (
            ("goals", self.tr("Goals"), self.tr("What the family hopes the intervention achieves")),
            (
                "treatment_options",
                self.tr("Treatment options being lined up"),
                self.tr("Programs, beds, intake times, payment: what will be ready on the day"),
            ),
            (
                "counselor_notes",
                self.tr("Counselor notes"),
                self.tr("Your own notes on this case"),
            ),
        ):
            box = QGroupBox(title, content)
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(self._text(field, title, hint, box))
            layout.addWidget(box)
        layout.addStretch(1)

    # Building -----------------------------------------------------------------------------

    def _current(self) -> str:
        if self.case_id is None:
            raise RuntimeError("no case is open")
        return self.case_id

    def _save_client(self, field: str) -> Callable[[Session, Any], object]:
        return lambda session, value: update_client(session, self._current(), {field: value})

    def _save_case(self, field: str) -> Callable[[Session, Any], object]:
        return lambda session, value: update_case(session, self._current(), {field: value})

    def _line(
        self, table: type[Client] | type[Case], field: str, name: str, parent: QWidget
    ) -> QLineEdit:
        edit = QLineEdit(parent)
        edit.setAccessibleName(name)
        edit.setMaxLength(_max_length(table, field))
        return edit

    def _text(self, field: str, name: str, hint: str, parent: QWidget) -> QPlainTextEdit:
        text = QPlainTextEdit(parent)
        text.setAccessibleName(name)
        text.setPlaceholderText(hint)
        text.setTabChangesFocus(True)
        text.setMinimumHeight(TEXT_HEIGHT)
        self.case_fields[field] = text
        self.saver.watch(text, self._save_case(field))
        return text

    def _client_box(self, parent: QWidget) -> QGroupBox:
        # Mnemonics: none repeats on this page, and none takes the menu bar's F, E, V, C or H.
        box = QGroupBox(self.tr("Client"), parent)
        form = QFormLayout(box)
        for field, text in (
            ("full_name", self.tr("&Name:")),
            ("preferred_name", self.tr("P&referred name:")),
        ):
            edit = self._line(Client, field, text.replace("&", "").rstrip(":"), box)
            self.client_fields[field] = edit
            form.addRow(text, edit)
        # Empty means "not recorded": deleting the text clears the date.
        birth = DateField(box, self.tr("Date of birth"), empty_text=self.tr("Not recorded"))
        self.client_fields["date_of_birth"] = birth
        birth_label = QLabel(self.tr("Date of &birth:"), box)
        birth_label.setBuddy(birth.edit)
        birth_row = QHBoxLayout()  # a date needs no more room than its text
        birth_row.addWidget(birth, 1)
        birth_row.addStretch(1)
        form.addRow(birth_label, birth_row)
        for field, text in (
            ("pronouns", self.tr("&Pronouns:")),
            ("phone", self.tr("Ph&one:")),
            ("email", self.tr("Ema&il:")),
        ):
            edit = self._line(Client, field, text.replace("&", "").rstrip(":"), box)
            self.client_fields[field] = edit
            form.addRow(text, edit)
        address = QPlainTextEdit(box)
        address.setAccessibleName(self.tr("Address"))
        address.setTabChangesFocus(True)
        address.setFixedHeight(64)
        self.client_fields["address"] = address
        form.addRow(self.tr("&Address:"), address)
        for field, widget in self.client_fields.items():
            self.saver.watch(widget, self._save_client(field))
        return box

    def _case_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Intervention"), parent)
        form = QFormLayout(box)
        for field, text, enum_cls in (
            ("kind", self.tr("&Kind:"), InterventionKind),
            ("model", self.tr("&Model:"), InterventionModel),
            ("status", self.tr("&Status:"), CaseStatus),
        ):
            combo = QComboBox(box)
            combo.setAccessibleName(text.replace("&", "").rstrip(":"))
            for item_text, value in choices(enum_cls):
                combo.addItem(item_text, value)
            self.case_fields[field] = combo
            form.addRow(text, combo)
        counselor = self._line(Case, "counselor", self.tr("Counselor"), box)
        self.case_fields["counselor"] = counselor
        form.addRow(self.tr("Co&unselor:"), counselor)
        for field in ("kind", "model", "status", "counselor"):
            self.saver.watch(self.case_fields[field], self._save_case(field))
        return box

    def _concerns_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Presenting concerns"), parent)
        layout = QVBoxLayout(box)
        self.concerns = ConcernRows(self.state, self.saver, box)
        layout.addWidget(self.concerns)
        notes_label = QLabel(self.tr("Other notes on the concerns:"), box)
        layout.addWidget(notes_label)
        layout.addWidget(
            self._text(
                "concerns_notes",
                self.tr("Notes on the concerns"),
                self.tr("Anything else about substance use or mental health"),
                box,
            )
        )
        return box

    def _signs_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Warning signs observed"), parent)
        layout = QVBoxLayout(box)
        for field, sign in (
            ("sign_decline", WarningSign.DECLINE),
            ("sign_denial", WarningSign.DENIAL),
            ("sign_safety", WarningSign.SAFETY),
        ):
            check = QCheckBox(label(sign), box)
            self.case_fields[field] = check
            self.saver.watch(check, self._save_case(field))
            layout.addWidget(check)
        self.observations = ObservationRows(self.state, self.saver, box)
        layout.addSpacing(6)
        layout.addWidget(self.observations)
        return box

    # Loading ------------------------------------------------------------------------------

    def load_case(self, case_id: str | None) -> bool:
        if not super().load_case(case_id):
            return False
        if case_id is None:
            self.concerns.load(None, [])
            self.observations.load(None, [])
            return True

        view = self.state.read(lambda s: plan_view(s, case_id))
        with self.saver.loading():
            for field, widget in self.client_fields.items():
                self._fill(widget, getattr(view.client, field))
            for field, widget in self.case_fields.items():
                self._fill(widget, getattr(view, field))
        self.concerns.load(case_id, list(view.concerns))
        self.observations.load(case_id, list(view.observations))
        return True

    @staticmethod
    def _fill(widget: QWidget, value: Any) -> None:
        if isinstance(widget, QLineEdit):
            widget.setText(value)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.findData(value))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, DateField):
            widget.set_value(value)

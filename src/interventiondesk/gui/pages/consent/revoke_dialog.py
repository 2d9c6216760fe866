"""Asking before a consent is revoked: the day the client revoked it, and that it is final."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from interventiondesk.gui.shared.date_fields import DateField
from interventiondesk.gui.shared.widgets import clear_problem, show_problem


class RevokeDialog(QDialog):
    """The date of revocation (today unless changed) and a button that says what it does.

    ``revoke(day)`` records it and returns None, or the reason it was refused: the dialog then
    stays open with that reason under the date."""

    def __init__(self, revoke: Callable[[date], str | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._revoke = revoke
        self.setWindowTitle(self.tr("Revoke consent"))
        layout = QVBoxLayout(self)
        explain = QLabel(
            self.tr(
                "From the day of revocation this consent allows no disclosure. Disclosures "
                "made before that day stay in the accounting of disclosures. A revocation "
                "cannot be undone: if the client consents again, add a new consent."
            ),
            self,
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        form = QFormLayout()
        self.day = DateField(self, self.tr("Date of revocation"), optional=False)
        self.day.set_value(date.today())
        form.addRow(self.tr("&Revoked on"), self.day)
        layout.addLayout(form)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(self)
        self.revoke_button = buttons.addButton(
            self.tr("Re&voke consent"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.attempt)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def attempt(self) -> None:
        self.day.commit()
        if self.day.problem():
            return  # said under the date
        day = self.day.value()
        if day is None:
            return
        refused = self._revoke(day)
        if refused:
            show_problem(self.problem, refused)
            return
        clear_problem(self.problem)
        self.accept()

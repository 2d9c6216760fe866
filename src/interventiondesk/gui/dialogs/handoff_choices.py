"""The choices of the handoff dialog: the recipient, the sections (those the consent does not
cover held back, with the reason), the override and its reason, and a password."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from interventiondesk.errors import InterventionDeskError
from interventiondesk.export.pdf_common import MIN_PDF_PASSWORD
from interventiondesk.gui.shared.labels import label
from interventiondesk.gui.shared.widgets import clear_problem
from interventiondesk.model.enums import HandoffSection
from interventiondesk.services.handoff import HandoffRequest, check_override_reason


class HandoffChoicesPane(QWidget):
    """The left side of the handoff dialog. It says when something changed; the dialog checks
    the consent and keeps the preview."""

    changed = Signal()
    """A section, the override's reason or the password changed."""
    recipientEdited = Signal()
    overrideToggled = Signal()

    def __init__(
        self, recipients: tuple[str, ...], on_file: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.allowed: frozenset[HandoffSection] = frozenset()
        self.setMinimumWidth(400)
        self.setMaximumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        form = QFormLayout()
        self.recipient = QComboBox(self)
        self.recipient.setEditable(True)
        self.recipient.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.recipient.addItems(list(recipients))
        self.recipient.setAccessibleName(self.tr("Recipient"))
        self.recipient.setToolTip(
            self.tr("The recipients named by the case's active consents; or type another.")
        )
        self.recipient.editTextChanged.connect(lambda _text: self.recipientEdited.emit())
        recipient_label = QLabel(self.tr("&Recipient:"), self)
        recipient_label.setBuddy(self.recipient)
        form.addRow(recipient_label, self.recipient)
        layout.addLayout(form)
        if not recipients:
            none = QLabel(
                self.tr("No active consent names a recipient (%1 consents on file).").replace(
                    "%1", str(on_file)
                ),
                self,
            )
            none.setWordWrap(True)
            layout.addWidget(none)

        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict.setAccessibleName(self.tr("Consent check"))
        layout.addWidget(self.verdict)

        box = QGroupBox(self.tr("Sections"), self)
        grid = QGridLayout(box)
        always = QLabel(
            self.tr("Always included: the header, the client's identifiers and the consent."), box
        )
        always.setWordWrap(True)
        grid.addWidget(always, 0, 0)
        self.sections: dict[HandoffSection, QCheckBox] = {}
        for row, section in enumerate(HandoffSection, start=1):
            check = QCheckBox(label(section), box)
            check.setAccessibleName(label(section))
            check.toggled.connect(lambda _on: self.changed.emit())
            grid.addWidget(check, row, 0)
            self.sections[section] = check
        layout.addWidget(box)

        self.override = QCheckBox(self.tr("Send without a covering consent (&override)"), self)
        self.override.toggled.connect(self._override_toggled)
        layout.addWidget(self.override)
        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText(
            self.tr("Why it cannot wait for a consent, and who asked for it (required).")
        )
        self.reason.setAccessibleName(self.tr("Reason for the override"))
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(60)
        self.reason.setEnabled(False)
        self.reason.textChanged.connect(self.changed.emit)
        layout.addWidget(self.reason)

        self.protect = QCheckBox(self.tr("Protect with a pass&word"), self)
        self.protect.toggled.connect(self._protect_toggled)
        layout.addWidget(self.protect)
        secret = QWidget(self)
        secret_form = QFormLayout(secret)
        secret_form.setContentsMargins(22, 0, 0, 0)
        self.password = QLineEdit(secret)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password for the PDF"))
        self.repeat = QLineEdit(secret)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(self.tr("The same password again"))
        secret_form.addRow(self.tr("P&assword:"), self.password)
        secret_form.addRow(self.tr("R&epeat:"), self.repeat)
        for field in (self.password, self.repeat):
            field.textChanged.connect(lambda _text: self.changed.emit())
        self.secret = secret
        secret.setEnabled(False)
        layout.addWidget(secret)

        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setAccessibleName(self.tr("What stands in the way"))
        layout.addWidget(self.problem)
        clear_problem(self.problem)
        self.saved_note = QLabel(self)
        self.saved_note.setWordWrap(True)
        self.saved_note.setTextFormat(Qt.TextFormat.PlainText)
        self.saved_note.setAccessibleName(self.tr("What was saved"))
        layout.addWidget(self.saved_note)
        layout.addStretch(1)
        self.accounting = QPushButton(self.tr("Accounting of &disclosures…"), self)
        self.accounting.setToolTip(
            self.tr("Every handoff sent from this case: to whom, when, what.")
        )
        layout.addWidget(self.accounting, 0, Qt.AlignmentFlag.AlignLeft)

    def _override_toggled(self, on: bool) -> None:
        self.reason.setEnabled(on)
        self.overrideToggled.emit()

    def _protect_toggled(self, on: bool) -> None:
        self.secret.setEnabled(on)
        self.changed.emit()

    def request(self) -> HandoffRequest:
        """What the choices ask for."""
        password = self.password.text() if self.protect.isChecked() else None
        return HandoffRequest(
            recipient=self.recipient.currentText().strip(),
            sections=frozenset(s for s, box in self.sections.items() if box.isChecked()),
            override_reason=self.reason.toPlainText() if self.override.isChecked() else "",
            password=password,
        )

    def select(self, sections: frozenset[HandoffSection]) -> None:
        """Tick exactly ``sections`` (without announcing each box)."""
        for section, box in self.sections.items():
            box.blockSignals(True)
            box.setChecked(section in sections)
            box.blockSignals(False)

    def apply_allowed(self, allowed: frozenset[HandoffSection]) -> None:
        """Hold back the sections not in ``allowed`` (unless the override is on), saying why."""
        self.allowed = allowed
        overriding = self.override.isChecked()
        for section, box in self.sections.items():
            covered = section in allowed
            box.setEnabled(covered or overriding)
            name = label(section)
            if covered:
                box.setText(name)
                box.setToolTip("")
                continue
            box.setText(self.tr("%1 (not covered)").replace("%1", name))
            box.setToolTip(
                self.tr(
                    "No active consent naming this recipient covers this section; it can be "
                    "sent only with an override and its reason."
                )
            )
            if not overriding and box.isChecked():
                box.blockSignals(True)
                box.setChecked(False)
                box.blockSignals(False)

    def password_problem(self) -> str:
        """Why the password cannot be used, in words; empty when it can (or none is asked)."""
        if not self.protect.isChecked():
            return ""
        if len(self.password.text()) < MIN_PDF_PASSWORD:
            return self.tr("The password needs at least %1 characters.").replace(
                "%1", str(MIN_PDF_PASSWORD)
            )
        if self.password.text() != self.repeat.text():
            return self.tr("The two passwords differ.")
        return ""

    def override_problem(self) -> str:
        """Why the override's reason will not do, in words; empty when it will."""
        try:
            check_override_reason(self.reason.toPlainText())
        except InterventionDeskError as exc:
            return str(exc).replace(" Nothing was written.", "")
        return ""

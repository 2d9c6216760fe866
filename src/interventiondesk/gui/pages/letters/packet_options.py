"""The export options of the rehearsal packet: which letters, reading copies, a password."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from interventiondesk.export.pdf_common import MIN_PDF_PASSWORD


@dataclass(frozen=True, slots=True)
class PacketOptions:
    """What the counselor chose for one export."""

    include_drafts: bool = True
    reading_copies: bool = False
    password: str | None = None


@dataclass(frozen=True, slots=True)
class PacketLetters:
    """The counts the dialog explains its choices with (from the page's view)."""

    letters: int
    final: int


class PacketOptionsDialog(QDialog):
    """Asked before the file name: the choices that change what is written."""

    def __init__(self, letters: PacketLetters, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export rehearsal packet"))
        self.letters = letters
        layout = QVBoxLayout(self)
        drafts = letters.letters - letters.final
        if letters.letters == 1:
            summary = self.tr("1 letter in this case")
        else:
            summary = self.tr("%1 letters in this case").replace("%1", str(letters.letters))
        if not drafts:
            summary += self.tr(", all final.")
        elif drafts == letters.letters:
            summary += self.tr(", none final yet.")
        else:
            summary += self.tr("; %1 not final yet.").replace("%1", str(drafts))
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        which = QGroupBox(self.tr("Letters"), self)
        which_layout = QVBoxLayout(which)
        self.all_letters = QRadioButton(
            self.tr("&All letters, drafts marked as such (for the rehearsal)"), which
        )
        self.final_only = QRadioButton(self.tr("&Final letters only (for the meeting)"), which)
        self.all_letters.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.all_letters)
        group.addButton(self.final_only)
        if letters.final == 0:
            self.final_only.setEnabled(False)
            self.final_only.setToolTip(
                self.tr("No letter is final yet: make letters final on the Letters tab first.")
            )
        which_layout.addWidget(self.all_letters)
        which_layout.addWidget(self.final_only)
        layout.addWidget(which)

        self.reading_copies = QCheckBox(self.tr("Also write a &reading copy for each reader"), self)
        layout.addWidget(self.reading_copies)
        copies_note = QLabel(
            self.tr(
                "One PDF per reader, beside the packet, with only the letters that person "
                "reads, in the same large type. The files are numbered, never named after a "
                "person (reading-copy-…-1.pdf, -2.pdf, …); each copy's first page says whose "
                "it is."
            ),
            self,
        )
        copies_note.setWordWrap(True)
        copies_note.setIndent(22)
        layout.addWidget(copies_note)

        self.protect = QCheckBox(self.tr("&Protect with a password"), self)
        layout.addWidget(self.protect)
        self.password_box = QWidget(self)
        form = QFormLayout(self.password_box)
        form.setContentsMargins(22, 0, 0, 0)
        self.password = QLineEdit(self.password_box)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password for the PDF"))
        self.repeat = QLineEdit(self.password_box)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(self.tr("The same password again"))
        form.addRow(self.tr("Pass&word:"), self.password)
        form.addRow(self.tr("R&epeat:"), self.repeat)
        layout.addWidget(self.password_box)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setAccessibleName(self.tr("What is missing"))
        layout.addWidget(self.problem)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Choose where to save…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.protect.toggled.connect(self._check)
        self.password.textChanged.connect(self._check)
        self.repeat.textChanged.connect(self._check)
        self._check()
        self.setMinimumWidth(460)

    def _check(self) -> None:
        """Show the password fields only when asked for; allow going on only with a usable
        password, saying what is missing."""
        protect = self.protect.isChecked()
        self.password_box.setVisible(protect)
        problem = ""
        if protect:
            if len(self.password.text()) < MIN_PDF_PASSWORD:
                problem = self.tr("The password needs at least %1 characters.").replace(
                    "%1", str(MIN_PDF_PASSWORD)
                )
            elif self.password.text() != self.repeat.text():
                problem = self.tr("Type the same password twice.")
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.ok_button.setEnabled(not problem)
        self.ok_button.setToolTip(problem)

    def options(self) -> PacketOptions:
        return PacketOptions(
            include_drafts=not self.final_only.isChecked(),
            reading_copies=self.reading_copies.isChecked(),
            password=self.password.text() if self.protect.isChecked() else None,
        )

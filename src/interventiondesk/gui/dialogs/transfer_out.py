"""File › Take to another computer…: choose cases and a transfer passphrase, save the file.

The same use case as ``interventiondesk transfer-out`` (``services.transfers.transfer_out``),
run off the GUI thread: the key derivation takes about half a second.
"""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from interventiondesk.errors import InterventionDeskError
from interventiondesk.gui.shared.background import Background
from interventiondesk.gui.shared.widgets import ask_save_path, clear_problem, show_problem

if TYPE_CHECKING:
    from interventiondesk.gui.shell.window_protocol import CaseWindow

FILTER = "Transfer files (*.idtransfer)"
SUFFIX = ".idtransfer"


class TransferOutDialog(QDialog):
    """The cases to take along (the open one ticked) and the transfer passphrase, twice."""

    def __init__(
        self,
        cases: list[tuple[str, str, str]],
        ticked: set[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Take cases to another computer"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "The cases are written, encrypted, to one transfer file. Here they stay "
                "readable and are marked as away until they come back."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.cases = QListWidget(self)
        self.cases.setAccessibleName(self.tr("Cases to take along"))
        for case_id, reference, name in cases:
            item = QListWidgetItem(f"{reference} · {name}", self.cases)
            item.setData(Qt.ItemDataRole.UserRole, case_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = case_id in ticked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        cases_label = QLabel(self.tr("&Cases:"), self)
        cases_label.setBuddy(self.cases)
        layout.addWidget(cases_label)
        layout.addWidget(self.cases, 1)
        self.problem = QLabel(self)
        self.problem.setAccessibleName(self.tr("Problem"))
        clear_problem(self.problem)
        form = QFormLayout()
        self.passphrase = QLineEdit(self)
        self.again = QLineEdit(self)
        for field, name in (
            (self.passphrase, self.tr("Transfer passphrase")),
            (self.again, self.tr("Transfer passphrase again")),
        ):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name)
            field.textEdited.connect(lambda _text: clear_problem(self.problem))
        form.addRow(self.tr("Transfer &passphrase:"), self.passphrase)
        form.addRow(self.tr("Type it a&gain:"), self.again)
        layout.addLayout(form)
        hint = QLabel(
            self.tr("You will type it on the other computer: tell it to yourself another way."),
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.any_computer = QCheckBox(
            self.tr("Any computer may &receive it (not only the one the cases last came from)"),
            self,
        )
        layout.addWidget(self.any_computer)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Save file…"))
        buttons.accepted.connect(self.check)
        self.resize(560, 480)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.passphrase.setFocus()

    def chosen(self) -> list[str]:
        items = (self.cases.item(row) for row in range(self.cases.count()))
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def check(self) -> None:
        from interventiondesk.storage.keys import check_passphrase_strength

        if not self.chosen():
            show_problem(self.problem, self.tr("Tick at least one case to take along."))
            return
        if self.passphrase.text() != self.again.text():
            show_problem(self.problem, self.tr("The two passphrases differ."))
            return
        try:
            check_passphrase_strength(self.passphrase.text())
        except InterventionDeskError as exc:
            show_problem(self.problem, str(exc))
            return
        self.accept()


def suggested_file(folder: Path) -> Path:
    """A neutral name: the date and a random code, never a name or a reference."""
    return folder / f"transfer-{date.today():%Y-%m-%d}-{secrets.token_hex(4)}{SUFFIX}"


def ask_and_send(window: CaseWindow) -> Background | None:
    """Ask for the cases, the passphrase and the file; then write it in the background."""
    from interventiondesk.services.cases import list_cases

    if not window.attached or not window.flush():
        return None
    if window.state.is_demo:  # it receives no case, so cases sent from it would stay away
        QMessageBox.information(
            window.window(),
            window.tr("Take to another computer"),
            window.tr(
                "The demo workspace keeps its key in the clear and takes no case back, so its "
                "cases cannot be taken to another computer. Open your own workspace for that."
            ),
        )
        return None
    rows = window.state.read(lambda s: list_cases(s))
    cases = [(row.id, row.reference, row.client_name) for row in rows]
    ticked = {window.open_case_id} if window.open_case_id else set()
    dialog = TransferOutDialog(cases, ticked, window.window())
    if not dialog.exec():
        return None
    target = ask_save_path(
        window.window(),
        window.tr("Take cases to another computer"),
        suggested_file(Path.home()),
        window.tr(FILTER),
        SUFFIX,
    )
    if target is None:
        return None
    return send(
        window,
        dialog.chosen(),
        target,
        dialog.passphrase.text(),
        any_computer=dialog.any_computer.isChecked(),
    )


def send(
    window: CaseWindow,
    case_ids: list[str],
    target: Path,
    passphrase: str,
    *,
    any_computer: bool = False,
) -> Background:
    """Write the transfer file off the GUI thread; say how it went in the window."""
    from interventiondesk.services.transfers import transfer_out

    db = window.state.db
    job = Background(
        lambda: transfer_out(db, case_ids, target, passphrase, any_computer=any_computer),
        window.window(),
    )

    def done(sent: object) -> None:
        window.reload_cases()
        for case_id in case_ids:
            window.state.caseChanged.emit(case_id)
        window.statusBar().showMessage(
            window.tr(
                "Wrote {count} case(s) to {name}. They are marked as away until they come back."
            ).format(count=len(case_ids), name=target.name),
            15000,
        )

    job.done.connect(done)
    job.failed.connect(lambda exc: report_failure(window, exc))
    window.statusBar().showMessage(window.tr("Writing the transfer file…"))
    job.start()
    return job


def report_failure(window: CaseWindow, exc: object) -> None:
    """A refusal in words; anything unexpected logged and said politely."""
    from interventiondesk.logs import log_unexpected

    if isinstance(exc, InterventionDeskError):
        text = str(exc)
    else:
        log_unexpected(exc if isinstance(exc, BaseException) else RuntimeError(str(exc)))
        text = window.tr("Something unexpected went wrong; nothing was changed.")
    window.statusBar().clearMessage()
    QMessageBox.warning(window.window(), window.tr("Transfer"), text)

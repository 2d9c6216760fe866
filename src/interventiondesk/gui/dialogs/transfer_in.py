"""File › Receive cases…: a transfer file and its passphrase, merged off the GUI thread.

The same use case as ``interventiondesk transfer-in`` (``services.transfers.transfer_in``),
except that conflicts do not stop it: everything else is merged, and the conflicts wait for
the counselor in the conflicts dialog (``transfer_conflicts``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox

from interventiondesk.gui.dialogs.transfer_out import FILTER, report_failure
from interventiondesk.gui.shared.background import Background

if TYPE_CHECKING:
    from interventiondesk.gui.shell.window_protocol import CaseWindow
    from interventiondesk.services.transfers import Received


def ask_and_receive(window: CaseWindow) -> Background | None:
    """Ask for the file and the passphrase, then receive it in the background."""
    if not window.attached or window.workspace is None or not window.flush():
        return None
    if window.state.is_demo:
        QMessageBox.information(
            window.window(),
            window.tr("Receive cases"),
            window.tr(
                "The demo workspace keeps its key in the clear, so it takes no real case. Open "
                "your own workspace to receive cases."
            ),
        )
        return None
    chosen, _filter = QFileDialog.getOpenFileName(
        window.window(), window.tr("Receive cases"), str(Path.home()), window.tr(FILTER)
    )
    if not chosen:
        return None
    passphrase, given = QInputDialog.getText(
        window.window(),
        window.tr("Receive cases"),
        window.tr("Transfer passphrase:"),
        QLineEdit.EchoMode.Password,
    )
    if not given:
        return None
    return receive(window, Path(chosen), passphrase)


def receive(window: CaseWindow, source: Path, passphrase: str) -> Background | None:
    """Merge the file off the GUI thread; then refresh, say how it went, and show conflicts."""
    from interventiondesk.services.transfers import transfer_in

    workspace, db = window.workspace, window.state.db
    if workspace is None:
        return None
    job = Background(
        lambda: transfer_in(workspace, db, source, passphrase, keep_conflicts=True),
        window.window(),
    )
    job.done.connect(lambda received: received_here(window, received))
    job.failed.connect(lambda exc: report_failure(window, exc))
    window.statusBar().showMessage(window.tr("Receiving the transfer file…"))
    job.start()
    return job


def received_here(window: CaseWindow, received: Received) -> None:
    if received.already:
        window.statusBar().showMessage(
            window.tr("This transfer file was already received; nothing was changed."), 15000
        )
        return
    window.reload_cases()
    for case in received.cases:
        window.state.caseChanged.emit(case.case_id)
        window.state.caseReplaced.emit(case.case_id)
    count = len(received.conflicts)
    text = window.tr("Received {cases} case(s) from {sender}; a backup was made first.").format(
        cases=len(received.cases), sender=received.sender_name
    )
    if count:
        text += " " + window.tr("{count} conflict(s) wait for your decision.").format(count=count)
    window.statusBar().showMessage(text, 15000)
    if count:
        from interventiondesk.gui.dialogs.transfer_conflicts import show_conflicts

        show_conflicts(window)

"""Starting the app: creating a workspace, unlocking it (audited), the demo, a refused second
window. (That start-up stays light is tested in test_startup.py.)"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from interventiondesk.gui.dialogs.change_passphrase import ChangePassphraseDialog
from interventiondesk.gui.dialogs.create_workspace import CreateWorkspaceDialog
from interventiondesk.gui.dialogs.recovery_key import RecoveryKeyDialog
from interventiondesk.gui.dialogs.unlock import RECOVERY_PAGE, UnlockDialog
from interventiondesk.gui.shell.app import install_excepthook, run_gui
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.model import AuditEvent
from interventiondesk.services import audit
from interventiondesk.services.cases import create_case
from interventiondesk.storage.database import Database
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE, TEST_KDF

NEW_PASSPHRASE = "copper meadow violin 77 orchard"


def soon(action: Callable[[], None], delay_ms: int = 50) -> None:
    """Run ``action`` once the event loop is running (e.g. inside a modal exec)."""
    QTimer.singleShot(delay_ms, action)


# Creating a workspace -------------------------------------------------------------------


def test_create_refuses_weak_and_mismatched_passphrases_then_creates(
    tmp_path: Path, qtbot: QtBot
) -> None:
    workspace = Workspace(tmp_path / "new")
    dialog = CreateWorkspaceDialog(workspace, kdf=TEST_KDF)
    qtbot.addWidget(dialog)
    ui = dialog.ui
    qtbot.keyClicks(ui.passphrase, "short")
    qtbot.keyClicks(ui.repeatPassphrase, "short")
    dialog.create_workspace()
    assert "at least 10 characters" in ui.error.text()
    assert not workspace.exists()

    ui.passphrase.setText("password123")
    ui.repeatPassphrase.setText("password123")
    dialog.create_workspace()
    assert "easy to guess" in ui.error.text()
    assert not workspace.exists()

    ui.passphrase.setText(PASSPHRASE)
    ui.repeatPassphrase.setText(PASSPHRASE + "x")
    dialog.create_workspace()
    assert ui.error.text() == "The two passphrases are not the same. Please type them again."
    assert ui.repeatPassphrase.text() == ""

    qtbot.keyClicks(ui.repeatPassphrase, PASSPHRASE)
    assert ui.error.text() == ""  # the problem line clears as they type
    dialog.show()
    with qtbot.waitSignal(dialog.accepted, timeout=30_000):
        dialog.create_workspace()
        # The key is derived off the window's thread; meanwhile the dialog says so and waits.
        assert dialog.progress.isVisible() and not ui.buttons.isEnabled()
        dialog.reject()  # pressing Quit now does not abandon a half-made workspace
        assert dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.progress.isVisible()
    assert workspace.exists() and dialog.database is not None
    assert len(dialog.recovery_key.replace("-", "")) == 52
    dialog.database.close()
    workspace.unlock(PASSPHRASE).close()
    workspace.unlock_with_recovery_key(dialog.recovery_key).close()


def test_recovery_key_is_shown_and_cannot_be_skipped(
    qtbot: QtBot, qapp: QApplication, recovery_key: str
) -> None:
    dialog = RecoveryKeyDialog(recovery_key)
    qtbot.addWidget(dialog)
    dialog.show()
    shown = dialog.ui.keyText.text()
    assert shown.replace("\n", "-") == recovery_key
    assert not dialog.continue_button.isEnabled()
    dialog.reject()  # Escape
    assert dialog.isVisible()
    dialog.copy_key()
    assert QGuiApplication.clipboard().text() == recovery_key
    dialog.ui.storedSafely.setChecked(True)
    assert dialog.continue_button.isEnabled()
    dialog.continue_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_recovery_key_prints_to_a_readable_page(
    tmp_path: Path, qtbot: QtBot, recovery_key: str
) -> None:
    dialog = RecoveryKeyDialog(recovery_key)
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    target = tmp_path / "key.pdf"
    printer.setOutputFileName(str(target))
    dialog.print_to(printer)
    reader = PdfReader(target)
    text = "".join("".join(page.extract_text() for page in reader.pages).split())
    assert len(reader.pages) == 1
    assert "recoverykey" in text.lower()
    for group in recovery_key.split("-"):
        assert group in text


# Unlocking ------------------------------------------------------------------------------


def test_wrong_passphrase_is_said_in_words_then_the_right_one_unlocks(
    workspace: Workspace, qtbot: QtBot
) -> None:
    dialog = UnlockDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.unlock()
    assert dialog.ui.passphraseError.text() == "Please type your passphrase."
    qtbot.keyClicks(dialog.ui.passphrase, "not the passphrase")
    dialog.unlock()
    assert dialog.ui.passphraseError.text().startswith("That passphrase is not right.")
    assert dialog.database is None and dialog.isVisible()
    assert dialog.ui.passphrase.selectedText() == "not the passphrase"  # ready to retype
    qtbot.keyClicks(dialog.ui.passphrase, PASSPHRASE)
    assert dialog.ui.passphraseError.text() == ""
    dialog.unlock_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.database is not None
    dialog.database.close()


def test_recovery_key_unlocks_and_can_set_a_new_passphrase(
    workspace: Workspace, recovery_key: str, qtbot: QtBot
) -> None:
    dialog = UnlockDialog(workspace, kdf=TEST_KDF)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.ui.forgotButton, Qt.MouseButton.LeftButton)
    assert dialog.ui.pages.currentIndex() == RECOVERY_PAGE
    dialog.ui.recoveryKey.setText("AAAA-BBBB")
    dialog.unlock()
    assert dialog.ui.recoveryError.text().startswith("That recovery key is not right.")
    dialog.ui.recoveryKey.setText(recovery_key.lower().replace("-", " "))
    dialog.ui.newPassphrase.setText(NEW_PASSPHRASE)
    dialog.ui.repeatPassphrase.setText("something else")
    dialog.unlock()
    assert dialog.ui.recoveryError.text() == "The two new passphrases are not the same."
    dialog.ui.repeatPassphrase.setText(NEW_PASSPHRASE)
    dialog.unlock()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.database is not None
    dialog.database.close()
    workspace.unlock(NEW_PASSPHRASE).close()


def test_recovery_key_alone_unlocks_and_keeps_the_passphrase(
    workspace: Workspace, recovery_key: str, qtbot: QtBot
) -> None:
    dialog = UnlockDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show_recovery()
    dialog.ui.recoveryKey.setText(recovery_key)
    dialog.unlock()
    assert dialog.database is not None
    dialog.database.close()
    workspace.unlock(PASSPHRASE).close()


def test_change_passphrase_checks_the_current_one(workspace: Workspace, qtbot: QtBot) -> None:
    dialog = ChangePassphraseDialog(workspace, kdf=TEST_KDF)
    qtbot.addWidget(dialog)
    dialog.ui.currentPassphrase.setText("wrong")
    dialog.ui.newPassphrase.setText(NEW_PASSPHRASE)
    dialog.ui.repeatPassphrase.setText(NEW_PASSPHRASE)
    dialog.change()
    assert dialog.ui.error.text() == "The current passphrase is not right."
    dialog.ui.currentPassphrase.setText(PASSPHRASE)
    dialog.ui.newPassphrase.setText("weak")
    dialog.ui.repeatPassphrase.setText("weak")
    dialog.change()
    assert "at least 10 characters" in dialog.ui.error.text()
    dialog.ui.newPassphrase.setText(NEW_PASSPHRASE)
    dialog.ui.repeatPassphrase.setText(NEW_PASSPHRASE)
    dialog.change()
    assert dialog.result() == QDialog.DialogCode.Accepted
    workspace.unlock(NEW_PASSPHRASE).close()


# The whole start-up ---------------------------------------------------------------------


def test_demo_opens_without_a_passphrase_and_says_demo(tmp_path: Path, qapp: QApplication) -> None:
    folder = tmp_path / "demo"
    seen: list[str] = []
    hook_before = sys.excepthook

    def look_and_close() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        for window in windows:
            if window.isVisible():
                seen.append(window.windowTitle())
                window.close()

    soon(look_and_close, 200)
    soon(qapp.quit, 10_000)  # a safety net: never hang the suite
    assert run_gui(folder, demo=True) == 0
    assert seen and "DEMO" in seen[0]
    assert Workspace(folder).is_demo()
    assert sys.excepthook is hook_before  # the app's error hook is removed at shutdown


def test_a_second_window_on_the_same_workspace_is_refused_in_words(
    workspace: Workspace, qapp: QApplication
) -> None:
    first = Workspace(workspace.folder)
    first.acquire_lock()
    messages: list[str] = []

    def read_and_accept() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            soon(read_and_accept, 20)  # not shown yet (a busy machine)
            return
        messages.append(box.text())
        box.accept()

    soon(read_and_accept)
    try:
        assert run_gui(workspace.folder, demo=False) == 1
    finally:
        first.release_lock()
    assert messages == [
        "This workspace is already open in another InterventionDesk window. "
        "Close that window first, or switch to it."
    ]
    # The refused start changed nothing: the workspace still opens.
    workspace.unlock(PASSPHRASE).close()


def test_unexpected_errors_are_logged_without_client_text_and_shown_politely(
    caplog: pytest.LogCaptureFixture,
) -> None:
    reports: list[str] = []
    previous = install_excepthook(reports.append)
    try:
        try:
            raise ValueError("Zephyrine relapsed on Tuesday")
        except ValueError as exc:
            with caplog.at_level(logging.ERROR, logger="interventiondesk"):
                sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = previous
    assert reports and reports[0].startswith("Something unexpected went wrong.")
    assert "Zephyrine" not in reports[0]
    assert "builtins.ValueError" in caplog.text
    assert "test_app.py" in caplog.text
    assert "Zephyrine" not in caplog.text


# The audit trail of unlocking and passphrase changes ---------------------------------------


def audit_trail(workspace: Workspace, passphrase: str = PASSPHRASE) -> list[tuple[str, str]]:
    """Every (action, detail) in the workspace's audit trail, oldest first; the chain holds."""
    db = workspace.unlock(passphrase)
    try:
        with db.session() as s:
            assert audit.verify(s) == []
            events = s.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
            return [(event.action, event.detail) for event in events]
    finally:
        db.close()


def test_unlocking_in_the_window_is_recorded(workspace: Workspace, qtbot: QtBot) -> None:
    dialog = UnlockDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.ui.passphrase.setText("not the passphrase")
    dialog.unlock()
    assert dialog.database is None
    assert audit_trail(workspace) == []  # a wrong passphrase opens nothing, records nothing
    dialog.ui.passphrase.setText(PASSPHRASE)
    dialog.unlock()
    assert dialog.database is not None
    dialog.database.close()
    # The wrong try is counted beside the database and moves into the trail at the unlock.
    (failed, unlocked) = audit_trail(workspace)
    assert failed[0] == "workspace.unlock_failed" and failed[1].startswith("1 failed attempt")
    assert unlocked == ("workspace.unlocked", "window")


def test_unlocking_with_the_recovery_key_says_so_and_records_a_new_passphrase(
    workspace: Workspace, recovery_key: str, qtbot: QtBot
) -> None:
    dialog = UnlockDialog(workspace, kdf=TEST_KDF)
    qtbot.addWidget(dialog)
    dialog.show_recovery()
    dialog.ui.recoveryKey.setText(recovery_key)
    dialog.unlock()
    assert dialog.database is not None
    dialog.database.close()
    assert audit_trail(workspace) == [("workspace.unlocked", "window, recovery key")]

    again = UnlockDialog(workspace, kdf=TEST_KDF)
    qtbot.addWidget(again)
    again.show_recovery()
    again.ui.recoveryKey.setText(recovery_key)
    again.ui.newPassphrase.setText(NEW_PASSPHRASE)
    again.ui.repeatPassphrase.setText(NEW_PASSPHRASE)
    again.unlock()
    assert again.database is not None
    again.database.close()
    assert audit_trail(workspace, NEW_PASSPHRASE)[1:] == [
        ("workspace.passphrase_changed", "window, proved with the recovery key"),
        ("workspace.unlocked", "window, recovery key"),
    ]


def test_changing_the_passphrase_in_the_window_is_recorded(
    window: MainWindow, workspace: Workspace, qtbot: QtBot
) -> None:
    done: list[str] = []

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ChangePassphraseDialog):
            soon(fill_in, 20)
            return
        dialog.kdf = TEST_KDF
        dialog.ui.currentPassphrase.setText(PASSPHRASE)
        dialog.ui.newPassphrase.setText(NEW_PASSPHRASE)
        dialog.ui.repeatPassphrase.setText(NEW_PASSPHRASE)
        dialog.change()
        done.append(window.statusBar().currentMessage())

    soon(fill_in)
    window.actions_by_name["change_passphrase"].trigger()
    assert done == [""]  # the dialog closed before the window said anything
    assert window.statusBar().currentMessage() == "Passphrase changed."
    window.state.db.close()
    assert audit_trail(workspace, NEW_PASSPHRASE) == [
        ("workspace.passphrase_changed", "window, proved with the passphrase")
    ]


def test_a_real_workspace_is_unlocked_over_the_painted_window_then_filled(
    workspace: Workspace, db: Database, qapp: QApplication
) -> None:
    with db.session() as s:
        create_case(s, client_name="Quinn Harrowgate", kind="planned", model="johnson")
    db.close()
    seen: list[str] = []

    def unlock() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, UnlockDialog):
            soon(unlock, 20)
            return
        window = dialog.parentWidget()
        assert isinstance(window, MainWindow) and window.isVisible() and not window.attached
        seen.append(window.count_label.text())
        dialog.ui.passphrase.setText(PASSPHRASE)
        dialog.unlock_button.click()
        soon(look_and_close)

    def look_and_close() -> None:
        (window,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        seen.append(window.count_label.text())
        seen.append(window.case_model.case_row(0).client_name)
        window.close()

    soon(unlock)
    soon(qapp.quit, 10_000)  # a safety net: never hang the suite
    assert run_gui(workspace.folder, demo=False) == 0
    assert seen == ["Opening the workspace…", "Cases shown: 1", "Quinn Harrowgate"]
    # Then the daily backup, taken in the background (the app waits for it before closing).
    *_, unlocked, daily = audit_trail(workspace)
    assert unlocked == ("workspace.unlocked", "window")
    assert daily[0] == "workspace.backup" and daily[1].startswith("daily: ")
    assert (workspace.backup_folder / daily[1].removeprefix("daily: ")).is_file()


def test_quitting_at_the_unlock_dialog_ends_the_app_and_frees_the_workspace(
    workspace: Workspace, qapp: QApplication
) -> None:
    def quit_at_unlock() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, UnlockDialog):
            soon(quit_at_unlock, 20)
            return
        dialog.reject()

    soon(quit_at_unlock)
    soon(qapp.quit, 10_000)
    assert run_gui(workspace.folder, demo=False) == 0
    second = Workspace(workspace.folder)
    second.acquire_lock()  # released: a new start may claim it
    second.release_lock()


def test_a_workspace_that_cannot_be_created_is_said_in_words_and_the_dialog_stays(
    tmp_path: Path, qtbot: QtBot
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    dialog = CreateWorkspaceDialog(Workspace(blocker), kdf=TEST_KDF)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.passphrase.setText(PASSPHRASE)
    dialog.ui.repeatPassphrase.setText(PASSPHRASE)
    dialog.create_workspace()
    qtbot.waitUntil(lambda: bool(dialog.ui.error.text()), timeout=30_000)
    assert "a file, not a folder" in dialog.ui.error.text()
    assert not dialog.progress.isVisible() and dialog.ui.buttons.isEnabled()
    assert dialog.result() != QDialog.DialogCode.Accepted

"""A damaged database at unlock: the newest good backup is offered, saying how old it is; yes
restores it (the damaged file moved aside), no leaves every file exactly as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from interventiondesk.gui.dialogs.unlock import UnlockDialog
from interventiondesk.services import backups
from interventiondesk.services.cases import list_cases
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.hashes import folder_hashes
from tests.storage.test_workspace_recovery import fill, flip_bytes_in_last_page


def backed_up_then_damaged(workspace: Workspace) -> Path:
    """Two cases in a backup, a third added after it, then the database damaged."""
    fill(workspace, cases=2)
    db = workspace.unlock(PASSPHRASE)
    try:
        backup = backups.make_backup(workspace, db, "manual").path
    finally:
        db.close()
    fill(workspace, cases=1)
    flip_bytes_in_last_page(workspace.database_path)
    return backup


def answer(button: QMessageBox.StandardButton, seen: list[str]) -> Callable[[], None]:
    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, look)
            return
        seen.append(box.text())
        box.button(button).click()

    return look


def test_no_leaves_every_file_as_it_was(workspace: Workspace, qtbot: QtBot) -> None:
    backed_up_then_damaged(workspace)
    before = folder_hashes(workspace.folder)
    dialog = UnlockDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    seen: list[str] = []
    QTimer.singleShot(20, answer(QMessageBox.StandardButton.No, seen))
    dialog.ui.passphrase.setText(PASSPHRASE)
    dialog.unlock()
    assert dialog.database is None and dialog.isVisible()
    (question,) = seen
    assert question.startswith("The workspace database is damaged")
    assert "minute ago" in question  # "less than a minute ago": the backup was just taken
    assert "holds 2 cases" in question
    assert dialog.ui.passphraseError.text().startswith("The workspace database is damaged")
    assert folder_hashes(workspace.folder) == before


def test_yes_restores_the_newest_good_backup_and_keeps_the_damaged_file(
    workspace: Workspace, qtbot: QtBot
) -> None:
    backed_up_then_damaged(workspace)
    damaged_bytes = workspace.database_path.read_bytes()
    dialog = UnlockDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    seen: list[str] = []
    QTimer.singleShot(20, answer(QMessageBox.StandardButton.Yes, seen))
    dialog.ui.passphrase.setText(PASSPHRASE)
    dialog.unlock()
    assert dialog.database is not None
    try:
        with dialog.database.session() as s:
            assert len(list_cases(s)) == 2  # the backup's two; the third came after it
    finally:
        dialog.database.close()
    assert "restored from the backup" in dialog.restored_note
    (kept,) = workspace.backup_folder.glob("*-damaged.db")
    assert kept.read_bytes() == damaged_bytes
    assert kept.name in dialog.restored_note
    workspace.unlock(PASSPHRASE).close()  # sound again


def test_without_a_good_backup_the_damage_is_said_and_nothing_changes(
    workspace: Workspace, qtbot: QtBot
) -> None:
    backup = backed_up_then_damaged(workspace)
    flip_bytes_in_last_page(backup)  # the only backup is damaged too
    before = folder_hashes(workspace.folder)
    dialog = UnlockDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.ui.passphrase.setText(PASSPHRASE)
    dialog.unlock()
    assert dialog.database is None
    assert dialog.ui.passphraseError.text().startswith("The workspace database is damaged")
    assert folder_hashes(workspace.folder) == before


def test_at_start_the_window_opens_on_the_restored_backup_and_says_so(
    workspace: Workspace, qapp: QApplication
) -> None:
    from interventiondesk.gui.shell.app import run_gui
    from interventiondesk.gui.shell.main_window import MainWindow

    backed_up_then_damaged(workspace)
    seen: list[str] = []

    def unlock() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, UnlockDialog):
            QTimer.singleShot(20, unlock)
            return
        QTimer.singleShot(20, answer(QMessageBox.StandardButton.Yes, seen))
        dialog.ui.passphrase.setText(PASSPHRASE)
        dialog.unlock_button.click()
        QTimer.singleShot(20, read_note)

    def read_note() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.text().startswith("The workspace was"):
            QTimer.singleShot(20, read_note)
            return
        seen.append(box.text())
        box.accept()
        QTimer.singleShot(50, look_and_close)

    def look_and_close() -> None:
        (window,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        seen.append(window.count_label.text())
        window.close()

    QTimer.singleShot(20, unlock)
    QTimer.singleShot(20_000, qapp.quit)  # a safety net: never hang the suite
    assert run_gui(workspace.folder, demo=False) == 0
    question, note, count = seen
    assert question.startswith("The workspace database is damaged")
    assert note.startswith("The workspace was restored from the backup taken on")
    assert count == "Cases shown: 2"

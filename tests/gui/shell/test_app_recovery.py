"""The window's start keeps the recovery promises: with keys.json missing or damaged it unlocks
with the copy and says so; it never offers to create a workspace over a database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from interventiondesk.gui.dialogs.create_workspace import CreateWorkspaceDialog
from interventiondesk.gui.dialogs.unlock import UnlockDialog
from interventiondesk.gui.shell.app import run_gui
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.storage.test_workspace_recovery import fill, fingerprint


def soon(action: Callable[[], None], delay_ms: int = 50) -> None:
    QTimer.singleShot(delay_ms, action)


@pytest.mark.parametrize("damage", ["deleted", "damaged"])
def test_the_window_unlocks_with_the_key_files_copy_and_says_so(
    workspace: Workspace, qapp: QApplication, damage: str
) -> None:
    fill(workspace, cases=2)
    good = workspace.key_path.read_bytes()
    if damage == "deleted":
        workspace.key_path.unlink()
    else:
        workspace.key_path.write_text('{"format": 1, "demo_key": "not hex"}')
    seen: list[str] = []

    def unlock() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, CreateWorkspaceDialog):
            seen.append("offered to create a workspace")
            dialog.reject()
            return
        if not isinstance(dialog, UnlockDialog):
            soon(unlock, 20)
            return
        dialog.ui.passphrase.setText(PASSPHRASE)
        dialog.unlock_button.click()

    def read_notice() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            soon(read_notice, 20)
            return
        seen.append(box.text())
        box.accept()
        soon(look_and_close)

    def look_and_close() -> None:
        (window,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        seen.append(window.count_label.text())
        window.close()

    soon(unlock)
    soon(read_notice, 100)
    soon(qapp.quit, 15_000)  # a safety net: never hang the suite
    assert run_gui(workspace.folder, demo=False) == 0
    assert seen == [
        "The workspace's key file (keys.json) was missing or damaged. The workspace was "
        "unlocked with its copy in the backups folder, and keys.json was restored from it.",
        "Cases shown: 2",
    ]
    assert workspace.key_path.read_bytes() == good


def test_the_window_never_offers_to_create_a_workspace_over_a_database(
    workspace: Workspace, qapp: QApplication, tmp_path: Path
) -> None:
    workspace.key_path.unlink()
    workspace.key_copy_path.unlink()
    before = fingerprint(workspace.folder)
    seen: list[str] = []

    def read_refusal() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QMessageBox):
            seen.append(dialog.text())
            dialog.accept()
        elif dialog is not None:
            seen.append(type(dialog).__name__)
            dialog.reject()
        else:
            soon(read_refusal, 20)

    soon(read_refusal)
    soon(qapp.quit, 15_000)
    assert run_gui(workspace.folder, demo=False) == 1
    assert seen == [
        "The workspace's key file is missing, so the database cannot be unlocked. Restore "
        "keys.json from a backup; nothing was changed."
    ]
    assert fingerprint(workspace.folder) == before

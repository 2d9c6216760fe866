"""Take the user guide's screenshots offscreen, on a fresh demo workspace of fictional cases.

Run from the repository root:  .venv/bin/python docs/make_screenshots.py
Every page of the case view is captured, so pages added later appear after a re-run.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QWidget

from interventiondesk.gui.app import application, show_main_window
from interventiondesk.gui.case_view import CaseView
from interventiondesk.gui.main_window import MainWindow
from interventiondesk.gui.recovery_key_dialog import RecoveryKeyDialog
from interventiondesk.gui.unlock_dialog import UnlockDialog
from interventiondesk.services.demo import create_demo_workspace
from interventiondesk.storage.keys import KdfParams, new_recovery_key
from interventiondesk.storage.workspace import Workspace

OUT = Path(__file__).resolve().parent / "screenshots"
WINDOW_SIZE = (1280, 820)
LIGHT_KDF = KdfParams(time_cost=1, memory_cost_kib=8192, parallelism=1)


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def save(widget: QWidget, name: str) -> None:
    path = OUT / f"{name}.png"
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(OUT.parent.parent)}")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def main_window_shots(app: QApplication, folder: Path) -> None:
    workspace = Workspace(folder / "demo")
    db = create_demo_workspace(workspace)
    try:
        window: MainWindow = show_main_window(db, workspace, is_demo=True)
        window.resize(*WINDOW_SIZE)
        window.splitter.setSizes([470, WINDOW_SIZE[0] - 470])
        settle(app)
        window.reload_cases()
        settle(app)
        save(window, "main-window")

        view: CaseView = window.case_view
        window.open_case(window.case_model.case_row(0).id)
        settle(app)
        for index, page in enumerate(view.pages):
            view.tabs.setCurrentIndex(index)
            settle(app)
            save(window, f"case-{slug(page.title)}")
        view.tabs.setCurrentIndex(0)
        window.close()
    finally:
        db.close()


def dialog_shots(app: QApplication, folder: Path) -> None:
    workspace = Workspace(folder / "locked")
    db, _key = workspace.create("an example passphrase for the screenshots", kdf=LIGHT_KDF)
    db.close()
    unlock = UnlockDialog(workspace)
    unlock.show()
    settle(app)
    save(unlock, "unlock-dialog")
    unlock.ui.passphrase.setText("a wrong guess")
    unlock.unlock()
    settle(app)
    save(unlock, "unlock-dialog-wrong-passphrase")
    unlock.show_recovery()
    settle(app)
    save(unlock, "unlock-dialog-recovery-key")
    unlock.close()

    recovery = RecoveryKeyDialog(new_recovery_key())  # a fresh key that opens nothing
    recovery.show()
    settle(app)
    save(recovery, "recovery-key-dialog")
    recovery.ui.storedSafely.setChecked(True)
    recovery.close()


def main() -> int:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        # Keep the developer's own window layout out of the pictures, and theirs untouched.
        os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
        app = application()
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        OUT.mkdir(exist_ok=True)
        main_window_shots(app, folder)
        dialog_shots(app, folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())

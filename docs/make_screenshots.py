"""Take the user guide's screenshots offscreen, on a fresh demo workspace of fictional cases.

Run from the repository root:  .venv/bin/python docs/make_screenshots.py
Every page of the case view is captured, so pages added later appear after a re-run; each on
the demo case where it shows best (SHOWCASE), the others on DEFAULT_CLIENT.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QLocale
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from interventiondesk.gui.dialogs.recovery_key import RecoveryKeyDialog
from interventiondesk.gui.dialogs.unlock import UnlockDialog
from interventiondesk.gui.pages.letters.editor import GUIDANCE_DELAY_MS
from interventiondesk.gui.shell.app import application, show_main_window
from interventiondesk.gui.shell.case_view import CaseView
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.services.demo import create_demo_workspace
from interventiondesk.storage.keys import KdfParams, new_recovery_key
from interventiondesk.storage.workspace import Workspace

OUT = Path(__file__).resolve().parent / "screenshots"
WINDOW_SIZE = (1280, 680)
"""A 1280×720 laptop screen, less its panel and the window's title bar."""
LIGHT_KDF = KdfParams(time_cost=1, memory_cost_kib=8192, parallelism=1)
DEFAULT_CLIENT = "Theo Marbleton"
SHOWCASE = {
    # page title: the demo client whose case shows that page at its most telling
    "Participants": "Gareth Pennywhistle",  # team warnings (a child attending, team size)
    "Letters": "Theo Marbleton",  # Johnson-style, letters with guidance findings
    "Schedule": "Nora Quillfeather",  # a meeting with a conflict
    "Logistics": "Nora Quillfeather",  # some items done, some still open
    "Safety": "Theo Marbleton",  # a saved screen, a written safety plan, ASAM ratings
    "Outcome && follow-up": "Gareth Pennywhistle",  # admitted, with tasks and suggestions
}
MODEL_NOTE_CLIENT = "Daniel Ashgrove"  # CRAFT-style: no meeting and no letters


def settle(app: QApplication) -> None:
    """Let the window catch up as the event loop would (including widgets deleted later)."""
    for _ in range(5):
        app.processEvents()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def save(widget: QWidget, name: str) -> None:
    path = OUT / f"{name}.png"
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(OUT.parent.parent)}")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def open_client(window: MainWindow, name: str) -> None:
    model = window.case_model
    rows = [r for r in range(model.rowCount()) if model.case_row(r).client_name == name]
    window.open_case(model.case_row(rows[0] if rows else 0).id)


def best_letter(app: QApplication, page: Any) -> None:
    """Select the letter with the most guidance findings, so that the side panel shows them.

    When every demo letter reads well, a draft gets one careless sentence (in this throwaway
    copy of the demo) so that the picture can show what the guidance looks like.
    """
    counts = []
    for row in range(page.letter_list.count()):
        page.letter_list.setCurrentRow(row)
        settle(app)
        counts.append(len(page.editor.findings))
    if not counts:
        return
    if max(counts) > 0:
        page.letter_list.setCurrentRow(counts.index(max(counts)))
        return
    drafts = [
        row
        for row in range(page.letter_list.count())
        if page.letter_list.item(row).text().endswith("Draft")
    ]
    page.letter_list.setCurrentRow(drafts[0] if drafts else 0)
    settle(app)
    incidents = page.editor.section_edits["incidents"]
    incidents.setPlainText(
        incidents.toPlainText() + " You always let us down and you never listen, you drunk."
    )
    QTest.qWait(GUIDANCE_DELAY_MS * 2)
    page.flush()


def conflicting_event(app: QApplication, page: Any) -> None:
    """Select an event that has a conflict, if the case has one."""
    for row in range(page.events.count()):
        page.events.setCurrentRow(row)
        settle(app)
        if page.current_conflicts():
            return


PREPARE: dict[str, Callable[[QApplication, Any], None]] = {
    "Letters": best_letter,
    "Schedule": conflicting_event,
}


def main_window_shots(app: QApplication, folder: Path) -> None:
    workspace = Workspace(folder / "demo")
    db = create_demo_workspace(workspace)
    try:
        window: MainWindow = show_main_window(db, workspace, is_demo=True)
        window.resize(*WINDOW_SIZE)
        settle(app)
        window.fit_list_pane()
        settle(app)
        save(window, "main-window")

        view: CaseView = window.case_view
        open_client(window, DEFAULT_CLIENT)
        settle(app)
        for index, page in enumerate(list(view.pages)):
            open_client(window, SHOWCASE.get(page.title, DEFAULT_CLIENT))
            view.tabs.setCurrentIndex(index)
            settle(app)
            prepare = PREPARE.get(page.title)
            if prepare is not None:
                prepare(app, page)
            settle(app)
            save(window, f"case-{slug(page.title)}")
        letters = [page.title for page in view.pages].index("Letters")
        open_client(window, SHOWCASE["Letters"])
        view.tabs.setCurrentIndex(letters)
        settle(app)
        inner = view.pages[letters].findChild(QTabWidget)
        if inner is not None:
            inner.setCurrentIndex(inner.count() - 1)  # the objections and their answers
            settle(app)
            save(window, "case-letters-objections")
            inner.setCurrentIndex(0)
        open_client(window, MODEL_NOTE_CLIENT)
        view.tabs.setCurrentIndex([page.title for page in view.pages].index("Letters"))
        settle(app)
        save(window, "case-letters-craft")
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

"""A long session in the real main window, run in a process of its own by test_soak.py.

It opens the demo workspace as the app does, then, round after round, opens every case, shows
every page, types into the Plan page's free-text fields as a person types, saves, switches page and
case, and goes back to the dashboard. At the end it reopens the workspace and checks that the last
text typed into each case is what the database holds. It prints one JSON line of counts; a crash
(for example the interpreter aborting inside Qt) shows as a non-zero exit without that line.

Run: ``python -m tests.gui.soak_session FOLDER ROUNDS`` with QT_QPA_PLATFORM=offscreen.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

from interventiondesk.gui.pages.plan.page import PlanPage
from interventiondesk.gui.shell.app import application, show_main_window
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.model import Case
from interventiondesk.services.demo import create_demo_workspace
from interventiondesk.services.records import get_record
from interventiondesk.storage.workspace import Workspace

EDITED_FIELDS = ("goals", "treatment_options", "counselor_notes")
PASSES = 3
"""Each field is typed over this many times per visit to a case."""


class ModalWatch:
    """Any dialog that pops up during the soak is a failure: note it and close it."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self._check)
        self.timer.start(200)

    def _check(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None:
            self.seen.append(type(modal).__name__)
            modal.close()


def settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def type_into(widget: QWidget, text: str) -> None:
    """Replace the field's text by typing, key by key, as a person does."""
    widget.setFocus()
    assert isinstance(widget, QPlainTextEdit)
    widget.selectAll()
    QTest.keyClicks(widget, text)


def run(folder: Path, rounds: int) -> dict[str, object]:
    app = application()
    workspace = Workspace(folder)
    db = create_demo_workspace(workspace)
    window: MainWindow = show_main_window(db, workspace, is_demo=True)
    window.resize(1280, 720)
    watch = ModalWatch()
    settle(app)
    window.reload_cases()
    model = window.case_model
    case_ids = [model.case_row(row).id for row in range(model.rowCount())]
    expected: dict[str, dict[str, str]] = {}
    edits = page_switches = case_switches = refused = 0
    for round_number in range(rounds):
        for case_id in case_ids:
            window.open_case(case_id)
            case_switches += 1
            settle(app)
            view = window.case_view
            for index in list(range(view.tabs.count())) * 2:
                view.tabs.setCurrentIndex(index)
                page_switches += 1
                settle(app)
            view.tabs.setCurrentIndex(0)
            settle(app)
            page = view.pages[0]
            assert isinstance(page, PlanPage)
            for visit, field in enumerate(EDITED_FIELDS * PASSES):
                widget = page.case_fields[field]
                if not widget.isEnabled() or getattr(widget, "isReadOnly", lambda: False)():
                    continue
                text = f"round {round_number}.{visit} {field} note"
                type_into(widget, text)
                if window.flush():
                    edits += 1
                    expected.setdefault(case_id, {})[field] = text
                else:
                    refused += 1
                settle(app)
        window.close_case()
        settle(app)
    window.flush()
    watch.timer.stop()
    window.close()
    settle(app)
    db.close()

    reopened = workspace.open_demo()
    mismatches = 0
    with reopened.session() as session:
        for case_id, fields in expected.items():
            case = get_record(session, Case, case_id, "case")
            mismatches += sum(getattr(case, f) != text for f, text in fields.items())
    reopened.close()
    return {
        "cases": len(case_ids),
        "case_switches": case_switches,
        "page_switches": page_switches,
        "edits_saved": edits,
        "edits_refused": refused,
        "mismatches": mismatches,
        "dialogs": watch.seen,
        "alive": True,
    }


if __name__ == "__main__":
    result = run(Path(sys.argv[1]), int(sys.argv[2]))
    print(json.dumps(result), flush=True)

"""File > Export case… and Import case… in the window: the command line's guarantees, in words."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from interventiondesk.gui.shell import case_files
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.services import audit
from interventiondesk.storage.workspace import Workspace
from tests.gui.shell.test_main_window import add_cases


def test_export_then_import_again_makes_a_copy_and_opens_it(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    (case_id,) = add_cases(window, "Nadia <b>Okafor</b>")
    assert not window.actions_by_name["export_case"].isEnabled()
    window.open_case(case_id)
    assert window.actions_by_name["export_case"].isEnabled()
    target = tmp_path / "out" / "moved.json"
    target.parent.mkdir()
    assert case_files.export_to(window, case_id, target) == target
    assert json.loads(target.read_text(encoding="utf-8"))["case"]["id"] == case_id
    assert "not encrypted" in window.statusBar().currentMessage()
    with window.state.db.session() as s:
        assert audit.events_for_case(s, case_id)[-1].action == "case.exported"

    # Importing it here again makes a copy beside the original, never over it.
    copy_id = case_files.import_from(window, target)
    assert copy_id is not None and copy_id != case_id
    assert window.open_case_id == copy_id
    assert window.case_model.rowCount() == 2
    assert "a copy was imported" in window.statusBar().currentMessage()


def test_a_damaged_file_is_refused_in_words_and_nothing_changes(
    window: MainWindow, tmp_path: Path
) -> None:
    add_cases(window, "Only One")
    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"format": "interventiondesk-case", "version": "1.0"', encoding="utf-8")
    assert case_files.import_from(window, damaged) is None
    assert "not valid JSON" in window.problem.text.text()
    assert window.case_model.rowCount() == 1


def test_an_export_into_the_workspace_folder_is_refused(
    window: MainWindow, workspace: Workspace
) -> None:
    (case_id,) = add_cases(window, "Kept Safe")
    window.open_case(case_id)
    inside = workspace.folder / "keys.json"
    before = inside.read_bytes()
    assert case_files.export_to(window, case_id, inside) is None
    assert "inside the workspace folder" in window.problem.text.text()
    assert inside.read_bytes() == before


def test_the_demo_workspace_takes_no_imported_case(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    (case_id,) = add_cases(window, "Demo Only")
    target = tmp_path / "case.json"
    assert case_files.export_to(window, case_id, target) == target
    window.state.is_demo = True
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, read_and_close)  # not shown yet
            return
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(50, read_and_close)
    assert case_files.import_from(window, target) is None
    assert seen and "takes no real case" in seen[0]
    assert window.case_model.rowCount() == 1

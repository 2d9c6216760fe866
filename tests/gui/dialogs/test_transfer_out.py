"""File › Take to another computer…: the dialog's checks, the file, and the case marked away."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from interventiondesk.gui.dialogs.transfer_out import TransferOutDialog, send, suggested_file
from interventiondesk.gui.shell.case_list import STATUS
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.services.transfer_file import MAGIC
from tests.gui.conftest import replace_text
from tests.gui.shell.test_main_window import add_cases

WORDS = "lantern orchard seventy copper kites"


def answer_next_question(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    """Answer the next message box with ``button``, once it shows."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, answer)


def test_the_dialog_wants_a_case_and_the_same_strong_passphrase_twice(qtbot: QtBot) -> None:
    dialog = TransferOutDialog([("a", "IN-AAAAA", "First"), ("b", "IN-BBBBB", "Second")], {"a"})
    qtbot.addWidget(dialog)
    assert dialog.chosen() == ["a"]
    replace_text(dialog.passphrase, WORDS)
    replace_text(dialog.again, WORDS + " not quite")
    dialog.check()
    assert "differ" in dialog.problem.text() and dialog.result() == 0
    replace_text(dialog.passphrase, "short")
    replace_text(dialog.again, "short")
    dialog.check()
    assert "at least 10 characters" in dialog.problem.text()
    dialog.cases.item(0).setCheckState(Qt.CheckState.Unchecked)
    replace_text(dialog.passphrase, WORDS)
    replace_text(dialog.again, WORDS)
    dialog.check()
    assert "at least one case" in dialog.problem.text()
    dialog.cases.item(1).setCheckState(Qt.CheckState.Checked)
    dialog.check()
    assert dialog.result() == 1 and dialog.chosen() == ["b"]


def test_the_suggested_name_names_no_client(tmp_path: Path) -> None:
    name = suggested_file(tmp_path).name
    assert name.startswith("transfer-") and name.endswith(".idtransfer")


def test_sending_marks_the_case_away_and_editing_it_asks_first(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    (case_id,) = add_cases(window, "Away Family")
    window.open_case(case_id)
    target = tmp_path / "usb" / "out.idtransfer"
    target.parent.mkdir()
    job = send(window, [case_id], target, WORDS)
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    assert target.read_bytes().startswith(MAGIC)
    assert "marked as away" in window.statusBar().currentMessage()
    banner = window.case_view.transfer_banner
    qtbot.waitUntil(banner.isVisible)
    assert banner.text.text().startswith("At another computer since")
    assert "read-only" in banner.text.text()
    assert window.case_view.read_only
    status = window.case_model.index(0, STATUS).data()
    assert status.endswith(" · at another computer")
    seen: list[str] = []
    answer_next_question(QMessageBox.StandardButton.No, seen)
    banner.edit_anyway.click()
    assert window.case_view.read_only and "Edit it here anyway?" in seen[0]
    answer_next_question(QMessageBox.StandardButton.Yes, seen)
    banner.edit_anyway.click()
    assert not window.case_view.read_only
    assert not banner.edit_anyway.isVisible()

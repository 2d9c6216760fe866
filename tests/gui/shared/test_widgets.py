"""Shared widget helpers: work that waits until a widget has painted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from interventiondesk.gui.shared.widgets import after_paint, when_painted


def test_after_paint_waits_for_the_first_paint_and_runs_once(qtbot: QtBot) -> None:
    widget = QLabel("Loading…")
    qtbot.addWidget(widget)
    runs: list[bool] = []
    after_paint(widget, lambda: runs.append(widget.isVisible()))
    qtbot.wait(20)
    assert runs == []  # never shown, never painted: nothing read yet
    widget.show()
    qtbot.waitUntil(lambda: runs == [True])
    widget.update()
    widget.repaint()
    qtbot.wait(20)
    assert runs == [True]


def test_when_painted_waits_for_the_window_only_before_its_first_frame(qtbot: QtBot) -> None:
    window = QWidget()
    inner = QLabel("Counts", window)  # a child: Qt may never send it a paint event of its own
    qtbot.addWidget(window)
    runs: list[str] = []
    when_painted(inner, lambda: runs.append("first"))
    qtbot.wait(20)
    assert runs == []
    window.show()
    qtbot.waitUntil(lambda: runs == ["first"])
    when_painted(inner, lambda: runs.append("later"))  # the window is up: no frame to wait for
    qtbot.waitUntil(lambda: runs == ["first", "later"])


def test_nothing_runs_for_a_widget_deleted_before_its_window_painted(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    inner = QLabel("Counts", window)
    runs: list[str] = []
    when_painted(inner, lambda: runs.append("ran"))
    inner.deleteLater()
    qtbot.wait(10)
    window.show()
    qtbot.wait(50)
    assert runs == []


def _answer_dialogs(target: Path, replace: bool | None) -> None:
    """Type ``target``'s name in the save dialog, then (if asked) answer the replace question."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, QFileDialog)
            name_field = dialog.findChild(QLineEdit, "fileNameEdit")
            assert name_field is not None
            name_field.setText(target.name)  # typed without ".pdf", as people do
        finally:
            if dialog is not None:
                dialog.accept()
        if replace is not None:
            QTimer.singleShot(50, answer)

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            wanted = QMessageBox.StandardButton.Yes if replace else QMessageBox.StandardButton.No
            box.button(wanted).click()
        elif box is not None:
            box.close()

    QTimer.singleShot(150, choose)


def test_save_path_adds_the_suffix_and_asks_before_replacing(qtbot: QtBot, tmp_path: Path) -> None:
    from interventiondesk.gui.shared.widgets import ask_save_path

    parent = QWidget()
    qtbot.addWidget(parent)
    existing = tmp_path / "packet.pdf"
    existing.write_bytes(b"keep me")

    def ask() -> Path | None:
        return ask_save_path(parent, "Export", tmp_path / "x.pdf", "PDF files (*.pdf)", ".pdf")

    _answer_dialogs(tmp_path / "fresh", replace=None)
    assert ask() == tmp_path / "fresh.pdf"  # a new name: no question
    _answer_dialogs(tmp_path / "packet", replace=False)
    assert ask() is None  # "packet" means packet.pdf, which exists: the answer was no
    assert existing.read_bytes() == b"keep me"
    _answer_dialogs(tmp_path / "packet", replace=True)
    assert ask() == existing

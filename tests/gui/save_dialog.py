"""Answering a save dialog as a person does: the file's name typed into its name field."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit


def type_file_name(dialog: object, target: Path | str) -> str:
    """Type ``target`` into the dialog's name field and accept it; returns the name it offered.

    Typed rather than ``selectFile``: that leaves a focused field as it is, so on a busy machine
    the file went to the suggested name."""
    assert isinstance(dialog, QFileDialog), type(dialog).__name__
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    assert isinstance(name, QLineEdit)
    offered = name.text()
    name.setText(str(target))
    dialog.accept()
    return offered


def answer_next_save_dialog(target: Path | str, offered: list[str], delay_ms: int = 100) -> None:
    """Once the next modal save dialog is open, type ``target``; its offered name goes to
    ``offered`` (or what stood in the way, which is closed so that no test waits on it)."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            offered.append(f"not a file dialog: {type(dialog).__name__}")
            if dialog is not None:
                dialog.close()
            return
        try:
            offered.append(type_file_name(dialog, target))
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(delay_ms, answer)

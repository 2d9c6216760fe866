"""The installed programs: the window's entry point opens the window with the command line's
workspace options, and hands anything else to the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from interventiondesk.entry import window as launch
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.storage.workspace import Workspace
from tests.gui.shell.test_app import soon


def test_the_gui_entry_point_takes_the_command_line_options(
    tmp_path: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "from-the-command-line"
    monkeypatch.setattr(sys, "argv", ["interventiondesk-gui", "--demo", "--data-dir", str(folder)])
    titles: list[str] = []

    def look_and_close() -> None:
        for window in QApplication.topLevelWidgets():
            if isinstance(window, MainWindow) and window.isVisible():
                titles.append(window.windowTitle())
                window.close()

    soon(look_and_close, 200)
    soon(qapp.quit, 10_000)
    assert launch() == 0
    assert titles and "DEMO" in titles[0]
    assert Workspace(folder).is_demo()


def test_the_gui_entry_point_hands_commands_to_the_command_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["interventiondesk-gui", "--version"])
    with pytest.raises(SystemExit) as exited:
        launch()
    assert exited.value.code == 0
    assert "InterventionDesk" in capsys.readouterr().out

"""Shared widget helpers: work that waits until a widget has painted."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from interventiondesk.gui.widgets import after_paint


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

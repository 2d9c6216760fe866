"""Shared widget helpers: work that waits until a widget has painted."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from interventiondesk.gui.widgets import after_paint, when_painted


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

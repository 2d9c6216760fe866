"""The outcomes chart: labelled bars with their counts, opened by a click or the keyboard."""

from __future__ import annotations

import os
import subprocess
import sys

import pyqtgraph as pg
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from interventiondesk.gui.dashboard.chart import OutcomeChart, tick_step

LABELS = ["Interventions held", "Accepted", "Refused"]


def _chart(qtbot: QtBot, counts: list[int]) -> OutcomeChart:
    chart = OutcomeChart()
    qtbot.addWidget(chart)
    chart.resize(600, 200)
    chart.set_bars(LABELS, counts)
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def _point_on(chart: OutcomeChart, row: int, x: float) -> QPoint:
    scene = chart.getPlotItem().vb.mapViewToScene(pg.Point(x, row))
    return chart.mapFromScene(scene)


def test_each_bar_is_named_in_words_with_its_count_beside_it(qtbot: QtBot) -> None:
    chart = _chart(qtbot, [12, 7, 0])
    assert chart.bars_shown() == [("Interventions held", 12), ("Accepted", 7), ("Refused", 0)]
    ticks = chart.getPlotItem().getAxis("left")._tickLevels[0]
    assert [text for _row, text in ticks] == LABELS
    assert chart.numbers_shown() == ["12", "7", "0"]
    items = [id(item) for item in chart.getPlotItem().items]
    assert chart.accessibleDescription() == "Interventions held: 12; Accepted: 7; Refused: 0"
    chart.set_bars(LABELS, [1, 2, 3])
    assert chart.numbers_shown() == ["1", "2", "3"]
    assert [id(item) for item in chart.getPlotItem().items] == items  # redrawn, none remade
    chart.set_bars(LABELS[:2], [4, 5])
    assert chart.numbers_shown() == ["4", "5"]


def test_clicking_a_bar_asks_for_its_cases(qtbot: QtBot) -> None:
    chart = _chart(qtbot, [12, 7, 3])
    with qtbot.waitSignal(chart.barActivated) as seen:
        qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=_point_on(chart, 1, 2))
    assert seen.args == [1]
    with qtbot.assertNotEmitted(chart.barActivated):
        qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))


def test_the_keyboard_marks_a_bar_and_enter_asks_for_its_cases(qtbot: QtBot) -> None:
    chart = _chart(qtbot, [12, 7, 3])
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    assert chart.marked == 2
    assert "Refused, 3" in chart.accessibleName()
    with qtbot.waitSignal(chart.barActivated) as seen:
        qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert seen.args == [2]
    qtbot.keyClick(chart, Qt.Key.Key_Down)  # round to the top again
    assert chart.marked == 0


def test_the_count_axis_steps_in_round_whole_numbers(qtbot: QtBot) -> None:
    assert [tick_step(top) for top in (1, 6, 7, 13, 30, 100, 3020)] == [1, 1, 2, 5, 5, 20, 1000]
    chart = _chart(qtbot, [3020, 1235, 580])
    ticks = chart.getPlotItem().getAxis("bottom")._tickLevels[0]
    assert [text for _value, text in ticks] == ["0", "1000", "2000", "3000", "4000"]


CLOSED_AND_FREED = """
import gc, threading
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication
from interventiondesk.gui.dashboard.chart import OutcomeChart

app = QApplication([])
chart = OutcomeChart()
chart.set_bars(["Held", "Refused"], [3, 1])
chart.show()
app.processEvents()
chart.close()
chart.deleteLater()
QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
del chart
worker = threading.Thread(target=gc.collect)  # as a pool thread's collection would
worker.start()
worker.join()
print("freed")
"""


def test_a_closed_chart_is_freed_without_crashing_the_process() -> None:
    """pyqtgraph's own close() takes the plot apart; deleting the widget after it crashed."""
    done = subprocess.run(
        [sys.executable, "-c", CLOSED_AND_FREED],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "freed"

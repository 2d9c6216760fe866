"""The outcomes chart: one labelled horizontal bar per number, its count at the bar's end.

Drawn with pyqtgraph (docs/architecture.md, "Charts"), which this module alone imports: the
dashboard builds the chart once its lists are on screen, so that importing pyqtgraph and numpy
(about a third of a second) never holds up the window or the dashboard's first paint.

Every bar says what it counts in words on the axis and its number beside it, all bars share
one colour (nothing is told by colour alone), and the keyboard reaches each bar: Up and Down
move between them, Enter or Space lists the cases behind the one that is marked.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import QGraphicsView, QSizePolicy, QWidget

BAR_HEIGHT = 0.62
ROW_PIXELS = 34
"""Room per bar: the chart's height grows with the number of bars, never past what it needs."""


def tick_step(top: int, ticks: int = 6) -> int:
    """A round step (1, 2 or 5 times a power of ten, whole cases) giving at most about
    ``ticks`` ticks up to ``top``."""
    rough = max(top / ticks, 1)
    power = 10 ** math.floor(math.log10(rough))
    return next(int(m * power) for m in (1, 2, 5, 10) if m * power >= rough)


class OutcomeChart(pg.PlotWidget):  # type: ignore[misc]  # pyqtgraph has no type hints
    """``set_bars(labels, counts)`` draws the bars; ``barActivated(index)`` is emitted when a
    bar is clicked, or marked and Enter or Space pressed."""

    barActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        palette = (parent.palette() if parent is not None else QPalette()).resolve(QPalette())
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        super().__init__(parent, background=base)
        self._text = text
        self._bar_colour = QColor(palette.color(QPalette.ColorRole.Highlight))
        self._labels: list[str] = []
        self._counts: list[int] = []
        self._marked = 0
        self._numbers: list[pg.TextItem] = []
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        plot.invertY(True)  # the first bar on top
        plot.showGrid(x=True, y=False, alpha=0.15)
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen(text))
            axis.setTextPen(pg.mkPen(text))
        plot.getAxis("bottom").setLabel(self.tr("Cases"))
        self.bars = pg.BarGraphItem(x0=[], y=[], height=BAR_HEIGHT, width=[])
        plot.addItem(self.bars)
        self.scene().sigMouseClicked.connect(self._clicked)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Outcomes chart"))

    def set_bars(self, labels: Sequence[str], counts: Sequence[int]) -> None:
        """Draw one bar per label, its count written beside it."""
        plot = self.getPlotItem()
        self._labels = list(labels)
        self._counts = list(counts)
        self._marked = min(self._marked, max(len(self._labels) - 1, 0))
        rows = list(range(len(self._labels)))
        self._draw_bars()
        left = plot.getAxis("left")
        left.setTicks([list(zip(rows, self._labels, strict=True)), []])
        # Wide enough for the longest label: the axis drops a tick text that does not fit.
        widest = max((self.fontMetrics().horizontalAdvance(t) for t in self._labels), default=0)
        left.setWidth(widest + 24)
        # The numbers' items are made once per bar and kept: pyqtgraph's items hold reference
        # cycles, and items dropped on every redraw would wait for the garbage collector, which
        # may run on a worker thread, where freeing a Qt object is not safe.
        while len(self._numbers) < len(rows):
            number = pg.TextItem("", color=self._text, anchor=(0, 0.5))
            plot.addItem(number)
            self._numbers.append(number)
        top = max([*self._counts, 1])
        step = tick_step(top)
        plot.getAxis("bottom").setTicks([[(v, str(v)) for v in range(0, top + step, step)], []])
        for row, number in enumerate(self._numbers):
            shown = row < len(rows)
            number.setVisible(shown)
            if shown:
                count = self._counts[row]
                number.setText(str(count))
                number.setPos(count + top * 0.01, row)
        # Room to the right of the longest bar for its number.
        plot.setXRange(0, top * 1.15 + 0.5, padding=0)
        plot.setYRange(-0.5, len(rows) - 0.5, padding=0)
        self.setFixedHeight(ROW_PIXELS * max(len(rows), 1) + 58)
        self.setAccessibleDescription(self.summary())

    def _draw_bars(self) -> None:
        focused = self.hasFocus()
        pens = [
            pg.mkPen(self._text, width=3 if focused and row == self._marked else 0)
            for row in range(len(self._labels))
        ]
        self.bars.setOpts(
            x0=[0] * len(self._counts),
            y=list(range(len(self._counts))),
            width=self._counts,
            height=BAR_HEIGHT,
            brush=self._bar_colour,
            pens=pens,
        )

    def summary(self) -> str:
        """Every bar in words, for screen readers and the tooltip."""
        return "; ".join(
            f"{label}: {count}" for label, count in zip(self._labels, self._counts, strict=True)
        )

    def numbers_shown(self) -> list[str]:
        """The numbers written beside the bars, top to bottom."""
        return [number.toPlainText() for number in self._numbers if number.isVisible()]

    def bars_shown(self) -> list[tuple[str, int]]:
        """(label, count) of each bar, top to bottom."""
        return list(zip(self._labels, self._counts, strict=True))

    @property
    def marked(self) -> int:
        return self._marked

    def bar_at(self, scene_x: float, scene_y: float) -> int:
        """The bar whose row holds a point of the scene, or -1."""
        view = self.getPlotItem().vb
        if not view.sceneBoundingRect().contains(scene_x, scene_y):
            return -1
        point = view.mapSceneToView(pg.Point(scene_x, scene_y))
        row = round(point.y())
        return row if 0 <= row < len(self._labels) else -1

    def _clicked(self, event: object) -> None:
        position = event.scenePos()  # type: ignore[attr-defined]
        row = self.bar_at(position.x(), position.y())
        if row >= 0:
            self._marked = row
            self._draw_bars()
            self.barActivated.emit(row)

    def close(self) -> bool:
        """Close as any widget does. pyqtgraph's own ``close`` takes the plot apart and unparents
        it, and deleting the widget afterwards (as Qt does with its parent, or a test's
        clean-up) crashes the process; this chart is freed with its parent instead."""
        return QGraphicsView.close(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        event.accept()  # a click anywhere on the chart is the chart's (see _clicked)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self._labels:
            step = -1 if key == Qt.Key.Key_Up else 1
            self._marked = (self._marked + step) % len(self._labels)
            self._draw_bars()
            self._announce()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self._labels:
            self.barActivated.emit(self._marked)
            return
        super().keyPressEvent(event)

    def _announce(self) -> None:
        if self._labels:
            label, count = self._labels[self._marked], self._counts[self._marked]
            self.setAccessibleName(
                self.tr("Outcomes chart: {label}, {count}. Press Enter to list the cases.").format(
                    label=label, count=count
                )
            )

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._draw_bars()
        self._announce()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._draw_bars()

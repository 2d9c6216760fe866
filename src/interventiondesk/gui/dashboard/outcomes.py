"""The dashboard's outcomes: a period picker and the chart of the period's numbers.

The dashboard's one read brings the chosen period's numbers (``show_stats``); choosing another
period reads that period's outcomes alone (``services.stats.outcome_stats``). Pressing a bar
asks for its cases (``casesRequested``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from interventiondesk.gui.shared.date_fields import DateField, format_date
from interventiondesk.gui.shell.state import AppState
from interventiondesk.logs import log_unexpected
from interventiondesk.services.stats import OutcomeStats, outcome_stats

if TYPE_CHECKING:  # built once the dashboard's lists are on screen (it imports pyqtgraph)
    from interventiondesk.gui.dashboard.chart import OutcomeChart

PERIODS = ("last_30_days", "this_year", "last_12_months", "custom")


def period_of(key: str, today: date) -> tuple[date, date] | None:
    """The first and last day of a named period ending today (None for a custom one)."""
    if key == "last_30_days":
        return today - timedelta(days=29), today
    if key == "this_year":
        return date(today.year, 1, 1), today
    if key == "last_12_months":
        return today - timedelta(days=364), today
    return None


class OutcomesBox(QGroupBox):
    """The period picker (named periods, or From… to… with two dates) above the chart."""

    casesRequested = Signal(str, list)
    """(what the cases are, their ids), as the dashboard's figures ask."""

    def __init__(
        self, state: AppState, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Outcomes"), parent)
        self.state = state
        self._today = today
        self._locale = QLocale()
        self.stats: OutcomeStats | None = None
        self.chart: OutcomeChart | None = None
        self._no_chart = False
        box_layout = QVBoxLayout(self)
        choose = QHBoxLayout()
        period_label = QLabel(self.tr("&Period:"), self)
        self.period = QComboBox(self)
        self.period.setAccessibleName(self.tr("Period of the outcomes"))
        names = (
            self.tr("Last 30 days"),
            self.tr("This year"),
            self.tr("Last 12 months"),
            self.tr("From… to…"),
        )
        for key, name in zip(PERIODS, names, strict=True):
            self.period.addItem(name, key)
        self.period.setCurrentIndex(PERIODS.index("last_12_months"))
        period_label.setBuddy(self.period)
        choose.addWidget(period_label)
        choose.addWidget(self.period)
        self.from_label = QLabel(self.tr("F&rom"), self)
        self.from_date = DateField(self, self.tr("First day of the period"), optional=False)
        self.to_label = QLabel(self.tr("&To"), self)
        self.to_date = DateField(self, self.tr("Last day of the period"), optional=False)
        self.from_label.setBuddy(self.from_date.edit)
        self.to_label.setBuddy(self.to_date.edit)
        for widget in (self.from_label, self.from_date, self.to_label, self.to_date):
            choose.addWidget(widget)
            widget.hide()
        choose.addStretch(1)
        box_layout.addLayout(choose)
        self.period_problem = QLabel(self)
        self.period_problem.setWordWrap(True)
        self.period_problem.hide()
        box_layout.addWidget(self.period_problem)
        self.period_said = QLabel(self)
        self.period_said.setWordWrap(True)
        box_layout.addWidget(self.period_said)
        self.chart_place = QVBoxLayout()
        self.chart_waiting = QLabel(self.tr("Drawing the chart…"), self)
        self.chart_waiting.setWordWrap(True)
        self.chart_place.addWidget(self.chart_waiting)
        box_layout.addLayout(self.chart_place)
        hint = QLabel(
            self.tr(
                "Click a bar, or choose one with the arrow keys and press Enter, to list its "
                "cases. A case counts once, on the day of its meeting's first outcome; "
                "admitted within 30 days counts every admission up to 30 days after it."
            ),
            self,
        )
        hint.setWordWrap(True)
        box_layout.addWidget(hint)
        self.period.currentIndexChanged.connect(self._period_chosen)
        self.from_date.changed.connect(self._dates_changed)
        self.to_date.changed.connect(self._dates_changed)

    def chosen_period(self) -> tuple[date, date] | None:
        """The period chosen; None while a custom one is incomplete or runs backwards."""
        found = period_of(self.period.currentData(), self._today())
        if found is not None:
            return found
        start, end = self.from_date.value(), self.to_date.value()
        if start is None or end is None or end < start:
            return None
        return start, end

    def bar_names(self) -> tuple[tuple[str, str], ...]:
        """(key in ``OutcomeStats.counts()``, the bar's words), top to bottom."""
        return (
            ("held", self.tr("Interventions held")),
            ("accepted", self.tr("Accepted")),
            ("partial", self.tr("Partly accepted")),
            ("refused", self.tr("Refused")),
            ("admitted_within_30_days", self.tr("Admitted within 30 days")),
        )

    def build_chart(self) -> None:
        """Create the chart (importing pyqtgraph) and draw the period's numbers."""
        if self.chart is not None or self._no_chart:
            return
        try:
            from interventiondesk.gui.dashboard.chart import OutcomeChart
        except ImportError as exc:  # a damaged install: the numbers are still given, in words
            log_unexpected(exc)
            self._no_chart = True
            if self.stats is not None:
                self.show_stats(self.stats)
            return
        chart = OutcomeChart(self)
        chart.barActivated.connect(self._bar_activated)
        self.chart_place.replaceWidget(self.chart_waiting, chart)
        self.chart_waiting.deleteLater()
        self.chart = chart
        if self.stats is not None:
            self.show_stats(self.stats)

    def show_stats(self, stats: OutcomeStats) -> None:
        """Say the period and draw its numbers (once the chart is built)."""
        self.stats = stats
        self.period_said.setText(
            self.tr("From {start} to {end}").format(
                start=format_date(stats.start, self._locale),
                end=format_date(stats.end, self._locale),
            )
        )
        counts = stats.counts()
        names = self.bar_names()
        if self.chart is not None:
            self.chart.set_bars([n for _k, n in names], [counts[k] for k, _n in names])
        elif self._no_chart:
            numbers = "; ".join(f"{name}: {counts[key]}" for key, name in names)
            self.chart_waiting.setText(
                self.tr(
                    "The chart cannot be drawn on this computer. In numbers: {numbers}."
                ).format(numbers=numbers)
            )

    def _bar_activated(self, row: int) -> None:
        if self.stats is None:
            return
        key, name = self.bar_names()[row]
        ids: tuple[str, ...] = getattr(self.stats, key)
        title = self.tr("{what}, {start} to {end}").format(
            what=name,
            start=format_date(self.stats.start, self._locale),
            end=format_date(self.stats.end, self._locale),
        )
        if ids:
            self.casesRequested.emit(title, list(ids))

    def _period_chosen(self, _index: int) -> None:
        custom = self.period.currentData() == "custom"
        for widget in (self.from_label, self.from_date, self.to_label, self.to_date):
            widget.setVisible(custom)
        if custom and self.stats is not None and self.from_date.value() is None:
            self.from_date.set_value(self.stats.start)
            self.to_date.set_value(self.stats.end)
        self._read_stats()

    def _dates_changed(self) -> None:
        if self.period.currentData() == "custom":
            self._read_stats()

    def _read_stats(self) -> None:
        """The period's outcomes alone: one read."""
        period = self.chosen_period()
        if period is None:
            self.period_problem.setText(self.tr("The period must end on or after its first day."))
            self.period_problem.show()
            return
        self.period_problem.hide()
        start, end = period
        self.show_stats(self.state.read(lambda s: outcome_stats(s, start, end)))

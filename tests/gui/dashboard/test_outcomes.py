"""The dashboard's outcomes: the chart shows outcome_stats for the chosen period and follows it."""

from __future__ import annotations

import sys
from datetime import date, timedelta

import pytest
from pytestqt.qtbot import QtBot

from interventiondesk.gui.dashboard.outcomes import PERIODS
from interventiondesk.gui.dashboard.page import Dashboard
from interventiondesk.gui.shell.state import AppState
from interventiondesk.services.stats import outcome_stats
from tests.gui.conftest import replace_text
from tests.gui.dashboard.conftest import TODAY, shown_dashboard


def test_the_chart_shows_the_periods_outcomes_and_follows_the_period(
    app_state: AppState, qtbot: QtBot, caseload: dict[str, str]
) -> None:
    dashboard = shown_dashboard(qtbot, app_state)
    chart = dashboard.outcomes.chart
    assert chart is not None

    def expected(start: date, end: date) -> list[int]:
        counts = app_state.read(lambda s: outcome_stats(s, start, end)).counts()
        return [counts[key] for key, _name in dashboard.outcomes.bar_names()]

    def drawn() -> list[int]:
        return [count for _label, count in chart.bars_shown()]

    year = (TODAY - timedelta(days=364), TODAY)
    assert drawn() == expected(*year) == [3, 2, 0, 1, 1]  # Otto is archived, and counted
    dashboard.outcomes.period.setCurrentIndex(PERIODS.index("last_30_days"))
    assert drawn() == expected(TODAY - timedelta(days=29), TODAY) == [2, 2, 0, 0, 1]
    dashboard.outcomes.period.setCurrentIndex(PERIODS.index("custom"))
    assert dashboard.outcomes.from_date.isVisible() and dashboard.outcomes.to_date.isVisible()
    start, end = TODAY - timedelta(days=120), TODAY - timedelta(days=15)
    replace_text(dashboard.outcomes.from_date.edit, start.isoformat())
    dashboard.outcomes.from_date.commit()
    replace_text(dashboard.outcomes.to_date.edit, end.isoformat())
    dashboard.outcomes.to_date.commit()
    assert drawn() == expected(start, end) == [2, 1, 0, 1, 0]
    replace_text(dashboard.outcomes.to_date.edit, (start - timedelta(days=1)).isoformat())
    dashboard.outcomes.to_date.commit()
    assert dashboard.outcomes.period_problem.isVisible()  # backwards: said, and the chart stays
    assert drawn() == [2, 1, 0, 1, 0]


def test_without_its_chart_library_the_numbers_are_given_in_words(
    app_state: AppState, qtbot: QtBot, caseload: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A damaged install (pyqtgraph missing) still shows the period's numbers, and says why."""
    monkeypatch.setitem(sys.modules, "interventiondesk.gui.dashboard.chart", None)
    dashboard = Dashboard(app_state)
    qtbot.addWidget(dashboard)
    dashboard.today_date = TODAY
    dashboard.show()
    dashboard.refresh()
    dashboard.outcomes.build_chart()
    assert dashboard.outcomes.chart is None
    said = dashboard.outcomes.chart_waiting.text()
    assert said.startswith("The chart cannot be drawn on this computer.")
    assert "Interventions held: 3; Accepted: 2" in said
    dashboard.outcomes.period.setCurrentIndex(PERIODS.index("last_30_days"))
    assert "Interventions held: 2;" in dashboard.outcomes.chart_waiting.text()

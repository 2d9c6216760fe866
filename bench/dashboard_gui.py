"""The whole dashboard, chart included, filled over a large caseload, against a bare window.

    python -m bench.dashboard_gui [--data-dir DIR] [--cases 10000] [--runs 7]

In one process (Qt offscreen unless a display is set), each run shows a new dashboard at a
laptop window's size (1280×650), reads everything it shows in its one call
(``dashboard_view``), fills its lists, figures and agenda, draws the outcomes chart and paints
it all. The baseline, timed in the same run the same way, is a bare window: an empty QWidget of
the same size shown and painted. The first fill is reported apart: it imports pyqtgraph and
numpy for the chart (once per process). The period picker's work, a period's outcomes read
alone and drawn again, is timed too, and so is the case list's read (``list_cases``), a steadier
yardstick than the bare window on a loaded machine. Target: the dashboard filled within 0.5 s.

Without --data-dir, a temporary workspace is made with the synthetic caseload of
``bench.dashboard_data`` (outcomes, tasks, screens, flags) plus consents, one case in 20, ending
within the next 60 days; a --data-dir that does not exist yet is made and kept.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from bench.dashboard_data import measured_workspace

TARGET_SECONDS = 0.5
WINDOW = (1280, 650)


def add_consents(session: Session, seed: int = 2) -> int:
    """A consent ending within 60 days for about one case in 20, in bulk."""
    from interventiondesk.model import Case, Consent, new_id

    rng = random.Random(seed)
    now = datetime.now(UTC).replace(microsecond=0)
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    rows: list[dict[str, Any]] = [
        {"id": new_id(), "case_id": case_id, "kind": "part2", "patient_name": "",
         "discloser": "", "information": "", "recipients": "", "purpose": "",
         "revocation_explained": True, "expires_on": now.date() + timedelta(rng.randint(0, 60)),
         "expiry_event": "", "signed_by": "", **stamp}
        for case_id in session.scalars(select(Case.id).order_by(Case.created_at))
        if rng.random() < 0.05
    ]  # fmt: skip
    if rows:
        session.execute(insert(Consent), rows)
    return len(rows)


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def measure(db: Any, runs: int) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication, QWidget

    from interventiondesk.gui.dashboard.outcomes import PERIODS
    from interventiondesk.gui.dashboard.page import Dashboard
    from interventiondesk.gui.shell.state import AppState
    from interventiondesk.services.cases import list_cases
    from interventiondesk.services.dashboard import dashboard_view

    app = QApplication.instance() or QApplication(sys.argv[:1])
    state = AppState(db)

    def painted(widget: QWidget) -> None:
        app.processEvents()
        widget.repaint()  # paints it and every child now

    def bare() -> None:
        widget = QWidget()
        widget.resize(*WINDOW)
        widget.show()
        painted(widget)
        widget.close()
        widget.deleteLater()

    shown: list[Dashboard] = []
    chart_built: list[float] = []

    def dashboard() -> None:
        page = Dashboard(state)
        page.resize(*WINDOW)
        page.show()
        page.refresh()
        chart_built.append(_timed(page.outcomes.build_chart))
        painted(page)
        shown.append(page)

    def done() -> None:
        page = shown.pop()
        page.close()
        page.deleteLater()
        app.processEvents()

    bare()  # Qt's own first-window costs (fonts, the style) go to neither side
    first = _timed(dashboard)
    chart = shown[-1].outcomes.chart
    bars = chart.bars_shown() if chart is not None else []
    done()

    def another_period() -> None:
        page = shown[-1]
        page.outcomes.period.setCurrentIndex(PERIODS.index("last_30_days"))
        painted(page)

    def one_read() -> None:
        today = date.today()
        state.read(lambda s: dashboard_view(s, today=today))

    def case_list() -> None:
        state.read(list_cases)

    bares: list[float] = []
    fills: list[float] = []
    periods: list[float] = []
    reads: list[float] = []
    lists: list[float] = []
    for _ in range(runs):
        bares.append(_timed(bare))
        fills.append(_timed(dashboard))
        periods.append(_timed(another_period))
        done()
        reads.append(_timed(one_read))
        lists.append(_timed(case_list))
    return {
        "first": first,
        "first_chart": chart_built[0],
        "chart": statistics.median(chart_built[1:]),
        "bare": statistics.median(bares),
        "fill": statistics.median(fills),
        "period": statistics.median(periods),
        "read": statistics.median(reads),
        "list": statistics.median(lists),
        "bars": bars,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dashboard_gui", description=__doc__)
    parser.add_argument("--data-dir", metavar="DIR", help="an existing workspace to measure")
    parser.add_argument("--cases", type=int, default=10_000, metavar="N")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with measured_workspace(
        args.data_dir,
        args.cases,
        "dashboard-gui-bench-",
        lambda session: f", {add_consents(session):,} consents",
    ) as db:
        results = measure(db, args.runs)
    bare, fill = results["bare"], results["fill"]
    print(f"Window {WINDOW[0]}x{WINDOW[1]}, median of {args.runs} runs each:")
    print(f"  bare window shown and painted        {bare * 1000:8.1f} ms")
    print(
        f"  dashboard filled, chart drawn         {fill * 1000:8.1f} ms  {fill / bare:6.1f} x bare"
    )
    print(f"    of which the one read (dashboard_view) {results['read'] * 1000:8.1f} ms")
    print(f"    of which the chart built and drawn   {results['chart'] * 1000:8.1f} ms")
    print(
        f"  the case list's read, for comparison  {results['list'] * 1000:8.1f} ms  "
        f"(the dashboard filled: {fill / results['list']:.2f} x it)"
    )
    print(f"  first fill of the process             {results['first'] * 1000:8.1f} ms")
    print(
        f"    of which the chart (pyqtgraph, numpy imported) {results['first_chart'] * 1000:.1f} ms"
    )
    print(f"  another period chosen (read + redraw) {results['period'] * 1000:8.1f} ms")
    print(f"  chart drawn: {results['bars']}")
    verdict = "met" if fill <= TARGET_SECONDS else "NOT met"
    print(f"The dashboard filled: {fill:.3f} s (target {TARGET_SECONDS} s: {verdict}).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

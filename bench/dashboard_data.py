"""The dashboard's data over a large caseload, against a bare read in the same run.

    python -m bench.dashboard_data [--data-dir DIR] [--cases 10000] [--runs 7]

Times each service call the dashboard makes (case counts, due and overdue tasks, overdue counts
per case, cases with a high triage or a risk flag, near meetings not ready, outcomes over a year)
and ``dashboard_view``, which makes them all in one session; each in a fresh read session, the
median of ``--runs``. The baseline is the barest read of the same caseload: a fresh session
counting the cases. The case list (``list_cases``) is timed too, for comparison.

Without --data-dir, a temporary demo-style workspace is made; a --data-dir that does not exist
yet is made and kept (to measure again without waiting). Either way a new workspace gets a
synthetic caseload (``bench.caseload``) plus outcomes, follow-up tasks, risk screens and flags.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from bench.caseload import generate, open_workspace
from interventiondesk.model import (
    Case,
    FollowUpTask,
    Outcome,
    OutcomeResult,
    RiskLevel,
    RiskScreen,
    new_id,
)
from interventiondesk.services.cases import list_cases
from interventiondesk.services.dashboard import (
    dashboard_view,
    due_follow_ups,
    meetings_not_ready,
    overdue_counts,
    status_counts,
)
from interventiondesk.services.follow_ups import suggestions_for
from interventiondesk.services.safety import cases_at_risk
from interventiondesk.services.stats import outcome_stats
from interventiondesk.storage.database import Database

TARGET_SECONDS = 0.5
FLAGS = ("overdose_history", "detox_needed", "weapons_in_home", "co_occurring_illness")


def add_aftermath(session: Session, seed: int = 1) -> dict[str, int]:
    """Outcomes (about 4 cases in 10), the tasks they suggest (some done), risk screens (3 in
    10) and risk flags (2 in 10), in bulk. Returns how many rows of each were added."""
    rng = random.Random(seed)
    now = datetime.now(UTC).replace(microsecond=0)
    today = now.date()
    rows: dict[Any, list[dict[str, Any]]] = {Outcome: [], FollowUpTask: [], RiskScreen: []}
    flagged: dict[str, list[str]] = {flag: [] for flag in FLAGS}
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    for case_id in session.scalars(select(Case.id).order_by(Case.created_at)):
        if rng.random() < 0.4:
            result = rng.choice(list(OutcomeResult))
            day = today - timedelta(days=rng.randint(0, 400))
            outcome = Outcome(result=result, occurred_on=day, entry_on=None)
            rows[Outcome].append(
                {"id": new_id(), "case_id": case_id, "result": result, "occurred_on": day,
                 "admitted_to": "", "notes": "", **stamp}
            )  # fmt: skip
            for title, due in suggestions_for(outcome):
                done = due < today and rng.random() < 0.7
                rows[FollowUpTask].append(
                    {"id": new_id(), "case_id": case_id, "title": title, "due_on": due,
                     "done_at": now if done else None, "notes": "", **stamp}
                )  # fmt: skip
        if rng.random() < 0.3:
            thoughts = rng.random() < 0.4
            rows[RiskScreen].append(
                {"id": new_id(), "case_id": case_id,
                 "screened_at": now - timedelta(days=rng.randint(0, 200)), "screened_by": "Bench",
                 "wish_to_be_dead": rng.random() < 0.5, "suicidal_thoughts": thoughts,
                 "recent_behaviour": rng.random() < 0.1,
                 "triage": rng.choice(list(RiskLevel)), "notes": "", **stamp}
            )  # fmt: skip
        if rng.random() < 0.2:
            flagged[rng.choice(FLAGS)].append(case_id)
    for table, values in rows.items():
        if values:
            session.execute(insert(table), values)
    for flag, ids in flagged.items():
        for start in range(0, len(ids), 500):
            session.execute(
                update(Case).where(Case.id.in_(ids[start : start + 500])).values({flag: True})
            )
    return {
        "outcomes": len(rows[Outcome]),
        "tasks": len(rows[FollowUpTask]),
        "screens": len(rows[RiskScreen]),
        "flagged": sum(len(ids) for ids in flagged.values()),
    }


def _median(db: Database, call: Callable[[Session], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        with db.session() as session:
            call(session)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(db: Database, runs: int) -> list[tuple[str, float]]:
    today = date.today()
    year = (today - timedelta(days=364), today)
    calls: list[tuple[str, Callable[[Session], object]]] = [
        ("bare read: count the cases", lambda s: s.scalar(select(func.count(Case.id)))),
        ("status counts", status_counts),
        ("due and overdue tasks (200 read)", lambda s: due_follow_ups(s, today=today, limit=200)),
        ("overdue counts per case", lambda s: overdue_counts(s, today=today)),
        ("high triage or a risk flag", cases_at_risk),
        ("near meetings not ready", meetings_not_ready),
        ("outcomes over a year", lambda s: outcome_stats(s, *year)),
        ("dashboard_view (all of the above)", lambda s: dashboard_view(s, today=today)),
        ("for comparison: the case list", list_cases),
    ]
    for _name, call in calls:  # warm: compile each query once, fill the page cache
        with db.session() as session:
            call(session)
    return [(name, _median(db, call, runs)) for name, call in calls]


@contextmanager
def measured_workspace(
    data_dir: str | None,
    cases: int,
    prefix: str,
    more: Callable[[Session], str] | None = None,
) -> Iterator[Database]:
    """The workspace in ``data_dir``, or a temporary one (removed afterwards); an empty one is
    filled with ``cases`` cases and their aftermath first (``more`` adds to it and says what)."""
    temporary = None if data_dir else Path(tempfile.mkdtemp(prefix=prefix))
    folder = Path(data_dir).expanduser() if data_dir else Path(str(temporary)) / "workspace"
    try:
        db = open_workspace(folder)
        try:
            with db.session() as session:
                empty = not session.scalar(select(func.count(Case.id)))
            if empty:
                started = time.perf_counter()
                with db.session() as session:
                    generate(session, cases)
                    added = add_aftermath(session)
                    extra = more(session) if more is not None else ""
                print(
                    f"Made {cases:,} cases with {added['outcomes']:,} outcomes, "
                    f"{added['tasks']:,} tasks, {added['screens']:,} screens and "
                    f"{added['flagged']:,} flagged cases{extra} "
                    f"in {time.perf_counter() - started:.1f} s."
                )
            yield db
        finally:
            db.close()
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dashboard_data", description=__doc__)
    parser.add_argument("--data-dir", metavar="DIR", help="an existing workspace to measure")
    parser.add_argument("--cases", type=int, default=10_000, metavar="N")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    with measured_workspace(args.data_dir, args.cases, "dashboard-bench-") as db:
        results = measure(db, args.runs)
    bare = results[0][1]
    print(f"Median of {args.runs} fresh read sessions each:")
    for name, seconds in results:
        print(f"  {name:<38} {seconds * 1000:8.1f} ms  {seconds / bare:6.1f} x bare")
    whole = dict(results)["dashboard_view (all of the above)"]
    verdict = "met" if whole <= TARGET_SECONDS else "NOT met"
    print(
        f"The dashboard's data in one call: {whole:.3f} s (target {TARGET_SECONDS} s: {verdict})."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

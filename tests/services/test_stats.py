"""Outcomes over a period, checked against a caseload counted by hand."""

from __future__ import annotations

from datetime import date

import pytest

from interventiondesk.errors import InvalidInput
from interventiondesk.services.cases import archive_case, create_case
from interventiondesk.services.outcomes import record_outcome
from interventiondesk.services.stats import outcome_stats
from interventiondesk.storage.database import Database

START, END = date(2026, 1, 1), date(2026, 3, 31)

# Each case's outcomes as (result, day, day of entry), and by hand what it counts as in the
# first quarter of 2026: (held, accepted, partial, refused, admitted within 30 days).
CASELOAD: dict[str, tuple[list[tuple[str, date, date | None]], tuple[int, ...]]] = {
    "admitted at once": ([("admitted", date(2026, 1, 10), date(2026, 1, 10))], (1, 1, 0, 0, 1)),
    "delayed, entered day 20": (
        [
            ("accepted_delayed", date(2026, 2, 1), None),
            ("admitted", date(2026, 2, 18), date(2026, 2, 21)),
        ],
        (1, 1, 0, 0, 1),
    ),
    "refused, then admitted day 25": (
        [("refused", date(2026, 3, 1), None), ("admitted", date(2026, 3, 26), None)],
        (1, 0, 0, 1, 1),
    ),
    "refused, admitted day 40": (
        [("refused", date(2026, 1, 5), None), ("admitted", date(2026, 2, 14), None)],
        (1, 0, 0, 1, 0),
    ),
    "walked out": ([("walked_out", date(2026, 3, 31), None)], (1, 0, 0, 1, 0)),
    "bargained": ([("partial", date(2026, 2, 2), None)], (1, 0, 1, 0, 0)),
    "postponed, then held": (
        [("cancelled", date(2025, 12, 20), None), ("admitted", date(2026, 1, 3), None)],
        (1, 1, 0, 0, 1),
    ),
    "only postponed": ([("cancelled", date(2026, 2, 10), None)], (0, 0, 0, 0, 0)),
    "held last year": ([("refused", date(2025, 12, 30), None)], (0, 0, 0, 0, 0)),
    "held after the period": ([("admitted", date(2026, 4, 1), None)], (0, 0, 0, 0, 0)),
    "no date": ([("admitted", None, None)], (0, 0, 0, 0, 0)),  # type: ignore[list-item]
}
NAMES = ("held", "accepted", "partial", "refused", "admitted_within_30_days")


def test_the_quarter_matches_the_hand_count(db: Database) -> None:
    ids: dict[str, str] = {}
    with db.session() as s:
        for name, (outcomes, _counts) in CASELOAD.items():
            case = create_case(s, client_name=name, kind="planned", model="johnson")
            for result, day, entry in outcomes:
                record_outcome(s, case.id, result, occurred_on=day, entry_on=entry)
            ids[name] = case.id
        archive_case(s, ids["bargained"])  # archived cases are part of the record
    with db.session() as s:
        stats = outcome_stats(s, START, END)
    assert stats.counts() == {
        "held": 7,
        "accepted": 3,
        "partial": 1,
        "refused": 3,
        "admitted_within_30_days": 4,
    }
    for position, field in enumerate(NAMES):
        behind = {name for name, (_o, counts) in CASELOAD.items() if counts[position]}
        assert set(getattr(stats, field)) == {ids[name] for name in behind}, field


def test_a_period_the_wrong_way_round_is_refused(db: Database) -> None:
    with db.session() as s, pytest.raises(InvalidInput, match="on or after"):
        outcome_stats(s, END, START)

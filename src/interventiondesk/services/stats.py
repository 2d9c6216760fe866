"""Outcomes over a period: interventions held, accepted, refused, admitted within 30 days.

A case's intervention counts as *held* on the day of its first outcome that is not a
cancellation or postponement; it counts in a period when that day falls in it (archived cases
included: they are part of the record). What happened then decides the rest:

- *accepted*: accepted and admitted, or accepted with entry delayed;
- *partial*: bargaining or a partial yes;
- *refused*: refused or walked out;
- *admitted within 30 days*: an admission (by its day of entry, else its day) no later than
  30 days after the meeting, whatever the first answer was (a refusal that turned into a yes
  counts here too).

Every number comes with the cases behind it, so that a page can open them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from interventiondesk.errors import InvalidInput
from interventiondesk.model import Outcome, OutcomeResult

ADMISSION_WINDOW_DAYS = 30
ACCEPTED = frozenset({OutcomeResult.ADMITTED, OutcomeResult.ACCEPTED_DELAYED})
REFUSED = frozenset({OutcomeResult.REFUSED, OutcomeResult.WALKED_OUT})


@dataclass(frozen=True, slots=True)
class OutcomeStats:
    """The cases behind each number of a period (``start`` to ``end``, both included)."""

    start: date
    end: date
    held: tuple[str, ...]
    accepted: tuple[str, ...]
    partial: tuple[str, ...]
    refused: tuple[str, ...]
    admitted_within_30_days: tuple[str, ...]

    def counts(self) -> dict[str, int]:
        """The numbers, under stable names (as ``--json`` prints them)."""
        return {
            "held": len(self.held),
            "accepted": len(self.accepted),
            "partial": len(self.partial),
            "refused": len(self.refused),
            "admitted_within_30_days": len(self.admitted_within_30_days),
        }


def outcome_stats(session: Session, start: date, end: date) -> OutcomeStats:
    """The period's numbers, from one query over the outcomes that can matter to it."""
    if end < start:
        raise InvalidInput("The period must end on or after the day it starts.")
    query = (
        select(Outcome.case_id, Outcome.result, Outcome.occurred_on, Outcome.entry_on)
        .where(
            Outcome.occurred_on.is_not(None),
            Outcome.occurred_on <= end + timedelta(days=ADMISSION_WINDOW_DAYS),
        )
        .order_by(Outcome.case_id, Outcome.occurred_on, Outcome.created_at)
    )
    first: dict[str, tuple[OutcomeResult, date]] = {}
    admissions: dict[str, list[date]] = {}
    for case_id, result, occurred_on, entry_on in session.execute(query):
        assert occurred_on is not None  # filtered above
        if result is OutcomeResult.ADMITTED:
            admissions.setdefault(case_id, []).append(entry_on or occurred_on)
        if result is not OutcomeResult.CANCELLED and case_id not in first:
            first[case_id] = (result, occurred_on)
    held, accepted, partial, refused, admitted = [], [], [], [], []
    for case_id, (result, day) in sorted(first.items()):
        if not start <= day <= end:
            continue
        held.append(case_id)
        if result in ACCEPTED:
            accepted.append(case_id)
        elif result in REFUSED:
            refused.append(case_id)
        else:
            partial.append(case_id)
        limit = day + timedelta(days=ADMISSION_WINDOW_DAYS)
        if any(day <= entry <= limit for entry in admissions.get(case_id, [])):
            admitted.append(case_id)
    return OutcomeStats(
        start, end, tuple(held), tuple(accepted), tuple(partial), tuple(refused), tuple(admitted)
    )

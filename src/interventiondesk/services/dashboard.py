"""What a counselor sees before opening a case: cases by status, and the follow-ups due.

Upcoming meetings come from services.scheduling.agenda, shown by the agenda widget.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from interventiondesk.model import Case, CaseStatus, Client, FollowUpTask

FOLLOW_UP_DAYS = 7


@dataclass(frozen=True, slots=True)
class DueFollowUp:
    """An open follow-up task that is overdue or due soon."""

    case_id: str
    reference: str
    client_name: str
    title: str
    due_on: date
    overdue: bool


def status_counts(session: Session) -> dict[CaseStatus, int]:
    """How many open (not archived) cases have each status; every status is present."""
    counts = dict.fromkeys(CaseStatus, 0)
    query = (
        select(Case.status, func.count(Case.id))
        .where(Case.archived_at.is_(None))
        .group_by(Case.status)
    )
    for status, count in session.execute(query):
        counts[CaseStatus(status)] = int(count)
    return counts


def due_follow_ups(
    session: Session,
    *,
    today: date | None = None,
    days: int = FOLLOW_UP_DAYS,
    limit: int | None = None,
) -> list[DueFollowUp]:
    """Open follow-up tasks of open cases that are overdue or due within ``days``, the most
    overdue first; ``limit`` caps how many are read."""
    day = today or date.today()
    query = (
        select(FollowUpTask, Case.reference, Client.full_name)
        .join(Case, Case.id == FollowUpTask.case_id)
        .join(Client, Client.case_id == Case.id)
        .where(
            and_(
                FollowUpTask.done_at.is_(None),
                FollowUpTask.due_on.is_not(None),
                FollowUpTask.due_on <= day + timedelta(days=days),
                Case.archived_at.is_(None),
            )
        )
        .order_by(FollowUpTask.due_on, FollowUpTask.id)
        .limit(limit)
    )
    result = []
    for task, reference, client_name in session.execute(query):
        assert task.due_on is not None  # filtered above
        result.append(
            DueFollowUp(
                case_id=task.case_id,
                reference=reference,
                client_name=client_name,
                title=task.title,
                due_on=task.due_on,
                overdue=task.due_on < day,
            )
        )
    return result

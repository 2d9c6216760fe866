"""What a counselor sees before opening a case: cases by status, and the follow-ups due.

Upcoming meetings come from services.scheduling.agenda, shown by the agenda widget.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from interventiondesk.model import Case, CaseStatus, Client, FollowUpTask, Participant

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
    task_id: str = ""
    owner: str = ""
    """The participant who owns the task; empty when it is the counselor's."""


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
    case_id: str | None = None,
    overdue_only: bool = False,
) -> list[DueFollowUp]:
    """Open follow-up tasks of open cases that are overdue or due within ``days``, the most
    overdue first; ``limit`` caps how many are read. ``case_id`` keeps one case's (archived or
    not); ``overdue_only`` keeps those due before ``today``."""
    day = today or date.today()
    last_day = day - timedelta(days=1) if overdue_only else day + timedelta(days=days)
    conditions = [
        FollowUpTask.done_at.is_(None),
        FollowUpTask.due_on.is_not(None),
        FollowUpTask.due_on <= last_day,
    ]
    if case_id is None:
        conditions.append(Case.archived_at.is_(None))
    else:
        conditions.append(FollowUpTask.case_id == case_id)
    query = (
        select(FollowUpTask, Case.reference, Client.full_name, Participant.name)
        .join(Case, Case.id == FollowUpTask.case_id)
        .join(Client, Client.case_id == Case.id)
        .outerjoin(Participant, Participant.id == FollowUpTask.participant_id)
        .where(and_(*conditions))
        .order_by(FollowUpTask.due_on, FollowUpTask.id)
        .limit(limit)
    )
    result = []
    for task, reference, client_name, owner in session.execute(query):
        assert task.due_on is not None  # filtered above
        result.append(
            DueFollowUp(
                case_id=task.case_id,
                reference=reference,
                client_name=client_name,
                title=task.title,
                due_on=task.due_on,
                overdue=task.due_on < day,
                task_id=task.id,
                owner=owner or "",
            )
        )
    return result


def overdue_counts(session: Session, *, today: date | None = None) -> dict[str, int]:
    """How many open tasks are overdue in each open case that has any (for the case list)."""
    day = today or date.today()
    query = (
        select(FollowUpTask.case_id, func.count(FollowUpTask.id))
        .join(Case, Case.id == FollowUpTask.case_id)
        .where(
            FollowUpTask.done_at.is_(None),
            FollowUpTask.due_on < day,
            Case.archived_at.is_(None),
        )
        .group_by(FollowUpTask.case_id)
    )
    return {case_id: int(count) for case_id, count in session.execute(query)}

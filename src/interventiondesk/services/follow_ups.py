"""Follow-up tasks of a case: added by hand or suggested by an outcome, owned, done, overdue.

The lists of what is due across cases live in ``services.dashboard`` (``due_follow_ups``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from interventiondesk.errors import InvalidInput
from interventiondesk.model import Case, FollowUpTask, Outcome, OutcomeResult, Participant, utcnow
from interventiondesk.services import audit
from interventiondesk.services.records import apply_changes, editable_columns, get_record

TASK_FIELDS = editable_columns(FollowUpTask)

AFTER_ADMISSION: tuple[tuple[int, str], ...] = (
    (1, "Follow-up call, 24 hours after admission"),
    (7, "Follow-up call, 7 days after admission"),
    (30, "Follow-up call, 30 days after admission"),
)
"""Calls suggested after an admission: days after the day of entry, and the task's title."""
FAMILY_MEETING_DAYS = 3
FAMILY_MEETING_TITLE = "Family meeting after the refusal: bottom lines and next steps"
REFUSALS = frozenset({OutcomeResult.REFUSED, OutcomeResult.WALKED_OUT})
"""Outcomes after which a family meeting is suggested (walking out is a refusal too)."""


@dataclass(frozen=True, slots=True)
class SuggestedTask:
    """A task an outcome calls for that the case does not have yet."""

    outcome_id: str
    title: str
    due_on: date


@dataclass(frozen=True, slots=True)
class TaskRow:
    """One task as the Outcome & follow-up page lists it."""

    id: str
    title: str
    due_on: date | None
    done_at: datetime | None
    owner_id: str | None
    owner: str
    """The owning participant's name; empty when the task is the counselor's."""
    notes: str
    overdue: bool


def _check_owner(session: Session, case_id: str, owner_id: str | None) -> None:
    if owner_id is None:
        return
    person = get_record(session, Participant, owner_id, "participant")
    if person.case_id != case_id or person.deleted_at is not None:
        raise InvalidInput("The owner of a task must be someone on this case's team.")


def add_task(
    session: Session,
    case_id: str,
    title: str,
    *,
    due_on: date | None = None,
    owner_id: str | None = None,
    notes: str = "",
) -> FollowUpTask:
    """A task added by hand; ``owner_id`` is a participant, or None for the counselor."""
    case = get_record(session, Case, case_id, "case")
    if not title.strip():
        raise InvalidInput("Say what the task is.")
    _check_owner(session, case.id, owner_id)
    task = FollowUpTask(case_id=case.id)
    apply_changes(
        task,
        {"title": title.strip(), "due_on": due_on, "participant_id": owner_id, "notes": notes},
        TASK_FIELDS,
    )
    session.add(task)
    session.flush()
    audit.record(session, "task.added", case_id=case.id, detail=f"task {task.id}")
    return task


def update_task(session: Session, task_id: str, changes: Mapping[str, Any]) -> FollowUpTask:
    task = get_record(session, FollowUpTask, task_id, "task")
    if "title" in changes and not str(changes["title"]).strip():
        raise InvalidInput("Say what the task is.")
    if "participant_id" in changes:
        _check_owner(session, task.case_id, changes["participant_id"])
    apply_changes(task, changes, TASK_FIELDS)
    return task


def complete_task(
    session: Session, task_id: str, *, at: datetime | None = None, done: bool = True
) -> FollowUpTask:
    """Mark a task done (at ``at``, by default now), or open again with ``done=False``."""
    task = get_record(session, FollowUpTask, task_id, "task")
    apply_changes(task, {"done_at": (at or utcnow()) if done else None}, TASK_FIELDS)
    return task


def remove_task(session: Session, task_id: str) -> None:
    task = get_record(session, FollowUpTask, task_id, "task")
    audit.record(session, "task.removed", case_id=task.case_id, detail=f"task {task.id}")
    session.delete(task)
    session.flush()


def suggestions_for(outcome: Outcome) -> list[tuple[str, date]]:
    """The tasks one outcome calls for, as (title, due day); none without a date."""
    if outcome.result is OutcomeResult.ADMITTED:
        entry = outcome.entry_on or outcome.occurred_on
        if entry is None:
            return []
        return [(title, entry + timedelta(days=days)) for days, title in AFTER_ADMISSION]
    if outcome.result in REFUSALS and outcome.occurred_on is not None:
        return [(FAMILY_MEETING_TITLE, outcome.occurred_on + timedelta(days=FAMILY_MEETING_DAYS))]
    return []


def suggested_tasks(session: Session, case_id: str) -> list[SuggestedTask]:
    """Tasks the case's outcomes call for and that it does not hold yet (same title and day),
    in order of due day."""
    case = get_record(session, Case, case_id, "case")
    have = {(task.title, task.due_on) for task in case.follow_ups}
    wanted: dict[tuple[str, date], SuggestedTask] = {}
    for outcome in case.outcomes:
        for title, due_on in suggestions_for(outcome):
            if (title, due_on) not in have and (title, due_on) not in wanted:
                wanted[title, due_on] = SuggestedTask(outcome.id, title, due_on)
    return sorted(wanted.values(), key=lambda s: (s.due_on, s.title))


def accept_suggestions(
    session: Session, case_id: str, *, owner_id: str | None = None
) -> list[FollowUpTask]:
    """Add every suggested task at once (one click on the page); returns the new tasks."""
    return [
        add_task(session, case_id, s.title, due_on=s.due_on, owner_id=owner_id)
        for s in suggested_tasks(session, case_id)
    ]


def task_rows(session: Session, case_id: str, *, today: date | None = None) -> list[TaskRow]:
    """The case's tasks: open ones by due day (undated last), then those done."""
    day = today or date.today()
    query = (
        select(FollowUpTask, Participant.name)
        .outerjoin(Participant, Participant.id == FollowUpTask.participant_id)
        .where(FollowUpTask.case_id == case_id)
    )
    rows = [
        TaskRow(
            id=task.id,
            title=task.title,
            due_on=task.due_on,
            done_at=task.done_at,
            owner_id=task.participant_id,
            owner=owner or "",
            notes=task.notes,
            overdue=task.done_at is None and task.due_on is not None and task.due_on < day,
        )
        for task, owner in session.execute(query)
    ]
    return sorted(
        rows,
        key=lambda r: (r.done_at is not None, r.due_on is None, r.due_on or day, r.title, r.id),
    )

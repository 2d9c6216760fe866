"""Follow-up tasks: by hand, suggested by outcomes and accepted at once, owned, done, overdue."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from interventiondesk.errors import InvalidInput
from interventiondesk.services.cases import create_case
from interventiondesk.services.dashboard import due_follow_ups, overdue_counts
from interventiondesk.services.follow_ups import (
    FAMILY_MEETING_TITLE,
    accept_suggestions,
    add_task,
    complete_task,
    remove_task,
    suggested_tasks,
    task_rows,
    update_task,
)
from interventiondesk.services.outcomes import record_outcome
from interventiondesk.services.participants import add_participant, remove_participant
from interventiondesk.storage.database import Database

TODAY = date(2026, 12, 10)


def _case(db: Database, name: str = "Robin Example") -> str:
    with db.session() as s:
        return create_case(s, client_name=name, kind="crisis", model="johnson").id


def test_an_admission_suggests_three_calls_from_the_day_of_entry(db: Database) -> None:
    case_id = _case(db)
    with db.session() as s:
        record_outcome(
            s, case_id, "admitted", occurred_on=date(2026, 11, 30), entry_on=date(2026, 12, 1)
        )
        suggestions = suggested_tasks(s, case_id)
    assert [(t.title, t.due_on) for t in suggestions] == [
        ("Follow-up call, 24 hours after admission", date(2026, 12, 2)),
        ("Follow-up call, 7 days after admission", date(2026, 12, 8)),
        ("Follow-up call, 30 days after admission", date(2026, 12, 31)),
    ]


def test_a_refusal_suggests_a_family_meeting_and_other_results_suggest_nothing(
    db: Database,
) -> None:
    case_id = _case(db)
    with db.session() as s:
        for result in ("partial", "accepted_delayed", "cancelled"):
            record_outcome(s, case_id, result, occurred_on=date(2026, 11, 1))
        record_outcome(s, case_id, "admitted", occurred_on=None)  # no day: nothing to count from
        assert suggested_tasks(s, case_id) == []
        record_outcome(s, case_id, "refused", occurred_on=date(2026, 11, 20))
        record_outcome(s, case_id, "walked_out", occurred_on=date(2026, 11, 24))
        assert [(t.title, t.due_on) for t in suggested_tasks(s, case_id)] == [
            (FAMILY_MEETING_TITLE, date(2026, 11, 23)),
            (FAMILY_MEETING_TITLE, date(2026, 11, 27)),
        ]


def test_accepting_adds_every_suggestion_once(db: Database) -> None:
    case_id = _case(db)
    with db.session() as s:
        owner = add_participant(s, case_id, "Aunt").id
        record_outcome(s, case_id, "refused", occurred_on=date(2026, 11, 20))
        record_outcome(s, case_id, "admitted", occurred_on=date(2026, 11, 27))
    with db.session() as s:
        added = accept_suggestions(s, case_id, owner_id=owner)
        assert len(added) == 4
    with db.session() as s:
        assert suggested_tasks(s, case_id) == []
        assert accept_suggestions(s, case_id) == []
        rows = task_rows(s, case_id, today=TODAY)
        assert [r.due_on for r in rows] == sorted(r.due_on for r in rows)  # type: ignore[type-var]
        assert {r.owner for r in rows} == {"Aunt"}
        assert [r.overdue for r in rows] == [True, True, True, False]


def test_tasks_by_hand_are_edited_done_reopened_and_removed(db: Database) -> None:
    case_id = _case(db)
    other = _case(db, "Someone Else")
    with db.session() as s:
        stranger = add_participant(s, other, "Not on this team").id
        with pytest.raises(InvalidInput, match="team"):
            add_task(s, case_id, "Call", owner_id=stranger)
        with pytest.raises(InvalidInput, match="what the task is"):
            add_task(s, case_id, "  ")
        task = add_task(s, case_id, "Call the facility", due_on=date(2026, 12, 9))
        undated = add_task(s, case_id, "Send the family group list")
    with db.session() as s:
        update_task(s, task.id, {"notes": "Ask for the discharge date"})
        complete_task(s, task.id, at=datetime(2026, 12, 9, 15, tzinfo=UTC))
    with db.session() as s:
        rows = task_rows(s, case_id, today=TODAY)
        assert [r.title for r in rows] == ["Send the family group list", "Call the facility"]
        assert rows[1].done_at == datetime(2026, 12, 9, 15, tzinfo=UTC) and not rows[1].overdue
        complete_task(s, task.id, done=False)
    with db.session() as s:
        assert task_rows(s, case_id, today=TODAY)[0].overdue
        remove_task(s, undated.id)
    with db.session() as s:
        assert [r.title for r in task_rows(s, case_id, today=TODAY)] == ["Call the facility"]


def test_overdue_tasks_are_listed_per_case_and_counted_for_the_case_list(db: Database) -> None:
    first, second = _case(db, "A"), _case(db, "B")
    with db.session() as s:
        aunt = add_participant(s, first, "Aunt").id
        add_task(s, first, "Overdue one", due_on=date(2026, 12, 1), owner_id=aunt)
        add_task(s, first, "Overdue two", due_on=date(2026, 12, 9))
        add_task(s, first, "Due today", due_on=TODAY)
        add_task(s, second, "Due soon", due_on=date(2026, 12, 12))
    with db.session() as s:
        overdue = due_follow_ups(s, today=TODAY, case_id=first, overdue_only=True)
        assert [(t.title, t.owner, t.overdue) for t in overdue] == [
            ("Overdue one", "Aunt", True),
            ("Overdue two", "", True),
        ]
        assert all(t.task_id for t in overdue)
        assert [t.title for t in due_follow_ups(s, today=TODAY, case_id=second)] == ["Due soon"]
        assert overdue_counts(s, today=TODAY) == {first: 2}
        remove_participant(s, aunt)
    with db.session() as s:
        assert len(due_follow_ups(s, today=TODAY)) == 4

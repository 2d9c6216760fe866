"""Outcomes over time, the case status they call for, and bottom-line follow-through.

A case holds several outcomes (a refusal, then an admission a week later). The latest may call
for another case status; the page asks the counselor first (``proposed_status_change``) and
then applies it (``apply_status_change``): recording an outcome never moves the status itself.
Tasks the outcomes suggest live in ``services.follow_ups``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from interventiondesk.errors import InvalidInput
from interventiondesk.model import (
    BottomLineCheck,
    Case,
    CaseStatus,
    Event,
    FollowThrough,
    Letter,
    LetterKind,
    Outcome,
    OutcomeResult,
    Participant,
)
from interventiondesk.services import audit
from interventiondesk.services.cases import find_case
from interventiondesk.services.follow_ups import SuggestedTask, TaskRow, suggested_tasks, task_rows
from interventiondesk.services.records import apply_changes, editable_columns, get_record
from interventiondesk.services.timeline import TimelineEntry, case_timeline

OUTCOME_FIELDS = editable_columns(Outcome)
CHECK_FIELDS = editable_columns(BottomLineCheck, "participant_id")

STATUS_AFTER: Mapping[OutcomeResult, CaseStatus] = {
    OutcomeResult.ADMITTED: CaseStatus.FOLLOW_UP,
    OutcomeResult.ACCEPTED_DELAYED: CaseStatus.HELD,
    OutcomeResult.PARTIAL: CaseStatus.HELD,
    OutcomeResult.REFUSED: CaseStatus.HELD,
    OutcomeResult.WALKED_OUT: CaseStatus.HELD,
    OutcomeResult.CANCELLED: CaseStatus.PLANNING,
}
"""The status an outcome calls for: admitted means follow-up; a held meeting without an
admission (yet) means held; a cancelled or postponed one sends the case back to planning."""

KEPT_FLAG: Mapping[FollowThrough, bool | None] = {
    FollowThrough.KEPT: True,
    FollowThrough.NOT_KEPT: False,
    FollowThrough.NOT_APPLICABLE: None,
}
"""What the latest check says on the participant's own ``bottom_line_kept``."""


@dataclass(frozen=True, slots=True)
class OutcomeRow:
    id: str
    result: OutcomeResult
    occurred_on: date | None
    admitted_to: str
    entry_on: date | None
    notes: str
    event_id: str | None


@dataclass(frozen=True, slots=True)
class StatusChange:
    """What applying the latest outcome would change: shown to the counselor before it is."""

    case_id: str
    outcome_id: str
    result: OutcomeResult
    current: CaseStatus
    proposed: CaseStatus


@dataclass(frozen=True, slots=True)
class CheckRow:
    id: str
    status: FollowThrough
    noted_on: date
    notes: str


@dataclass(frozen=True, slots=True)
class BottomLineRow:
    """A participant who wrote a bottom-line letter, what it says, and whether it was kept."""

    participant_id: str
    name: str
    relationship: str
    bottom_lines: tuple[str, ...]
    status: FollowThrough | None
    """The latest check; for a case from before the checks, kept or not kept from the
    participant's own flag (without a day)."""
    noted_on: date | None
    history: tuple[CheckRow, ...]
    """Every check, newest first."""


@dataclass(frozen=True, slots=True)
class OutcomeView:
    """Everything the Outcome & follow-up page shows, read in one session."""

    case_id: str
    reference: str
    status: CaseStatus
    outcomes: tuple[OutcomeRow, ...]
    status_change: StatusChange | None
    bottom_lines: tuple[BottomLineRow, ...]
    tasks: tuple[TaskRow, ...]
    suggestions: tuple[SuggestedTask, ...]
    owners: tuple[tuple[str, str], ...]
    """(participant id, name) of the team, for the task owner choice."""
    timeline: tuple[TimelineEntry, ...] = ()
    """Every dated thing in the case, oldest first (``services.timeline``)."""


# Outcomes ---------------------------------------------------------------------------------


def _check_event(session: Session, case_id: str, event_id: str | None) -> None:
    if event_id is not None and get_record(session, Event, event_id, "event").case_id != case_id:
        raise InvalidInput("That event belongs to another case.")


def record_outcome(
    session: Session,
    case_id: str,
    result: OutcomeResult | str,
    *,
    occurred_on: date | None,
    admitted_to: str = "",
    entry_on: date | None = None,
    notes: str = "",
    event_id: str | None = None,
) -> Outcome:
    """Add an outcome (it does not move the case's status: see ``proposed_status_change``)."""
    case = get_record(session, Case, case_id, "case")
    _check_event(session, case.id, event_id)
    outcome = Outcome(case_id=case.id)
    apply_changes(
        outcome,
        {
            "result": result,
            "occurred_on": occurred_on,
            "admitted_to": admitted_to.strip(),
            "entry_on": entry_on,
            "notes": notes,
            "event_id": event_id,
        },
        OUTCOME_FIELDS,
    )
    _check_dates(outcome)
    session.add(outcome)
    session.flush()
    audit.record(
        session, "outcome.recorded", case_id=case.id, detail=f"outcome {outcome.id} {result}"
    )
    return outcome


def _check_dates(outcome: Outcome) -> None:
    if outcome.occurred_on and outcome.entry_on and outcome.entry_on < outcome.occurred_on:
        raise InvalidInput("The day of entry cannot come before the day of the outcome.")


def update_outcome(session: Session, outcome_id: str, changes: Mapping[str, Any]) -> Outcome:
    outcome = get_record(session, Outcome, outcome_id, "outcome")
    if "event_id" in changes:
        _check_event(session, outcome.case_id, changes["event_id"])
    apply_changes(outcome, changes, OUTCOME_FIELDS)
    _check_dates(outcome)
    return outcome


def remove_outcome(session: Session, outcome_id: str) -> None:
    outcome = get_record(session, Outcome, outcome_id, "outcome")
    audit.record(
        session, "outcome.removed", case_id=outcome.case_id, detail=f"outcome {outcome.id}"
    )
    session.delete(outcome)
    session.flush()


def in_time_order(outcomes: list[Outcome]) -> list[Outcome]:
    """Oldest first; undated ones count as the oldest, ties by when they were recorded."""
    return sorted(
        outcomes, key=lambda o: (o.occurred_on is not None, o.occurred_on or date.min, o.created_at)
    )


def latest_outcome(case: Case) -> Outcome | None:
    ordered = in_time_order(list(case.outcomes))
    return ordered[-1] if ordered else None


def _proposal(case: Case) -> StatusChange | None:
    latest = latest_outcome(case)
    if latest is None or case.status is CaseStatus.CLOSED or case.archived_at is not None:
        return None
    proposed = STATUS_AFTER[latest.result]
    if proposed is case.status:
        return None
    return StatusChange(case.id, latest.id, latest.result, case.status, proposed)


def proposed_status_change(session: Session, case_id: str) -> StatusChange | None:
    """The status the latest outcome calls for, when it differs from the case's (never for a
    closed or archived case, which the counselor closed on purpose)."""
    return _proposal(find_case(session, case_id))


def apply_status_change(session: Session, change: StatusChange) -> Case:
    """Apply a change the counselor agreed to; refused when the case moved on meanwhile."""
    case = get_record(session, Case, change.case_id, "case")
    if _proposal(case) != change:
        raise InvalidInput(
            "The case or its outcomes changed since this was proposed; look again and choose."
        )
    case.status = change.proposed
    audit.record(
        session,
        "case.status_from_outcome",
        case_id=case.id,
        detail=f"{change.current} -> {change.proposed} after outcome {change.outcome_id}",
    )
    return case


# Bottom lines -----------------------------------------------------------------------------


def _bottom_line_letters(session: Session, case_id: str) -> dict[str, list[str]]:
    query = (
        select(Letter.author_id, Letter.bottom_line)
        .where(
            Letter.case_id == case_id,
            Letter.kind == LetterKind.BOTTOM_LINE,
            Letter.deleted_at.is_(None),
        )
        .order_by(Letter.created_at, Letter.id)
    )
    found: dict[str, list[str]] = {}
    for author_id, text in session.execute(query):
        found.setdefault(author_id, []).append(text)
    return found


def record_bottom_line(
    session: Session,
    participant_id: str,
    status: FollowThrough | str,
    *,
    noted_on: date,
    notes: str = "",
) -> BottomLineCheck:
    """Note whether a participant is keeping the bottom line of their bottom-line letter."""
    person = get_record(session, Participant, participant_id, "participant")
    if person.id not in _bottom_line_letters(session, person.case_id):
        raise InvalidInput("This person has not written a bottom-line letter in this case.")
    check = BottomLineCheck(case_id=person.case_id, participant_id=person.id)
    apply_changes(check, {"status": status, "noted_on": noted_on, "notes": notes}, CHECK_FIELDS)
    session.add(check)
    session.flush()
    _refresh_flag(session, person)
    audit.record(session, "bottom_line.noted", case_id=person.case_id, detail=f"check {check.id}")
    return check


def remove_bottom_line_check(session: Session, check_id: str) -> None:
    check = get_record(session, BottomLineCheck, check_id, "note")
    person = check.participant
    session.delete(check)
    session.flush()
    _refresh_flag(session, person)


def _refresh_flag(session: Session, person: Participant) -> None:
    latest = session.scalars(
        select(BottomLineCheck)
        .where(BottomLineCheck.participant_id == person.id)
        .order_by(BottomLineCheck.noted_on.desc(), BottomLineCheck.created_at.desc())
        .limit(1)
    ).first()
    person.bottom_line_kept = KEPT_FLAG[latest.status] if latest is not None else None


def bottom_line_rows(session: Session, case_id: str) -> list[BottomLineRow]:
    """Each participant who wrote a bottom-line letter, in team order."""
    letters = _bottom_line_letters(session, case_id)
    checks: dict[str, list[BottomLineCheck]] = {}
    for check in session.scalars(
        select(BottomLineCheck)
        .where(BottomLineCheck.case_id == case_id)
        .order_by(BottomLineCheck.noted_on.desc(), BottomLineCheck.created_at.desc())
    ):
        checks.setdefault(check.participant_id, []).append(check)
    people = session.scalars(
        select(Participant)
        .where(Participant.case_id == case_id, Participant.deleted_at.is_(None))
        .order_by(Participant.position, Participant.created_at)
    )
    rows = []
    for person in people:
        if person.id not in letters:
            continue
        history = tuple(
            CheckRow(c.id, c.status, c.noted_on, c.notes) for c in checks.get(person.id, [])
        )
        if history:
            status: FollowThrough | None = history[0].status
        elif person.bottom_line_kept is not None:
            status = FollowThrough.KEPT if person.bottom_line_kept else FollowThrough.NOT_KEPT
        else:
            status = None
        rows.append(
            BottomLineRow(
                participant_id=person.id,
                name=person.name,
                relationship=person.relationship_to_client,
                bottom_lines=tuple(letters[person.id]),
                status=status,
                noted_on=history[0].noted_on if history else None,
                history=history,
            )
        )
    return rows


# The page's one read ----------------------------------------------------------------------


def outcome_rows(case: Case) -> list[OutcomeRow]:
    return [
        OutcomeRow(o.id, o.result, o.occurred_on, o.admitted_to, o.entry_on, o.notes, o.event_id)
        for o in in_time_order(list(case.outcomes))
    ]


def outcome_view(
    session: Session, case_id: str, *, today: date | None = None, zone: tzinfo | None = None
) -> OutcomeView:
    """What the Outcome & follow-up page shows, its timeline included: one call, one session.
    ``zone`` is the viewer's time zone (by default this computer's), as for ``case_timeline``."""
    case = find_case(session, case_id)
    return OutcomeView(
        case_id=case.id,
        reference=case.reference,
        status=case.status,
        outcomes=tuple(outcome_rows(case)),
        status_change=_proposal(case),
        bottom_lines=tuple(bottom_line_rows(session, case.id)),
        tasks=tuple(task_rows(session, case.id, today=today)),
        suggestions=tuple(suggested_tasks(session, case.id)),
        owners=tuple((p.id, p.name) for p in case.participants if p.deleted_at is None),
        timeline=tuple(case_timeline(session, case.id, zone=zone)),
    )

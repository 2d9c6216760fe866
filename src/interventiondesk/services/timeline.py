"""A case's timeline: every dated thing in it, in one chronological list of frozen entries.

Moments (an event, a screen, a revision) keep their instant; things that have only a day (an
observation, an outcome, a task's due day) are placed at the start of that day in the viewer's
time zone, before the moments of the same day. Every ``at`` is an aware datetime, so the page
shows it in the user's zone and the order never depends on where an event took place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from interventiondesk.model import (
    AuditEvent,
    Case,
    LetterStatus,
    TimelineKind,
)
from interventiondesk.services.cases import find_case


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    kind: TimelineKind
    at: datetime
    """Aware. For a day-only entry, the start of ``day`` in the viewer's zone."""
    day: date | None
    """The day of a day-only entry (shown without a time); None for a moment."""
    record_id: str
    subject: str
    """The record's own words (an event's title, an observation, a task, a name); may be
    empty."""
    code: StrEnum | None = None
    """A value of the model's vocabularies that the entry is about (an outcome's result, a
    screen's triage, an event's kind...), for the page to name with its label."""
    timezone: str = ""
    """Where an event takes place (its own zone, which the page may show beside the time)."""
    rating: int | None = None
    cancelled: bool = False


def _start_of(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=zone).astimezone(UTC)


def _first_line(text: str, width: int = 120) -> str:
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= width else line[: width - 1] + "…"


def _finalised_at(session: Session, case: Case) -> dict[str, datetime]:
    """When each letter was last made final, from the audit trail of this workspace."""
    query = select(AuditEvent.detail, AuditEvent.at).where(
        AuditEvent.case_id == case.id, AuditEvent.action == "letter.finalised"
    )
    found: dict[str, datetime] = {}
    for detail, at in session.execute(query):
        letter_id = detail.removeprefix("letter ")
        found[letter_id] = max(at, found.get(letter_id, at))
    return found


def _entries(session: Session, case: Case, zone: tzinfo) -> Iterable[TimelineEntry]:
    def on(day: date) -> datetime:
        return _start_of(day, zone)

    yield TimelineEntry(TimelineKind.PLAN_CREATED, case.created_at, None, case.id, "", case.kind)
    for seen in case.observations:
        if seen.observed_on is not None:
            yield TimelineEntry(
                TimelineKind.OBSERVATION,
                on(seen.observed_on),
                seen.observed_on,
                seen.id,
                _first_line(seen.text),
                seen.sign,
            )
    finalised = _finalised_at(session, case)
    names = {p.id: p.name for p in case.participants}
    for letter in case.letters:
        if letter.status is LetterStatus.FINAL and letter.deleted_at is None:
            at = finalised.get(letter.id, letter.updated_at)
            yield TimelineEntry(
                TimelineKind.LETTER_FINAL,
                at,
                None,
                letter.id,
                names.get(letter.author_id, ""),
                letter.kind,
            )
    for event in case.events:
        yield TimelineEntry(
            TimelineKind.EVENT,
            event.starts_at,
            None,
            event.id,
            event.title,
            event.kind,
            timezone=event.timezone,
            cancelled=event.cancelled_at is not None,
        )
    for outcome in case.outcomes:
        if outcome.occurred_on is not None:
            yield TimelineEntry(
                TimelineKind.OUTCOME,
                on(outcome.occurred_on),
                outcome.occurred_on,
                outcome.id,
                outcome.admitted_to,
                outcome.result,
            )
    for task in case.follow_ups:
        if task.due_on is not None:
            yield TimelineEntry(
                TimelineKind.TASK_DUE, on(task.due_on), task.due_on, task.id, task.title
            )
        if task.done_at is not None:
            yield TimelineEntry(TimelineKind.TASK_DONE, task.done_at, None, task.id, task.title)
    for check in case.bottom_line_checks:
        yield TimelineEntry(
            TimelineKind.BOTTOM_LINE,
            on(check.noted_on),
            check.noted_on,
            check.id,
            names.get(check.participant_id, ""),
            check.status,
        )
    for screen in case.risk_screens:
        yield TimelineEntry(
            TimelineKind.RISK_SCREEN,
            screen.screened_at,
            None,
            screen.id,
            screen.screened_by,
            screen.triage,
        )
    revisions = list(case.safety_plan_revisions)
    for revision in revisions:
        yield TimelineEntry(
            TimelineKind.SAFETY_PLAN, revision.revised_at, None, revision.id, revision.revised_by
        )
    if not revisions and case.safety_plan is not None:
        plan = case.safety_plan
        yield TimelineEntry(TimelineKind.SAFETY_PLAN, plan.updated_at, None, plan.id, "")
    for entry in case.asam_history:
        yield TimelineEntry(
            TimelineKind.ASAM,
            entry.rated_at,
            None,
            entry.id,
            entry.rated_by,
            entry.dimension,
            rating=entry.rating,
        )


_KIND_ORDER = {kind: number for number, kind in enumerate(TimelineKind)}


def case_timeline(
    session: Session,
    case_id: str,
    *,
    kinds: Iterable[TimelineKind | str] | None = None,
    zone: tzinfo | None = None,
) -> list[TimelineEntry]:
    """The case's dated things, oldest first; ``kinds`` keeps only those kinds. ``zone`` is
    the viewer's time zone (by default this computer's), which places day-only entries."""
    case = find_case(session, case_id)
    viewer = zone or datetime.now().astimezone().tzinfo or UTC
    wanted = None if kinds is None else {TimelineKind(kind) for kind in kinds}
    entries = [
        entry for entry in _entries(session, case, viewer) if wanted is None or entry.kind in wanted
    ]
    return sorted(entries, key=_order)


def _order(entry: TimelineEntry) -> tuple[object, ...]:
    """Time first; on the same instant, day-only entries, then by kind, then in the order of
    the vocabulary (the six ASAM dimensions of one rating in their own order)."""
    code = entry.code
    place = list(type(code)).index(code) if code is not None else -1
    return (
        entry.at,
        entry.day is None,
        _KIND_ORDER[entry.kind],
        place,
        entry.subject,
        entry.record_id,
    )

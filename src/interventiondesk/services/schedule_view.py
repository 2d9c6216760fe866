"""What the Schedule page shows of a case, read at once: its events, the chosen event with its
invitations and conflicts, and the travel buffer. Frozen plain values, safe to keep in widgets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from interventiondesk.errors import NotFound
from interventiondesk.model import (
    AttendeeResponse,
    Case,
    Event,
    EventKind,
    InterventionModel,
    Participant,
)
from interventiondesk.services.conflicts import Conflict, conflicts_if_held_at
from interventiondesk.services.scheduling import local_start, travel_buffer


@dataclass(frozen=True, slots=True)
class EventLine:
    """One event of the case's list and month view."""

    id: str
    kind: EventKind
    title: str
    local_start: datetime
    """Aware, in the event's own zone: the time as the people there read it."""
    cancelled: bool


@dataclass(frozen=True, slots=True)
class Invitee:
    """A person on the case's roster and their answer to the event (None: not invited)."""

    participant_id: str
    name: str
    """The name with its spaces tidied; empty when the person has none yet."""
    response: AttendeeResponse | None


@dataclass(frozen=True, slots=True)
class ShownTimes:
    """The times an editor shows for an event, saved or not: conflicts are checked for these."""

    event_id: str
    starts: datetime
    """Wall-clock time (naive) in ``timezone``."""
    timezone: str
    duration_minutes: int
    is_video: bool


@dataclass(frozen=True, slots=True)
class EventDetail:
    """One event as its editor shows it, with the roster's invitations and its conflicts."""

    id: str
    case_id: str
    kind: EventKind
    title: str
    local_start: datetime
    """Aware, in the event's own zone."""
    timezone: str
    duration_minutes: int
    place: str
    is_video: bool
    notes: str
    skills_practised: str
    readiness_override: str
    cancelled: bool
    invitees: tuple[Invitee, ...]
    conflicts: tuple[Conflict, ...]
    """Of the shown times when they were given, otherwise of the saved ones as an editor shows
    them (to the minute); none for a cancelled event."""


@dataclass(frozen=True, slots=True)
class ScheduleView:
    """Everything the Schedule page shows for a case."""

    case_id: str
    model: InterventionModel
    """The case's intervention model, which decides the kind of a new event."""
    travel_buffer: int
    """Minutes between in-person events, a setting of the workspace (all cases)."""
    events: tuple[EventLine, ...]
    """Earliest first, cancelled ones included."""
    current: EventDetail | None
    """The chosen event (the first when the wanted one is not in the case), None if none."""
    zones: tuple[str, ...] = ()
    """The time zones the case already uses (its events, the people's availability, the
    intake), first used first: the zone pickers offer them before all others."""


def schedule_view(
    session: Session,
    case_id: str,
    *,
    choose: str | None = None,
    shown: ShownTimes | None = None,
) -> ScheduleView:
    """The case's events, and the details of the event ``choose`` (or the first).

    ``shown`` gives the times an editor shows for the chosen event (saved or not); its
    conflicts are checked for those instead of the saved times.
    """
    query = (
        select(Case)
        .where(Case.id == case_id)
        .options(
            selectinload(Case.events),
            selectinload(Case.participants).selectinload(Participant.availability),
        )
    )
    case = session.scalars(query).one_or_none()
    if case is None:
        raise NotFound("That case no longer exists (it may have been removed elsewhere).")
    events = case.events
    chosen = next((e for e in events if e.id == choose), events[0] if events else None)
    return ScheduleView(
        case_id=case.id,
        model=case.model,
        travel_buffer=travel_buffer(session),
        events=tuple(_line(event) for event in events),
        current=None if chosen is None else _detail(session, chosen, case.participants, shown),
        zones=case_zones(case),
    )


def case_zones(case: Case) -> tuple[str, ...]:
    """The zones of the case's events, its people's availability and its intake, once each."""
    names = [event.timezone for event in case.events]
    names += [
        window.timezone
        for person in case.participants
        if person.deleted_at is None
        for window in person.availability
    ]
    names.append(case.intake_timezone)
    return tuple(dict.fromkeys(name for name in names if name))


def event_view(session: Session, event_id: str, *, shown: ShownTimes | None = None) -> EventDetail:
    """One event as its editor shows it (when another event of the list is chosen)."""
    query = (
        select(Event)
        .where(Event.id == event_id)
        .options(
            selectinload(Event.attendees),
            joinedload(Event.case)
            .selectinload(Case.participants)
            .selectinload(Participant.availability),
        )
    )
    event = session.scalars(query).one_or_none()
    if event is None:
        raise NotFound("That event no longer exists (it may have been removed elsewhere).")
    return _detail(session, event, event.case.participants, shown)


def _line(event: Event) -> EventLine:
    return EventLine(
        id=event.id,
        kind=event.kind,
        title=event.title,
        local_start=local_start(event),
        cancelled=event.cancelled_at is not None,
    )


def _detail(
    session: Session, event: Event, roster: Sequence[Participant], shown: ShownTimes | None
) -> EventDetail:
    answers = {a.participant_id: a.response for a in event.attendees}
    start = local_start(event)
    if shown is None or shown.event_id != event.id:
        # What an editor shows of the saved times: the wall clock to the minute.
        shown = ShownTimes(
            event_id=event.id,
            starts=start.replace(tzinfo=None, second=0, microsecond=0, fold=0),
            timezone=event.timezone,
            duration_minutes=event.duration_minutes,
            is_video=event.is_video,
        )
    found = conflicts_if_held_at(
        session,
        event.id,
        starts=shown.starts,
        timezone=shown.timezone,
        duration_minutes=shown.duration_minutes,
        is_video=shown.is_video,
    )
    return EventDetail(
        id=event.id,
        case_id=event.case_id,
        kind=event.kind,
        title=event.title,
        local_start=start,
        timezone=event.timezone,
        duration_minutes=event.duration_minutes,
        place=event.place,
        is_video=event.is_video,
        notes=event.notes,
        skills_practised=event.skills_practised,
        readiness_override=event.readiness_override,
        cancelled=event.cancelled_at is not None,
        invitees=tuple(
            Invitee(
                participant_id=person.id,
                name=" ".join(person.name.split()),
                response=answers.get(person.id),
            )
            for person in roster
            if person.deleted_at is None
        ),
        conflicts=tuple(found),
    )

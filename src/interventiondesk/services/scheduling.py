"""Events of a case: times kept in their own zone, invitations, conflicts and the agenda."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from interventiondesk.errors import InvalidInput
from interventiondesk.limits import MAX_DURATION_MINUTES as MAX_DURATION_MINUTES
from interventiondesk.limits import MIN_DURATION_MINUTES
from interventiondesk.model import (
    AttendeeResponse,
    Case,
    Event,
    EventAttendee,
    EventKind,
    Participant,
    utcnow,
)
from interventiondesk.services import logistics, settings
from interventiondesk.services.records import apply_changes, editable_columns, get_record
from interventiondesk.times import to_utc, zone, zone_or_utc

EVENT_FIELDS = editable_columns(
    Event, "starts_at", "timezone", "readiness_override", "cancelled_at"
)
DEFAULT_TRAVEL_BUFFER_MINUTES = 30

KIND_WORDS = {
    EventKind.REHEARSAL: "rehearsal",
    EventKind.NETWORK_MEETING: "network meeting",
    EventKind.COACHING_SESSION: "coaching session",
    EventKind.INTERVENTION: "intervention meeting",
    EventKind.FOLLOW_UP_CALL: "follow-up call",
    EventKind.OTHER: "meeting",
}


def local_start(event: Event) -> datetime:
    """The event's start as the people there read it on their clocks."""
    return event.starts_at.astimezone(zone_or_utc(event.timezone))


def ends_at(event: Event) -> datetime:
    return event.starts_at + timedelta(minutes=event.duration_minutes)


def describe_when(starts_at: datetime, minutes: int, timezone: str) -> str:
    """E.g. ``Tue 1 Dec 2026, 18:00–19:30 (America/New_York)``."""
    tz = zone_or_utc(timezone)
    start = starts_at.astimezone(tz)
    end = (starts_at + timedelta(minutes=minutes)).astimezone(tz)
    until = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%a} {end.day} {end:%b %H:%M}"
    return f"{start:%a} {start.day} {start:%b %Y}, {start:%H:%M}–{until} ({tz.key})"


# Events ---------------------------------------------------------------------------------


def _check_duration(minutes: int) -> None:
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise InvalidInput("The duration must be a whole number of minutes.")
    if not MIN_DURATION_MINUTES <= minutes <= MAX_DURATION_MINUTES:
        raise InvalidInput("The duration must be between 1 minute and 24 hours.")


def create_event(
    session: Session,
    case_id: str,
    *,
    kind: EventKind | str,
    starts: datetime,
    timezone: str,
    duration_minutes: int = 60,
    title: str = "",
    place: str = "",
    is_video: bool = False,
    notes: str = "",
    skills_practised: str = "",
    despite_open_items: bool = False,
) -> Event:
    """Schedule an event; ``starts`` is a wall-clock time in ``timezone`` (or any aware time).

    An intervention meeting while required logistics are open raises NotReadyToSchedule unless
    ``despite_open_items`` confirms it; the confirmation is then recorded.
    """
    case = get_record(session, Case, case_id, "case")
    _check_duration(duration_minutes)
    event = Event(starts_at=to_utc(starts, timezone), timezone=timezone.strip())
    apply_changes(
        event,
        {
            "kind": kind,
            "title": title,
            "duration_minutes": duration_minutes,
            "place": place,
            "is_video": is_video,
            "notes": notes,
            "skills_practised": skills_practised,
        },
        EVENT_FIELDS,
    )
    is_meeting = event.kind == EventKind.INTERVENTION
    if is_meeting:
        state = logistics.require_ready_or_confirmed(session, case, confirmed=despite_open_items)
    case.events.append(event)
    session.flush()
    if is_meeting and not state.ready:
        logistics.schedule_meeting_despite(session, event.id)
    return event


def update_event(
    session: Session,
    event_id: str,
    changes: Mapping[str, Any],
    *,
    despite_open_items: bool = False,
) -> Event:
    """Edit title, kind, duration, place, video, notes or skills practised."""
    event = get_record(session, Event, event_id, "event")
    if "duration_minutes" in changes:
        _check_duration(changes["duration_minutes"])
    becomes_meeting = (
        "kind" in changes
        and str(changes["kind"]) == EventKind.INTERVENTION.value
        and event.kind != EventKind.INTERVENTION
    )
    if becomes_meeting:
        state = logistics.require_ready_or_confirmed(
            session, event.case, confirmed=despite_open_items
        )
    apply_changes(event, changes, EVENT_FIELDS)
    if becomes_meeting and not state.ready:
        logistics.schedule_meeting_despite(session, event.id)
    return event


def reschedule(
    session: Session,
    event_id: str,
    *,
    starts: datetime | None = None,
    timezone: str | None = None,
    duration_minutes: int | None = None,
) -> Event:
    """Move an event. A new zone alone keeps the wall-clock time (the zone was picked wrong)."""
    event = get_record(session, Event, event_id, "event")
    if starts is not None or (timezone is not None and timezone.strip() != event.timezone):
        new_zone = event.timezone if timezone is None else timezone
        if starts is None:
            # Same wall-clock time in the new zone; the second 01:30 of a fall-back night
            # stays the second one, so keep its fold.
            current = local_start(event)
            wall = current.replace(tzinfo=None, fold=current.fold)
        else:
            wall = starts
        event.starts_at = to_utc(wall, new_zone)
        event.timezone = new_zone.strip()
    if duration_minutes is not None:
        _check_duration(duration_minutes)
        event.duration_minutes = duration_minutes
    return event


def cancel_event(session: Session, event_id: str) -> Event:
    event = get_record(session, Event, event_id, "event")
    if event.cancelled_at is None:
        event.cancelled_at = utcnow()
    return event


def restore_event(session: Session, event_id: str) -> Event:
    event = get_record(session, Event, event_id, "event")
    event.cancelled_at = None
    return event


def delete_event(session: Session, event_id: str) -> None:
    event = get_record(session, Event, event_id, "event")
    event.case.events.remove(event)  # delete-orphan: removing it from the case deletes it
    session.flush()


def get_event(session: Session, event_id: str) -> Event:
    return get_record(session, Event, event_id, "event")


def case_events(session: Session, case_id: str, *, include_cancelled: bool = True) -> list[Event]:
    events = get_record(session, Case, case_id, "case").events
    return [e for e in events if include_cancelled or e.cancelled_at is None]


def event_days(session: Session, case_id: str, year: int, month: int) -> dict[date, list[Event]]:
    """The month view: a case's events by the day they happen on where they happen."""
    days: dict[date, list[Event]] = {}
    for event in case_events(session, case_id, include_cancelled=False):
        day = local_start(event).date()
        if (day.year, day.month) == (year, month):
            days.setdefault(day, []).append(event)
    return days


def week_range(day: date, timezone: str) -> tuple[datetime, datetime]:
    """Monday 00:00 to the next Monday 00:00 around ``day`` in ``timezone``, as UTC."""
    tz = zone(timezone)
    monday = day - timedelta(days=day.weekday())
    start = datetime.combine(monday, time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(monday + timedelta(days=7), time(0), tzinfo=tz).astimezone(UTC)
    return start, end


# Invitations ----------------------------------------------------------------------------


def invite(
    session: Session,
    event_id: str,
    participant_id: str,
    response: AttendeeResponse | str = AttendeeResponse.INVITED,
) -> EventAttendee:
    """Invite a participant of the same case (inviting again just updates the response)."""
    event = get_record(session, Event, event_id, "event")
    person = get_record(session, Participant, participant_id, "participant")
    if person.case_id != event.case_id or person.deleted_at is not None:
        raise InvalidInput("Only people on this case's roster can be invited to its events.")
    for attendee in event.attendees:
        if attendee.participant_id == participant_id:
            apply_changes(attendee, {"response": response}, {"response"})
            return attendee
    attendee = EventAttendee(participant_id=participant_id)
    apply_changes(attendee, {"response": response}, {"response"})
    event.attendees.append(attendee)
    session.flush()
    return attendee


def respond(
    session: Session, event_id: str, participant_id: str, response: AttendeeResponse | str
) -> EventAttendee:
    """Record a participant's answer: invited, confirmed, declined or tentative."""
    event = get_record(session, Event, event_id, "event")
    for attendee in event.attendees:
        if attendee.participant_id == participant_id:
            apply_changes(attendee, {"response": response}, {"response"})
            return attendee
    raise InvalidInput("That person is not invited to this event; invite them first.")


def uninvite(session: Session, event_id: str, participant_id: str) -> None:
    event = get_record(session, Event, event_id, "event")
    for attendee in list(event.attendees):
        if attendee.participant_id == participant_id:
            event.attendees.remove(attendee)
    session.flush()


# Settings -------------------------------------------------------------------------------


def travel_buffer(session: Session) -> int:
    """Minutes the counselor needs between two events, at least one of them in person."""
    raw = settings.get(session, settings.TRAVEL_BUFFER_MINUTES)
    try:
        return max(0, int(raw)) if raw.strip() else DEFAULT_TRAVEL_BUFFER_MINUTES
    except ValueError:
        return DEFAULT_TRAVEL_BUFFER_MINUTES


def set_travel_buffer(session: Session, minutes: int) -> None:
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 <= minutes <= 720:
        raise InvalidInput("The travel buffer must be between 0 and 720 minutes.")
    settings.put(session, settings.TRAVEL_BUFFER_MINUTES, str(minutes))


def counselor_of(session: Session, case: Case) -> str:
    """Whose diary the case is in: its counselor, or the workspace's own counselor when blank."""
    return diary_of(case.counselor, settings.get(session, settings.COUNSELOR_NAME))


def diary_of(case_counselor: str, own: str) -> str:
    """``counselor_of`` from a case's counselor and the workspace's own counselor's name, for
    loops that read the setting once."""
    return " ".join((case_counselor.strip() or own).split()).casefold()


# The agenda -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgendaEntry:
    """One line of the counselor's agenda across cases."""

    event_id: str
    case_id: str
    reference: str
    client_name: str
    kind: EventKind
    title: str
    starts_at: datetime
    duration_minutes: int
    timezone: str
    place: str
    is_video: bool

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(zone_or_utc(self.timezone))

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)


def agenda(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    counselor: str | None = None,
    limit: int | None = None,
) -> list[AgendaEntry]:
    """Events (not cancelled, in open cases) that overlap ``start``–``end``, earliest first.

    ``counselor`` limits it to one counselor's cases (blank means the workspace's own);
    ``limit`` stops after that many entries (the rows are read in batches, never all at once).
    """
    earliest = start - timedelta(minutes=MAX_DURATION_MINUTES)
    query = (
        select(Event)
        .join(Case, Case.id == Event.case_id)
        .where(
            Event.cancelled_at.is_(None),
            Case.archived_at.is_(None),
            Event.starts_at < end,
            Event.starts_at >= earliest,
        )
        .order_by(Event.starts_at)
        .options(joinedload(Event.case).joinedload(Case.client))
        .execution_options(yield_per=200)
    )
    wanted = None
    own = ""
    if counselor is not None:
        own = settings.get(session, settings.COUNSELOR_NAME)
        wanted = diary_of(counselor, own)
    entries: list[AgendaEntry] = []
    with session.scalars(query) as events:
        for event in events:
            if limit is not None and len(entries) >= limit:
                break
            if ends_at(event) <= start:
                continue
            if wanted is not None and diary_of(event.case.counselor, own) != wanted:
                continue
            entries.append(
                AgendaEntry(
                    event_id=event.id,
                    case_id=event.case_id,
                    reference=event.case.reference,
                    client_name=event.case.client.full_name,
                    kind=event.kind,
                    title=event.title,
                    starts_at=event.starts_at,
                    duration_minutes=event.duration_minutes,
                    timezone=event.timezone,
                    place=event.place,
                    is_video=event.is_video,
                )
            )
    return entries

"""Scheduling conflicts in words: double bookings, too little travel time, unavailable people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from interventiondesk.errors import InterventionDeskError
from interventiondesk.model import (
    AttendeeResponse,
    AvailabilityWindow,
    Case,
    Event,
    Participant,
)
from interventiondesk.services import settings
from interventiondesk.services.records import get_record
from interventiondesk.services.scheduling import (
    KIND_WORDS,
    MAX_DURATION_MINUTES,
    describe_when,
    diary_of,
    ends_at,
    travel_buffer,
)
from interventiondesk.times import to_utc, zone

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class ConflictKind(StrEnum):
    OVERLAP = "overlap"
    TOO_CLOSE = "too_close"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True, slots=True)
class Conflict:
    """One finding, with a message for the counselor and the records it concerns."""

    kind: ConflictKind
    message: str
    other_event_id: str | None = None
    participant_id: str | None = None


@dataclass(frozen=True, slots=True)
class Proposal:
    """Times being considered for an event of a case, before (or instead of) saving them."""

    case_id: str
    starts_at: datetime
    duration_minutes: int
    timezone: str = "UTC"
    is_video: bool = False
    participant_ids: tuple[str, ...] = ()
    event_id: str | None = None

    @classmethod
    def of(cls, event: Event) -> Proposal:
        invited = tuple(
            a.participant_id for a in event.attendees if a.response != AttendeeResponse.DECLINED
        )
        return cls(
            case_id=event.case_id,
            starts_at=event.starts_at,
            duration_minutes=event.duration_minutes,
            timezone=event.timezone,
            is_video=event.is_video,
            participant_ids=invited,
            event_id=event.id,
        )

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)


def conflicts(session: Session, subject: Event | Proposal) -> list[Conflict]:
    """Everything wrong with these times: an empty list means no conflict."""
    proposal = Proposal.of(subject) if isinstance(subject, Event) else subject
    if isinstance(subject, Event) and subject.cancelled_at is not None:
        return []
    found = _diary_conflicts(session, proposal)
    found += _availability_conflicts(session, proposal)
    return found


def conflicts_if_held_at(
    session: Session,
    event_id: str,
    *,
    starts: datetime,
    timezone: str,
    duration_minutes: int,
    is_video: bool,
) -> list[Conflict]:
    """Conflicts of an event at other times than the saved ones (as typed, before saving):
    ``starts`` is a wall-clock time in ``timezone``. When it does not exist there (a
    daylight-saving gap) the saved start is checked instead. A cancelled event has none."""
    event = get_record(session, Event, event_id, "event")
    if event.cancelled_at is not None:
        return []
    saved = Proposal.of(event)
    try:
        starts_at = to_utc(starts, timezone)
    except InterventionDeskError:
        starts_at = saved.starts_at
    proposal = Proposal(
        case_id=event.case_id,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        timezone=timezone,
        is_video=is_video,
        participant_ids=saved.participant_ids,
        event_id=event.id,
    )
    return conflicts(session, proposal)


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _diary_conflicts(session: Session, proposal: Proposal) -> list[Conflict]:
    """Overlaps with the same counselor's events in any open case, and gaps under the buffer."""
    case = get_record(session, Case, proposal.case_id, "case")
    own = settings.get(session, settings.COUNSELOR_NAME)
    mine = diary_of(case.counselor, own)
    buffer = travel_buffer(session)
    start = proposal.starts_at.astimezone(UTC)
    end = proposal.ends_at.astimezone(UTC)
    query = (
        select(Event)
        .join(Case, Case.id == Event.case_id)
        .where(
            Event.cancelled_at.is_(None),
            Case.archived_at.is_(None),
            Event.starts_at < end + timedelta(minutes=buffer),
            Event.starts_at > start - timedelta(minutes=MAX_DURATION_MINUTES + buffer),
        )
        .order_by(Event.starts_at)
        .options(joinedload(Event.case))
    )
    found = []
    for other in session.scalars(query):
        if other.id == proposal.event_id or diary_of(other.case.counselor, own) != mine:
            continue
        other_end = ends_at(other)
        what = _name_other(other, proposal.case_id)
        when = describe_when(other.starts_at, other.duration_minutes, other.timezone)
        if other.starts_at < end and start < other_end:
            found.append(
                Conflict(ConflictKind.OVERLAP, f"Overlaps {what}: {when}.", other_event_id=other.id)
            )
            continue
        if buffer == 0 or (proposal.is_video and other.is_video):
            continue  # no travel between two video calls
        gap = _minutes(max(other.starts_at - end, start - other_end))
        if gap < buffer:
            found.append(
                Conflict(
                    ConflictKind.TOO_CLOSE,
                    f"Only {gap} minutes between this and {what} ({when}); "
                    f"your travel buffer is {buffer} minutes.",
                    other_event_id=other.id,
                )
            )
    return found


def _name_other(other: Event, case_id: str) -> str:
    """Name another event without showing another client's details."""
    kind = KIND_WORDS[other.kind]
    if other.case_id == case_id:
        title = " ".join(other.title.split())
        return f"this case's {kind} “{title[:80]}”" if title else f"another {kind} of this case"
    return f"a {kind} of case {other.case.reference}"


def _availability_conflicts(session: Session, proposal: Proposal) -> list[Conflict]:
    found = []
    for participant_id in proposal.participant_ids:
        person = session.get(Participant, participant_id)
        if person is None or person.deleted_at is not None or not person.availability:
            continue  # no stated availability: nothing to check against
        if any(_fits(window, proposal) for window in person.availability):
            continue
        name = " ".join(person.name.split()) or "A participant"
        windows = ", ".join(_describe_window(w, proposal.timezone) for w in person.availability)
        found.append(
            Conflict(
                ConflictKind.UNAVAILABLE,
                f"{name} is not available then (available: {windows}).",
                participant_id=person.id,
            )
        )
    return found


def _window_zone(window: AvailabilityWindow, fallback: str) -> str:
    return window.timezone.strip() or fallback


def _fits(window: AvailabilityWindow, proposal: Proposal) -> bool:
    """Whether the whole event lies in one occurrence of the weekly window, in its own zone.

    Each occurrence is built from the wall-clock times on its own date, so a window stays
    "18:00–21:00" on both sides of a daylight-saving change. A window whose end is not after
    its start runs past midnight.
    """
    tz = zone(_window_zone(window, proposal.timezone))
    start = proposal.starts_at.astimezone(UTC)
    end = proposal.ends_at.astimezone(UTC)
    first_day = start.astimezone(tz).date()
    for offset in (-1, 0):
        day: date = first_day + timedelta(days=offset)
        if day.weekday() != window.weekday:
            continue
        opens = datetime.combine(day, window.starts, tzinfo=tz).astimezone(UTC)
        close_day = day if window.ends > window.starts else day + timedelta(days=1)
        closes = datetime.combine(close_day, window.ends, tzinfo=tz).astimezone(UTC)
        if opens <= start and end <= closes:
            return True
    return False


def _describe_window(window: AvailabilityWindow, fallback: str) -> str:
    day = WEEKDAYS[window.weekday] if 0 <= window.weekday <= 6 else "?"
    return f"{day} {window.starts:%H:%M}–{window.ends:%H:%M} {_window_zone(window, fallback)}"

"""Participants' weekly availability: the windows each week when someone can attend, each read
in its own time zone (the Schedule warns when an event falls outside them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from typing import Any

from sqlalchemy.orm import Session

from interventiondesk.errors import InvalidInput
from interventiondesk.model import AvailabilityWindow, Participant
from interventiondesk.services.records import apply_changes, editable_columns, get_record
from interventiondesk.times import zone

WINDOW_FIELDS = editable_columns(AvailabilityWindow, "participant_id")
MAX_WINDOWS = 50
"""More windows than anyone's week needs; stops a runaway script, not a counselor."""
MIDNIGHT = time(0)
DAY_NEEDED = "Choose a day of the week (Monday to Sunday) for the availability window."


@dataclass(frozen=True, slots=True)
class WeeklyWindow:
    """One availability window as the Participants page shows it."""

    id: str
    weekday: int
    """0 = Monday."""
    starts: time
    ends: time
    """00:00 means midnight."""
    timezone: str


def weekly_window(window: AvailabilityWindow) -> WeeklyWindow:
    """A loaded window as plain values."""
    return WeeklyWindow(
        id=window.id,
        weekday=window.weekday,
        starts=window.starts,
        ends=window.ends,
        timezone=window.timezone,
    )


def weekly_windows(session: Session, participant_id: str) -> tuple[WeeklyWindow, ...]:
    """The person's windows as plain values, Monday first, then by start time."""
    return tuple(weekly_window(window) for window in windows(session, participant_id))


def windows(session: Session, participant_id: str) -> list[AvailabilityWindow]:
    """The person's windows, Monday first, then by start time."""
    return list(get_record(session, Participant, participant_id, "participant").availability)


def add_window(
    session: Session,
    participant_id: str,
    *,
    weekday: int,
    starts: time | str,
    ends: time | str,
    timezone: str,
) -> AvailabilityWindow:
    """Add a weekly window (weekday 0 = Monday). An end of 00:00 means midnight."""
    person = get_record(session, Participant, participant_id, "participant")
    if len(person.availability) >= MAX_WINDOWS:
        raise InvalidInput(f"A person can have at most {MAX_WINDOWS} availability windows.")
    window = AvailabilityWindow(participant_id=person.id)
    _apply(window, {"weekday": weekday, "starts": starts, "ends": ends, "timezone": timezone})
    person.availability.append(window)
    session.flush()
    return window


def update_window(
    session: Session, window_id: str, changes: Mapping[str, Any]
) -> AvailabilityWindow:
    """Change a window; nothing changes when the result would not be a valid window."""
    window = get_record(session, AvailabilityWindow, window_id, "availability window")
    before = {name: getattr(window, name) for name in WINDOW_FIELDS}
    try:
        _apply(window, changes)
    except InvalidInput:
        for name, value in before.items():
            setattr(window, name, value)
        raise
    return window


def remove_window(session: Session, window_id: str) -> None:
    window = get_record(session, AvailabilityWindow, window_id, "availability window")
    window.participant.availability.remove(window)
    session.flush()


def _apply(window: AvailabilityWindow, changes: Mapping[str, Any]) -> None:
    cleaned = dict(changes)
    day = cleaned.get("weekday")
    if isinstance(day, int) and not isinstance(day, bool) and not 0 <= day <= 6:
        raise InvalidInput(DAY_NEEDED)
    if isinstance(cleaned.get("timezone"), str):
        cleaned["timezone"] = cleaned["timezone"].strip()
    apply_changes(window, cleaned, WINDOW_FIELDS)
    check_window(window.weekday, window.starts, window.ends, window.timezone)


def check_window(weekday: int | None, starts: time | None, ends: time | None, tz: str) -> None:
    """Refuse, in words, anything that is not a real weekly window."""
    if weekday is None or not 0 <= weekday <= 6:
        raise InvalidInput(DAY_NEEDED)
    if starts is None or ends is None:
        raise InvalidInput("An availability window needs a start and an end time.")
    if ends <= starts and ends != MIDNIGHT:
        raise InvalidInput(
            "An availability window must end after it starts. To run until midnight, "
            "end it at 00:00; for the small hours, add a window on the next day."
        )
    zone(tz)  # a real IANA zone, or a clear refusal

"""Time zones and durations: small helpers that every layer may use (no data layer, no Qt)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from interventiondesk.errors import InvalidInput
from interventiondesk.limits import DATE_RANGE_WORDS, date_in_range


def zone(name: str) -> ZoneInfo:
    """The IANA time zone called ``name``, or a clear refusal."""
    cleaned = name.strip()
    if not cleaned:
        raise InvalidInput("Choose a time zone (for example America/New_York).")
    try:
        return ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidInput(
            f"'{cleaned[:64]}' is not a time zone this computer knows "
            "(for example America/New_York or Europe/Berlin)."
        ) from exc


def zone_or_utc(name: str) -> ZoneInfo:
    """The zone called ``name``; UTC for a name this computer does not know (display only)."""
    try:
        return zone(name)
    except InvalidInput:
        return ZoneInfo("UTC")


def to_utc(local: datetime, timezone: str) -> datetime:
    """A wall-clock time in ``timezone`` as UTC. Aware datetimes are simply converted.

    A time the clocks skip (spring forward) is refused; a time that happens twice (fall back)
    means its first occurrence, or the second when ``local.fold`` is 1. Dates outside the
    years the app keeps (``limits``) are refused.
    """
    tz = zone(timezone)
    out_of_range = InvalidInput(f"Choose a date {DATE_RANGE_WORDS}.")
    if not date_in_range(local.date()):  # checked first: a year-9999 time cannot even move
        raise out_of_range
    if local.tzinfo is not None:
        moment = local.astimezone(UTC)
    else:
        wall = local.replace(tzinfo=tz)
        moment = wall.astimezone(UTC)
        if moment.astimezone(tz).replace(tzinfo=None, fold=0) != local.replace(fold=0):
            raise InvalidInput(
                "That time does not exist in this time zone: the clocks move forward then. "
                "Choose a time outside the skipped hour."
            )
    if not date_in_range(moment):
        raise out_of_range
    return moment


def format_duration(seconds: int) -> str:
    """A reading time as minutes and seconds, e.g. ``2:05``."""
    return f"{seconds // 60}:{seconds % 60:02d}"

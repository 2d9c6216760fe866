"""Calendar files (RFC 5545 .ics) for a case's events, private by default.

By default the summary shows a neutral word for the meeting and only initials, never a diagnosis,
an event title or a full name, and the description carries no notes. The counselor can opt in to
more, e.g. for their own calendar.

Text goes in as written, less what RFC 5545 forbids in a text value: control characters (a
tab aside) and byte-order marks are left out, and every kind of line end is a line feed. Names
in parameters (CN) are one line.

A renderer: ``render_calendar`` turns a ``CalendarContent`` (built by ``services.exports``) into
the bytes of a calendar file. It reads no database and writes no file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from interventiondesk import __version__
from interventiondesk.export.plain_text import without_controls
from interventiondesk.model import AttendeeResponse, EventKind, utcnow
from interventiondesk.model.case import initials_of
from interventiondesk.times import zone

PRODUCT_ID = f"-//InterventionDesk//InterventionDesk {__version__}//EN"
UID_DOMAIN = "interventiondesk.invalid"

# Words that say what a meeting is without saying what it is about.
NEUTRAL_WORDS = {
    EventKind.REHEARSAL: "Preparation meeting",
    EventKind.NETWORK_MEETING: "Family meeting",
    EventKind.COACHING_SESSION: "Coaching session",
    EventKind.INTERVENTION: "Family meeting",
    EventKind.FOLLOW_UP_CALL: "Follow-up call",
    EventKind.OTHER: "Meeting",
}

PARTSTAT = {
    AttendeeResponse.INVITED: "NEEDS-ACTION",
    AttendeeResponse.CONFIRMED: "ACCEPTED",
    AttendeeResponse.DECLINED: "DECLINED",
    AttendeeResponse.TENTATIVE: "TENTATIVE",
}

REMINDERS = (timedelta(days=1), timedelta(hours=1))


@dataclass(frozen=True, slots=True)
class Privacy:
    """What a calendar file may show beyond the private minimum."""

    full_names: bool = False
    include_notes: bool = False


PRIVATE = Privacy()
"""The default: neutral words, initials, no notes."""


@dataclass(frozen=True, slots=True)
class Invitee:
    id: str
    name: str
    email: str
    response: AttendeeResponse


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One event as a calendar file needs it (times aware, in UTC)."""

    id: str
    kind: EventKind
    title: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    place: str
    is_video: bool
    notes: str
    skills_practised: str
    readiness_override: str
    cancelled: bool
    version: int
    invitees: tuple[Invitee, ...]
    """The people invited, removed participants already left out."""


@dataclass(frozen=True, slots=True)
class CalendarContent:
    """Everything a calendar file for some of a case's events shows, read in one session."""

    case_id: str
    reference: str
    client_name: str
    client_initials: str
    counselor: str
    counselor_email: str
    events: tuple[CalendarEvent, ...]


def _one_line(text: str) -> str:
    return " ".join(without_controls(text).split())


_MISREAD_BACKSLASH = re.compile(r"\\(?=[\\,;:]|$)")
"""A backslash that icalendar reads as an escape in a parameter: before a backslash, comma,
semicolon or colon, or at the end (where it took the attendee's address with it)."""


def _parameter(text: str) -> str:
    """A name as a parameter (CN) carries it: one line, and a backslash that would be misread
    written as U+FF3C (a full-width backslash)."""
    return _MISREAD_BACKSLASH.sub("\uff3c", _one_line(text))


def summary(content: CalendarContent, event: CalendarEvent, privacy: Privacy) -> str:
    if privacy.full_names:
        what = _one_line(event.title) or NEUTRAL_WORDS[event.kind]
        who = _one_line(content.client_name)
        return f"{what} – {who}" if who else what
    return f"{NEUTRAL_WORDS[event.kind]} – {content.client_initials}"


def _person_name(person: Invitee, privacy: Privacy) -> str:
    name = without_controls(person.name)
    return _parameter(name) if privacy.full_names else _parameter(initials_of(name))


def _address(email: str, fallback_id: str) -> str:
    email = email.strip()
    if "@" in email and not any(c.isspace() for c in email):
        return f"mailto:{email}"
    return f"urn:uuid:{fallback_id}"


def _description(content: CalendarContent, event: CalendarEvent, privacy: Privacy) -> str:
    lines = []
    if event.is_video:
        lines.append("Video call: the link is in the location or will be sent separately.")
    lines.append(f"Case reference: {content.reference}")
    if event.readiness_override and privacy.include_notes:
        lines.append(event.readiness_override)
    if privacy.include_notes and event.notes.strip():
        lines += ["", event.notes]
    if privacy.include_notes and event.skills_practised.strip():
        lines += ["", "Skills practised:", event.skills_practised]
    return without_controls("\n".join(lines))


def _location(event: CalendarEvent) -> str:
    place = without_controls(event.place)
    if event.is_video and not place.strip():
        return "Video call"
    return place


def _vevent(
    content: CalendarContent, event: CalendarEvent, privacy: Privacy, stamp: datetime
) -> Any:
    from icalendar import Alarm, vCalAddress
    from icalendar import Event as VEvent

    tz = zone(event.timezone)
    title = summary(content, event, privacy)
    vevent = VEvent()
    vevent.add("uid", f"{event.id}@{UID_DOMAIN}")
    vevent.add("dtstamp", stamp)
    vevent.add("sequence", max(0, event.version - 1))
    vevent.add("dtstart", event.starts_at.astimezone(tz))
    vevent.add("dtend", event.ends_at.astimezone(tz))
    vevent.add("summary", title)
    location = _location(event)
    if location:
        vevent.add("location", location)
    vevent.add("description", _description(content, event, privacy))
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    vevent.add("transp", "OPAQUE")
    vevent.add("class", "PRIVATE")

    organizer = vCalAddress(_address(content.counselor_email, content.case_id))
    # The counselor is named in full: the invite comes from them, and they are not the client.
    organizer.params["cn"] = _parameter(content.counselor) or "Counselor"
    organizer.params["role"] = "CHAIR"
    vevent.add("organizer", organizer, encode=False)

    for person in event.invitees:
        address = vCalAddress(_address(person.email, person.id))
        address.params["cn"] = _person_name(person, privacy)
        address.params["role"] = "REQ-PARTICIPANT"
        address.params["partstat"] = PARTSTAT[person.response]
        address.params["cutype"] = "INDIVIDUAL"
        vevent.add("attendee", address, encode=False)

    for before in REMINDERS:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Reminder: {title}")
        alarm.add("trigger", -before)
        vevent.add_component(alarm)
    return vevent


def render_calendar(
    content: CalendarContent, privacy: Privacy = PRIVATE, *, now: datetime | None = None
) -> bytes:
    """The bytes of a calendar file holding the content's events, with the zones they need."""
    from icalendar import Calendar

    stamp = (now or utcnow()).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for event in content.events:
        calendar.add_component(_vevent(content, event, privacy, stamp))
    calendar.add_missing_timezones()
    data: bytes = calendar.to_ical()
    return data

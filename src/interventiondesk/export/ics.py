"""Calendar files (RFC 5545 .ics) for a case's events, private by default.

By default the summary shows a neutral word for the meeting and only initials, never a diagnosis,
an event title or a full name, and the description carries no notes. The counselor can opt in to
more, e.g. for their own calendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from interventiondesk import __version__
from interventiondesk.errors import InvalidInput
from interventiondesk.model import AttendeeResponse, Case, Event, EventKind, Participant, utcnow
from interventiondesk.model.case import initials_of
from interventiondesk.services import audit, settings
from interventiondesk.services.cases import find_case
from interventiondesk.services.records import get_record
from interventiondesk.services.scheduling import ends_at, zone
from interventiondesk.storage.files import write_private_atomically

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


def _one_line(text: str) -> str:
    return " ".join(text.split())


def summary(event: Event, privacy: Privacy) -> str:
    client = event.case.client
    if privacy.full_names:
        what = _one_line(event.title) or NEUTRAL_WORDS[event.kind]
        who = _one_line(client.full_name)
        return f"{what} – {who}" if who else what
    return f"{NEUTRAL_WORDS[event.kind]} – {client.initials}"


def _person_name(person: Participant, privacy: Privacy) -> str:
    return _one_line(person.name) if privacy.full_names else initials_of(person.name)


def _address(email: str, fallback_id: str) -> str:
    email = email.strip()
    if "@" in email and not any(c.isspace() for c in email):
        return f"mailto:{email}"
    return f"urn:uuid:{fallback_id}"


def _description(event: Event, privacy: Privacy) -> str:
    lines = []
    if event.is_video:
        lines.append("Video call: the link is in the location or will be sent separately.")
    lines.append(f"Case reference: {event.case.reference}")
    if event.readiness_override and privacy.include_notes:
        lines.append(event.readiness_override)
    if privacy.include_notes and event.notes.strip():
        lines += ["", event.notes]
    if privacy.include_notes and event.skills_practised.strip():
        lines += ["", "Skills practised:", event.skills_practised]
    return "\n".join(lines)


def _location(event: Event) -> str:
    place = event.place.strip()
    if event.is_video and not place:
        return "Video call"
    return event.place


def _vevent(session: Session, event: Event, privacy: Privacy, stamp: datetime) -> Any:
    from icalendar import Alarm, vCalAddress
    from icalendar import Event as VEvent

    tz = zone(event.timezone)
    vevent = VEvent()
    vevent.add("uid", f"{event.id}@{UID_DOMAIN}")
    vevent.add("dtstamp", stamp)
    vevent.add("sequence", max(0, event.version - 1))
    vevent.add("dtstart", event.starts_at.astimezone(tz))
    vevent.add("dtend", ends_at(event).astimezone(tz))
    vevent.add("summary", summary(event, privacy))
    location = _location(event)
    if location:
        vevent.add("location", location)
    vevent.add("description", _description(event, privacy))
    vevent.add("status", "CANCELLED" if event.cancelled_at else "CONFIRMED")
    vevent.add("transp", "OPAQUE")
    vevent.add("class", "PRIVATE")

    counselor = _one_line(event.case.counselor) or settings.get(session, settings.COUNSELOR_NAME)
    organizer = vCalAddress(
        _address(settings.get(session, settings.COUNSELOR_EMAIL), event.case_id)
    )
    # The counselor is named in full: the invite comes from them, and they are not the client.
    organizer.params["cn"] = _one_line(counselor) or "Counselor"
    organizer.params["role"] = "CHAIR"
    vevent.add("organizer", organizer, encode=False)

    for attendee in event.attendees:
        person = attendee.participant
        if person.deleted_at is not None:
            continue
        address = vCalAddress(_address(person.email, person.id))
        address.params["cn"] = _person_name(person, privacy)
        address.params["role"] = "REQ-PARTICIPANT"
        address.params["partstat"] = PARTSTAT[attendee.response]
        address.params["cutype"] = "INDIVIDUAL"
        vevent.add("attendee", address, encode=False)

    for before in REMINDERS:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Reminder: {summary(event, privacy)}")
        alarm.add("trigger", -before)
        vevent.add_component(alarm)
    return vevent


def calendar_for(
    session: Session,
    case: Case,
    events: list[Event],
    privacy: Privacy = Privacy(),
    *,
    now: datetime | None = None,
) -> Any:
    """An icalendar Calendar holding ``events`` with the time zones they need."""
    from icalendar import Calendar

    stamp = (now or utcnow()).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for event in events:
        if event.case_id != case.id:
            raise InvalidInput("That event belongs to another case.")
        calendar.add_component(_vevent(session, event, privacy, stamp))
    calendar.add_missing_timezones()
    return calendar


def case_ics(
    session: Session,
    case_id: str,
    *,
    event_id: str | None = None,
    privacy: Privacy = Privacy(),
    now: datetime | None = None,
) -> tuple[bytes, list[Event]]:
    """The .ics bytes for one event or all of a case's events, and the events they hold."""
    case = find_case(session, case_id)
    if event_id is not None:
        event = get_record(session, Event, event_id.strip(), "event")
        if event.case_id != case.id:
            raise InvalidInput("That event belongs to another case.")
        events = [event]
    else:
        events = list(case.events)
    if not events:
        raise InvalidInput("This case has no events to put in a calendar file yet.")
    calendar = calendar_for(session, case, events, privacy, now=now)
    return calendar.to_ical(), events


def export_ics(
    session: Session,
    case_id: str,
    path: Path,
    *,
    event_id: str | None = None,
    privacy: Privacy = Privacy(),
) -> list[Event]:
    """Write the calendar file atomically (owner-only) and record the export in the audit trail."""
    data, events = case_ics(session, case_id, event_id=event_id, privacy=privacy)
    options = [f"full names {'yes' if privacy.full_names else 'no'}"]
    options.append(f"notes {'yes' if privacy.include_notes else 'no'}")
    # Recorded first: if writing fails, the transaction and its record are rolled back together.
    audit.record(
        session,
        "calendar.exported",
        case_id=events[0].case_id,
        detail=f"events {','.join(e.id for e in events)}; {'; '.join(options)}",
    )
    write_private_atomically(path, data)
    return events

"""Calendar files parsed back with icalendar: every field, escaping, zones, privacy, auditing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from icalendar import Calendar
from sqlalchemy.orm import Session

from interventiondesk.errors import InvalidInput
from interventiondesk.export.ics import PRIVATE, Privacy, render_calendar
from interventiondesk.model import Case, Event, Participant
from interventiondesk.services import scheduling, settings
from interventiondesk.services.cases import add_concern, create_case
from interventiondesk.services.exports import read_calendar
from interventiondesk.storage.database import Database

CLIENT = "Émile Zoë Ó'Brien-Nguyễn"
TRICKY = 'Line one, with commas; semicolons\nline two "quoted" \\ back <b>&amp;</b> مرحبا 🏠'
DIAGNOSIS = "opioid use disorder"


def setup_case(session: Session) -> tuple[Case, Event, Participant]:
    case = create_case(
        session, client_name=CLIENT, kind="planned", model="love_first", counselor="Dana Cruz"
    )
    add_concern(session, case.id, "substance", DIAGNOSIS)
    sam = Participant(name="Sâm Ó'Brien, Jr.; “Sammy”", email="sam@example.org")
    no_mail = Participant(name="שרה כהן", email="")
    case.participants += [sam, no_mail]
    session.flush()
    event = scheduling.create_event(
        session,
        case.id,
        kind="rehearsal",
        starts=datetime(2026, 12, 1, 18, 30),
        timezone="America/New_York",
        duration_minutes=90,
        title=f"Rehearsal about {DIAGNOSIS}",
        place=TRICKY,
        notes=f"Clinical: {DIAGNOSIS}. " + TRICKY,
    )
    scheduling.invite(session, event.id, sam.id, "confirmed")
    scheduling.invite(session, event.id, no_mail.id, "tentative")
    return case, event, sam


def case_ics(
    session: Session,
    case_id: str,
    *,
    event_id: str | None = None,
    privacy: Privacy = PRIVATE,
    now: datetime | None = None,
) -> tuple[bytes, list[Event]]:
    """The calendar file as the export builds it (read, then rendered), and its events."""
    content = read_calendar(session, case_id, event_id=event_id)
    events = [session.get_one(Event, event.id) for event in content.events]
    return render_calendar(content, privacy, now=now), events


def parse(data: bytes) -> Any:
    return Calendar.from_ical(data)


def only_event(calendar: Any) -> Any:
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_every_field_round_trips(db: Database) -> None:
    with db.session() as s:
        case, event, _sam = setup_case(s)
        settings.put(s, settings.COUNSELOR_EMAIL, "dana@example.org")
        data, events = case_ics(s, case.reference, now=datetime(2026, 11, 28, 12, tzinfo=UTC))
        assert events == [event]
        calendar = parse(data)
        assert str(calendar["version"]) == "2.0"
        assert "InterventionDesk" in str(calendar["prodid"])
        vevent = only_event(calendar)
        assert str(vevent["uid"]) == f"{event.id}@interventiondesk.invalid"
        assert vevent.decoded("dtstamp") == datetime(2026, 11, 28, 12, tzinfo=UTC)
        start = vevent.decoded("dtstart")
        end = vevent.decoded("dtend")
        assert vevent["dtstart"].params["TZID"] == "America/New_York"
        assert start.replace(tzinfo=None) == datetime(2026, 12, 1, 18, 30)
        assert start.astimezone(UTC) == datetime(2026, 12, 1, 23, 30, tzinfo=UTC)
        assert end - start == timedelta(minutes=90)
        assert str(vevent["location"]) == TRICKY
        assert str(vevent["status"]) == "CONFIRMED"
        assert str(vevent["class"]) == "PRIVATE"
        organizer = vevent["organizer"]
        assert str(organizer) == "mailto:dana@example.org"
        assert organizer.params["CN"] == "Dana Cruz"
        attendees = {a.params["PARTSTAT"]: a for a in vevent["attendee"]}
        assert set(attendees) == {"ACCEPTED", "TENTATIVE"}
        assert str(attendees["ACCEPTED"]) == "mailto:sam@example.org"
        assert attendees["ACCEPTED"].params["CN"] == "S.Ó.J."
        assert str(attendees["TENTATIVE"]).startswith("urn:uuid:")
        alarms = vevent.walk("VALARM")
        assert sorted(a.decoded("trigger") for a in alarms) == [
            timedelta(days=-1),
            timedelta(hours=-1),
        ]
        assert all(str(a["action"]) == "DISPLAY" for a in alarms)
        timezones = [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")]
        assert timezones == ["America/New_York"]


def test_private_by_default_initials_no_diagnosis_no_notes(db: Database) -> None:
    with db.session() as s:
        case, _event, _ = setup_case(s)
        data, _ = case_ics(s, case.id)
    text = data.decode("utf-8")
    vevent = only_event(parse(data))
    assert str(vevent["summary"]) == "Preparation meeting – É.Z.Ó."
    for secret in (DIAGNOSIS, "Émile", "Brien-Nguyễn", "Clinical", "Sâm", "שרה"):
        assert secret not in text
    assert "Clinical" not in str(vevent["description"])
    assert case.reference in str(vevent["description"])


def test_full_names_and_notes_only_when_chosen(db: Database) -> None:
    with db.session() as s:
        case, _event, _ = setup_case(s)
        data, _ = case_ics(s, case.id, privacy=Privacy(full_names=True, include_notes=True))
    vevent = only_event(parse(data))
    assert str(vevent["summary"]) == f"Rehearsal about {DIAGNOSIS} – {CLIENT}"
    names = sorted(a.params["CN"] for a in vevent["attendee"])
    assert names == sorted(["Sâm Ó'Brien, Jr.; “Sammy”", "שרה כהן"])
    assert TRICKY in str(vevent["description"])


@pytest.mark.parametrize(
    "text",
    [
        "a,b;c\\d\ne",
        "<script>alert('x')</script> &amp; <b>",
        "مرحبا بالعالم — שלום",
        "👨‍👩‍👧‍👦 😀",
        "z" * 100_000,
        "",
    ],
)
def test_escaping_of_hostile_places_and_names(db: Database, text: str) -> None:
    with db.session() as s:
        case = create_case(s, client_name="Client", kind="crisis", model="craft")
        person = Participant(name=text[:200], email="")
        case.participants.append(person)
        event = scheduling.create_event(
            s,
            case.id,
            kind="coaching_session",
            starts=datetime(2026, 12, 2, 9),
            timezone="Asia/Jerusalem",
            place=text,
            title=text[:200],
            notes=text,
        )
        scheduling.invite(s, event.id, person.id)
        data, _ = case_ics(s, case.id, privacy=Privacy(full_names=True, include_notes=True))
    vevent = only_event(parse(data))
    assert str(vevent.get("location", "")) == text
    assert str(vevent["description"]).endswith(text)
    attendee = vevent["attendee"]
    assert attendee.params["CN"] == " ".join(text[:200].split())
    assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded lines, in octets


def test_daylight_saving_is_carried_by_the_time_zone(db: Database) -> None:
    with db.session() as s:
        case = create_case(s, client_name="Client Name", kind="planned", model="johnson")
        before = scheduling.create_event(
            s,
            case.id,
            kind="rehearsal",
            starts=datetime(2026, 10, 31, 18),
            timezone="America/New_York",
        )
        after = scheduling.create_event(
            s,
            case.id,
            kind="rehearsal",
            starts=datetime(2026, 11, 2, 18),
            timezone="America/New_York",
        )
        berlin = scheduling.create_event(
            s,
            case.id,
            kind="follow_up_call",
            starts=datetime(2026, 11, 3, 9),
            timezone="Europe/Berlin",
        )
        data, _ = case_ics(s, case.id)
    calendar = parse(data)
    starts = {str(e["uid"]).split("@")[0]: e.decoded("dtstart") for e in calendar.walk("VEVENT")}
    # Same wall-clock time on both sides of the change; a different offset from UTC.
    assert starts[before.id].astimezone(UTC) == datetime(2026, 10, 31, 22, tzinfo=UTC)
    assert starts[after.id].astimezone(UTC) == datetime(2026, 11, 2, 23, tzinfo=UTC)
    assert starts[berlin.id].astimezone(UTC) == datetime(2026, 11, 3, 8, tzinfo=UTC)
    assert sorted(str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")) == [
        "America/New_York",
        "Europe/Berlin",
    ]
    new_york = next(tz for tz in calendar.walk("VTIMEZONE") if tz["tzid"] == "America/New_York")
    assert {c.name for c in new_york.subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_one_event_only_and_cancelled_events(db: Database) -> None:
    with db.session() as s:
        case, event, _ = setup_case(s)
        call = scheduling.create_event(
            s,
            case.id,
            kind="follow_up_call",
            starts=datetime(2026, 12, 9, 10),
            timezone="UTC",
            is_video=True,
        )
        scheduling.cancel_event(s, event.id)
        data, events = case_ics(s, case.id, event_id=call.id)
        assert events == [call]
        vevent = only_event(parse(data))
        assert str(vevent["location"]) == "Video call"
        assert vevent.decoded("dtstart") == datetime(2026, 12, 9, 10, tzinfo=UTC)
        everything, _ = case_ics(s, case.id)
        statuses = {str(e["uid"]): str(e["status"]) for e in parse(everything).walk("VEVENT")}
        assert statuses[f"{event.id}@interventiondesk.invalid"] == "CANCELLED"
        other = create_case(s, client_name="Other Client", kind="crisis", model="craft")
        with pytest.raises(InvalidInput, match="another case"):
            case_ics(s, other.id, event_id=call.id)
        with pytest.raises(InvalidInput, match="no events"):
            case_ics(s, other.id)

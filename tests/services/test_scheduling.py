"""Events in their own time zones, invitations, the agenda across cases and the month view."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from interventiondesk.errors import InvalidInput, NotFound
from interventiondesk.model import AttendeeResponse, Case, Event, EventKind, Participant
from interventiondesk.services import scheduling, settings
from interventiondesk.services.cases import archive_case, create_case
from interventiondesk.storage.database import Database

HOSTILE = {
    "markup": "<b>&amp;</b> <script>alert(1)</script>",
    "quotes": '"Jo\'s" place; 1, 2 \\ 3',
    "rtl": "مرحبا بالعالم — שלום עולם",
    "emoji": "💙 👨‍👩‍👧‍👦",
    "large": "x" * 100_000,
    "empty": "",
}


def new_case(session: Session, counselor: str = "", name: str = "Jordan Avery Lee") -> Case:
    return create_case(
        session, client_name=name, kind="planned", model="love_first", counselor=counselor
    )


def add_person(session: Session, case: Case, name: str = "Sam Lee", email: str = "") -> Participant:
    person = Participant(name=name, email=email, position=len(case.participants))
    case.participants.append(person)
    session.flush()
    return person


def test_event_is_stored_in_utc_and_shown_in_its_own_zone(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        event = scheduling.create_event(
            s,
            case.id,
            kind="rehearsal",
            starts=datetime(2026, 12, 1, 18, 0),
            timezone="America/New_York",
            duration_minutes=90,
            title="First rehearsal",
        )
        event_id = event.id
    with db.session() as s:
        event = scheduling.get_event(s, event_id)
        assert event.starts_at == datetime(2026, 12, 1, 23, 0, tzinfo=UTC)
        local = scheduling.local_start(event)
        assert (local.hour, local.minute, local.utcoffset()) == (18, 0, timedelta(hours=-5))
        assert scheduling.ends_at(event) == datetime(2026, 12, 2, 0, 30, tzinfo=UTC)
        assert scheduling.describe_when(event.starts_at, 90, event.timezone) == (
            "Tue 1 Dec 2026, 18:00–19:30 (America/New_York)"
        )


def test_summer_time_gives_a_different_utc_for_the_same_wall_clock(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        june = scheduling.create_event(
            s,
            case.id,
            kind="rehearsal",
            starts=datetime(2026, 6, 1, 18),
            timezone="America/New_York",
        )
        assert june.starts_at == datetime(2026, 6, 1, 22, tzinfo=UTC)


def test_a_time_the_clocks_skip_is_refused_in_words(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        with pytest.raises(InvalidInput, match="does not exist in this time zone"):
            scheduling.create_event(
                s,
                case.id,
                kind="rehearsal",
                starts=datetime(2026, 3, 8, 2, 30),
                timezone="America/New_York",
            )


def test_an_event_across_the_spring_change_lasts_its_real_minutes(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        event = scheduling.create_event(
            s,
            case.id,
            kind="intervention",
            starts=datetime(2026, 3, 8, 1, 0),
            timezone="America/New_York",
            duration_minutes=120,
            despite_open_items=True,
        )
        # Two real hours from 01:00 EST end at 04:00 EDT: the clocks skipped 02:00-03:00.
        assert "01:00–04:00" in scheduling.describe_when(event.starts_at, 120, event.timezone)


@pytest.mark.parametrize("bad", ["", "Mars/Olympus", "../etc/passwd", "  "])
def test_unknown_time_zones_are_refused(db: Database, bad: str) -> None:
    with db.session() as s:
        case = new_case(s)
        with pytest.raises(InvalidInput, match="time zone"):
            scheduling.create_event(
                s, case.id, kind="rehearsal", starts=datetime(2026, 12, 1, 18), timezone=bad
            )


@pytest.mark.parametrize("minutes", [0, -5, 24 * 60 + 1])
def test_duration_must_be_sensible(db: Database, minutes: int) -> None:
    with db.session() as s:
        case = new_case(s)
        with pytest.raises(InvalidInput, match="duration"):
            scheduling.create_event(
                s,
                case.id,
                kind="rehearsal",
                starts=datetime(2026, 12, 1, 18),
                timezone="Europe/Berlin",
                duration_minutes=minutes,
            )


@pytest.mark.parametrize("label", sorted(HOSTILE))
def test_hostile_text_round_trips(db: Database, label: str) -> None:
    text = HOSTILE[label]
    with db.session() as s:
        case = new_case(s)
        event = scheduling.create_event(
            s,
            case.id,
            kind="coaching_session",
            starts=datetime(2026, 12, 2, 9),
            timezone="Asia/Jerusalem",
            title=text[:200],
            place=text,
            notes=text,
            skills_practised=text,
        )
        event_id = event.id
    with db.session() as s:
        event = scheduling.get_event(s, event_id)
        assert (event.title, event.place, event.notes) == (text[:200], text, text)
        assert event.skills_practised == text


def test_update_reschedule_cancel_restore_delete(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        event = scheduling.create_event(
            s,
            case.id,
            kind="rehearsal",
            starts=datetime(2026, 12, 1, 18),
            timezone="America/New_York",
        )
        scheduling.update_event(s, event.id, {"title": "Second", "is_video": True})
        with pytest.raises(InvalidInput, match="cannot be edited"):
            scheduling.update_event(s, event.id, {"starts_at": "2026-01-01T00:00:00+00:00"})
        # Changing only the zone keeps the wall-clock time the counselor typed.
        scheduling.reschedule(s, event.id, timezone="America/Los_Angeles")
        assert event.starts_at == datetime(2026, 12, 2, 2, 0, tzinfo=UTC)
        scheduling.reschedule(s, event.id, starts=datetime(2026, 12, 3, 9, 15), duration_minutes=45)
        assert scheduling.local_start(event).strftime("%d %H:%M") == "03 09:15"
        assert event.duration_minutes == 45
        scheduling.cancel_event(s, event.id)
        assert event.cancelled_at is not None
        assert scheduling.case_events(s, case.id, include_cancelled=False) == []
        scheduling.restore_event(s, event.id)
        assert scheduling.case_events(s, case.id, include_cancelled=False) == [event]
        scheduling.delete_event(s, event.id)
        s.flush()
        with pytest.raises(NotFound):
            scheduling.get_event(s, event.id)


def test_invitations_and_responses(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        other_case = new_case(s, name="Other Person")
        sam = add_person(s, case)
        stranger = add_person(s, other_case, "Stranger")
        event = scheduling.create_event(
            s, case.id, kind="rehearsal", starts=datetime(2026, 12, 1, 18), timezone="UTC"
        )
        scheduling.invite(s, event.id, sam.id)
        assert [a.response for a in event.attendees] == [AttendeeResponse.INVITED]
        scheduling.respond(s, event.id, sam.id, "tentative")
        scheduling.invite(s, event.id, sam.id)  # inviting again does not duplicate
        assert len(event.attendees) == 1
        scheduling.respond(s, event.id, sam.id, AttendeeResponse.CONFIRMED)
        assert event.attendees[0].response == AttendeeResponse.CONFIRMED
        with pytest.raises(InvalidInput, match="valid choice"):
            scheduling.respond(s, event.id, sam.id, "maybe later")
        with pytest.raises(InvalidInput, match="roster"):
            scheduling.invite(s, event.id, stranger.id)
        scheduling.uninvite(s, event.id, sam.id)
        assert event.attendees == []
        with pytest.raises(InvalidInput, match="not invited"):
            scheduling.respond(s, event.id, sam.id, "declined")


def test_agenda_spans_cases_and_skips_cancelled_and_archived(db: Database) -> None:
    with db.session() as s:
        settings.put(s, settings.COUNSELOR_NAME, "Dana Cruz")
        mine = new_case(s)
        also_mine = new_case(s, counselor="  dana   CRUZ ", name="Second Client")
        theirs = new_case(s, counselor="Robin Hale", name="Third Client")
        archived = new_case(s, name="Archived Client")

        def add(case: Case, day: int, hour: int) -> Event:
            return scheduling.create_event(
                s, case.id, kind="rehearsal", starts=datetime(2026, 12, day, hour), timezone="UTC"
            )

        first = add(mine, 1, 9)
        second = add(also_mine, 2, 9)
        third = add(theirs, 3, 9)
        cancelled = add(mine, 4, 9)
        scheduling.cancel_event(s, cancelled.id)
        add(archived, 2, 12)
        archive_case(s, archived.id)
        add(mine, 20, 9)  # outside the week
        # Still running when the week starts: it belongs to the agenda.
        running = scheduling.create_event(
            s,
            mine.id,
            kind="other",
            starts=datetime(2026, 11, 30, 23, 30),
            timezone="UTC",
            duration_minutes=60,
        )
        start = datetime(2026, 12, 1, tzinfo=UTC)
        end = start + timedelta(days=7)
        everyone = scheduling.agenda(s, start, end)
        assert [e.event_id for e in everyone] == [running.id, first.id, second.id, third.id]
        assert everyone[1].client_name == "Jordan Avery Lee"
        assert everyone[1].reference == mine.reference
        only_mine = scheduling.agenda(s, start, end, counselor="")
        assert [e.event_id for e in only_mine] == [running.id, first.id, second.id]
        assert [e.event_id for e in scheduling.agenda(s, start, end, counselor="Robin Hale")] == [
            third.id
        ]


def test_month_view_groups_events_by_their_local_day(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        # 23:30 in New York on 31 Dec is already 1 Jan in UTC: it belongs to 31 Dec.
        late = scheduling.create_event(
            s,
            case.id,
            kind="follow_up_call",
            starts=datetime(2026, 12, 31, 23, 30),
            timezone="America/New_York",
        )
        early = scheduling.create_event(
            s, case.id, kind="rehearsal", starts=datetime(2026, 12, 5, 10), timezone="Europe/Berlin"
        )
        days = scheduling.event_days(s, case.id, 2026, 12)
        assert days == {date(2026, 12, 31): [late], date(2026, 12, 5): [early]}
        assert scheduling.event_days(s, case.id, 2027, 1) == {}


def test_week_range_follows_daylight_saving(db: Database) -> None:
    start, end = scheduling.week_range(date(2026, 11, 4), "America/New_York")
    assert start == datetime(2026, 11, 2, 5, tzinfo=UTC)
    assert end == datetime(2026, 11, 9, 5, tzinfo=UTC)
    start, end = scheduling.week_range(date(2026, 3, 8), "America/New_York")
    assert start == datetime(2026, 3, 2, 5, tzinfo=UTC)
    assert end == datetime(2026, 3, 9, 4, tzinfo=UTC)  # the week was an hour shorter


def test_travel_buffer_setting(db: Database) -> None:
    with db.session() as s:
        assert scheduling.travel_buffer(s) == scheduling.DEFAULT_TRAVEL_BUFFER_MINUTES
        scheduling.set_travel_buffer(s, 0)
        assert scheduling.travel_buffer(s) == 0
        scheduling.set_travel_buffer(s, 45)
        assert scheduling.travel_buffer(s) == 45
        for bad in (-1, 721):
            with pytest.raises(InvalidInput, match="travel buffer"):
                scheduling.set_travel_buffer(s, bad)
        settings.put(s, settings.TRAVEL_BUFFER_MINUTES, "not a number")
        assert scheduling.travel_buffer(s) == scheduling.DEFAULT_TRAVEL_BUFFER_MINUTES


def test_event_kinds_all_have_words() -> None:
    assert set(scheduling.KIND_WORDS) == set(EventKind)


def test_agenda_can_stop_after_a_number_of_entries(db: Database) -> None:
    with db.session() as s:
        cases = [new_case(s, name=f"Client {n}") for n in range(3)]
        made = [
            scheduling.create_event(
                s, case.id, kind="rehearsal", starts=datetime(2026, 12, 2, 9 + n), timezone="UTC"
            ).id
            for n, case in enumerate(cases * 2)
        ]
        start = datetime(2026, 12, 1, tzinfo=UTC)
        end = start + timedelta(days=7)
        everything = scheduling.agenda(s, start, end)
        first_four = scheduling.agenda(s, start, end, limit=4)
        mine = scheduling.agenda(s, start, end, counselor="", limit=2)
    assert [e.event_id for e in everything] == made
    assert [e.event_id for e in first_four] == made[:4]
    assert [e.client_name for e in first_four] == ["Client 0", "Client 1", "Client 2", "Client 0"]
    assert [e.event_id for e in mine] == made[:2]


def test_changing_only_the_duration_never_moves_the_second_of_two_equal_times(
    db: Database,
) -> None:
    from interventiondesk.model import Event, EventKind
    from interventiondesk.services import scheduling
    from interventiondesk.services.cases import create_case

    # 1 November 2026, New York: 01:30 happens twice; the second is 06:30 UTC.
    second = datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
    with db.session() as s:
        case = create_case(s, client_name="Fold Person", kind="planned", model="johnson")
        event = Event(
            kind=EventKind.REHEARSAL, title="R", timezone="America/New_York", starts_at=second
        )
        case.events.append(event)
        s.flush()
        event_id = event.id
    with db.session() as s:
        scheduling.reschedule(s, event_id, duration_minutes=90)
        scheduling.reschedule(s, event_id, timezone="America/New_York")
    with db.session() as s:
        moved = s.get(Event, event_id)
        assert moved is not None and moved.starts_at == second and moved.duration_minutes == 90
        # Moving it to another zone keeps the wall-clock time, and asking for the second
        # occurrence explicitly works too.
        scheduling.reschedule(s, event_id, starts=datetime(2026, 11, 1, 1, 30, fold=1))
        assert moved.starts_at == second

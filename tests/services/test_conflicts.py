"""Conflict detection: overlaps across a counselor's cases, travel buffers, zones and availability."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy.orm import Session

from interventiondesk.model import AvailabilityWindow, Case, Event, Participant
from interventiondesk.services import scheduling, settings
from interventiondesk.services.cases import archive_case, create_case
from interventiondesk.services.conflicts import (
    Conflict,
    ConflictKind,
    Proposal,
    conflicts,
    conflicts_if_held_at,
)
from interventiondesk.storage.database import Database

OTHER_CLIENT = "Marguerite Okonkwo-Salas"


def new_case(session: Session, counselor: str = "", name: str = "Jordan Lee") -> Case:
    return create_case(
        session, client_name=name, kind="planned", model="johnson", counselor=counselor
    )


def event_at(
    session: Session,
    case: Case,
    starts: datetime,
    timezone: str = "UTC",
    minutes: int = 60,
    *,
    video: bool = False,
    title: str = "",
) -> Event:
    return scheduling.create_event(
        session,
        case.id,
        kind="rehearsal",
        starts=starts,
        timezone=timezone,
        duration_minutes=minutes,
        is_video=video,
        title=title,
    )


def kinds(found: list[Conflict]) -> list[ConflictKind]:
    return [c.kind for c in found]


def test_overlap_with_another_case_names_only_its_reference(db: Database) -> None:
    with db.session() as s:
        mine = new_case(s)
        other = new_case(s, name=OTHER_CLIENT)
        first = event_at(s, mine, datetime(2026, 12, 1, 18), "America/New_York", 90)
        clash = event_at(s, other, datetime(2026, 12, 1, 19), "America/New_York", title="Secret")
        found = conflicts(s, first)
        assert kinds(found) == [ConflictKind.OVERLAP]
        assert found[0].other_event_id == clash.id
        message = found[0].message
        assert other.reference in message and "rehearsal" in message
        assert "19:00–20:00 (America/New_York)" in message
        assert OTHER_CLIENT not in message and "Okonkwo" not in message and "Secret" not in message
        # And the other way round.
        assert [c.other_event_id for c in conflicts(s, clash)] == [first.id]


def test_overlap_is_found_across_time_zones(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        # 18:00 in New York is 23:00 in London (winter): the same moment.
        new_york = event_at(s, case, datetime(2026, 12, 1, 18), "America/New_York")
        london = event_at(s, case, datetime(2026, 12, 1, 23, 30), "Europe/London")
        assert kinds(conflicts(s, new_york)) == [ConflictKind.OVERLAP]
        # Same wall-clock numbers in another zone are a different moment: no conflict.
        scheduling.reschedule(s, london.id, timezone="Asia/Tokyo")
        assert conflicts(s, new_york) == []


def test_overlap_across_the_autumn_clock_change(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        # 00:30 EDT plus two real hours ends at 01:30 EST (06:30 UTC) on 1 Nov 2026.
        long_one = event_at(s, case, datetime(2026, 11, 1, 0, 30), "America/New_York", 120)
        # 06:15 in London (GMT) is 06:15 UTC: still inside the first event.
        london = event_at(s, case, datetime(2026, 11, 1, 6, 15), "Europe/London", 30)
        assert kinds(conflicts(s, long_one)) == [ConflictKind.OVERLAP]
        scheduling.reschedule(s, london.id, starts=datetime(2026, 11, 1, 7, 0))
        scheduling.set_travel_buffer(s, 0)
        assert conflicts(s, long_one) == []


def test_touching_events_do_not_overlap_but_respect_the_buffer(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        first = event_at(s, case, datetime(2026, 12, 1, 9), minutes=60)
        event_at(s, case, datetime(2026, 12, 1, 10, 20), title="Drive over")
        scheduling.set_travel_buffer(s, 30)
        found = conflicts(s, first)
        assert kinds(found) == [ConflictKind.TOO_CLOSE]
        assert "Only 20 minutes" in found[0].message and "30 minutes" in found[0].message
        assert "“Drive over”" in found[0].message
        scheduling.set_travel_buffer(s, 20)
        assert conflicts(s, first) == []
        scheduling.set_travel_buffer(s, 0)
        event_at(s, case, datetime(2026, 12, 1, 8))  # ends exactly when the first starts
        assert conflicts(s, first) == []


def test_no_travel_buffer_between_two_video_calls(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        scheduling.set_travel_buffer(s, 60)
        call = event_at(s, case, datetime(2026, 12, 1, 9), video=True)
        other = event_at(s, case, datetime(2026, 12, 1, 10, 10), video=True)
        assert conflicts(s, call) == []
        scheduling.update_event(s, other.id, {"is_video": False})
        assert kinds(conflicts(s, call)) == [ConflictKind.TOO_CLOSE]


def test_only_the_same_counselor_counts(db: Database) -> None:
    with db.session() as s:
        settings.put(s, settings.COUNSELOR_NAME, "Dana Cruz")
        blank = new_case(s)  # belongs to the workspace's own counselor
        named = new_case(s, counselor="dana cruz", name="Second")
        someone_else = new_case(s, counselor="Robin Hale", name="Third")
        mine = event_at(s, blank, datetime(2026, 12, 1, 9))
        event_at(s, someone_else, datetime(2026, 12, 1, 9))
        assert conflicts(s, mine) == []
        event_at(s, named, datetime(2026, 12, 1, 9, 30))
        assert kinds(conflicts(s, mine)) == [ConflictKind.OVERLAP]


def test_cancelled_events_and_archived_cases_do_not_conflict(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        old = new_case(s, name="Archived")
        mine = event_at(s, case, datetime(2026, 12, 1, 9))
        gone = event_at(s, case, datetime(2026, 12, 1, 9))
        scheduling.cancel_event(s, gone.id)
        event_at(s, old, datetime(2026, 12, 1, 9))
        archive_case(s, old.id)
        assert conflicts(s, mine) == []
        assert conflicts(s, gone) == []  # a cancelled event has nothing to warn about


def test_proposed_times_are_checked_before_saving(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        existing = event_at(s, case, datetime(2026, 12, 1, 9))
        proposal = Proposal(
            case_id=case.id,
            starts_at=datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
            duration_minutes=30,
        )
        assert [c.other_event_id for c in conflicts(s, proposal)] == [existing.id]
        # A proposal for the existing event itself does not clash with its old times.
        moved = Proposal(
            case_id=case.id,
            starts_at=datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
            duration_minutes=60,
            event_id=existing.id,
        )
        assert conflicts(s, moved) == []


def test_times_as_typed_are_checked_and_a_skipped_hour_falls_back_to_the_saved_start(
    db: Database,
) -> None:
    with db.session() as s:
        case = new_case(s)
        mine = event_at(s, case, datetime(2026, 3, 8, 9), "America/New_York")
        other = event_at(s, case, datetime(2026, 3, 8, 12), "America/New_York")

        def typed(starts: datetime, minutes: int = 60) -> list[str | None]:
            found = conflicts_if_held_at(
                s,
                mine.id,
                starts=starts,
                timezone="America/New_York",
                duration_minutes=minutes,
                is_video=False,
            )
            return [c.other_event_id for c in found]

        assert typed(datetime(2026, 3, 8, 9)) == []
        assert typed(datetime(2026, 3, 8, 11, 30)) == [other.id]
        # 02:30 does not exist that night in New York: the saved 09:00 is checked instead,
        # with the typed duration.
        assert typed(datetime(2026, 3, 8, 2, 30)) == []
        assert typed(datetime(2026, 3, 8, 2, 30), minutes=200) == [other.id]
        scheduling.cancel_event(s, mine.id)
        assert typed(datetime(2026, 3, 8, 11, 30)) == []


# Availability -----------------------------------------------------------------------------


def person_with_window(
    session: Session, case: Case, weekday: int, starts: time, ends: time, timezone: str
) -> Participant:
    person = Participant(name="Ayşe “Ash” O'Neil")
    person.availability.append(
        AvailabilityWindow(weekday=weekday, starts=starts, ends=ends, timezone=timezone)
    )
    case.participants.append(person)
    session.flush()
    return person


def check_at(
    session: Session, case: Case, person: Participant, utc: datetime, minutes: int = 60
) -> list[Conflict]:
    proposal = Proposal(
        case_id=case.id,
        starts_at=utc,
        duration_minutes=minutes,
        timezone="UTC",
        participant_ids=(person.id,),
    )
    return conflicts(session, proposal)


def test_availability_is_read_in_the_window_zone_on_both_sides_of_dst(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        # Mondays 18:00-21:00 New York time.
        person = person_with_window(s, case, 0, time(18), time(21), "America/New_York")
        # Monday 30 Nov 2026 (EST, UTC-5): 23:00 UTC is 18:00 there; 22:00 UTC is 17:00.
        assert check_at(s, case, person, datetime(2026, 11, 30, 23, tzinfo=UTC)) == []
        found = check_at(s, case, person, datetime(2026, 11, 30, 22, tzinfo=UTC))
        assert kinds(found) == [ConflictKind.UNAVAILABLE]
        assert found[0].participant_id == person.id
        assert "Ayşe “Ash” O'Neil" in found[0].message
        assert "Mon 18:00–21:00 America/New_York" in found[0].message
        # Monday 29 June 2026 (EDT, UTC-4): 22:00 UTC is 18:00 there, inside the window.
        assert check_at(s, case, person, datetime(2026, 6, 29, 22, tzinfo=UTC)) == []
        assert kinds(check_at(s, case, person, datetime(2026, 6, 30, 1, 30, tzinfo=UTC))) == [
            ConflictKind.UNAVAILABLE  # 21:30 EDT, after the window closed
        ]


def test_availability_on_the_day_the_clocks_change(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        # Sundays 00:00-06:00 in New York. On 8 March 2026 the clocks skip 02:00-03:00, so the
        # window is five real hours long that night: 05:00 to 10:00 UTC.
        person = person_with_window(s, case, 6, time(0), time(6), "America/New_York")
        night = datetime(2026, 3, 8, 5, tzinfo=UTC)
        assert check_at(s, case, person, night, 300) == []
        assert kinds(check_at(s, case, person, night, 301)) == [ConflictKind.UNAVAILABLE]
        # A week earlier (no change) the same window is six hours long.
        assert check_at(s, case, person, datetime(2026, 3, 1, 5, tzinfo=UTC), 360) == []


def test_event_must_fit_the_whole_window_and_windows_may_cross_midnight(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        # Fridays 22:00 to 02:00 (night shift worker), Berlin time.
        person = person_with_window(s, case, 4, time(22), time(2), "Europe/Berlin")
        # Saturday 5 Dec 2026 00:30 Berlin = Friday 23:30 UTC: inside Friday's window.
        assert check_at(s, case, person, datetime(2026, 12, 4, 23, 30, tzinfo=UTC)) == []
        # Runs past 02:00 Berlin.
        overrun = check_at(s, case, person, datetime(2026, 12, 5, 0, 30, tzinfo=UTC))
        assert kinds(overrun) == [ConflictKind.UNAVAILABLE]


def test_window_without_zone_uses_the_event_zone(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        person = person_with_window(s, case, 1, time(9), time(17), "")
        event = event_at(s, case, datetime(2026, 12, 1, 10), "Australia/Sydney")  # a Tuesday
        scheduling.invite(s, event.id, person.id)
        assert conflicts(s, event) == []
        scheduling.reschedule(s, event.id, starts=datetime(2026, 12, 1, 18))
        assert kinds(conflicts(s, event)) == [ConflictKind.UNAVAILABLE]


def test_declined_people_and_people_without_windows_are_not_checked(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        busy = person_with_window(s, case, 0, time(9), time(10), "UTC")
        open_book = Participant(name="No windows")
        case.participants.append(open_book)
        event = event_at(s, case, datetime(2026, 12, 2, 15))  # a Wednesday
        scheduling.invite(s, event.id, busy.id)
        scheduling.invite(s, event.id, open_book.id)
        assert [c.participant_id for c in conflicts(s, event)] == [busy.id]
        scheduling.respond(s, event.id, busy.id, "declined")
        assert conflicts(s, event) == []


@pytest.mark.parametrize("offset_minutes", [-61, 61])
def test_buffer_applies_on_both_sides(db: Database, offset_minutes: int) -> None:
    with db.session() as s:
        case = new_case(s)
        scheduling.set_travel_buffer(s, 10)
        base = datetime(2026, 12, 1, 12, tzinfo=UTC)
        event_at(s, case, base + timedelta(minutes=offset_minutes))
        proposal = Proposal(case_id=case.id, starts_at=base, duration_minutes=60)
        # One minute apart, before or after: inside the ten-minute buffer.
        found = conflicts(s, proposal)
        assert kinds(found) == [ConflictKind.TOO_CLOSE]
        assert "Only 1 minutes" in found[0].message

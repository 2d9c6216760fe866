"""The case timeline: every kind of dated thing, in true order across zones and clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from interventiondesk.model import LetterKind, TimelineKind
from interventiondesk.services.cases import add_observation, create_case
from interventiondesk.services.follow_ups import add_task, complete_task
from interventiondesk.services.letters import add_letter, set_status, update_letter
from interventiondesk.services.outcomes import record_bottom_line, record_outcome
from interventiondesk.services.participants import add_participant
from interventiondesk.services.safety import rate_asam, save_safety_plan, save_screen
from interventiondesk.services.scheduling import create_event
from interventiondesk.services.timeline import case_timeline
from interventiondesk.storage.database import Database

NEW_YORK = ZoneInfo("America/New_York")
NOTHING = {"wish_to_be_dead": False, "suicidal_thoughts": False, "recent_behaviour": False}


def _case(db: Database) -> str:
    with db.session() as s:
        return create_case(s, client_name="Robin Example", kind="planned", model="love_first").id


def _event(db: Database, case_id: str, title: str, local: datetime, zone: str) -> None:
    with db.session() as s:
        create_event(s, case_id, kind="rehearsal", starts=local, timezone=zone, title=title)


def test_every_kind_of_dated_thing_is_on_the_timeline_and_it_filters(db: Database) -> None:
    case_id = _case(db)
    at = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
    with db.session() as s:
        add_observation(
            s, case_id, "Missed work\nagain", sign="decline", observed_on=date(2026, 11, 2)
        )
        add_observation(s, case_id, "No date, so not on the timeline")
        mother = add_participant(s, case_id, "Mother")
        letter = add_letter(s, mother.id, LetterKind.BOTTOM_LINE)
        update_letter(s, letter.id, {"bottom_line": "No more money"})
        set_status(s, letter.id, "reviewed")
        set_status(s, letter.id, "final")
        record_outcome(s, case_id, "admitted", occurred_on=date(2026, 11, 21), admitted_to="Cedar")
        task = add_task(s, case_id, "Call", due_on=date(2026, 11, 22))
        complete_task(s, task.id, at=at + timedelta(days=2))
        record_bottom_line(s, mother.id, "kept", noted_on=date(2026, 11, 25))
        save_screen(s, case_id, NOTHING, at=at)
        save_safety_plan(s, case_id, {"warning_signs": "Pacing"}, by="Lee", at=at)
        rate_asam(s, case_id, {"biomedical": (3, "")}, by="Lee", at=at)
    _event(db, case_id, "Rehearsal", datetime(2026, 11, 18, 10, 0), "Europe/Berlin")
    with db.session() as s:
        entries = case_timeline(s, case_id, zone=NEW_YORK)
        assert {e.kind for e in entries} == set(TimelineKind)
        assert [e.at for e in entries] == sorted(e.at for e in entries)
        assert all(e.at.tzinfo is not None for e in entries)
        observation = next(e for e in entries if e.kind is TimelineKind.OBSERVATION)
        assert observation.subject == "Missed work" and observation.day == date(2026, 11, 2)
        final = next(e for e in entries if e.kind is TimelineKind.LETTER_FINAL)
        assert final.subject == "Mother" and final.code is LetterKind.BOTTOM_LINE
        only = case_timeline(s, case_id, kinds=["outcome", TimelineKind.TASK_DUE], zone=NEW_YORK)
        assert [(e.kind, e.day) for e in only] == [
            (TimelineKind.OUTCOME, date(2026, 11, 21)),
            (TimelineKind.TASK_DUE, date(2026, 11, 22)),
        ]


def test_events_in_different_zones_are_ordered_by_the_instant_not_the_wall_clock(
    db: Database,
) -> None:
    case_id = _case(db)
    # 09:00 in Los Angeles is 17:00 UTC; 15:00 in Berlin is 14:00 UTC; 23:30 in Tokyo is
    # 14:30 UTC on the same date. By wall clock the order would be LA, Berlin, Tokyo.
    _event(db, case_id, "Los Angeles", datetime(2026, 6, 10, 9, 0), "America/Los_Angeles")
    _event(db, case_id, "Berlin", datetime(2026, 6, 10, 15, 0), "Europe/Berlin")
    _event(db, case_id, "Tokyo", datetime(2026, 6, 10, 23, 30), "Asia/Tokyo")
    with db.session() as s:
        events = case_timeline(s, case_id, kinds=[TimelineKind.EVENT])
    assert [e.subject for e in events] == ["Berlin", "Tokyo", "Los Angeles"]
    assert [e.timezone for e in events] == ["Europe/Berlin", "Asia/Tokyo", "America/Los_Angeles"]
    assert events[0].at == datetime(2026, 6, 10, 13, 0, tzinfo=UTC)


def test_the_hour_that_happens_twice_when_clocks_go_back_keeps_its_true_order(
    db: Database,
) -> None:
    case_id = _case(db)
    # New York, 1 November 2026: 01:00-02:00 happens twice (EDT, then EST).
    _event(
        db, case_id, "01:15 second time", datetime(2026, 11, 1, 1, 15, fold=1), "America/New_York"
    )
    _event(db, case_id, "01:45 first time", datetime(2026, 11, 1, 1, 45), "America/New_York")
    _event(db, case_id, "00:30", datetime(2026, 11, 1, 0, 30), "America/New_York")
    with db.session() as s:
        record_outcome(s, case_id, "refused", occurred_on=date(2026, 11, 1))
        entries = case_timeline(s, case_id, kinds=["event", "outcome"], zone=NEW_YORK)
    assert [e.subject or e.kind for e in entries] == [
        TimelineKind.OUTCOME,  # the day itself, from its start in the viewer's zone
        "00:30",
        "01:45 first time",
        "01:15 second time",
    ]
    first, second = entries[2].at, entries[3].at
    assert second - first == timedelta(minutes=30)  # 05:45 and 06:15 UTC
    shown = [e.at.astimezone(NEW_YORK) for e in entries[1:]]
    assert [t.strftime("%H:%M %Z") for t in shown] == ["00:30 EDT", "01:45 EDT", "01:15 EST"]
    assert entries[0].at == datetime(2026, 11, 1, 4, 0, tzinfo=UTC)  # midnight EDT


def test_day_only_entries_follow_the_viewers_zone(db: Database) -> None:
    case_id = _case(db)
    # 8 March 2026, the day New York springs forward: an event at 03:30 EDT (07:30 UTC).
    _event(db, case_id, "After the change", datetime(2026, 3, 8, 3, 30), "America/New_York")
    with db.session() as s:
        record_outcome(s, case_id, "partial", occurred_on=date(2026, 3, 8))
        in_new_york = case_timeline(s, case_id, kinds=["event", "outcome"], zone=NEW_YORK)
        in_tokyo = case_timeline(
            s, case_id, kinds=["event", "outcome"], zone=ZoneInfo("Asia/Tokyo")
        )
    # Midnight in New York (05:00 UTC, still EST) comes before the event...
    assert [e.kind for e in in_new_york] == [TimelineKind.OUTCOME, TimelineKind.EVENT]
    assert in_new_york[0].at == datetime(2026, 3, 8, 5, 0, tzinfo=UTC)
    # ...and so does midnight in Tokyo (15:00 UTC the day before); the event stays put.
    assert in_tokyo[0].at == datetime(2026, 3, 7, 15, 0, tzinfo=UTC)
    assert in_tokyo[1].at == in_new_york[1].at == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)


def test_a_day_and_an_evening_before_it_swap_places_with_the_viewers_zone(db: Database) -> None:
    case_id = _case(db)
    # 20:00 on 7 March in New York is 01:00 UTC on 8 March: on 8 March in Tokyo.
    _event(db, case_id, "Evening call", datetime(2026, 3, 7, 20, 0), "America/New_York")
    with db.session() as s:
        record_outcome(s, case_id, "partial", occurred_on=date(2026, 3, 8))
        in_new_york = case_timeline(s, case_id, kinds=["event", "outcome"], zone=NEW_YORK)
        in_tokyo = case_timeline(
            s, case_id, kinds=["event", "outcome"], zone=ZoneInfo("Asia/Tokyo")
        )
    assert [e.kind for e in in_new_york] == [TimelineKind.EVENT, TimelineKind.OUTCOME]
    assert [e.kind for e in in_tokyo] == [TimelineKind.OUTCOME, TimelineKind.EVENT]


def test_one_ratings_dimensions_stay_in_their_own_order(db: Database) -> None:
    from interventiondesk.model import AsamDimension

    case_id = _case(db)
    at = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
    with db.session() as s:
        rate_asam(s, case_id, {d: (1, "") for d in reversed(AsamDimension)}, by="Lee", at=at)
        entries = case_timeline(s, case_id, kinds=["asam"], zone=NEW_YORK)
    assert [e.code for e in entries] == list(AsamDimension)

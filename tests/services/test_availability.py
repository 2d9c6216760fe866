"""Weekly availability windows: add, change, remove, validation, and the Schedule's check."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from interventiondesk.errors import InvalidInput, NotFound
from interventiondesk.services import scheduling
from interventiondesk.services.availability import (
    MAX_WINDOWS,
    WeeklyWindow,
    add_window,
    remove_window,
    update_window,
    weekly_windows,
    windows,
)
from interventiondesk.services.cases import create_case
from interventiondesk.services.conflicts import ConflictKind, conflicts
from interventiondesk.services.participants import add_participant
from interventiondesk.storage.database import Database


def _person(db: Database) -> tuple[str, str]:
    with db.session() as s:
        case = create_case(s, client_name="Jordan Lee", kind="planned", model="johnson")
        person = add_participant(s, case.id, "Ayşe “Ash” O'Neil <b>")
        return case.id, person.id


def test_add_update_and_remove_windows(db: Database) -> None:
    _case_id, person_id = _person(db)
    with db.session() as s:
        evening = add_window(
            s, person_id, weekday=0, starts="18:00", ends=time(21), timezone=" Asia/Jerusalem "
        )
        add_window(s, person_id, weekday=5, starts=time(9), ends=time(0), timezone="UTC")
        add_window(s, person_id, weekday=0, starts=time(7), ends=time(8), timezone="UTC")
        evening_id = evening.id
    with db.session() as s:
        found = windows(s, person_id)
        assert [(w.weekday, w.starts, w.ends) for w in found] == [
            (0, time(7), time(8)),
            (0, time(18), time(21)),
            (5, time(9), time(0)),  # until midnight
        ]
        assert found[1].timezone == "Asia/Jerusalem"
        update_window(s, evening_id, {"weekday": 2, "ends": time(22, 30)})
    with db.session() as s:
        changed = next(w for w in windows(s, person_id) if w.id == evening_id)
        assert (changed.weekday, changed.starts, changed.ends) == (2, time(18), time(22, 30))
        remove_window(s, evening_id)
    with db.session() as s:
        assert len(windows(s, person_id)) == 2
        with pytest.raises(NotFound):
            remove_window(s, evening_id)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"weekday": 7}, "day of the week"),
        ({"weekday": -1}, "day of the week"),
        ({"weekday": "Monday"}, "whole number"),
        ({"ends": time(18)}, "end after it starts"),
        ({"ends": time(17, 59)}, "end after it starts"),
        ({"starts": time(21, 1)}, "end after it starts"),
        ({"timezone": "Mars/Olympus_Mons"}, "not a time zone"),
        ({"timezone": ""}, "Choose a time zone"),
        ({"timezone": "<b>&amp;</b> \u202eevil"}, "not a time zone"),
        ({"starts": None}, "cannot be empty"),
        ({"participant_id": "x"}, "cannot be edited"),
    ],
)
def test_invalid_changes_are_refused_and_change_nothing(
    db: Database, changes: dict[str, object], message: str
) -> None:
    _case_id, person_id = _person(db)
    with db.session() as s:
        window_id = add_window(
            s, person_id, weekday=0, starts=time(18), ends=time(21), timezone="Europe/Berlin"
        ).id
    with db.session() as s:
        with pytest.raises(InvalidInput, match=message):
            update_window(s, window_id, changes)
        # The refusal leaves the window as it was, even in the same transaction.
        window = windows(s, person_id)[0]
        assert (window.weekday, window.starts, window.ends, window.timezone) == (
            0,
            time(18),
            time(21),
            "Europe/Berlin",
        )


def test_invalid_new_windows_are_refused(db: Database) -> None:
    _case_id, person_id = _person(db)
    with db.session() as s:
        with pytest.raises(InvalidInput, match="end after it starts"):
            add_window(s, person_id, weekday=4, starts=time(22), ends=time(2), timezone="UTC")
        with pytest.raises(InvalidInput, match="not a time zone"):
            add_window(s, person_id, weekday=4, starts=time(1), ends=time(2), timezone="CEST")
        with pytest.raises(NotFound):
            add_window(s, "no-such-person", weekday=0, starts=time(1), ends=time(2), timezone="UTC")
        assert windows(s, person_id) == []


def test_a_runaway_number_of_windows_is_refused(db: Database) -> None:
    _case_id, person_id = _person(db)
    with db.session() as s:
        for _ in range(MAX_WINDOWS):
            add_window(s, person_id, weekday=1, starts=time(1), ends=time(2), timezone="UTC")
        with pytest.raises(InvalidInput, match="at most"):
            add_window(s, person_id, weekday=1, starts=time(1), ends=time(2), timezone="UTC")


def test_a_window_makes_the_schedule_warn_outside_it(db: Database) -> None:
    case_id, person_id = _person(db)
    with db.session() as s:
        # Mondays 18:00 to midnight, Jerusalem time.
        add_window(
            s, person_id, weekday=0, starts=time(18), ends=time(0), timezone="Asia/Jerusalem"
        )
        # Monday 30 Nov 2026, Jerusalem is UTC+2: 20:00-21:30 there fits; 23:30-00:30 does not.
        inside = scheduling.create_event(
            s,
            case_id,
            kind="rehearsal",
            starts=datetime(2026, 11, 30, 18, tzinfo=UTC),
            timezone="Asia/Jerusalem",
            duration_minutes=90,
        )
        late = scheduling.create_event(
            s,
            case_id,
            kind="follow_up_call",
            starts=datetime(2026, 11, 30, 21, 30, tzinfo=UTC),
            timezone="Asia/Jerusalem",
            is_video=True,
        )
        for event in (inside, late):
            scheduling.invite(s, event.id, person_id)
        assert [c.kind for c in conflicts(s, inside) if c.participant_id] == []
        found = [c for c in conflicts(s, late) if c.participant_id == person_id]
        assert [c.kind for c in found] == [ConflictKind.UNAVAILABLE]
        assert "Mon 18:00–00:00 Asia/Jerusalem" in found[0].message


def test_weekly_windows_are_plain_values_in_week_order(db: Database) -> None:
    _case_id, person_id = _person(db)
    with db.session(write=True) as s:
        late = add_window(s, person_id, weekday=4, starts=time(19), ends=time(0), timezone="UTC")
        early = add_window(
            s, person_id, weekday=1, starts=time(8), ends=time(9), timezone="Asia/Tokyo"
        )
    with db.session() as s:
        found = weekly_windows(s, person_id)
    assert found == (
        WeeklyWindow(early.id, 1, time(8), time(9), "Asia/Tokyo"),
        WeeklyWindow(late.id, 4, time(19), time(0), "UTC"),
    )
    with db.session() as s, pytest.raises(NotFound):
        weekly_windows(s, "no-such-person")

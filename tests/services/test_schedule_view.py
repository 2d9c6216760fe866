"""The Schedule page's view of a case: events, the chosen event's invitees and conflicts, at once."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import FrozenInstanceError
from datetime import datetime, time
from typing import Any

import pytest

from interventiondesk.errors import NotFound
from interventiondesk.model import AttendeeResponse, EventKind, InterventionModel
from interventiondesk.model.base import Base
from interventiondesk.services import logistics, scheduling
from interventiondesk.services.availability import add_window
from interventiondesk.services.cases import create_case
from interventiondesk.services.conflicts import ConflictKind
from interventiondesk.services.participants import add_participant, remove_participant
from interventiondesk.services.schedule_view import ShownTimes, event_view, schedule_view
from interventiondesk.storage.database import Database
from tests.reads import Reads

OTHER_CLIENT = "Marguerite Okonkwo-Salas"
NEW_YORK = "America/New_York"


def values_in(value: object) -> Iterator[object]:
    """Every value inside a view: its fields, their fields, the items of its tuples."""
    yield value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from values_in(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from values_in(item)


def busy_case(db: Database) -> dict[str, str]:
    """A CRAFT case a week before its meeting: three people (one taken off the roster), a
    rehearsal that clashes with another case and with Sam's evenings, a coaching session, a
    cancelled one and the meeting, scheduled although logistics were open."""
    with db.session() as s:
        case = create_case(s, client_name="Jordan Lee", kind="planned", model="craft")
        other = create_case(s, client_name=OTHER_CLIENT, kind="crisis", model="johnson")
        sam = add_participant(s, case.id, "Sam   Lee")
        add_window(s, sam.id, weekday=0, starts=time(18), ends=time(21), timezone=NEW_YORK)
        robin = add_participant(s, case.id, "Robin Lee")
        gone = add_participant(s, case.id, "Alex Gone")
        remove_participant(s, gone.id)

        def event(kind: str, day: int, hour: int, title: str, **more: Any) -> str:
            starts = datetime(2026, 11, day, hour) if day > 7 else datetime(2026, 12, day, hour)
            return scheduling.create_event(
                s, case.id, kind=kind, starts=starts, timezone=NEW_YORK, title=title, **more
            ).id

        # Monday 30 November 17:00 in New York: before Sam's evening window opens.
        rehearsal = event("rehearsal", 30, 17, "First run-through")
        scheduling.invite(s, rehearsal, sam.id, AttendeeResponse.CONFIRMED)
        scheduling.invite(s, rehearsal, robin.id, AttendeeResponse.TENTATIVE)
        coaching = event("coaching_session", 2, 18, "", place="Kitchen table", notes="Bring tea")
        cancelled = event("rehearsal", 4, 18, "Second run-through")
        scheduling.cancel_event(s, cancelled)
        meeting = event("intervention", 6, 10, "The meeting", despite_open_items=True)
        scheduling.create_event(
            s, other.id, kind="rehearsal", starts=datetime(2026, 11, 30, 17, 30), timezone=NEW_YORK
        )
        return {
            "case": case.id,
            "other_reference": other.reference,
            "sam": sam.id,
            "robin": robin.id,
            "rehearsal": rehearsal,
            "coaching": coaching,
            "cancelled": cancelled,
            "meeting": meeting,
        }


def test_the_view_holds_the_list_and_the_first_event_in_full(db: Database) -> None:
    ids = busy_case(db)
    with db.session() as s:
        view = schedule_view(s, ids["case"])
    assert view.case_id == ids["case"]
    assert view.model == InterventionModel.CRAFT
    assert view.travel_buffer == scheduling.DEFAULT_TRAVEL_BUFFER_MINUTES
    assert [line.id for line in view.events] == [
        ids["rehearsal"],
        ids["coaching"],
        ids["cancelled"],
        ids["meeting"],
    ]
    assert [line.cancelled for line in view.events] == [False, False, True, False]
    assert [line.kind for line in view.events][:2] == [
        EventKind.REHEARSAL,
        EventKind.COACHING_SESSION,
    ]
    first = view.events[0]
    assert first.title == "First run-through"
    assert first.local_start == datetime(2026, 11, 30, 17, 0, tzinfo=first.local_start.tzinfo)
    assert str(first.local_start.tzinfo) == NEW_YORK
    current = view.current
    assert current is not None and current.id == ids["rehearsal"]
    assert current.case_id == ids["case"] and current.timezone == NEW_YORK
    assert current.duration_minutes == 60 and not current.is_video and not current.cancelled
    # The roster in its order, names tidied, the person taken off it left out.
    assert [(p.name, p.response) for p in current.invitees] == [
        ("Sam Lee", AttendeeResponse.CONFIRMED),
        ("Robin Lee", AttendeeResponse.TENTATIVE),
    ]
    assert [p.participant_id for p in current.invitees] == [ids["sam"], ids["robin"]]
    # Its conflicts: the other case's rehearsal (named by reference only) and Sam's evenings.
    assert [c.kind for c in current.conflicts] == [ConflictKind.OVERLAP, ConflictKind.UNAVAILABLE]
    overlap, unavailable = (c.message for c in current.conflicts)
    assert ids["other_reference"] in overlap and "Okonkwo" not in overlap
    assert unavailable.startswith("Sam Lee is not available then")


def test_the_view_is_frozen_and_holds_only_plain_values(db: Database) -> None:
    ids = busy_case(db)
    with db.session() as s:
        view = schedule_view(s, ids["case"])
    found = list(values_in(view))
    assert len(found) > 50
    assert not [v for v in found if isinstance(v, Base)]
    with pytest.raises(FrozenInstanceError):
        view.case_id = "another"  # type: ignore[misc]
    assert view.current is not None
    with pytest.raises(FrozenInstanceError):
        view.current.title = "changed"  # type: ignore[misc]


def test_choosing_an_event_and_the_times_on_screen(db: Database) -> None:
    ids = busy_case(db)
    with db.session() as s:
        coaching = schedule_view(s, ids["case"], choose=ids["coaching"]).current
        meeting = schedule_view(s, ids["case"], choose=ids["meeting"]).current
        cancelled = schedule_view(s, ids["case"], choose=ids["cancelled"]).current
        gone = schedule_view(s, ids["case"], choose="no-such-event").current
        # The rehearsal as typed at 09:00, not yet saved: no overlap any more, Sam still away.
        typed = ShownTimes(ids["rehearsal"], datetime(2026, 11, 30, 9), NEW_YORK, 60, False)
        moved = schedule_view(s, ids["case"], choose=ids["rehearsal"], shown=typed).current
        # Times shown for another event than the chosen one are not used for it.
        elsewhere = schedule_view(s, ids["case"], choose=ids["coaching"], shown=typed).current
    assert coaching is not None and coaching.id == ids["coaching"]
    assert coaching.place == "Kitchen table" and coaching.notes == "Bring tea"
    assert coaching.conflicts == () and [p.response for p in coaching.invitees] == [None, None]
    assert meeting is not None and meeting.kind == EventKind.INTERVENTION
    assert meeting.readiness_override.startswith("Scheduled on ")
    assert cancelled is not None and cancelled.cancelled and cancelled.conflicts == ()
    assert gone is not None and gone.id == ids["rehearsal"]  # the first, as the list chooses
    assert moved is not None
    assert [c.kind for c in moved.conflicts] == [ConflictKind.UNAVAILABLE]
    assert moved.local_start.hour == 17  # the saved time is still what is saved
    assert elsewhere == coaching


def test_event_view_is_the_same_detail_on_its_own(db: Database) -> None:
    ids = busy_case(db)
    with db.session() as s:
        whole = schedule_view(s, ids["case"])
    with db.session() as s:
        alone = event_view(s, ids["rehearsal"])
    assert alone == whole.current


def test_the_travel_buffer_setting_is_part_of_the_view(db: Database) -> None:
    ids = busy_case(db)
    with db.session() as s:
        scheduling.set_travel_buffer(s, 45)
    with db.session() as s:
        assert schedule_view(s, ids["case"]).travel_buffer == 45


def test_reading_the_view_takes_the_same_few_statements_for_any_number_of_events(
    db: Database,
) -> None:
    ids = busy_case(db)
    with Reads(db) as small, db.session() as s:
        schedule_view(s, ids["case"])
    with db.session() as s:
        for day in range(1, 13):
            added = scheduling.create_event(
                s, ids["case"], kind="rehearsal", starts=datetime(2027, 1, day, 18), timezone="UTC"
            )
            scheduling.invite(s, added.id, ids["sam"])
            scheduling.invite(s, added.id, ids["robin"])
    with Reads(db) as large, db.session() as s:
        view = schedule_view(s, ids["case"])
    assert len(view.events) == 16
    assert small.transactions == large.transactions == 1
    assert large.statements == small.statements <= 12
    with Reads(db) as one, db.session() as s:
        event_view(s, ids["rehearsal"])
    assert one.transactions == 1 and one.statements <= 12


def test_a_case_or_event_removed_elsewhere_is_said_in_words(db: Database) -> None:
    ids = busy_case(db)
    with db.session() as s:
        scheduling.delete_event(s, ids["coaching"])
    with db.session() as s, pytest.raises(NotFound, match="That case no longer exists"):
        schedule_view(s, "no-such-case")
    with db.session() as s, pytest.raises(NotFound, match="That event no longer exists"):
        event_view(s, ids["coaching"])
    with db.session() as s:
        lines = schedule_view(s, ids["case"]).events
    assert ids["coaching"] not in [line.id for line in lines] and len(lines) == 3


def test_the_view_names_the_zones_the_case_uses(db: Database) -> None:
    ids = busy_case(db)
    with db.session() as s:
        logistics.set_intake(s, ids["case"], datetime(2026, 12, 6, 9), "Europe/Berlin")
    with db.session() as s:
        view = schedule_view(s, ids["case"])
    # Events and availability windows first (in New York here), then the intake; once each.
    assert view.zones == (NEW_YORK, "Europe/Berlin")

"""The logistics checklist, the facility fields and readiness for the intervention meeting."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session

from interventiondesk.errors import InvalidInput, NotFound
from interventiondesk.model import Case, EventKind, LogisticsCategory, LogisticsStatus
from interventiondesk.model.base import Base
from interventiondesk.services import audit, logistics, scheduling
from interventiondesk.services.cases import create_case
from interventiondesk.storage.database import Database
from tests.reads import Reads
from tests.services.test_schedule_view import values_in

HOSTILE = [
    "<b>&amp;</b> <script>x</script>",
    '"quoted"; semi, comma',
    "נסיעה עם אמא — مرافقة",
    "🚗💼",
    "y" * 100_000,
    "",
]


def new_case(session: Session, **plan: object) -> Case:
    return create_case(session, client_name="Jordan Lee", kind="planned", model="johnson", **plan)


def make_ready(session: Session, case: Case) -> None:
    logistics.update_facility(session, case.id, {"facility_name": "Cedar House"})
    logistics.set_intake(session, case.id, datetime(2026, 12, 6, 9), "America/New_York")
    for item in case.logistics:
        if item.required:
            logistics.update_item(session, item.id, {"status": "done"})


def test_new_case_gets_the_default_checklist(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        items = logistics.checklist(s, case.id)
        assert [i.title for i in items] == [e.title for e in logistics.DEFAULT_CHECKLIST]
        assert [i.position for i in items] == list(range(len(items)))
        assert {i.category for i in items} >= {
            LogisticsCategory.FACILITY,
            LogisticsCategory.INSURANCE,
            LogisticsCategory.DETOX,
            LogisticsCategory.TRANSPORT,
            LogisticsCategory.ESCORT,
            LogisticsCategory.BAG,
            LogisticsCategory.COVER,
        }
        assert all(i.status == LogisticsStatus.OPEN for i in items)
        detox = next(i for i in items if i.category == LogisticsCategory.DETOX)
        assert not detox.required
        # Adding the defaults again never duplicates a checklist.
        assert logistics.add_default_checklist(s, case) == []


def test_detox_item_is_required_when_the_case_needs_detox(db: Database) -> None:
    with db.session() as s:
        case = new_case(s, detox_needed=True)
        detox = next(i for i in case.logistics if i.category == LogisticsCategory.DETOX)
        assert detox.required


def test_readiness_lists_what_is_missing_until_everything_is_done(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        state = logistics.readiness(case)
        assert not state.ready
        assert "The treatment facility is not named yet." in state.missing
        assert "The intake time at the facility is not set." in state.missing
        required = [i for i in case.logistics if i.required]
        assert state.open_item_ids == [i.id for i in required]
        assert f"{required[0].title} (not started)." in state.missing
        make_ready(s, case)
        assert logistics.readiness(case) == logistics.Readiness(ready=True)
        # Items that are not required do not hold readiness back.
        assert any(i.status == LogisticsStatus.OPEN for i in case.logistics)


def test_not_needed_closes_an_item_but_not_a_needed_detox(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        make_ready(s, case)
        transport = next(i for i in case.logistics if i.category == LogisticsCategory.TRANSPORT)
        logistics.update_item(s, transport.id, {"status": "in_progress"})
        state = logistics.readiness(case)
        assert state.missing == [f"{transport.title} (in progress)."]
        logistics.update_item(s, transport.id, {"status": "not_needed"})
        assert logistics.readiness(case).ready
        logistics.update_facility(s, case.id, {"detox_needed": True})
        detox = next(i for i in case.logistics if i.category == LogisticsCategory.DETOX)
        logistics.update_item(s, detox.id, {"status": "not_needed"})
        assert logistics.readiness(case).open_item_ids == [detox.id]
        logistics.update_item(s, detox.id, {"status": "done"})
        assert logistics.readiness(case).ready
        logistics.remove_item(s, detox.id)
        assert logistics.readiness(case).missing == [
            "Medical detox is needed, but no checklist item arranges it."
        ]


def test_checklist_editing_reordering_and_hostile_text(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        added = [
            logistics.add_item(
                s,
                case.id,
                text[:200],
                responsible=text[:200],
                notes=text,
                due_on="2026-12-04",
                required=False,
            )
            for text in HOSTILE
        ]
        case_id = case.id
        ids = [i.id for i in added]
    with db.session() as s:
        items = logistics.checklist(s, case_id)
        mine = [i for i in items if i.id in ids]
        assert [i.notes for i in mine] == HOSTILE
        assert [i.title for i in mine] == [t[:200] for t in HOSTILE]
        assert all(i.due_on == date(2026, 12, 4) for i in mine)
        first_id = items[0].id
        logistics.move_item(s, first_id, 99)
        assert [i.id for i in logistics.checklist(s, case_id)][-1] == first_id
        logistics.move_item(s, first_id, 0)
        assert logistics.checklist(s, case_id)[0].id == first_id
        wanted = [i.id for i in reversed(logistics.checklist(s, case_id))]
        logistics.reorder(s, case_id, wanted)
        assert [i.id for i in logistics.checklist(s, case_id)] == wanted
        assert [i.position for i in logistics.checklist(s, case_id)] == list(range(len(wanted)))
        with pytest.raises(InvalidInput, match="every checklist item"):
            logistics.reorder(s, case_id, wanted[:-1])
        logistics.remove_item(s, wanted[0])
        remaining = logistics.checklist(s, case_id)
        assert [i.position for i in remaining] == list(range(len(remaining)))
        with pytest.raises(InvalidInput, match="cannot be edited"):
            logistics.update_item(s, remaining[0].id, {"case_id": "x"})
        with pytest.raises(InvalidInput, match="valid choice"):
            logistics.update_item(s, remaining[0].id, {"status": "finished"})


def test_facility_fields_and_intake_time(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        logistics.update_facility(
            s,
            case.id,
            {
                "facility_name": "בית ארז <Cedar> & Co",
                "facility_contact": "Dr. O'Neil; intake",
                "facility_phone": "+1 (555) 010-0199",
            },
        )
        with pytest.raises(InvalidInput, match="cannot be edited"):
            logistics.update_facility(s, case.id, {"counselor_notes": "x"})
        logistics.set_intake(s, case.id, datetime(2026, 12, 6, 9, 30), "Europe/Berlin")
        assert case.intake_at == datetime(2026, 12, 6, 8, 30, tzinfo=UTC)
        assert case.intake_timezone == "Europe/Berlin"
        with pytest.raises(InvalidInput, match="time zone"):
            logistics.set_intake(s, case.id, datetime(2026, 12, 6, 9), "Nowhere/Special")
        logistics.set_intake(s, case.id, None)
        assert case.intake_at is None
        assert case.facility_name == "בית ארז <Cedar> & Co"


def test_scheduling_the_meeting_while_not_ready_needs_a_recorded_confirmation(
    db: Database,
) -> None:
    with db.session() as s:
        case = new_case(s)
        with pytest.raises(logistics.NotReadyToSchedule, match="Confirm") as refused:
            scheduling.create_event(
                s,
                case.id,
                kind="intervention",
                starts=datetime(2026, 12, 5, 10),
                timezone="America/New_York",
            )
        assert not refused.value.readiness.ready
        assert case.events == []
        meeting = scheduling.create_event(
            s,
            case.id,
            kind=EventKind.INTERVENTION,
            starts=datetime(2026, 12, 5, 10),
            timezone="America/New_York",
            despite_open_items=True,
        )
        assert "although treatment was not ready" in meeting.readiness_override
        assert "The treatment facility is not named yet." in meeting.readiness_override
        trail = audit.events_for_case(s, case.id)
        recorded = [e for e in trail if e.action == "meeting.scheduled_despite_open_logistics"]
        assert len(recorded) == 1
        assert meeting.id in recorded[0].detail
        assert "facility not named" in recorded[0].detail
        assert "Jordan" not in recorded[0].detail and "Bed" not in recorded[0].detail
        assert audit.verify(s) == []


def test_changing_an_event_into_the_meeting_also_asks(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        rehearsal = scheduling.create_event(
            s, case.id, kind="rehearsal", starts=datetime(2026, 12, 4, 18), timezone="UTC"
        )
        with pytest.raises(logistics.NotReadyToSchedule):
            scheduling.update_event(s, rehearsal.id, {"kind": "intervention"})
        assert rehearsal.kind == EventKind.REHEARSAL
        scheduling.update_event(s, rehearsal.id, {"kind": "intervention"}, despite_open_items=True)
        assert rehearsal.readiness_override


def test_a_ready_case_schedules_the_meeting_without_asking(db: Database) -> None:
    with db.session() as s:
        case = new_case(s)
        make_ready(s, case)
        meeting = scheduling.create_event(
            s, case.id, kind="intervention", starts=datetime(2026, 12, 5, 10), timezone="UTC"
        )
        assert meeting.readiness_override == ""
        actions = [e.action for e in audit.events_for_case(s, case.id)]
        assert "meeting.scheduled_despite_open_logistics" not in actions


# The page's view ------------------------------------------------------------------------


def test_the_logistics_view_holds_placement_checklist_and_readiness(db: Database) -> None:
    """A case two days before the meeting: the facility named, the intake time set in
    Berlin, detox needed and booked, a hostile item of the family's own, one required item
    still open, and the list reordered."""
    with db.session() as s:
        case = new_case(s, detox_needed=True)
        case_id = case.id
        logistics.update_facility(
            s,
            case_id,
            {
                "facility_name": "בית החלמה <Cedar> & “Sons”",
                "facility_contact": "Dr. Ortiz",
                "facility_phone": "+49 30 1234567",
            },
        )
        logistics.set_intake(s, case_id, datetime(2026, 12, 6, 9, 30), "Europe/Berlin")
        own = logistics.add_item(
            s, case_id, HOSTILE[0], category="other", responsible=HOSTILE[2], due_on="2026-12-04"
        )
        for item in case.logistics:
            if item.category == LogisticsCategory.DETOX or (
                item.required and item.category != LogisticsCategory.TRANSPORT
            ):
                logistics.update_item(s, item.id, {"status": "done"})
        logistics.update_item(s, own.id, {"status": "in_progress", "notes": HOSTILE[3]})
        logistics.move_item(s, own.id, 0)
        expected_order = [i.id for i in logistics.checklist(s, case_id)]
        expected = logistics.case_readiness(s, case_id)
    with Reads(db) as traffic, db.session() as s:
        view = logistics.logistics_view(s, case_id)
    assert traffic.transactions == 1 and traffic.statements == 3  # BEGIN, the case, its items
    assert view.case_id == case_id
    assert view.facility_name == "בית החלמה <Cedar> & “Sons”"
    assert (view.facility_contact, view.facility_phone) == ("Dr. Ortiz", "+49 30 1234567")
    assert view.detox_needed
    assert view.intake_at == datetime(2026, 12, 6, 8, 30, tzinfo=UTC)
    assert view.intake_timezone == "Europe/Berlin"
    assert [row.id for row in view.checklist] == expected_order and expected_order[0] == own.id
    first = view.checklist[0]
    assert (first.title, first.category, first.required) == (
        HOSTILE[0],
        LogisticsCategory.OTHER,
        True,
    )
    assert (first.status, first.responsible, first.notes) == (
        LogisticsStatus.IN_PROGRESS,
        HOSTILE[2],
        HOSTILE[3],
    )
    assert first.due_on == date(2026, 12, 4)
    # Not ready: the ride and the family's own item are open; as readiness() says it.
    assert not view.ready and list(view.missing) == expected.missing
    assert len(view.missing) == 2 and view.missing[0].startswith(HOSTILE[0])
    assert "A ride from the meeting to the facility is lined up (not started)." in view.missing
    assert not [v for v in values_in(view) if isinstance(v, Base)]


def test_the_logistics_view_of_a_new_or_missing_case(db: Database) -> None:
    with db.session() as s:
        case_id = new_case(s).id
    with db.session() as s:
        view = logistics.logistics_view(s, case_id)
    assert view.facility_name == "" and view.intake_at is None and not view.detox_needed
    assert [row.title for row in view.checklist] == [e.title for e in logistics.DEFAULT_CHECKLIST]
    assert not view.ready and "The treatment facility is not named yet." in view.missing
    with db.session() as s, pytest.raises(NotFound, match="That case no longer exists"):
        logistics.logistics_view(s, "no-such-case")


def test_a_checklist_row_is_the_item_as_plain_values(db: Database) -> None:
    with db.session() as s:
        item = logistics.add_item(s, new_case(s).id, "Keys", due_on="2026-12-04", required=False)
        row = logistics.ChecklistRow.of(item)
    assert row == logistics.ChecklistRow(
        id=item.id,
        title="Keys",
        category=LogisticsCategory.OTHER,
        required=False,
        status=LogisticsStatus.OPEN,
        responsible="",
        due_on=date(2026, 12, 4),
        notes="",
    )


def test_the_logistics_view_names_the_zones_the_case_uses(db: Database) -> None:
    with db.session() as s:
        case_id = create_case(s, client_name="Jordan Lee", kind="planned", model="johnson").id
        assert logistics.logistics_view(s, case_id).zones == ()
        logistics.set_intake(s, case_id, datetime(2026, 12, 6, 9), "Europe/Berlin")
        for zone in ("America/Chicago", "Europe/Berlin", "America/Chicago"):
            scheduling.create_event(
                s, case_id, kind="rehearsal", starts=datetime(2026, 12, 3, 18), timezone=zone
            )
    with db.session() as s, Reads(db) as reads:
        view = logistics.logistics_view(s, case_id)
    # The intake's zone first, then the events' zones, once each; still one statement for the
    # case (and one for its checklist).
    assert view.zones[0] == "Europe/Berlin"
    assert sorted(view.zones) == ["America/Chicago", "Europe/Berlin"]
    assert reads.statements <= 3

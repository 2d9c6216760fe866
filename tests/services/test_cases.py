"""The cases service: create, find, list, search, edit, archive and restore."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.orm.exc import StaleDataError

from interventiondesk.errors import EditConflict, InvalidInput, NotFound
from interventiondesk.model import Case, CaseStatus, Client, Event, EventKind
from interventiondesk.services import cases
from interventiondesk.storage.database import Database
from tests.hostile import HOSTILE_TEXTS


def _new(db: Database, name: str = "Avery Example", **plan: object) -> str:
    with db.session() as s:
        return cases.create_case(s, client_name=name, kind="planned", model="johnson", **plan).id


def test_create_gives_a_reference_that_says_nothing_about_the_client(db: Database) -> None:
    with db.session() as s:
        case = cases.create_case(s, client_name="Avery Example", kind="crisis", model="craft")
        assert case.reference.startswith("IN-") and len(case.reference) == 8
        assert "Avery" not in case.reference
        assert case.status is CaseStatus.INTAKE
        assert case.version == 1


def test_create_refuses_a_blank_name_and_bad_choices(db: Database) -> None:
    with db.session() as s, pytest.raises(InvalidInput, match="client's name"):
        cases.create_case(s, client_name="   ", kind="crisis", model="craft")
    with db.session() as s, pytest.raises(InvalidInput, match="not a valid choice"):
        cases.create_case(s, client_name="X", kind="sudden", model="craft")
    with db.session() as s:
        assert s.scalars(select(Case)).all() == []


def test_find_by_reference_or_id(db: Database) -> None:
    case_id = _new(db)
    with db.session() as s:
        reference = s.get(Case, case_id).reference  # type: ignore[union-attr]
        assert cases.find_case(s, reference.lower()).id == case_id
        assert cases.find_case(s, case_id).id == case_id
        with pytest.raises(NotFound):
            cases.find_case(s, "IN-NOPE1")


def test_update_plan_and_client(db: Database) -> None:
    case_id = _new(db)
    with db.session() as s:
        cases.update_case(
            s, case_id, {"status": "planning", "goals": "Enter treatment", "sign_denial": True}
        )
        cases.update_client(s, case_id, {"preferred_name": "Ave", "date_of_birth": "1990-04-02"})
    with db.session() as s:
        case = cases.find_case(s, case_id)
        assert case.status is CaseStatus.PLANNING and case.goals == "Enter treatment"
        assert case.sign_denial is True
        assert case.client.date_of_birth == date(1990, 4, 2)
        assert case.version == 2


@pytest.mark.parametrize(
    "changes",
    [
        {"reference": "IN-HACK1"},
        {"id": "x"},
        {"no_such_field": 1},
        {"sign_denial": "yes"},
        {"reading_minutes_limit": "three"},
        {"status": "gone"},
    ],
)
def test_update_refuses_what_cannot_be_edited(db: Database, changes: dict[str, object]) -> None:
    case_id = _new(db)
    with db.session() as s, pytest.raises(InvalidInput):
        cases.update_case(s, case_id, changes)


def test_update_client_refuses_an_empty_name(db: Database) -> None:
    case_id = _new(db)
    with db.session() as s, pytest.raises(InvalidInput):
        cases.update_client(s, case_id, {"full_name": " "})


def test_stale_edits_are_detected(db: Database) -> None:
    case_id = _new(db)
    with db.session() as s, pytest.raises(EditConflict):
        cases.update_case(s, case_id, {"goals": "x"}, expected_version=7)
    # Two windows load the same case; the first saves; the second's save is refused, not merged.
    first, second = db.new_session(), db.new_session()
    a, b = first.get(Case, case_id), second.get(Case, case_id)
    assert a is not None and b is not None
    second.commit()  # the second window's read ends; it keeps what it showed
    a.goals = "from the first window"
    first.commit()
    b.goals = "from the second window"
    with pytest.raises(StaleDataError):
        second.commit()
    first.close()
    second.close()
    # Through the service layer the same situation is a sentence, not a crash.
    with pytest.raises(EditConflict), db.session() as s:
        stale = s.get(Case, case_id)
        assert stale is not None
        s.expunge(stale)
        stale.version = 1
        stale.goals = "stale"
        s.merge(stale)


def test_archive_and_restore(db: Database) -> None:
    case_id = _new(db)
    with db.session() as s:
        cases.archive_case(s, case_id)
    with db.session() as s:
        assert [r.id for r in cases.list_cases(s)] == []
        assert [r.id for r in cases.list_cases(s, archived_only=True)] == [case_id]
        assert cases.list_cases(s, include_archived=True)[0].archived
        cases.restore_case(s, case_id)
    with db.session() as s:
        assert [r.id for r in cases.list_cases(s)] == [case_id]
        actions = [e.action for e in cases.audit.events_for_case(s, case_id)]
        assert actions == ["case.created", "case.archived", "case.restored"]


def test_list_search_and_next_date(db: Database) -> None:
    a = _new(db, "Bianca Ortiz", counselor="Dr. Lane")
    b = _new(db, "Carl Mendel")
    now = datetime(2026, 11, 28, 12, tzinfo=UTC)
    with db.session() as s:
        case_b = s.get(Case, b)
        assert case_b is not None
        for days, cancelled in ((-1, False), (3, True), (5, False), (9, False)):
            case_b.events.append(
                Event(
                    kind=EventKind.REHEARSAL,
                    title="R",
                    timezone="America/Chicago",
                    starts_at=now + timedelta(days=days),
                    cancelled_at=now if cancelled else None,
                )
            )
    with db.session() as s:
        rows = {r.id: r for r in cases.list_cases(s, now=now)}
        assert rows[a].next_date is None
        assert rows[b].next_date == now + timedelta(days=5)
        assert [r.id for r in cases.list_cases(s, search="bianca")] == [a]
        assert [r.id for r in cases.list_cases(s, search="LANE")] == [a]
        assert {r.id for r in cases.list_cases(s, search="johnson")} == {a, b}
        assert cases.list_cases(s, search="%") == []
        assert cases.list_cases(s, search="_") == []
        assert cases.list_cases(s, search="\\") == []


def test_concerns_and_observations(db: Database) -> None:
    case_id = _new(db)
    with db.session() as s:
        alcohol = cases.add_concern(s, case_id, "substance", "Alcohol", "daily, since 2023")
        cases.add_concern(s, case_id, "mental_health", "Depression")
        seen = cases.add_observation(
            s, case_id, "Missed work 3 days", sign="decline", observed_on="2026-11-02"
        )
        cases.update_concern(s, alcohol.id, {"details": "daily"})
        cases.update_observation(s, seen.id, {"sign": "denial"})
    with db.session() as s:
        case = cases.find_case(s, case_id)
        assert [c.name for c in case.concerns] == ["Alcohol", "Depression"]
        assert case.concerns[0].details == "daily"
        assert case.observations[0].observed_on == date(2026, 11, 2)
        cases.remove_concern(s, alcohol.id)
        cases.remove_observation(s, seen.id)
    with db.session() as s:
        case = cases.find_case(s, case_id)
        assert [c.name for c in case.concerns] == ["Depression"] and case.observations == []


@pytest.mark.parametrize("name", sorted(HOSTILE_TEXTS))
def test_every_plan_text_field_round_trips_hostile_text(db: Database, name: str) -> None:
    text = HOSTILE_TEXTS[name]
    case_id = _new(db, "Placeholder Name")
    case_text = [
        c.key
        for c in inspect(Case).columns
        if c.key in cases.CASE_FIELDS
        and c.type.python_type is str
        and (getattr(c.type, "length", None) or 10**9) >= len(text)
    ]
    client_text = [
        c.key
        for c in inspect(Client).columns
        if c.key in cases.CLIENT_FIELDS
        and c.type.python_type is str
        and c.key != "full_name"
        and (getattr(c.type, "length", None) or 10**9) >= len(text)
    ]
    assert "counselor_notes" in case_text and "address" in client_text
    with db.session() as s:
        cases.update_case(s, case_id, dict.fromkeys(case_text, text))
        cases.update_client(s, case_id, dict.fromkeys(client_text, text))
        concern = cases.add_concern(s, case_id, "substance", text[:200], text)
        cases.add_observation(s, case_id, text)
    with db.session() as s:
        case = cases.find_case(s, case_id)
        for key in case_text:
            assert getattr(case, key) == text, key
        for key in client_text:
            assert getattr(case.client, key) == text, key
        assert s.get(type(concern), concern.id).details == text  # type: ignore[union-attr]
        assert case.observations[0].text == text


def test_one_line_fields_refuse_overlong_text_in_words(db: Database) -> None:
    case_id = _new(db)
    with db.session() as s, pytest.raises(InvalidInput, match="too long"):
        cases.update_client(s, case_id, {"phone": "9" * 500})


def test_create_stores_enum_members_not_raw_strings(db: Database) -> None:
    from interventiondesk.model import InterventionKind, InterventionModel

    with db.session() as s:
        case = cases.create_case(s, client_name="Enum Person", kind="family", model="craft")
        assert case.kind is InterventionKind.FAMILY
        assert case.model is InterventionModel.CRAFT

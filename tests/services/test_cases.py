"""The cases service: create, find, list, search, edit, archive and restore."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, fields, is_dataclass
from datetime import UTC, date, datetime, timedelta
from enum import Enum

import pytest
from sqlalchemy import event, inspect, select
from sqlalchemy.orm.exc import StaleDataError

from interventiondesk.errors import EditConflict, InvalidInput, NotFound
from interventiondesk.model import (
    Case,
    CaseStatus,
    Client,
    ConcernKind,
    Event,
    EventKind,
    InterventionKind,
    InterventionModel,
    WarningSign,
)
from interventiondesk.model.case import ClientIdentity
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


def test_a_date_of_birth_in_the_future_is_refused_in_words(db: Database) -> None:
    case_id = _new(db)
    with db.session(write=True) as s:
        cases.update_client(s, case_id, {"date_of_birth": date(1990, 4, 2)})
    tomorrow = date.today() + timedelta(days=1)
    for value in (tomorrow, tomorrow.isoformat()):
        with db.session() as s, pytest.raises(InvalidInput) as refused:
            cases.update_client(s, case_id, {"date_of_birth": value})
        assert str(refused.value) == "A date of birth cannot be in the future."
    with db.session() as s:
        client = cases.find_case(s, case_id).client
        assert client.date_of_birth == date(1990, 4, 2)
        cases.update_client(s, case_id, {"date_of_birth": date.today()})  # born today: fine
        cases.update_client(s, case_id, {"date_of_birth": None})


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


# The Plan page's view ----------------------------------------------------------------------


def _statements(db: Database) -> list[str]:
    """The SQL statements run on ``db`` from now on (a list that grows)."""
    seen: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    return seen


def _plain(value: object) -> bool:
    """Whether ``value`` holds nothing but plain values (no ORM object, no list)."""
    if is_dataclass(value) and not isinstance(value, type):
        return all(_plain(getattr(value, f.name)) for f in fields(value))
    if isinstance(value, tuple):
        return all(_plain(item) for item in value)
    return value is None or isinstance(value, str | int | date | datetime | Enum)


def _realistic_plan(db: Database, concerns: int = 3) -> str:
    with db.session(write=True) as s:
        case = cases.create_case(
            s,
            client_name="Dana Whitfield",
            kind="planned",
            model="love_first",
            counselor="M. Ortiz",
            goals="Enter residential treatment this month",
            treatment_options="Two beds held at Cedar House",
            counselor_notes=HOSTILE_TEXTS["markup"],
            concerns_notes="Drinks alone at night",
            sign_decline=True,
            sign_safety=True,
        )
        cases.update_client(
            s,
            case.id,
            {
                "preferred_name": "Dee",
                "date_of_birth": date(1984, 3, 9),
                "pronouns": "she/her",
                "phone": "+1 555 0100",
                "email": "dana@example.org",
                "address": "12 Elm Street\nSpringfield",
            },
        )
        for i in range(concerns):
            cases.add_concern(s, case.id, "substance", f"Concern {i}", f"details {i}")
        cases.add_observation(
            s, case.id, "Missed work", sign="decline", observed_on=date(2026, 3, 2)
        )
        cases.add_observation(
            s, case.id, "Said it is fine", sign="denial", observed_on=date(2026, 1, 5)
        )
        cases.add_observation(s, case.id, "Undated", observed_on=None)
        return case.id


def test_plan_view_holds_the_whole_plan_as_plain_frozen_values(db: Database) -> None:
    case_id = _realistic_plan(db)
    with db.session() as s:
        view = cases.plan_view(s, case_id)
        reference = s.get(Case, case_id).reference  # type: ignore[union-attr]
    assert _plain(view)
    assert (view.case_id, view.reference) == (case_id, reference)
    assert (view.kind, view.model, view.status) == (
        InterventionKind.PLANNED,
        InterventionModel.LOVE_FIRST,
        CaseStatus.INTAKE,
    )
    assert view.counselor == "M. Ortiz" and view.counselor_notes == HOSTILE_TEXTS["markup"]
    assert view.goals == "Enter residential treatment this month"
    assert view.treatment_options == "Two beds held at Cedar House"
    assert view.concerns_notes == "Drinks alone at night"
    assert (view.sign_decline, view.sign_denial, view.sign_safety) == (True, False, True)
    assert not view.archived
    assert view.client == ClientIdentity(
        full_name="Dana Whitfield",
        preferred_name="Dee",
        date_of_birth=date(1984, 3, 9),
        pronouns="she/her",
        phone="+1 555 0100",
        email="dana@example.org",
        address="12 Elm Street\nSpringfield",
    )
    assert [(c.concern, c.name, c.details) for c in view.concerns] == [
        (ConcernKind.SUBSTANCE, f"Concern {i}", f"details {i}") for i in range(3)
    ]
    # The page's order: by date observed, as the case's relationship orders them.
    with db.session() as s:
        expected = [o.id for o in s.get(Case, case_id).observations]  # type: ignore[union-attr]
    assert [o.id for o in view.observations] == expected
    assert {(o.observed_on, o.sign, o.text) for o in view.observations} == {
        (date(2026, 3, 2), WarningSign.DECLINE, "Missed work"),
        (date(2026, 1, 5), WarningSign.DENIAL, "Said it is fine"),
        (None, WarningSign.OTHER, "Undated"),
    }
    with pytest.raises(FrozenInstanceError):
        view.goals = "changed"  # type: ignore[misc]
    with db.session(write=True) as s:
        cases.archive_case(s, case_id)
    with db.session() as s:
        assert cases.plan_view(s, case_id).archived


def test_plan_view_reads_a_few_statements_however_long_the_lists(db: Database) -> None:
    short, long = _realistic_plan(db, concerns=1), _realistic_plan(db, concerns=40)
    seen = _statements(db)
    with db.session() as s:
        cases.plan_view(s, short)
    short_count = len(seen)
    seen.clear()
    with db.session() as s:
        view = cases.plan_view(s, long)
    assert len(view.concerns) == 40
    assert len(seen) == short_count <= 4  # BEGIN, the case with its client, concerns, observations


def test_plan_view_rows_and_a_missing_case(db: Database) -> None:
    case_id = _new(db)
    with db.session(write=True) as s:
        concern = cases.add_concern(s, case_id, "mental_health", "Depression", "two years").id
        seen = cases.add_observation(s, case_id, "Slept all day", sign="decline").id
    with db.session() as s:
        assert cases.concern_row(s, concern) == cases.ConcernRow(
            concern, ConcernKind.MENTAL_HEALTH, "Depression", "two years"
        )
        assert cases.observation_row(s, seen) == cases.ObservationRow(
            seen, None, WarningSign.DECLINE, "Slept all day"
        )
        with pytest.raises(NotFound, match="case no longer exists"):
            cases.plan_view(s, "no-such-case")
        with pytest.raises(NotFound, match="concern no longer exists"):
            cases.concern_row(s, "no-such-concern")


def test_list_rows_carry_raised_flags_the_latest_triage_and_overdue_tasks(db: Database) -> None:
    from interventiondesk.model import FollowUpTask, RiskLevel
    from interventiondesk.services.safety import NO_NALOXONE, save_screen, set_flags

    today = date(2026, 11, 28)
    at = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    plain, flagged, screened = (_new(db, name) for name in ("Plain", "Flagged", "Screened"))
    high = {
        "wish_to_be_dead": True,
        "suicidal_thoughts": True,
        "thoughts_of_method": True,
        "intent": False,
        "plan": True,
        "recent_behaviour": False,
    }
    low = {"wish_to_be_dead": False, "suicidal_thoughts": False, "recent_behaviour": False}
    with db.session() as s:
        set_flags(s, flagged, {"overdose_history": True, "weapons_in_home": True})
        save_screen(s, screened, low, at=at)
        save_screen(s, screened, high, at=at + timedelta(days=1))  # the latest counts
        save_screen(s, flagged, high, at=at)
        save_screen(s, flagged, low, at=at + timedelta(days=2))
        s.add_all(
            [
                FollowUpTask(case_id=screened, title="late", due_on=today - timedelta(days=1)),
                FollowUpTask(case_id=screened, title="later", due_on=today - timedelta(days=9)),
                FollowUpTask(case_id=screened, title="today", due_on=today),
                FollowUpTask(
                    case_id=screened, title="done", due_on=today - timedelta(days=3), done_at=at
                ),
                FollowUpTask(case_id=flagged, title="undated"),
            ]
        )
    with db.session() as s:
        rows = {r.client_name: r for r in cases.list_cases(s, today=today)}
        one = cases.case_row(s, flagged)
    assert (rows["Plain"].flags, rows["Plain"].triage, rows["Plain"].overdue_tasks) == ((), None, 0)
    assert rows["Flagged"].flags == ("overdose_history", "weapons_in_home", NO_NALOXONE)
    assert rows["Flagged"].triage is RiskLevel.LOW
    assert rows["Flagged"].overdue_tasks == 0
    assert (rows["Screened"].triage, rows["Screened"].overdue_tasks) == (RiskLevel.HIGH, 2)
    assert one == rows["Flagged"]  # the header reads the same row
    assert plain in {r.id for r in rows.values()}

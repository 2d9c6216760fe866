"""The roster: adding, editing, removing, restoring, reordering, and the team warnings."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import time

import pytest
from sqlalchemy import event

from interventiondesk.errors import InvalidInput, NotFound
from interventiondesk.model import Case, InterventionModel, Participant, ParticipantRole
from interventiondesk.services.availability import add_window
from interventiondesk.services.cases import create_case
from interventiondesk.services.participants import (
    TEAM_SHAPES,
    add_participant,
    move_participant,
    person_view,
    remove_participant,
    reorder_participants,
    restore_participant,
    roster,
    roster_view,
    roster_warnings,
    update_participant,
)
from interventiondesk.storage.database import Database

HOSTILE = [
    "<b>&amp;</b><script>alert(1)</script>",
    'O\'Brien "the elder"',
    "مريم الحسن",
    "שרה כהן",
    "Nana 👵🏽 ❤️",
    "x" * 200,
]


def _case(db: Database, model: str = "johnson") -> str:
    with db.session() as s:
        return create_case(s, client_name="Client Person", kind="planned", model=model).id


def _codes(db: Database, case_id: str) -> set[str]:
    with db.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        return {w.code for w in roster_warnings(case)}


def test_add_edit_and_hostile_text_round_trip(db: Database) -> None:
    case_id = _case(db)
    with db.session() as s:
        ids = [
            add_participant(s, case_id, name, relationship_to_client=name, counselor_notes=name).id
            for name in HOSTILE
        ]
        big = "may go off script " * 6000  # about 100 KB
        update_participant(s, ids[0], {"counselor_notes": big, "availability_notes": ""})
    with db.session() as s:
        people = roster(s, case_id)
        assert [p.name for p in people] == HOSTILE
        assert [p.relationship_to_client for p in people] == HOSTILE
        assert people[0].counselor_notes == big
        assert people[0].availability_notes == ""
        assert [p.position for p in people] == list(range(len(HOSTILE)))


def test_names_and_fields_are_validated(db: Database) -> None:
    case_id = _case(db)
    with db.session() as s:
        with pytest.raises(InvalidInput, match="needs a name"):
            add_participant(s, case_id, "   ")
        person = add_participant(s, case_id, "Ann")
        with pytest.raises(InvalidInput, match="cannot be empty"):
            update_participant(s, person.id, {"name": ""})
        with pytest.raises(InvalidInput, match="not a valid choice"):
            update_participant(s, person.id, {"role": "boss"})
        with pytest.raises(InvalidInput, match="cannot be edited"):
            update_participant(s, person.id, {"case_id": "elsewhere"})
        with pytest.raises(InvalidInput, match="too long"):
            update_participant(s, person.id, {"name": "y" * 201})


def test_letter_only_role_means_not_attending(db: Database) -> None:
    case_id = _case(db)
    with db.session() as s:
        person = add_participant(s, case_id, "Ann", role="letter_only")
        assert person.attending is False
        update_participant(s, person.id, {"role": "reader", "attending": True})
        assert person.attending is True
        update_participant(s, person.id, {"role": "letter_only"})
        assert person.attending is False


def test_soft_remove_restore_and_reorder(db: Database) -> None:
    case_id = _case(db)
    with db.session() as s:
        a, b, c = (add_participant(s, case_id, n).id for n in ("A", "B", "C"))
    with db.session() as s:
        remove_participant(s, b)
        assert [p.name for p in roster(s, case_id)] == ["A", "C"]
        assert [p.name for p in roster(s, case_id, removed=True)] == ["B"]
        assert [p.position for p in roster(s, case_id)] == [0, 1]
    with db.session() as s:
        restore_participant(s, b)
        assert [p.name for p in roster(s, case_id)] == ["A", "C", "B"]
        reorder_participants(s, case_id, [c, a, b])
    with db.session() as s:
        assert [p.name for p in roster(s, case_id)] == ["C", "A", "B"]
        move_participant(s, b, 0)
        assert [p.name for p in roster(s, case_id)] == ["B", "C", "A"]
        move_participant(s, b, 99)
        assert [p.name for p in roster(s, case_id)] == ["C", "A", "B"]
        with pytest.raises(InvalidInput, match="exactly once"):
            reorder_participants(s, case_id, [a, b])
        with pytest.raises(InvalidInput, match="exactly once"):
            reorder_participants(s, case_id, [a, a, b, c])


def _team(db: Database, case_id: str, roles: list[str], **extra: object) -> list[str]:
    with db.session() as s:
        return [
            add_participant(s, case_id, f"P{i}", role=r, **extra).id for i, r in enumerate(roles)
        ]


def test_johnson_team_size_bounds(db: Database) -> None:
    case_id = _case(db, "johnson")
    assert _codes(db, case_id) == {"team_size"}
    _team(db, case_id, ["reader"] * 3)
    assert "team_size" in _codes(db, case_id)
    with db.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        found = roster_warnings(case)
        # The counts travel with the warning, so the window can word it in any language.
        assert [w.numbers for w in found if w.code == "team_size"] == [(3, 4, 6)]
        assert [w.message for w in found if w.code == "team_size"] == [
            "The team has 3 attending members; this model suggests 4 to 6."
        ]
    _team(db, case_id, ["closer"])
    assert _codes(db, case_id) == set()
    ids = _team(db, case_id, ["reader"] * 2)
    assert _codes(db, case_id) == set()
    _team(db, case_id, ["reader"])
    assert _codes(db, case_id) == {"team_size"}
    # Professionals, observers and absent people are not counted in the team.
    with db.session() as s:
        update_participant(s, ids[0], {"attending": False})
        add_participant(s, case_id, "Dr", role="professional")
        add_participant(s, case_id, "Obs", role="observer")
    assert _codes(db, case_id) == set()


def test_love_first_needs_chair_and_detail_person(db: Database) -> None:
    case_id = _case(db, "love_first")
    _team(db, case_id, ["reader", "reader", "closer"])
    assert _codes(db, case_id) == {"missing_chairperson", "missing_detail_person"}
    _team(db, case_id, ["chairperson"])
    assert _codes(db, case_id) == {"missing_detail_person"}
    _team(db, case_id, ["detail_person"])
    assert _codes(db, case_id) == set()
    # Johnson-style teams do not use these roles.
    johnson = _case(db, "johnson")
    _team(db, johnson, ["reader"] * 4)
    assert _codes(db, johnson) == set()


def test_more_than_one_closer_and_an_absent_closer(db: Database) -> None:
    case_id = _case(db)
    ids = _team(db, case_id, ["reader", "reader", "closer", "closer"])
    with db.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        several = next(w for w in roster_warnings(case) if w.code == "several_closers")
        assert set(several.participant_ids) == set(ids[2:])
        assert "2 people" in several.message
    with db.session() as s:
        update_participant(s, ids[3], {"role": "reader"})
        update_participant(s, ids[2], {"attending": False})
    assert _codes(db, case_id) == {"closer_absent", "team_size"}


def test_a_minor_marked_attending(db: Database) -> None:
    case_id = _case(db)
    ids = _team(db, case_id, ["reader"] * 4)
    with db.session() as s:
        update_participant(s, ids[0], {"is_minor": True})
    assert _codes(db, case_id) == {"minor_attending"}
    with db.session() as s:
        update_participant(s, ids[0], {"role": "letter_only"})
        add_participant(s, case_id, "Extra")
    assert _codes(db, case_id) == set()


def test_removed_people_do_not_count_and_messages_name_no_one(db: Database) -> None:
    case_id = _case(db)
    ids = _team(db, case_id, ["closer", "closer", "reader", "reader"])
    with db.session() as s:
        update_participant(s, ids[0], {"name": "Zephyrine Quillfeather", "is_minor": True})
        case = s.get(Case, case_id)
        assert case is not None
        for warning in roster_warnings(case):
            assert "Zephyrine" not in warning.message
        remove_participant(s, ids[0])
        add_participant(s, case_id, "Fifth")
    assert _codes(db, case_id) == set()


def test_every_model_has_a_team_shape() -> None:
    from interventiondesk.model import InterventionModel

    assert set(TEAM_SHAPES) == set(InterventionModel)
    for shape in TEAM_SHAPES.values():
        assert 1 <= shape.team_min <= shape.team_max


def test_participant_rows_belong_to_their_case(db: Database) -> None:
    one, two = _case(db), _case(db)
    with db.session() as s:
        add_participant(s, one, "In one")
        add_participant(s, two, "In two")
    with db.session() as s:
        assert [p.name for p in roster(s, one)] == ["In one"]
        assert s.query(Participant).count() == 2


def test_team_size_message_says_member_for_one(db: Database) -> None:
    case_id = _case(db, "johnson")
    _team(db, case_id, ["reader"])
    with db.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        messages = [w.message for w in roster_warnings(case) if w.code == "team_size"]
    assert messages == ["The team has 1 attending member; this model suggests 4 to 6."]


# The Participants page's view --------------------------------------------------------------


def _realistic_roster(db: Database, people: int = 5) -> tuple[str, list[str]]:
    """A Love First case: a chair, a detail person, readers (with weekly windows), a removed
    closer and a minor marked as attending."""
    roles = ["chairperson", "detail_person", "reader", "reader", "reader", "reader"]
    with db.session(write=True) as s:
        case = create_case(s, client_name="Client Person", kind="planned", model="love_first")
        case_id = case.id
        ids = []
        for i in range(people):
            person = add_participant(
                s,
                case_id,
                HOSTILE[i % len(HOSTILE)],
                role=roles[i % len(roles)],
                relationship_to_client="sister",
                phone=f"+1 555 010{i}",
                availability_notes=f"evenings {i}",
            )
            ids.append(person.id)
            add_window(s, person.id, weekday=3, starts=time(18), ends=time(0), timezone="UTC")
            add_window(
                s, person.id, weekday=0, starts=time(9), ends=time(12), timezone="Europe/Berlin"
            )
        closer = add_participant(s, case_id, "Uncle Ray", role="closer").id
        remove_participant(s, closer)
        minor = add_participant(s, case_id, "Teo", role="reader", is_minor=True).id
    return case_id, [*ids, minor, closer]


def test_roster_view_holds_the_page_as_plain_frozen_values(db: Database) -> None:
    case_id, ids = _realistic_roster(db)
    *current, closer = ids
    with db.session() as s:
        view = roster_view(s, case_id)
        case = s.get(Case, case_id)
        assert case is not None
        expected_warnings = tuple(roster_warnings(case))
    assert view.case_id == case_id and view.model is InterventionModel.LOVE_FIRST
    assert [p.id for p in view.people] == current  # roster order
    assert [(p.id, p.name) for p in view.removed] == [(closer, "Uncle Ray")]
    first = view.people[0]
    assert (first.name, first.role, first.relationship_to_client, first.phone) == (
        HOSTILE[0],
        ParticipantRole.CHAIRPERSON,
        "sister",
        "+1 555 0100",
    )
    assert (first.attending, first.is_minor, first.availability_notes) == (
        True,
        False,
        "evenings 0",
    )
    # Monday first, then Thursday; 00:00 is midnight.
    assert [(w.weekday, w.starts, w.ends, w.timezone) for w in first.availability] == [
        (0, time(9), time(12), "Europe/Berlin"),
        (3, time(18), time(0), "UTC"),
    ]
    assert view.people[-1].is_minor and view.people[-1].availability == ()
    assert view.warnings == expected_warnings
    assert {w.code for w in view.warnings} == {"minor_attending"}
    assert view.person(current[2]) is view.people[2]
    assert view.person(closer) is None and view.person(None) is None
    with pytest.raises(FrozenInstanceError):
        first.name = "changed"  # type: ignore[misc]
    assert isinstance(view.people, tuple) and isinstance(first.availability, tuple)
    with db.session() as s:
        assert person_view(s, current[0]) == first


def test_roster_view_reads_a_few_statements_however_many_people(db: Database) -> None:
    small, _ = _realistic_roster(db, people=1)
    large, _ = _realistic_roster(db, people=30)
    seen: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: seen.append(args[2]))
    with db.session() as s:
        roster_view(s, small)
    small_count = len(seen)
    seen.clear()
    with db.session() as s:
        assert len(roster_view(s, large).people) == 31
    assert len(seen) == small_count <= 4  # BEGIN, the case, the participants, their windows


def test_roster_view_of_a_missing_case_or_person_says_so(db: Database) -> None:
    with db.session() as s:
        with pytest.raises(NotFound, match="case no longer exists"):
            roster_view(s, "no-such-case")
        with pytest.raises(NotFound, match="participant no longer exists"):
            person_view(s, "no-such-person")

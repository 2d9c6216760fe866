"""Screens kept as history, the safety plan's revisions, risk flags and ASAM ratings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from interventiondesk.errors import InvalidInput
from interventiondesk.model import AsamDimension, AsamRating, RiskLevel, RiskScreen
from interventiondesk.services.cases import archive_case, create_case
from interventiondesk.services.safety import (
    NO_NALOXONE,
    REVISION_SITTING,
    STEP_KEYS,
    cases_at_risk,
    plan_revisions,
    rate_asam,
    safety_view,
    save_safety_plan,
    save_screen,
    set_flags,
)
from interventiondesk.storage.database import Database

AT = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)
NOTHING = {"wish_to_be_dead": False, "suicidal_thoughts": False, "recent_behaviour": False}
HIGH = {
    "wish_to_be_dead": True,
    "suicidal_thoughts": True,
    "thoughts_of_method": True,
    "intent": False,
    "plan": True,
    "recent_behaviour": False,
}


def _case(db: Database, name: str = "Robin Example") -> str:
    with db.session() as s:
        return create_case(s, client_name=name, kind="crisis", model="invitational").id


def test_screens_are_kept_newest_first_and_a_new_one_supersedes(db: Database) -> None:
    case_id = _case(db)
    with db.session() as s:
        first = save_screen(s, case_id, HIGH, by="Dr. Lee", at=AT, notes="<script>")
        assert first.triage is RiskLevel.HIGH
        save_screen(s, case_id, NOTHING, by="Dr. Lee", at=AT + timedelta(days=3))
    with db.session() as s:
        newest, older = safety_view(s, case_id).screens
        assert (newest.triage, newest.superseded) == (RiskLevel.LOW, False)
        assert (older.triage, older.superseded, older.notes) == (RiskLevel.HIGH, True, "<script>")
        assert older.screened_by == "Dr. Lee" and older.screened_at == AT
        assert dict(newest.answers)["intent"] is None  # skipped by branching
        assert "Do not leave the client alone" in older.next_step


def test_a_saved_screen_is_never_edited(db: Database) -> None:
    case_id = _case(db)
    with db.session() as s:
        screen_id = save_screen(s, case_id, NOTHING, at=AT).id
    with pytest.raises(InvalidInput, match="cannot be changed"), db.session() as s:
        screen = s.get(RiskScreen, screen_id)
        assert screen is not None
        screen.recent_behaviour = True
        s.flush()
    with db.session() as s:
        assert s.get(RiskScreen, screen_id).recent_behaviour is False  # type: ignore[union-attr]


def test_an_incomplete_screen_saves_nothing(db: Database) -> None:
    case_id = _case(db)
    with pytest.raises(InvalidInput), db.session() as s:
        save_screen(s, case_id, {"wish_to_be_dead": True})
    with db.session() as s:
        assert safety_view(s, case_id).screens == ()


def test_the_plan_keeps_a_revision_per_sitting(db: Database) -> None:
    case_id = _case(db)
    with db.session() as s:
        assert safety_view(s, case_id).plan is None
        save_safety_plan(s, case_id, {"warning_signs": "Not sleeping"}, by="Lee", at=AT)
        # Typing on, a few minutes later: the same sitting, the same revision.
        save_safety_plan(
            s, case_id, {"internal_coping": "Walk the dog"}, by="Lee", at=AT + timedelta(minutes=5)
        )
        save_safety_plan(s, case_id, {"internal_coping": "Walk the dog"}, by="Lee", at=AT)
        later = AT + REVISION_SITTING + timedelta(minutes=6)
        save_safety_plan(s, case_id, {"professionals": "Call 988"}, by="Lee", at=later)
        kim = later + timedelta(minutes=1)
        save_safety_plan(s, case_id, {"warning_signs": "Pacing"}, by="Kim", at=kim)
    with db.session() as s:
        revisions = plan_revisions(s, case_id)
        assert [(r.revised_by, r.revised_at) for r in revisions] == [
            ("Kim", kim),
            ("Lee", later),
            ("Lee", AT + timedelta(minutes=5)),
        ]
        assert dict(revisions[2].steps) == {
            **dict.fromkeys(STEP_KEYS, ""),
            "warning_signs": "Not sleeping",
            "internal_coping": "Walk the dog",
        }
        assert dict(revisions[0].steps)["warning_signs"] == "Pacing"
        assert dict(safety_view(s, case_id).plan or ())["professionals"] == "Call 988"
        with pytest.raises(InvalidInput, match="cannot be edited"):
            save_safety_plan(s, case_id, {"case_id": "x"})


def test_flags_and_the_cases_at_risk(db: Database) -> None:
    quiet, flagged, screened, archived = (_case(db, n) for n in "ABCD")
    with db.session() as s:
        set_flags(s, flagged, {"overdose_history": True})
        set_flags(s, quiet, {"naloxone_on_hand": True})  # protective: not a risk
        save_screen(s, screened, HIGH, at=AT)
        save_screen(s, quiet, HIGH, at=AT)
        save_screen(s, quiet, NOTHING, at=AT + timedelta(days=1))  # superseded: no longer high
        set_flags(s, archived, {"weapons_in_home": True})
        archive_case(s, archived)
        with pytest.raises(InvalidInput):
            set_flags(s, quiet, {"status": True})  # type: ignore[dict-item]
    with db.session() as s:
        rows = cases_at_risk(s)
        assert [(r.case_id, r.triage, r.flags) for r in rows] == [
            (screened, RiskLevel.HIGH, ()),
            (flagged, None, ("overdose_history", NO_NALOXONE)),
        ]
        assert safety_view(s, flagged).raised == ("overdose_history", NO_NALOXONE)
        set_flags(s, flagged, {"naloxone_on_hand": True})
    with db.session() as s:
        assert safety_view(s, flagged).raised == ("overdose_history",)


def test_asam_ratings_keep_history_and_show_the_previous_beside_the_current(
    db: Database,
) -> None:
    case_id = _case(db)
    with db.session() as s:
        rate_asam(s, case_id, {dim: (2, "first") for dim in AsamDimension}, by="Lee", at=AT)
        rate_asam(
            s,
            case_id,
            {"biomedical": (4, "<b>worse</b>")},
            by="Kim",
            at=AT + timedelta(days=7),
        )
        with pytest.raises(InvalidInput, match="between 0 and 4"):
            rate_asam(s, case_id, {"biomedical": (5, "")})
        with pytest.raises(InvalidInput, match="six ASAM dimensions"):
            rate_asam(s, case_id, {"mood": (1, "")})
    with db.session() as s:
        rows = {row.dimension: row for row in safety_view(s, case_id).asam}
        assert list(rows) == list(AsamDimension)
        bio = rows[AsamDimension.BIOMEDICAL]
        assert bio.current is not None and bio.previous is not None
        assert (bio.current.rating, bio.current.notes, bio.current.rated_by) == (
            4,
            "<b>worse</b>",
            "Kim",
        )
        assert (bio.previous.rating, bio.previous.rated_at) == (2, AT)
        other = rows[AsamDimension.READINESS_TO_CHANGE]
        assert other.current is not None and other.current.rating == 2 and other.previous is None
        stored = {r.dimension: r.rating for r in s.query(AsamRating).filter_by(case_id=case_id)}
        assert stored[AsamDimension.BIOMEDICAL] == 4 and len(stored) == 6


def test_a_rating_from_before_the_history_shows_as_current(db: Database) -> None:
    case_id = _case(db)
    with db.session() as s:
        s.add(AsamRating(case_id=case_id, dimension=AsamDimension.BIOMEDICAL, rating=3))
    with db.session() as s:
        row = next(r for r in safety_view(s, case_id).asam if r.dimension == "biomedical")
        assert row.current is not None and row.current.rating == 3 and row.previous is None

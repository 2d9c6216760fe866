"""Outcomes over time, the status they call for (asked first), and bottom-line follow-through."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from interventiondesk.errors import InvalidInput
from interventiondesk.model import (
    AuditEvent,
    CaseStatus,
    FollowThrough,
    LetterKind,
    OutcomeResult,
    Participant,
)
from interventiondesk.services.cases import create_case, update_case
from interventiondesk.services.letters import add_letter, remove_letter, update_letter
from interventiondesk.services.outcomes import (
    STATUS_AFTER,
    apply_status_change,
    bottom_line_rows,
    outcome_view,
    proposed_status_change,
    record_bottom_line,
    record_outcome,
    remove_outcome,
    update_outcome,
)
from interventiondesk.services.participants import add_participant
from interventiondesk.storage.database import Database

TODAY = date(2026, 12, 1)


def _case(db: Database, status: CaseStatus = CaseStatus.READY) -> str:
    with db.session() as s:
        case = create_case(s, client_name="Robin Example", kind="planned", model="love_first")
        update_case(s, case.id, {"status": status})
        return case.id


def test_a_case_holds_several_outcomes_in_time_order_and_the_latest_proposes_a_status(
    db: Database,
) -> None:
    case_id = _case(db)
    with db.session() as s:
        record_outcome(s, case_id, "refused", occurred_on=date(2026, 11, 20), notes="No <b>")
    with db.session() as s:
        change = proposed_status_change(s, case_id)
        assert change is not None
        assert (change.current, change.proposed) == (CaseStatus.READY, CaseStatus.HELD)
        record_outcome(
            s,
            case_id,
            OutcomeResult.ADMITTED,
            occurred_on=date(2026, 11, 27),
            admitted_to="Cedar House",
            entry_on=date(2026, 11, 28),
        )
    with db.session() as s:
        view = outcome_view(s, case_id, today=TODAY)
        assert [o.result for o in view.outcomes] == ["refused", "admitted"]
        assert view.outcomes[0].notes == "No <b>"
        assert view.status is CaseStatus.READY  # recording never moves the status itself
        assert view.status_change is not None
        assert view.status_change.proposed is CaseStatus.FOLLOW_UP
        case = apply_status_change(s, view.status_change)
        assert case.status is CaseStatus.FOLLOW_UP
    with db.session() as s:
        assert proposed_status_change(s, case_id) is None  # nothing more to change
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.case_id == case_id)).all()
        assert "case.status_from_outcome" in actions
        assert actions.count("outcome.recorded") == 2


def test_every_result_calls_for_a_status_and_a_closed_case_is_never_moved(db: Database) -> None:
    assert set(STATUS_AFTER) == set(OutcomeResult)
    case_id = _case(db, CaseStatus.CLOSED)
    with db.session() as s:
        record_outcome(s, case_id, "admitted", occurred_on=TODAY)
        assert proposed_status_change(s, case_id) is None


def test_a_stale_proposal_is_refused_in_words(db: Database) -> None:
    case_id = _case(db)
    with db.session() as s:
        first = record_outcome(s, case_id, "cancelled", occurred_on=date(2026, 11, 1))
        change = proposed_status_change(s, case_id)
        assert change is not None and change.proposed is CaseStatus.PLANNING
    with db.session() as s:
        update_outcome(s, first.id, {"result": "partial"})
    with db.session() as s, pytest.raises(InvalidInput, match="changed since"):
        apply_status_change(s, change)
    with db.session() as s:
        assert outcome_view(s, case_id).status is CaseStatus.READY


def test_outcome_input_is_checked(db: Database) -> None:
    case_id = _case(db)
    with db.session() as s, pytest.raises(InvalidInput, match="valid choice"):
        record_outcome(s, case_id, "vanished", occurred_on=TODAY)
    with db.session() as s, pytest.raises(InvalidInput, match="before the day"):
        record_outcome(s, case_id, "admitted", occurred_on=TODAY, entry_on=date(2026, 11, 1))
    with db.session() as s:
        outcome = record_outcome(s, case_id, "walked_out", occurred_on=None)
    with db.session() as s:
        remove_outcome(s, outcome.id)
    with db.session() as s:
        assert outcome_view(s, case_id).outcomes == ()


def _team_with_bottom_lines(db: Database) -> tuple[str, str, str, str]:
    case_id = _case(db)
    with db.session() as s:
        mother = add_participant(s, case_id, "Mother")
        brother = add_participant(s, case_id, "Brother")
        add_participant(s, case_id, "Friend without a bottom line")
        for person, text in ((mother, "No more money"), (brother, "You cannot stay here")):
            letter = add_letter(s, person.id, LetterKind.BOTTOM_LINE)
            update_letter(s, letter.id, {"bottom_line": text})
        return case_id, mother.id, brother.id, letter.id


def test_bottom_lines_are_drawn_from_the_letters_and_kept_over_time(db: Database) -> None:
    case_id, mother, brother, _ = _team_with_bottom_lines(db)
    with db.session() as s:
        rows = bottom_line_rows(s, case_id)
        assert [(r.name, r.bottom_lines, r.status) for r in rows] == [
            ("Mother", ("No more money",), None),
            ("Brother", ("You cannot stay here",), None),
        ]
        record_bottom_line(s, mother, "kept", noted_on=date(2026, 11, 20))
        record_bottom_line(s, mother, FollowThrough.NOT_KEPT, noted_on=date(2026, 11, 29))
        record_bottom_line(s, brother, "not_applicable", noted_on=date(2026, 11, 21))
    with db.session() as s:
        first, second = bottom_line_rows(s, case_id)
        assert first.status is FollowThrough.NOT_KEPT and first.noted_on == date(2026, 11, 29)
        assert [c.status for c in first.history] == ["not_kept", "kept"]
        assert second.status is FollowThrough.NOT_APPLICABLE
        # The participant's own flag follows the latest check (not applicable: unknown).
        assert s.get(Participant, mother).bottom_line_kept is False  # type: ignore[union-attr]
        assert s.get(Participant, brother).bottom_line_kept is None  # type: ignore[union-attr]


def test_only_someone_with_a_bottom_line_letter_gets_a_follow_through(db: Database) -> None:
    case_id, _mother, brother, letter_id = _team_with_bottom_lines(db)
    with db.session() as s:
        friend = s.scalars(select(Participant).where(Participant.name.like("Friend%"))).one()
        with pytest.raises(InvalidInput, match="not written a bottom-line letter"):
            record_bottom_line(s, friend.id, "kept", noted_on=TODAY)
        remove_letter(s, letter_id)  # a removed letter no longer counts
    with db.session() as s, pytest.raises(InvalidInput, match="not written"):
        record_bottom_line(s, brother, "kept", noted_on=TODAY)
    with db.session() as s:
        assert [r.name for r in bottom_line_rows(s, case_id)] == ["Mother"]


def test_a_flag_from_before_the_checks_still_shows(db: Database) -> None:
    case_id, mother, _brother, _ = _team_with_bottom_lines(db)
    with db.session() as s:
        s.get(Participant, mother).bottom_line_kept = True  # type: ignore[union-attr]
    with db.session() as s:
        row = bottom_line_rows(s, case_id)[0]
        assert (row.status, row.noted_on, row.history) == (FollowThrough.KEPT, None, ())


def test_the_view_carries_the_case_timeline_in_the_viewers_zone(db: Database) -> None:
    """The page's one read holds its timeline too, the same as ``case_timeline`` gives."""
    from zoneinfo import ZoneInfo

    from interventiondesk.model import TimelineKind
    from interventiondesk.services.timeline import case_timeline

    tokyo = ZoneInfo("Asia/Tokyo")
    case_id = _case(db)
    with db.session() as s:
        record_outcome(s, case_id, "refused", occurred_on=date(2026, 11, 20))
    with db.session() as s:
        view = outcome_view(s, case_id, today=TODAY, zone=tokyo)
        assert view.timeline == tuple(case_timeline(s, case_id, zone=tokyo))
    kinds = [entry.kind for entry in view.timeline]
    assert sorted(kinds) == sorted([TimelineKind.PLAN_CREATED, TimelineKind.OUTCOME])
    (outcome,) = (entry for entry in view.timeline if entry.kind is TimelineKind.OUTCOME)
    assert outcome.day == date(2026, 11, 20)
    assert outcome.at.astimezone(tokyo).hour == 0  # the start of that day where the viewer is

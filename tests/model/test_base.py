"""The shared record machinery: identities, UTC timestamps, version counters, enum storage."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import text
from sqlalchemy.exc import StatementError

from interventiondesk.model import Case, Client, InterventionKind, InterventionModel
from interventiondesk.storage.database import Database


def _case(reference: str = "IN-MODEL") -> Case:
    case = Case(reference=reference, kind=InterventionKind.CRISIS, model=InterventionModel.CRAFT)
    case.client = Client(full_name="Mo Del")
    return case


def test_new_records_get_a_uuid_timestamps_and_version_one(db: Database) -> None:
    with db.session() as s:
        case = _case()
        s.add(case)
        s.flush()
        assert len(case.id) == 36 and case.id.count("-") == 4
        assert case.version == 1
        assert case.created_at.tzinfo is not None
    with db.session() as s:
        stored = s.get(Case, case.id)
        assert stored is not None
        assert stored.created_at.tzinfo == UTC
        stored.goals = "changed"
    with db.session() as s:
        again = s.get(Case, case.id)
        assert again is not None and again.version == 2 and again.updated_at >= again.created_at


def test_times_are_stored_in_utc_whatever_zone_they_came_in(db: Database) -> None:
    chicago_evening = datetime(2026, 12, 1, 18, 30, tzinfo=timezone(timedelta(hours=-6)))
    with db.session() as s:
        case = _case()
        case.intake_at = chicago_evening
        s.add(case)
    with db.engine.connect() as conn:
        raw = conn.execute(text("SELECT intake_at FROM cases")).scalar()
    assert str(raw).startswith("2026-12-02 00:30:00")
    with db.session() as s:
        stored = s.get(Case, case.id)
        assert stored is not None and stored.intake_at == chicago_evening
        assert stored.intake_at.tzinfo == UTC


def test_naive_times_are_refused(db: Database) -> None:
    with pytest.raises(StatementError, match="naive datetimes are not stored"), db.session() as s:
        case = _case()
        case.intake_at = datetime(2026, 12, 1, 18, 30)
        s.add(case)


def test_enums_are_stored_as_their_words(db: Database) -> None:
    with db.session() as s:
        s.add(_case())
    with db.engine.connect() as conn:
        row = conn.execute(text("SELECT kind, model, status FROM cases")).one()
    assert tuple(row) == ("crisis", "craft", "intake")


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("Maria del Carmen Ruiz", "M.D.C.R."),
        ("Łukasz Nowak", "Ł.N."),
        ("  ", "?"),
        ("J. R. R. Tolkien", "J.R.R.T."),
        ("Ana-Sofía 42 Perez", "A.P."),
    ],
)
def test_client_initials(name: str, initials: str) -> None:
    assert Client(full_name=name).initials == initials

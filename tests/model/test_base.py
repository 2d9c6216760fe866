"""The record machinery of ``model/base.py``: identities, UTC timestamps, version counters."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import StatementError
from sqlalchemy.orm.exc import StaleDataError

from interventiondesk.model import Case
from interventiondesk.model.base import new_id, utcnow
from interventiondesk.storage.database import Database
from tests.model.cases import a_case


def test_new_records_get_a_uuid_timestamps_and_version_one(db: Database) -> None:
    with db.session() as s:
        case = a_case()
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
        case = a_case()
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
        case = a_case()
        case.intake_at = datetime(2026, 12, 1, 18, 30)
        s.add(case)


def test_identities_are_fresh_random_uuids() -> None:
    ids = {new_id() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(uuid.UUID(i).version == 4 and str(uuid.UUID(i)) == i for i in ids)


def test_now_is_aware_and_in_utc() -> None:
    before = datetime.now(UTC)
    now = utcnow()
    assert now.tzinfo is UTC and before <= now <= datetime.now(UTC)


def test_absent_times_stay_absent(db: Database) -> None:
    with db.session() as s:
        case = a_case()
        s.add(case)
    with db.session() as s:
        assert s.get_one(Case, case.id).intake_at is None


def test_an_update_from_a_stale_copy_is_refused_not_applied(db: Database) -> None:
    with db.session() as s:
        case = a_case()
        s.add(case)
    first, second = db.new_session(), db.new_session()
    try:
        mine = first.get_one(Case, case.id)
        first.commit()  # the copy stays in hand (expire_on_commit=False); its snapshot ends
        theirs = second.get_one(Case, case.id)
        theirs.goals = "theirs"
        second.commit()
        mine.goals = "mine"
        with pytest.raises(StaleDataError):
            first.commit()
    finally:
        first.close()
        second.close()
    with db.session() as s:
        stored = s.get_one(Case, case.id)
        assert (stored.goals, stored.version) == ("theirs", 2)


def test_constraints_are_named_by_the_convention() -> None:
    table = inspect(Case).local_table
    assert table.primary_key.name == "pk_cases"
    assert {c.name for c in table.constraints} >= {"pk_cases", "uq_cases_reference"}

"""The column helpers of ``model/columns.py``: enums stored as words, text never NULL, the case link."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import StatementError

from interventiondesk.model import Case, PresentingConcern
from interventiondesk.model.enums import ConcernKind
from interventiondesk.storage.database import Database
from tests.model.cases import a_case


def test_enums_are_stored_as_their_words(db: Database) -> None:
    with db.session() as s:
        s.add(a_case())
    with db.engine.connect() as conn:
        row = conn.execute(text("SELECT kind, model, status FROM cases")).one()
    assert tuple(row) == ("crisis", "craft", "intake")


def test_a_word_outside_the_enum_is_refused_before_it_is_stored(db: Database) -> None:
    with (
        pytest.raises(StatementError, match="not among the defined enum values"),
        db.session() as s,
    ):
        case = a_case()
        case.kind = "hostage"  # type: ignore[assignment]
        s.add(case)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 0


def test_text_and_line_fields_are_empty_not_null(db: Database) -> None:
    with db.session() as s:
        s.add(a_case())
    with db.engine.connect() as conn:
        row = conn.execute(text("SELECT goals, counselor, facility_phone FROM cases")).one()
    assert tuple(row) == ("", "", "")


def test_a_purged_case_takes_its_rows_with_it(db: Database) -> None:
    with db.session() as s:
        case = a_case()
        case.concerns.append(PresentingConcern(concern=ConcernKind.SUBSTANCE, name="alcohol"))
        s.add(case)
    with db.engine.begin() as conn:  # below the ORM: the foreign key's ON DELETE CASCADE
        conn.execute(text("DELETE FROM cases"))
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(PresentingConcern)) == 0

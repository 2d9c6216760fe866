"""Fields set by their case-file names: checked as import checks, audited without values."""

from __future__ import annotations

import pytest

from interventiondesk.errors import InvalidInput
from interventiondesk.model import Case
from interventiondesk.services import audit
from interventiondesk.services.case_fields import edit_case, field_names
from interventiondesk.services.cases import create_case
from interventiondesk.storage.database import Database


def test_the_names_are_the_case_formats() -> None:
    names = field_names()
    assert "goals" in names and "client.phone" in names and "client.full_name" in names
    assert "id" not in names and "client.updated_at" not in names


def test_an_edit_is_saved_and_audited_without_its_values(db: Database) -> None:
    with db.session(write=True) as session:
        case = create_case(session, client_name="Ruth Example", kind="planned", model="johnson")
        edit_case(session, case.reference, [("goals", "a private goal"), ("client.phone", "555")])
        case_id = case.id
    with db.session() as session:
        case = session.get_one(Case, case_id)
        assert (case.goals, case.client.phone) == ("a private goal", "555")
        entry = audit.events_for_case(session, case_id)[-1]
        assert entry.action == "case.edited" and entry.detail == "fields case.goals, client.phone"


def test_one_refused_value_saves_none_of_them(db: Database) -> None:
    with db.session(write=True) as session:
        case = create_case(session, client_name="Ruth Example", kind="planned", model="johnson")
        case_id = case.id
    with db.session(write=True) as session, pytest.raises(InvalidInput, match="time zone"):
        edit_case(session, case_id, [("goals", "kept?"), ("intake_timezone", "Mars/Base")])
    with db.session() as session:
        assert session.get_one(Case, case_id).goals == ""

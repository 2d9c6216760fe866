"""Applying edits to any record (``services/records.py``): names checked, values coerced in
words, sizes capped; and the small helpers every service shares."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

import pytest

from interventiondesk.errors import InvalidInput, NotFound
from interventiondesk.model import (
    AvailabilityWindow,
    Case,
    CaseStatus,
    Client,
    Event,
    InterventionKind,
    InterventionModel,
)
from interventiondesk.services.records import (
    MAX_TEXT_CHARS,
    apply_changes,
    editable_columns,
    get_record,
    in_given_order,
    renumber,
)
from interventiondesk.storage.database import Database

CASE_FIELDS = editable_columns(Case)


def a_case() -> Case:
    return Case(
        reference="IN-REC",
        kind=InterventionKind.CRISIS,
        model=InterventionModel.JOHNSON,
        status=CaseStatus.INTAKE,
        goals="",
        reading_minutes_limit=3,
        sign_decline=False,
    )


def test_editable_columns_leave_out_identity_and_bookkeeping() -> None:
    assert {"goals", "kind", "status", "reading_minutes_limit", "intake_at"} <= CASE_FIELDS
    assert CASE_FIELDS.isdisjoint(
        {"id", "created_at", "updated_at", "version", "archived_at", "case_id"}
    )
    assert "reference" not in editable_columns(Case, "reference")
    assert "case_id" not in editable_columns(Client)


def test_values_are_coerced_to_their_column_types() -> None:
    case = a_case()
    assert apply_changes(
        case,
        {
            "kind": "planned",
            "sign_decline": True,
            "reading_minutes_limit": 60,
            "intake_at": "2026-12-01T18:30:00-06:00",
            "goals": "Enter treatment",
        },
        CASE_FIELDS,
    )
    assert case.kind is InterventionKind.PLANNED
    assert (case.sign_decline, case.reading_minutes_limit, case.goals) == (
        True,
        60,
        "Enter treatment",
    )
    assert case.intake_at == datetime(2026, 12, 2, 0, 30, tzinfo=UTC)
    client = Client(full_name="")
    apply_changes(client, {"date_of_birth": "1990-02-28"}, editable_columns(Client))
    assert client.date_of_birth == date(1990, 2, 28)
    window = AvailabilityWindow(weekday=0, starts=time(9), ends=time(17))
    apply_changes(window, {"starts": "08:15", "ends": time(12)}, {"starts", "ends"})
    assert (window.starts, window.ends) == (time(8, 15), time(12))


def test_nothing_changed_is_said_and_a_plain_string_still_becomes_its_enum() -> None:
    case = a_case()
    assert not apply_changes(case, {"goals": "", "reading_minutes_limit": 3}, CASE_FIELDS)
    case.status = "intake"  # type: ignore[assignment]
    assert apply_changes(case, {"status": "intake"}, CASE_FIELDS)
    assert type(case.status) is CaseStatus


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"reference": "IN-OTHER"}, "'reference' cannot be edited here."),
        ({"no_such_field": 1}, "'no_such_field' cannot be edited here."),
        ({"goals": None}, "goals cannot be empty."),
        ({"kind": "hostage"}, "'hostage' is not a valid choice for kind."),
        ({"sign_decline": "yes"}, "sign decline must be yes or no."),
        ({"reading_minutes_limit": True}, "reading minutes limit must be a whole number."),
        ({"reading_minutes_limit": 2.5}, "reading minutes limit must be a whole number."),
        ({"reading_minutes_limit": 61}, "reading minutes limit must be between 1 and 60."),
        ({"intake_at": "tomorrow"}, "intake at must be a date and time with its time zone."),
        ({"intake_at": datetime(2026, 12, 1, 18)}, "with its time zone"),
        (
            {"intake_at": datetime.min.replace(tzinfo=timezone(timedelta(hours=1)))},
            "must be a date between 1900 and 2199",
        ),
        ({"goals": 42}, "goals must be text."),
        ({"facility_phone": "5" * 61}, "facility phone is too long (61 characters; at most 60)."),
    ],
)
def test_refused_values_are_said_in_words_and_nothing_is_set(
    changes: dict[str, Any], words: str
) -> None:
    case = a_case()
    with pytest.raises(InvalidInput) as refused:
        apply_changes(case, {"goals": "first set", **changes}, CASE_FIELDS - {"reference"})
    assert words in str(refused.value)
    assert case.goals == ""  # all or nothing: the good field was not set either


def test_dates_times_and_text_are_checked_too() -> None:
    client_fields = editable_columns(Client)
    with pytest.raises(InvalidInput, match=r"date of birth must be a date \(YYYY-MM-DD\)"):
        apply_changes(Client(), {"date_of_birth": "28/02/1990"}, client_fields)
    with pytest.raises(InvalidInput, match=r"date of birth must be a date\.$"):
        apply_changes(Client(), {"date_of_birth": datetime.now(UTC)}, client_fields)
    with pytest.raises(InvalidInput, match="starts must be a time of day"):
        apply_changes(AvailabilityWindow(), {"starts": "noon"}, {"starts"})
    long_text = "x" * (MAX_TEXT_CHARS + 1)
    with pytest.raises(InvalidInput, match=f"at most {MAX_TEXT_CHARS:,}"):
        apply_changes(a_case(), {"goals": long_text}, CASE_FIELDS)


def test_get_record_names_what_is_gone(db: Database) -> None:
    with db.session() as s, pytest.raises(NotFound) as gone:
        get_record(s, Event, "no-such-id", "event")
    assert str(gone.value) == "That event no longer exists (it may have been removed elsewhere)."


def test_in_given_order_needs_every_record_exactly_once() -> None:
    records = [Case(id=name) for name in ("a", "b", "c")]
    assert [r.id for r in in_given_order(records, ["c", "a", "b"], "letter")] == ["c", "a", "b"]
    for wrong in (["a", "b"], ["a", "b", "b"], ["a", "b", "c", "d"], ["a", "b", "x"]):
        with pytest.raises(InvalidInput, match="name every letter exactly once"):
            in_given_order(records, wrong, "letter")


class Row:
    """A record stand-in that remembers every value set on it."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values, sets=[])

    def __setattr__(self, name: str, value: Any) -> None:
        self.sets.append((name, value))
        super().__setattr__(name, value)


def test_renumber_touches_only_what_changes() -> None:
    rows = [Row(position=p) for p in (0, 5, 2, 9)]
    renumber(rows)
    assert [r.position for r in rows] == [0, 1, 2, 3]
    assert [r.sets for r in rows] == [[], [("position", 1)], [], [("position", 3)]]
    ordered = [Row(reading_position=None), Row(reading_position=None)]
    renumber(ordered, "reading_position")
    assert [r.reading_position for r in ordered] == [0, 1]

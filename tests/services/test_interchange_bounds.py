"""Import accepts exactly what the editors allow: dates, numbers, durations, reading limits,
references, time zones and text sizes, each refused in words naming the field, all or nothing."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Integer, String, inspect

from interventiondesk import limits
from interventiondesk.errors import InvalidCaseFile, InvalidInput
from interventiondesk.export.case_format import case_file_bytes
from interventiondesk.model import Case, Event, Letter
from interventiondesk.services.case_files import import_case_file
from interventiondesk.services.cases import create_case, update_case, update_client
from interventiondesk.services.interchange import case_schema, import_case
from interventiondesk.services.interchange_parts import ALL_PARTS
from interventiondesk.services.letters import add_letter, update_letter
from interventiondesk.services.participants import add_participant
from interventiondesk.services.scheduling import create_event, reschedule, update_event
from interventiondesk.storage.database import Database
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE, TEST_KDF
from tests.export.test_case_format import RECORD_DEFS
from tests.services.test_interchange import (
    SECRET,
    build_full_case,
    exported,
    row_counts,
)

NEW_CASE_ID = "5d2f0a3c-1e4b-4c6d-8a9f-0b1c2d3e4f50"


@pytest.fixture
def other_db(tmp_path: Path) -> Iterator[Database]:
    """A second, separate workspace, as on a colleague's laptop."""
    database, _ = Workspace(tmp_path / "colleague").create(PASSPHRASE, kdf=TEST_KDF)
    yield database
    database.close()


def _case_file(db: Database) -> dict[str, Any]:
    """A whole case as exported, with a new identity so that importing it would add a case."""
    with db.session() as session:
        case_id = build_full_case(session, SECRET).id
    data = exported(db, case_id)
    data["case"]["id"] = NEW_CASE_ID
    return data


def _at(*path: Any) -> Callable[[dict[str, Any], Any], None]:
    def change(data: dict[str, Any], value: Any) -> None:
        target: Any = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


START = _at("events", 0, "starts_at")
DURATION = _at("events", 0, "duration_minutes")
READING = _at("case", "reading_minutes_limit")
REFERENCE = _at("case", "reference")
EVENT_ZONE = _at("events", 0, "timezone")
WINDOW_ZONE = _at("participants", 0, "availability", 0, "timezone")
BIRTH = _at("client", "date_of_birth")
LETTER = _at("letters", 0, "connection")
TOO_LONG = "x" * (limits.MAX_TEXT_CHARS + 1)

REFUSED: dict[str, tuple[Callable[[dict[str, Any], Any], None], Any, str]] = {
    # name: (where, value, the field named in the message)
    "event in year 1": (START, "0001-01-01T00:00:00Z", "events → #1 → starts_at"),
    "event in year 9999": (START, "9999-12-31T23:59:59Z", "events → #1 → starts_at"),
    "event just before 1900 in UTC": (
        START,
        "1900-01-01T00:30:00+01:00",
        "events → #1 → starts_at",
    ),
    "event in 2200": (START, "2200-01-01T00:00:00Z", "events → #1 → starts_at"),
    "birth in 1899": (BIRTH, "1899-12-31", "client → date_of_birth"),
    "birth in 9999": (BIRTH, "9999-12-31", "client → date_of_birth"),
    "duration 0": (DURATION, 0, "events → #1 → duration_minutes"),
    "duration 1441": (DURATION, 1441, "events → #1 → duration_minutes"),
    "duration 60.0": (DURATION, 60.0, "events → #1 → duration_minutes"),
    "reading limit 0": (READING, 0, "case → reading_minutes_limit"),
    "reading limit 61": (READING, 61, "case → reading_minutes_limit"),
    "number of 4,301 digits": (READING, 10**4300, "the case file holds a number"),
    "empty reference": (REFERENCE, "", "case → reference"),
    "reference with ESC": (REFERENCE, "IN-\x1b[31mX", "case → reference"),
    "reference with right-to-left override": (REFERENCE, "IN-\u202eXQ3K7", "case → reference"),
    "reference with a line break": (REFERENCE, "IN-7K3QX\n", "case → reference"),
    "reference with a space": (REFERENCE, "IN 7K3QX", "case → reference"),
    "empty event time zone": (EVENT_ZONE, "", "events → #1 → timezone"),
    "unknown event time zone": (EVENT_ZONE, "Mars/Olympus_Mons", "events → #1 → timezone"),
    "event time zone in spaces": (EVENT_ZONE, " UTC ", "events → #1 → timezone"),
    "empty window time zone": (
        WINDOW_ZONE,
        "",
        "participants → #1 → availability → #1 → timezone",
    ),
    "intake without its time zone": (
        _at("case", "intake_timezone"),
        "",
        "case → intake_timezone",
    ),
    "window ending before it starts": (
        _at("participants", 0, "availability", 0, "ends"),
        "08:00:00",
        "participants → #1 → availability → #1",
    ),
    "letter section too long": (LETTER, TOO_LONG, "letters → #1 → connection"),
    "notes too long": (_at("case", "counselor_notes"), TOO_LONG, "case → counselor_notes"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_what_the_editors_refuse_is_refused_naming_the_field(db: Database, name: str) -> None:
    data = _case_file(db)
    change, value, field = REFUSED[name]
    change(data, value)
    before = row_counts(db)
    # The session carries on and commits afterwards: still nothing may be half-imported.
    with db.session() as session, pytest.raises(InvalidCaseFile) as raised:
        import_case(session, data)
    message = str(raised.value)
    assert field.lower() in message.lower(), message
    assert "nothing was imported" in message
    assert SECRET not in message
    assert len(message) < 400  # one sentence, never the offending value itself
    assert row_counts(db) == before


def test_the_limits_themselves_are_accepted_and_the_case_then_works(
    db: Database, other_db: Database
) -> None:
    data = _case_file(db)
    START(data, "1900-01-01T00:00:00Z")
    _at("events", 1, "starts_at")(data, "2199-12-31T23:59:59Z")
    _at("events", 1, "timezone")(data, "Pacific/Kiritimati")  # +14: already 2200 there
    DURATION(data, limits.MAX_DURATION_MINUTES)
    _at("events", 1, "duration_minutes")(data, limits.MIN_DURATION_MINUTES)
    READING(data, limits.MAX_READING_MINUTES)
    BIRTH(data, limits.EARLIEST_DATE.isoformat())
    REFERENCE(data, "a.b_c-9")
    LETTER(data, "y" * limits.MAX_TEXT_CHARS)
    with other_db.session() as session:
        case, _copy = import_case(session, copy.deepcopy(data))
        assert case.reference == "a.b_c-9"
        letter = session.get_one(Letter, data["letters"][0]["id"])
        assert len(letter.connection) == limits.MAX_TEXT_CHARS
    again = exported(other_db, NEW_CASE_ID)
    assert again == data  # and the round trip still holds at the limits


def test_allowed_hostile_text_still_imports_literally(db: Database, other_db: Database) -> None:
    """Markup, right-to-left text and even direction overrides stay allowed in free text."""
    data = _case_file(db)
    text = "<b>&amp;</b> שלום \u202eevil\u202c مرحبا \x1b[0m <para/>"
    LETTER(data, text)
    _at("case", "counselor_notes")(data, text)
    with other_db.session() as session:
        case, _copy = import_case(session, data)
        assert session.get_one(Letter, data["letters"][0]["id"]).connection == text
        assert case.counselor_notes == text


def _write(path: Path, data: dict[str, Any], raw_number: str) -> None:
    """The file, with the placeholder ``"NUMBER"`` replaced by ``raw_number`` as JSON digits."""
    path.write_bytes(case_file_bytes(data))
    path.write_text(path.read_text(encoding="utf-8").replace('"NUMBER"', raw_number, 1))


@pytest.mark.parametrize(
    ("where", "digits", "words"),
    [
        (READING, "9" * 4300, "case → reading_minutes_limit: is above the largest allowed value"),
        (READING, "-" + "9" * 5000, "case → reading_minutes_limit: is below the smallest"),
        (_at("client", "phone"), "1" * 4301, "client → phone: should be text"),
    ],
)
def test_a_file_with_a_number_of_thousands_of_digits_is_refused_in_words(
    db: Database, tmp_path: Path, where: Any, digits: str, words: str
) -> None:
    data = _case_file(db)
    where(data, "NUMBER")
    path = tmp_path / "case.json"
    _write(path, data, digits)
    before = row_counts(db)
    with db.session() as session, pytest.raises(InvalidCaseFile) as raised:
        import_case_file(session, path)
    assert words in str(raised.value)
    assert row_counts(db) == before


def test_numbers_of_ordinary_size_still_read_exactly(db: Database, tmp_path: Path) -> None:
    data = _case_file(db)
    READING(data, "NUMBER")
    path = tmp_path / "case.json"
    _write(path, data, "17")
    with db.session() as session:
        case, _copy = import_case_file(session, path)
        assert case.reading_minutes_limit == 17


# The editors refuse the same values ---------------------------------------------------------


def _open_case(session: Any, reference: str) -> Case:
    return create_case(session, client_name="X", kind="crisis", model="craft", reference=reference)


def test_the_editors_refuse_the_same_values(db: Database) -> None:
    with db.session() as session:
        case = create_case(session, client_name="Robin", kind="planned", model="johnson")
        person = add_participant(session, case.id, "Alex", role="reader")
        letter = add_letter(session, person.id)
        event = create_event(
            session,
            case.id,
            kind="rehearsal",
            starts=datetime(2026, 12, 1, 18, 0),
            timezone="Europe/Berlin",
        )
        refusals: list[Callable[[], Any]] = [
            lambda: update_case(session, case.id, {"reading_minutes_limit": 0}),
            lambda: update_case(session, case.id, {"reading_minutes_limit": 61}),
            lambda: update_event(session, event.id, {"duration_minutes": 0}),
            lambda: update_event(session, event.id, {"duration_minutes": 1441}),
            lambda: reschedule(session, event.id, starts=datetime(9999, 12, 31, 23, 0)),
            lambda: reschedule(session, event.id, starts=datetime(1899, 12, 31, 12, 0)),
            lambda: reschedule(session, event.id, starts=datetime(1, 1, 1), timezone="Asia/Tokyo"),
            lambda: reschedule(session, event.id, timezone=""),
            lambda: update_client(session, case.id, {"date_of_birth": date(1899, 12, 31)}),
            lambda: update_client(session, case.id, {"date_of_birth": "9999-12-31"}),
            lambda: update_letter(session, letter.id, {"connection": TOO_LONG}),
            lambda: _open_case(session, reference="IN-\x1b[31m"),
            lambda: _open_case(session, reference="IN-\u202eX"),
            lambda: _open_case(session, reference="IN 7K3QX"),
        ]
        for refuse in refusals:
            with pytest.raises(InvalidInput):
                refuse()
        # ...and accept the limits themselves.
        update_case(session, case.id, {"reading_minutes_limit": limits.MAX_READING_MINUTES})
        update_event(session, event.id, {"duration_minutes": limits.MAX_DURATION_MINUTES})
        reschedule(session, event.id, starts=datetime(2199, 12, 31, 9, 0))
        update_client(session, case.id, {"date_of_birth": limits.EARLIEST_DATE})
        update_letter(session, letter.id, {"connection": "z" * limits.MAX_TEXT_CHARS})
        assert session.get_one(Event, event.id).starts_at.year == 2199


# The schema says the same as the editors ----------------------------------------------------


def _properties(part_key: str) -> dict[str, Any]:
    schema = case_schema()
    if part_key == "safety_plan":
        properties: dict[str, Any] = schema["properties"]["safety_plan"]["properties"]
        return properties
    return dict(schema["$defs"][RECORD_DEFS[part_key]]["properties"])


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        resolved: dict[str, Any] = case_schema()["$defs"][node["$ref"].rsplit("/", 1)[1]]
        return resolved
    return node


def test_the_schema_bounds_every_field_as_the_editors_do() -> None:
    for part in ALL_PARTS:
        columns = inspect(part.model).columns
        properties = _properties(part.key)
        for name, column_name in part.fields.items():
            column, node = columns[column_name], _resolve(properties[name])
            kind = column.type
            if isinstance(kind, Integer):
                assert isinstance(node.get("minimum"), int), (part.key, name)
                assert isinstance(node.get("maximum"), int), (part.key, name)
                if "min" in column.info:
                    assert (node["minimum"], node["maximum"]) == (
                        column.info["min"],
                        column.info["max"],
                    ), (part.key, name)
            elif isinstance(kind, String) and not getattr(kind, "enum_class", None):
                # a line as long as its column; free text (no length) as long as editors allow
                wanted = kind.length if kind.length else limits.MAX_TEXT_CHARS
                assert node["maxLength"] == wanted, (part.key, name)
    event = _properties("events")["duration_minutes"]
    assert (event["minimum"], event["maximum"]) == (
        limits.MIN_DURATION_MINUTES,
        limits.MAX_DURATION_MINUTES,
    )
    reading = _properties("case")["reading_minutes_limit"]
    assert (reading["minimum"], reading["maximum"]) == (
        limits.MIN_READING_MINUTES,
        limits.MAX_READING_MINUTES,
    )
    reference = _properties("case")["reference"]
    assert reference["pattern"] == limits.REFERENCE_PATTERN
    column_length = getattr(inspect(Case).columns["reference"].type, "length", None)
    assert reference["maxLength"] == limits.MAX_REFERENCE_CHARS == column_length


def test_the_schema_dates_span_exactly_the_years_the_app_keeps() -> None:
    defs = case_schema()["$defs"]
    for year in (1, 1000, 1899, 1900, 1901, 2026, 2199, 2200, 9999):
        inside = limits.EARLIEST_DATE.year <= year <= limits.LATEST_DATE.year
        day = f"{year:04d}-06-15"
        for name in ("date", "date_or_null"):
            assert bool(re.search(defs[name]["pattern"], day)) is inside, (name, year)
        for name in ("date_time", "date_time_or_null"):
            found = re.search(defs[name]["pattern"], f"{day}T10:00:00Z")
            assert bool(found) is inside, (name, year)


def test_the_documented_limits_are_the_shared_ones() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs" / "case-format.md"
    text = docs.read_text(encoding="utf-8")
    assert f"text ≤ {limits.MAX_TEXT_CHARS:,}" in text
    assert f"integer {limits.MIN_DURATION_MINUTES} to {limits.MAX_DURATION_MINUTES:,}" in text
    assert f"integer {limits.MIN_READING_MINUTES} to {limits.MAX_READING_MINUTES}" in text
    assert f"{limits.EARLIEST_DATE.year} and {limits.LATEST_DATE.year}" in text
    assert "2,000,000" not in text
    assert limits.REFERENCE_PATTERN in text


def test_moments_out_of_range_never_raise() -> None:
    assert not limits.moment_in_range(datetime(1, 1, 1, tzinfo=UTC))
    assert not limits.moment_in_range(datetime(9999, 12, 31, 23, 59, tzinfo=UTC))
    assert limits.moment_in_range(datetime(2199, 12, 31, 23, 59, tzinfo=UTC))

"""The editors' rules applied to every record of a case file, before anything is imported.

The schema checks the shape of a file; this module checks what the schema cannot say and what
the editors refuse: dates the app can keep, known time zones, real availability windows, a usable
case reference. Every value passes through the very function the editors use
(``records.coerce_value``), so import cannot accept what an editor would refuse.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Date, Time, inspect
from sqlalchemy import Enum as SqlEnum

from interventiondesk.errors import InvalidCaseFile, InvalidInput
from interventiondesk.limits import MAX_INTEGER_DIGITS, REFERENCE_WORDS, reference_is_valid
from interventiondesk.model.base import UTCDateTime
from interventiondesk.services.availability import check_window
from interventiondesk.services.interchange_parts import (
    AVAILABILITY,
    CASE,
    CLIENT,
    LISTS,
    NESTED,
    SAFETY_PLAN,
    Part,
)
from interventiondesk.services.records import coerce_value
from interventiondesk.times import zone

_LARGEST: int = 10**MAX_INTEGER_DIGITS


def from_json(column_type: Any, value: Any) -> Any:
    """A JSON value as the column wants it; raises ValueError for an impossible date."""
    if value is None:
        return None
    if isinstance(column_type, UTCDateTime):
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError("no time zone")
        try:
            return moment.astimezone(UTC)
        except OverflowError as exc:  # e.g. year 1 at +01:00: before the first storable instant
            raise ValueError("out of range") from exc
    if isinstance(column_type, Date):
        return date.fromisoformat(value)
    if isinstance(column_type, Time):
        return time.fromisoformat(value)
    if isinstance(column_type, SqlEnum) and column_type.enum_class is not None:
        return column_type.enum_class(value)
    return value


def check_numbers(value: Any) -> None:
    """Refuse whole numbers far beyond any field's range before anything formats them.

    Parsing a file already caps them (see ``export.case_format``); this guards documents handed
    over as Python values, whose numbers would otherwise break the schema's own messages.
    """
    if isinstance(value, int) and not -_LARGEST <= value <= _LARGEST:
        raise InvalidCaseFile(
            "The case file holds a number far larger than any field allows; nothing was imported."
        )
    if isinstance(value, dict):
        for item in value.values():
            check_numbers(item)
    elif isinstance(value, list):
        for item in value:
            check_numbers(item)


def _located(data: Mapping[str, Any]) -> Iterator[tuple[Part, Mapping[str, Any], str]]:
    """Every record of a schema-valid document, its part and where it sits, in words."""
    yield CASE, data[CASE.key], CASE.key
    yield CLIENT, data[CLIENT.key], CLIENT.key
    for part in LISTS:
        for number, item in enumerate(data.get(part.key, ()), start=1):
            where = f"{part.key} → #{number}"
            yield part, item, where
            if part.key in NESTED:
                nested = NESTED[part.key][0]
                for inner, child in enumerate(item[nested.key], start=1):
                    yield nested, child, f"{where} → {nested.key} → #{inner}"
    if data[SAFETY_PLAN.key] is not None:
        yield SAFETY_PLAN, data[SAFETY_PLAN.key], SAFETY_PLAN.key


class RecordProblem(InvalidCaseFile):
    """A value the app does not accept, with where it is and what is wrong, in words."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(
            f"The case file holds a value the app does not accept (at {where}: {problem}); "
            "nothing was imported."
        )
        self.where, self.problem = where, problem


def _check_zone(where: str, name: str, required: bool) -> None:
    """A zone field: a known IANA name as the editors store it (or empty, where allowed)."""
    if not name and not required:
        return
    if not name:
        raise RecordProblem(where, "names no time zone, and one is needed")
    try:
        zone(name)
    except InvalidInput as exc:
        raise RecordProblem(where, "names a time zone this computer does not know") from exc
    if name != name.strip():
        raise RecordProblem(where, "has spaces around the time zone's name")


def _check_record(part: Part, item: Mapping[str, Any], where: str) -> dict[str, Any]:
    """The record's values as the editors would keep them; refuses what they would refuse."""
    columns = inspect(part.model).columns
    values: dict[str, Any] = {}
    for name, column_name in part.fields.items():
        if name == "id" or name in part.refs:
            continue  # identities and links: checked by the schema and against the file
        column = columns[column_name]
        place = f"{where} → {name}"
        try:
            value = from_json(column.type, part.value(item, name))
        except ValueError as exc:
            raise RecordProblem(place, "is an impossible date or time") from exc
        try:
            values[name] = coerce_value(column, value, name.replace("_", " "))
        except InvalidInput as exc:
            raise RecordProblem(place, str(exc).rstrip(".")) from exc
    return values


def check_records(data: Mapping[str, Any]) -> None:
    """Refuse, naming the field, any value of a schema-valid document that the editors refuse."""
    for part, item, where in _located(data):
        values = _check_record(part, item, where)
        if part is CASE:
            if not reference_is_valid(values["reference"]):
                raise RecordProblem(f"{where} → reference", f"is not {REFERENCE_WORDS}")
            needed = values["intake_at"] is not None
            _check_zone(f"{where} → intake_timezone", values["intake_timezone"], needed)
        elif "timezone" in values:
            _check_zone(f"{where} → timezone", values["timezone"], required=True)
        if part is AVAILABILITY:
            try:
                check_window(*(values[n] for n in ("weekday", "starts", "ends", "timezone")))
            except InvalidInput as exc:
                raise RecordProblem(where, str(exc).rstrip(".")) from exc

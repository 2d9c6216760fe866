"""The case interchange format: one whole case as a versioned, documented JSON document."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, time
from enum import Enum
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from interventiondesk import __version__
from interventiondesk.errors import InvalidCaseFile
from interventiondesk.limits import holds_lone_surrogate
from interventiondesk.model import Case, new_id, utcnow
from interventiondesk.model.base import Base
from interventiondesk.resources import resource_path
from interventiondesk.services import audit
from interventiondesk.services.cases import new_reference
from interventiondesk.services.interchange_checks import (
    RecordProblem,
    check_numbers,
    check_records,
    from_json,
)
from interventiondesk.services.interchange_parts import (
    ALL_PARTS,
    CASE,
    CLIENT,
    LISTS,
    NESTED,
    SAFETY_PLAN,
    Part,
)

FORMAT_NAME = "interventiondesk-case"
FORMAT_VERSION = "1.2"
FORMAT_MAJOR, FORMAT_MINOR = (int(n) for n in FORMAT_VERSION.split("."))
SCHEMA_FILE = "case-format.schema.json"


# Values -----------------------------------------------------------------------------------


def _to_json(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date | time):
        return value.isoformat()
    return value


def _sort_key(part: Part, record: Base) -> tuple[Any, ...]:
    key: list[Any] = []
    for path in part.order:
        value: Any = record
        for name in path.split("."):
            value = getattr(value, name)
        key.append((value is not None, _to_json(value) if value is not None else 0))
    return tuple(key)


# Export -----------------------------------------------------------------------------------


def record_json(part: Part, record: Base) -> dict[str, Any]:
    """One record's fields as the case file writes them (without nested lists)."""
    return {name: _to_json(getattr(record, column)) for name, column in part.fields.items()}


def _list_json(part: Part, records: list[Any]) -> list[dict[str, Any]]:
    out = []
    for record in sorted(records, key=lambda r: _sort_key(part, r)):
        item = record_json(part, record)
        if part.key in NESTED:
            nested, relation = NESTED[part.key]
            item[nested.key] = _list_json(nested, list(getattr(record, relation)))
        out.append(item)
    return out


def case_document(case: Case) -> dict[str, Any]:
    """The case as a document in the current format (no audit; see ``export_case``)."""
    data: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": _to_json(utcnow().replace(microsecond=0)),
        "generator": f"InterventionDesk {__version__}",
        CASE.key: record_json(CASE, case),
        CLIENT.key: record_json(CLIENT, case.client),
    }
    for part in LISTS:
        data[part.key] = _list_json(part, list(getattr(case, part.key)))
    data[SAFETY_PLAN.key] = (
        record_json(SAFETY_PLAN, case.safety_plan) if case.safety_plan is not None else None
    )
    return data


def checked_case_document(case: Case) -> dict[str, Any]:
    """The whole case as a case-file document, checked against the schema."""
    data = case_document(case)
    problem = _first_problem(data)
    if problem is not None:
        raise InvalidCaseFile(
            "This case holds a value that the case file format cannot carry "
            f"({_where(problem)}: {_what(problem)}). Correct it and export again."
        )
    try:  # what one workspace exports, another must import
        check_records(data)
    except RecordProblem as exc:
        raise InvalidCaseFile(
            "This case holds a value that the case file format cannot carry "
            f"(at {exc.where}: {exc.problem}). Correct it and export again."
        ) from exc
    return data


def export_case(session: Session, case: Case) -> dict[str, Any]:
    """The checked document, with the act recorded in the audit trail of the same session (for
    work that stays inside one session; a file export goes through ``services.exports``)."""
    data = checked_case_document(case)
    audit.record(session, "case.exported", case_id=case.id, detail=f"format {FORMAT_VERSION}")
    return data


# Validation -------------------------------------------------------------------------------

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
    "object": "a group of named fields",
    "array": "a list",
}


_LIMIT_WORDS = {
    "maxLength": "is longer than the {:,} characters allowed",
    "minLength": "is shorter than the {:,} characters needed",
    "maxItems": "has more than the {:,} entries allowed",
    "minimum": "is below the smallest allowed value, {}",
    "maximum": "is above the largest allowed value, {}",
}


@cache
def case_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of the current format, as shipped in resources/."""
    schema: dict[str, Any] = json.loads(resource_path(SCHEMA_FILE).read_text(encoding="utf-8"))
    return schema


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(case_schema())


def _first_problem(data: Any) -> ValidationError | None:
    problem: ValidationError | None = best_match(_validator().iter_errors(data))
    return problem


def _where(error: ValidationError) -> str:
    steps = [f"#{step + 1}" if isinstance(step, int) else str(step) for step in error.absolute_path]
    return "at " + " → ".join(steps) if steps else "at the top level"


def _what(error: ValidationError) -> str:
    """The problem in words, built from the schema only: never quotes a value from the file."""
    rule, limit = error.validator, error.validator_value
    schema = error.schema if isinstance(error.schema, dict) else {}
    if rule == "type":
        wanted = limit if isinstance(limit, list) else [limit]
        return "should be " + " or ".join(_TYPE_WORDS.get(str(t), str(t)) for t in wanted)
    if rule == "required" and isinstance(error.instance, dict) and isinstance(limit, list):
        missing = [name for name in limit if name not in error.instance]
        return f"lacks the field '{missing[0]}'" if missing else "lacks a field"
    if rule == "enum" and isinstance(limit, list):
        allowed = ", ".join("null" if value is None else str(value) for value in limit)
        return f"is not one of the allowed values ({allowed})"
    if rule == "minLength" and limit == 1:
        return "is empty"
    if rule == "pattern":
        form = str(schema.get("description", "in the expected form"))
        if form.startswith(("a date", "a time")):
            return "is an impossible date or time, or not " + form
        return "is not " + form
    if rule == "additionalProperties":
        return "has a field that this version of the format does not know"
    if rule == "const":
        return f"should be {limit!r}"
    if isinstance(limit, int) and rule in _LIMIT_WORDS:
        return _LIMIT_WORDS[str(rule)].format(limit)
    return "does not match the format"


def _check_text(value: Any) -> None:
    if isinstance(value, str):
        if holds_lone_surrogate(value):
            raise InvalidCaseFile(
                "The case file holds text that is not valid Unicode; nothing was imported."
            )
    elif isinstance(value, dict):
        for item in value.values():
            _check_text(item)
    elif isinstance(value, list):
        for item in value:
            _check_text(item)


def validate_document(data: Any) -> None:
    """Raise ``InvalidCaseFile`` unless ``data`` is a case file this version can import."""
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise InvalidCaseFile("This is not an InterventionDesk case file; nothing was imported.")
    version = data.get("version")
    found = re.fullmatch(r"(\d{1,6})\.(\d{1,6})", version) if isinstance(version, str) else None
    if found is None:
        raise InvalidCaseFile(
            "The case file does not say which version of the format it uses; nothing was imported."
        )
    major, minor = int(found[1]), int(found[2])
    if major != FORMAT_MAJOR:
        hint = " Install a newer InterventionDesk to import it." if major > FORMAT_MAJOR else ""
        raise InvalidCaseFile(
            f"The case file uses version {major}.{minor} of the format, and this InterventionDesk "
            f"reads version {FORMAT_MAJOR} files only; nothing was imported.{hint}"
        )
    check_numbers(data)
    problem = _first_problem(data)
    if problem is not None:
        hint = (
            " It was written by a newer InterventionDesk: updating may help."
            if minor > FORMAT_MINOR
            else ""
        )
        raise InvalidCaseFile(
            f"The case file is damaged or was changed by hand ({_where(problem)}: "
            f"{_what(problem)}); nothing was imported.{hint}"
        )
    _check_text(data)
    check_records(data)


def document_records(
    data: Mapping[str, Any],
) -> Iterator[tuple[Part, Mapping[str, Any], str]]:
    """Every record of a validated document, its part and its owner's id; parents come first."""
    case_id: str = data[CASE.key]["id"]
    yield CASE, data[CASE.key], ""
    yield CLIENT, data[CLIENT.key], case_id
    for part in LISTS:
        for item in data.get(part.key, ()):  # lists added in a minor version may be absent
            yield part, item, case_id
        if part.key in NESTED:
            nested = NESTED[part.key][0]
            for item in data[part.key]:
                for child in item[nested.key]:
                    yield nested, child, item["id"]
    if data[SAFETY_PLAN.key] is not None:
        yield SAFETY_PLAN, data[SAFETY_PLAN.key], case_id


def check_links(data: Mapping[str, Any]) -> dict[str, list[str]]:
    """Identities per part; refuses duplicates and links to records that are not in the file."""
    ids: dict[str, list[str]] = {part.key: [] for part in ALL_PARTS}
    seen: set[str] = set()
    for part, item, _owner in document_records(data):
        if item["id"] in seen:
            raise InvalidCaseFile(
                "The case file holds two records with the same identity; nothing was imported."
            )
        seen.add(item["id"])
        ids[part.key].append(item["id"])
    known = {key: set(values) for key, values in ids.items()}
    for part, item, _owner in document_records(data):
        for name, target in part.refs.items():
            linked = part.value(item, name)
            if linked is not None and linked not in known[target]:
                raise InvalidCaseFile(
                    f"A record in {part.key} points through '{name}' to a record that is not in "
                    "the file; nothing was imported."
                )
    dimensions = [rating["dimension"] for rating in data["asam_ratings"]]
    if len(dimensions) != len(set(dimensions)):
        raise InvalidCaseFile("The case file rates one ASAM dimension twice; nothing was imported.")
    for event in data["events"]:
        invited = [attendee["participant"] for attendee in event["attendees"]]
        if len(invited) != len(set(invited)):
            raise InvalidCaseFile(
                "The case file invites one participant twice to the same event; "
                "nothing was imported."
            )
    return ids


# Import -----------------------------------------------------------------------------------


def _already_here(session: Session, data: Mapping[str, Any], ids: Mapping[str, list[str]]) -> bool:
    reference = data[CASE.key]["reference"]
    if session.scalar(select(Case.id).where(Case.reference == reference)) is not None:
        return True
    for part in ALL_PARTS:
        column = part.model.__table__.c.id
        wanted = ids[part.key]
        for start in range(0, len(wanted), 500):
            batch = wanted[start : start + 500]
            if session.scalar(select(column).where(column.in_(batch)).limit(1)) is not None:
                return True
    return False


def column_value(part: Part, name: str, value: Any) -> tuple[str, Any]:
    """The column and its value for the field ``name`` of a checked document."""
    column = part.fields[name]
    return column, from_json(inspect(part.model).columns[column].type, value)


def build_record(part: Part, item: Mapping[str, Any], new_ids: dict[str, str] | None) -> Base:
    """The record of a checked document (see ``validate_document``), not yet added; with
    ``new_ids``, under new identities (old -> new, filled as it goes)."""
    values: dict[str, Any] = {}
    for name in part.fields:
        value = part.value(item, name)
        if new_ids is not None and value is not None and (name == "id" or name in part.refs):
            value = new_ids.setdefault(value, new_id())
        column, values[column] = column_value(part, name, value)
    return part.model(**values)


def import_case(session: Session, data: Any) -> tuple[Case, bool]:
    """Add the case in ``data``; all or nothing. Returns it and whether it had to be a copy.

    A case is never overwritten: when its identity (or any of its records', or its reference)
    already exists here, a copy is imported with new identities and a new reference.
    """
    validate_document(data)
    ids = check_links(data)
    copy = _already_here(session, data, ids)
    new_ids: dict[str, str] | None = {} if copy else None
    with session.begin_nested():
        case: Case | None = None
        previous: Part | None = None
        for part, item, owner in document_records(data):
            if previous is not None and part is not previous:
                session.flush()  # parents reach the database before the rows that point at them
            previous = part
            record = build_record(part, item, new_ids)
            if isinstance(record, Case):
                case = record
                if copy:
                    case.reference = new_reference(session)
            else:
                setattr(record, part.parent, new_ids[owner] if new_ids is not None else owner)
            session.add(record)
        session.flush()
        assert case is not None  # the schema requires the case
        detail = f"copy of case {data[CASE.key]['id']}" if copy else f"format {data['version']}"
        audit.record(session, "case.imported", case_id=case.id, detail=detail)
    session.expire(case)
    return case, copy

"""Applying a counselor's edits to any record: field names checked, values coerced, sizes capped."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from typing import Any, TypeVar

from sqlalchemy import Boolean, Date, Enum, Integer, String, Text, Time, inspect
from sqlalchemy.orm import Session

from interventiondesk.errors import InvalidInput, NotFound
from interventiondesk.limits import (
    DATE_RANGE_WORDS,
    MAX_TEXT_CHARS,
    NOT_UNICODE_WORDS,
    date_in_range,
    holds_lone_surrogate,
    moment_in_range,
)
from interventiondesk.model.base import Base, Record, UTCDateTime

R = TypeVar("R", bound=Base)
Ordered = TypeVar("Ordered", bound=Record)


def _parse(parser: Any, value: str, name: str, what: str) -> Any:
    try:
        return parser(value)
    except ValueError as exc:
        raise InvalidInput(f"{name} must be {what}.") from exc


def coerce_value(column: Any, value: Any, name: str) -> Any:
    """``value`` as ``column`` keeps it, or InvalidInput naming ``name``: the editors' one rule."""
    column_type = column.type
    if value is None:
        return None
    if isinstance(column_type, Enum) and column_type.enum_class is not None:
        try:
            return column_type.enum_class(value)
        except ValueError as exc:
            raise InvalidInput(f"'{value}' is not a valid choice for {name}.") from exc
    if isinstance(column_type, Boolean):
        if not isinstance(value, bool):
            raise InvalidInput(f"{name} must be yes or no.")
        return value
    if isinstance(column_type, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput(f"{name} must be a whole number.")
        low, high = column.info.get("min", -(2**31)), column.info.get("max", 2**31 - 1)
        if not low <= value <= high:
            raise InvalidInput(f"{name} must be between {low} and {high}.")
        return value
    if isinstance(column_type, UTCDateTime):
        what = "a date and time with its time zone"
        if isinstance(value, str):
            value = _parse(datetime.fromisoformat, value, name, what)
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise InvalidInput(f"{name} must be {what}.")
        if not moment_in_range(value):
            raise InvalidInput(f"{name} must be a date {DATE_RANGE_WORDS}.")
        return value
    if isinstance(column_type, Date):
        if isinstance(value, str):
            value = _parse(date.fromisoformat, value, name, "a date (YYYY-MM-DD)")
        if not isinstance(value, date) or isinstance(value, datetime):
            raise InvalidInput(f"{name} must be a date.")
        if not date_in_range(value):
            raise InvalidInput(f"{name} must be a date {DATE_RANGE_WORDS}.")
        return value
    if isinstance(column_type, Time):
        if isinstance(value, str):
            value = _parse(time.fromisoformat, value, name, "a time of day (HH:MM)")
        if not isinstance(value, time):
            raise InvalidInput(f"{name} must be a time of day.")
        return value
    if isinstance(column_type, String | Text):
        if not isinstance(value, str):
            raise InvalidInput(f"{name} must be text.")
        if holds_lone_surrogate(value):
            raise InvalidInput(f"{name} {NOT_UNICODE_WORDS}; retype or paste it again.")
        limit = column_type.length or MAX_TEXT_CHARS
        if len(value) > limit:
            raise InvalidInput(
                f"{name} is too long ({len(value):,} characters; at most {limit:,})."
            )
        return value
    return value


def apply_changes(record: Base, changes: Mapping[str, Any], editable: Iterable[str]) -> bool:
    """Set the named fields on ``record``. Returns whether anything actually changed."""
    allowed = set(editable)
    columns = inspect(type(record)).columns
    coerced: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in allowed or name not in columns:
            raise InvalidInput(f"'{name}' cannot be edited here.")
        column = columns[name]
        if value is None and not column.nullable:
            raise InvalidInput(f"{name} cannot be empty.")
        coerced[name] = coerce_value(column, value, name.replace("_", " "))
    changed = False
    for name, value in coerced.items():
        current = getattr(record, name)
        # ``type`` too: a plain string equals its StrEnum member but must still be replaced.
        if current != value or type(current) is not type(value):
            setattr(record, name, value)
            changed = True
    return changed


def editable_columns(cls: type[Base], *exclude: str) -> frozenset[str]:
    """All plain columns of a table except identity, bookkeeping and the named ones."""
    fixed = {"id", "created_at", "updated_at", "version", "case_id", "deleted_at", "archived_at"}
    return frozenset(c.key for c in inspect(cls).columns if c.key not in fixed | set(exclude))


def get_record(session: Session, cls: type[R], record_id: str, what: str = "record") -> R:
    # An identity holding undecodable bytes (from a command line) names no record.
    record = None if holds_lone_surrogate(record_id) else session.get(cls, record_id)
    if record is None:
        raise NotFound(f"That {what} no longer exists (it may have been removed elsewhere).")
    return record


def in_given_order(
    records: Sequence[Ordered], ordered_ids: Sequence[str], what: str
) -> list[Ordered]:
    """``records`` in the order ``ordered_ids`` names them; each must be named exactly once."""
    by_id = {record.id: record for record in records}
    if len(ordered_ids) != len(by_id) or set(ordered_ids) != set(by_id):
        raise InvalidInput(f"The new order must name every {what} exactly once.")
    return [by_id[record_id] for record_id in ordered_ids]


def renumber(records: Sequence[Any], attribute: str = "position") -> None:
    """Number ``records`` 0, 1, 2... in ``attribute``, touching only those that change."""
    for index, record in enumerate(records):
        if getattr(record, attribute) != index:
            setattr(record, attribute, index)

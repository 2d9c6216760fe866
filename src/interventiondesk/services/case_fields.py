"""Fields of a case's plan and client set by their case-file names, checked as import checks."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Boolean, Integer, inspect
from sqlalchemy.orm import Session

from interventiondesk.errors import InvalidCaseFile, InvalidInput
from interventiondesk.model import Case
from interventiondesk.services import audit
from interventiondesk.services.cases import find_case
from interventiondesk.services.interchange import case_document, validate_document
from interventiondesk.services.interchange_checks import RecordProblem
from interventiondesk.services.interchange_parts import CASE, CLIENT, Part
from interventiondesk.services.merge import set_field

EDITABLE_PARTS = {CASE.key: CASE, CLIENT.key: CLIENT}
NOT_EDITABLE = frozenset({"id", "created_at", "updated_at"})
_YES, _NO = ("yes", "true", "y", "1"), ("no", "false", "n", "0")


def field_names() -> list[str]:
    """Every name ``edit`` accepts: the case's fields, and the client's as ``client.NAME``."""
    names = [n for n in CASE.fields if n not in NOT_EDITABLE]
    names += [f"client.{n}" for n in CLIENT.fields if n not in NOT_EDITABLE]
    return names


def _target(name: str) -> tuple[Part, str]:
    part_key, _dot, field = name.rpartition(".")
    part = EDITABLE_PARTS.get(part_key or CASE.key)
    if part is None or field not in part.fields or field in NOT_EDITABLE:
        raise InvalidInput(
            f"There is no field '{name[:60]}' in a case's plan; the names are those of the case "
            "file format (docs/case-format.md), e.g. goals or client.phone. Nothing was changed."
        )
    return part, field


def _json_value(part: Part, field: str, text: str) -> Any:
    """The value typed on the command line as the case file would hold it."""
    column = inspect(part.model).columns[part.fields[field]]
    if text == "null" and column.nullable:
        return None
    if isinstance(column.type, Boolean):
        if text.lower() in _YES:
            return True
        if text.lower() in _NO:
            return False
        raise InvalidInput(f"{field} must be yes or no; nothing was changed.")
    if isinstance(column.type, Integer):
        try:
            return int(text)
        except ValueError as exc:
            raise InvalidInput(f"{field} must be a whole number; nothing was changed.") from exc
    return text


def edit_case(session: Session, case_key: str, assignments: Sequence[tuple[str, str]]) -> Case:
    """Set fields of the case (``(name, text)`` pairs), all or none, validated exactly as an
    imported case file is (the schema and the editors' rules)."""
    if not assignments:
        raise InvalidInput("Name at least one field to set, as --set FIELD=VALUE.")
    case = find_case(session, case_key)
    document = copy.deepcopy(case_document(case))
    changes = []
    for name, text in assignments:
        part, field = _target(name)
        value = _json_value(part, field, text)
        document[part.key][field] = value
        changes.append((part, field, value))
    try:
        validate_document(document)
    except RecordProblem as exc:
        raise InvalidInput(
            f"That value is not allowed (at {exc.where}: {exc.problem}); nothing was changed."
        ) from exc
    except InvalidCaseFile as exc:
        reason = str(exc).removeprefix("The case file is damaged or was changed by hand ")
        reason = reason.split("; nothing was imported.")[0]
        raise InvalidInput(f"That value is not allowed {reason}; nothing was changed.") from exc
    with session.begin_nested():
        for part, field, value in changes:
            record_id = case.id if part is CASE else case.client.id
            set_field(session, part.key, record_id, field, value)
        audit.record(
            session,
            "case.edited",
            case_id=case.id,
            detail="fields " + ", ".join(sorted({f"{p.key}.{f}" for p, f, _v in changes})),
        )
    return case

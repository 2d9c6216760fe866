"""Case files on disk: written atomically and privately, read back with every failure in words."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from interventiondesk.errors import InvalidCaseFile
from interventiondesk.limits import MAX_INTEGER_DIGITS
from interventiondesk.model import Case
from interventiondesk.services.interchange import export_case, import_case
from interventiondesk.storage.files import write_private_atomically

MAX_CASE_FILE_BYTES = 50 * 1024 * 1024
"""Checked before the file is read or parsed; far above any real case (a case with 100 long
letters is a few megabytes), far below what would exhaust a laptop's memory."""

SUFFIX = ".json"


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InvalidCaseFile(
                "The case file names one field twice in the same place, so it is ambiguous; "
                "nothing was imported."
            )
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise InvalidCaseFile(
        f"The case file holds the number {name}, which JSON does not allow; nothing was imported."
    )


_BEYOND_ANY_FIELD: int = 10**MAX_INTEGER_DIGITS


def _bounded_int(digits: str) -> int:
    """A whole number; one far beyond any field's range (even 4,300 digits, which Python would
    refuse to convert) becomes a number just beyond every range, so that the schema then names
    the field that holds it."""
    if len(digits.lstrip("-")) > MAX_INTEGER_DIGITS:
        return -_BEYOND_ANY_FIELD if digits.startswith("-") else _BEYOND_ANY_FIELD
    return int(digits)


def parse_case_file(raw: bytes) -> Any:
    """The JSON document in ``raw``, strictly: UTF-8, no repeated fields, no NaN or Infinity."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidCaseFile(
            "The file is not a case file: it is not text in UTF-8; nothing was imported."
        ) from exc
    text = text.removeprefix("\ufeff")  # some editors add a byte-order mark
    try:
        return json.loads(
            text,
            object_pairs_hook=_refuse_duplicates,
            parse_constant=_refuse_constant,
            parse_int=_bounded_int,
        )
    except json.JSONDecodeError as exc:
        raise InvalidCaseFile(
            "The file is not a case file: it is not valid JSON (the problem is at line "
            f"{exc.lineno}, column {exc.colno}); nothing was imported."
        ) from exc
    except RecursionError as exc:
        raise InvalidCaseFile(
            "The file is not a case file: it is nested far too deeply; nothing was imported."
        ) from exc


def read_case_file(path: Path, *, max_bytes: int = MAX_CASE_FILE_BYTES) -> Any:
    """The parsed content of a case file; size is checked before anything is read."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InvalidCaseFile("That is a folder, not a case file; nothing was imported.")
        if size > max_bytes:
            raise InvalidCaseFile(
                f"The file is too large to be a case file ({size / 1e6:,.1f} MB; at most "
                f"{max_bytes / 1e6:,.0f} MB); nothing was imported."
            )
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise InvalidCaseFile("There is no case file at that place; nothing was imported.") from exc
    except PermissionError as exc:
        raise InvalidCaseFile(
            "The case file may not be read (permission denied); nothing was imported."
        ) from exc
    except OSError as exc:
        raise InvalidCaseFile(
            f"The case file could not be read ({exc.strerror or 'input/output error'}); "
            "nothing was imported."
        ) from exc
    if len(raw) > max_bytes:  # it grew while we looked
        raise InvalidCaseFile("The file is too large to be a case file; nothing was imported.")
    return parse_case_file(raw)


def case_file_bytes(data: Any) -> bytes:
    """The document as the UTF-8 text of a case file (readable, stable field order)."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_case_file(path: Path, data: Any) -> None:
    """Write the file whole or not at all (temporary file, then rename), readable by owner only."""
    if path.is_dir():
        raise InvalidCaseFile("That is a folder; choose a file name for the case file.")
    write_private_atomically(path, case_file_bytes(data))


def export_case_file(session: Session, case: Case, path: Path) -> None:
    """Export the case to ``path`` (audited; the audit entry is undone if writing fails)."""
    write_case_file(path, export_case(session, case))


def import_case_file(session: Session, path: Path) -> tuple[Case, bool]:
    """Import the case in ``path``; all or nothing. Returns it and whether it is a copy."""
    return import_case(session, read_case_file(path))

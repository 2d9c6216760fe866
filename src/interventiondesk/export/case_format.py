"""The case file's text: a document as UTF-8 JSON, and JSON parsed strictly, every failure in words.

No file is read or written here: ``services.case_files`` reads case files, ``services.exports``
writes them.
"""

from __future__ import annotations

import json
from typing import Any

from interventiondesk.errors import InvalidCaseFile
from interventiondesk.limits import MAX_INTEGER_DIGITS

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


def case_file_bytes(data: Any) -> bytes:
    """The document as the UTF-8 text of a case file (readable, stable field order)."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

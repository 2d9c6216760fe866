"""Case files read from disk and imported: the size checked first, every failure in words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from interventiondesk.errors import InvalidCaseFile
from interventiondesk.export.case_format import MAX_CASE_FILE_BYTES, parse_case_file
from interventiondesk.model import Case
from interventiondesk.services.interchange import import_case


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


def import_case_file(session: Session, path: Path) -> tuple[Case, bool]:
    """Import the case in ``path``; all or nothing. Returns it and whether it is a copy."""
    return import_case(session, read_case_file(path))

"""Case files read from disk and imported (``services/case_files.py``): the size checked
first, every failure in words, nothing half-imported."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from interventiondesk.errors import InvalidCaseFile
from interventiondesk.export.case_format import MAX_CASE_FILE_BYTES
from interventiondesk.model import Case
from interventiondesk.services.case_files import import_case_file, read_case_file
from interventiondesk.services.exports import export_case_file
from interventiondesk.services.interchange import FORMAT_VERSION
from interventiondesk.storage.database import Database
from tests.services.test_interchange import SECRET, build_full_case, row_counts


@pytest.fixture
def full_file(db: Database, tmp_path: Path) -> tuple[Path, str]:
    with db.session() as session:
        case_id = build_full_case(session, SECRET).id
    path = tmp_path / "case.json"
    export_case_file(db, case_id, path)
    return path, case_id


def test_a_file_imports_into_another_workspace_as_the_same_case(
    full_file: tuple[Path, str], db: Database, tmp_path: Path
) -> None:
    from interventiondesk.storage.workspace import Workspace
    from tests.conftest import PASSPHRASE, TEST_KDF

    path, case_id = full_file
    other, _ = Workspace(tmp_path / "other").create(PASSPHRASE, kdf=TEST_KDF)
    try:
        with other.session() as session:
            case, was_copy = import_case_file(session, path)
            assert (case.id, was_copy) == (case_id, False)
        with other.session() as session:
            assert session.get_one(Case, case_id).client.full_name == SECRET
    finally:
        other.close()


def _document(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


VERSION_FIELD = f'"version": "{FORMAT_VERSION}"'.encode()
DAMAGED_FILES: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "truncated": (lambda raw: raw[: len(raw) // 2], "not valid JSON"),
    "binary junk": (lambda raw: bytes(range(256)) * 40, "not text in UTF-8"),
    "empty": (lambda raw: b"", "not valid JSON"),
    "latin-1": (
        lambda raw: raw.decode().replace(SECRET, "Zoé").encode("latin-1", "replace"),
        "not text in UTF-8",
    ),
    "top-level list": (lambda raw: b"[" + raw + b"]", "not an InterventionDesk case file"),
    "nested too deeply": (lambda raw: b"[" * 200_000 + b"]" * 200_000, "nested far too deeply"),
    "NaN": (lambda raw: raw.replace(b'"rating": 0', b'"rating": NaN', 1), "NaN"),
    "field twice": (
        lambda raw: raw.replace(VERSION_FIELD, VERSION_FIELD + b", " + VERSION_FIELD, 1),
        "names one field twice",
    ),
    "wrong types": (
        lambda raw: raw.replace(b'"attending": true', b'"attending": "true"', 1),
        "should be true or false",
    ),
    "unknown version": (
        lambda raw: raw.replace(VERSION_FIELD, b'"version": "3.1"', 1),
        "version 3.1 of the format",
    ),
    "extra field": (
        lambda raw: raw.replace(b'"goals":', b'"secret_goals": "x", "goals":', 1),
        "does not know",
    ),
}


@pytest.mark.parametrize("damage", sorted(DAMAGED_FILES))
def test_damaged_files_are_refused_in_words_and_change_nothing(
    full_file: tuple[Path, str], db: Database, damage: str
) -> None:
    path, _ = full_file
    change, words = DAMAGED_FILES[damage]
    raw = path.read_bytes()
    assert _document(path)["version"] == FORMAT_VERSION
    damaged = path.with_name("damaged.json")
    damaged.write_bytes(change(raw))
    before = row_counts(db)
    with db.session() as session, pytest.raises(InvalidCaseFile) as raised:
        import_case_file(session, damaged)
    assert words in str(raised.value)
    assert SECRET not in str(raised.value)
    assert row_counts(db) == before


def test_oversized_file_is_refused_before_it_is_read(db: Database, tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:  # sparse: large on paper, cheap on disk
        handle.truncate(MAX_CASE_FILE_BYTES + 1)
    before = row_counts(db)
    with db.session() as session, pytest.raises(InvalidCaseFile, match="too large"):
        import_case_file(session, huge)
    assert row_counts(db) == before
    small = tmp_path / "small.json"
    small.write_text('{"format": "interventiondesk-case"}')
    with pytest.raises(InvalidCaseFile, match="too large"):
        read_case_file(small, max_bytes=10)


def test_missing_folder_and_unreadable_files_are_refused_in_words(
    db: Database, tmp_path: Path
) -> None:
    with db.session() as session:
        case_id = build_full_case(session, "plain").id
    with pytest.raises(InvalidCaseFile, match="no case file"):
        read_case_file(tmp_path / "nothing.json")
    with pytest.raises(InvalidCaseFile, match="folder"):
        read_case_file(tmp_path)
    with pytest.raises(InvalidCaseFile, match="folder"):
        export_case_file(db, case_id, tmp_path)
    if sys.platform.startswith("linux"):
        # A file the kernel refuses to hand out: reading it fails with an input/output error.
        with pytest.raises(InvalidCaseFile, match="could not be read"):
            read_case_file(Path("/proc/self/mem"))

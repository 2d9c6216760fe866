"""Case files on disk, and the schema that is their public contract."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from interventiondesk.errors import InterventionDeskError, InvalidCaseFile
from interventiondesk.export.case_format import MAX_CASE_FILE_BYTES, case_file_bytes
from interventiondesk.model import Case
from interventiondesk.services.case_files import import_case_file, read_case_file
from interventiondesk.services.exports import export_case_file
from interventiondesk.services.interchange import case_schema
from interventiondesk.services.interchange_parts import ALL_PARTS, NESTED
from interventiondesk.storage.database import Database
from interventiondesk.storage.files import write_private_atomically
from tests.services.test_interchange import SECRET, build_full_case, row_counts

RECORD_DEFS = {
    "case": "case",
    "client": "client",
    "availability": "availability_window",
    "attendees": "attendee",
    "concerns": "concern",
    "observations": "observation",
    "participants": "participant",
    "consents": "consent",
    "events": "event",
    "letters": "letter",
    "objections": "objection",
    "logistics": "logistics_item",
    "outcomes": "outcome",
    "follow_ups": "follow_up",
    "risk_screens": "risk_screen",
    "asam_ratings": "asam_rating",
    "disclosures": "disclosure",
}


def _subschemas(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _subschemas(value)
    elif isinstance(node, list):
        for value in node:
            yield from _subschemas(value)


def test_schema_is_valid_draft_2020_12_and_strict_everywhere() -> None:
    schema = case_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    for node in _subschemas(schema):
        types = node.get("type", [])
        types = types if isinstance(types, list) else [types]
        if "object" in types:
            assert node.get("additionalProperties") is False, node
            assert set(node["required"]) == set(node["properties"]), node
        if "string" in types:
            assert isinstance(node.get("maxLength"), int), node
        if "array" in types:
            assert isinstance(node.get("maxItems"), int), node


def test_schema_names_exactly_the_fields_of_each_part() -> None:
    schema = case_schema()
    for part in ALL_PARTS:
        if part.key == "safety_plan":
            properties = schema["properties"]["safety_plan"]["properties"]
        else:
            properties = schema["$defs"][RECORD_DEFS[part.key]]["properties"]
        expected = set(part.fields) | ({NESTED[part.key][0].key} if part.key in NESTED else set())
        assert set(properties) == expected, part.key


def test_written_file_is_private_readable_json_and_reads_back(tmp_path: Path) -> None:
    target = tmp_path / "out" / "case.json"
    target.parent.mkdir()
    data = {"format": "interventiondesk-case", "text": "שלום <b>&amp;</b> 👋"}
    write_private_atomically(target, case_file_bytes(data))
    assert read_case_file(target) == data
    assert "שלום" in target.read_text(encoding="utf-8")  # readable, not \\u-escaped
    assert [p.name for p in target.parent.iterdir()] == ["case.json"]  # no temporary file left
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


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
        lambda raw: raw.replace(b'"version": "1.0"', b'"version": "1.0", "version": "1.0"', 1),
        "names one field twice",
    ),
    "wrong types": (
        lambda raw: raw.replace(b'"attending": true', b'"attending": "true"', 1),
        "should be true or false",
    ),
    "unknown version": (
        lambda raw: raw.replace(b'"version": "1.0"', b'"version": "3.1"', 1),
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
    assert _document(path)["version"] == "1.0"
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


@pytest.mark.skipif(os.name != "posix", reason="uses POSIX resource limits")
def test_full_disk_while_writing_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "case.json"
    target.write_bytes(b"the old export")
    code = textwrap.dedent(
        f"""
        import resource, signal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
        from pathlib import Path
        from interventiondesk.errors import InterventionDeskError
        from interventiondesk.export.case_format import case_file_bytes
        from interventiondesk.storage.files import write_private_atomically
        try:
            data = case_file_bytes({{"text": "n" * 300_000}})
            write_private_atomically(Path({str(target)!r}), data)
        except InterventionDeskError as exc:
            print("MESSAGE:", exc)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert "MESSAGE: The disk is full" in result.stdout, result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_bytes() == b"the old export"
    assert [p.name for p in tmp_path.iterdir()] == ["case.json"]


def test_a_failed_write_is_reported_in_words_and_not_audited(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        case_id = build_full_case(session, "plain").id
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder is expected")
    before = row_counts(db)
    with pytest.raises(InterventionDeskError, match=r"does not exist|could not be written"):
        export_case_file(db, case_id, blocker / "case.json")
    assert row_counts(db) == before  # the "case.exported" audit entry went with the failure


def test_the_documented_example_is_a_valid_case_file(db: Database) -> None:
    from interventiondesk.services.interchange import import_case, validate_document

    docs = Path(__file__).resolve().parents[2] / "docs" / "case-format.md"
    text = docs.read_text(encoding="utf-8")
    example = json.loads(text.split("```json\n", 1)[1].split("```", 1)[0])
    validate_document(example)
    with db.session() as session:
        case, was_copy = import_case(session, example)
        assert not was_copy and case.client.full_name == "Robin Example"

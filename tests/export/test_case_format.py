"""The case file's text (``export/case_format.py``), and the schema that is its public contract.

Reading case files from disk and importing them: ``tests/services/test_case_files.py``.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from interventiondesk.errors import InterventionDeskError, InvalidCaseFile
from interventiondesk.export.case_format import case_file_bytes, parse_case_file
from interventiondesk.services.case_files import read_case_file
from interventiondesk.services.exports import export_case_file
from interventiondesk.services.interchange import case_schema
from interventiondesk.services.interchange_parts import ADDED_IN_1_1, ALL_PARTS, NESTED
from interventiondesk.storage.database import Database
from interventiondesk.storage.files import write_private_atomically
from tests.services.test_interchange import build_full_case, row_counts

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
    "bottom_line_checks": "bottom_line_check",
    "safety_plan_revisions": "safety_plan_revision",
    "asam_history": "asam_rating_entry",
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
    added_fields = {
        id(schema["$defs"][RECORD_DEFS[part.key]]): frozenset(part.added)
        for part in ALL_PARTS
        if part.key in RECORD_DEFS
    }
    assert added_fields[id(schema["$defs"]["consent"])] == {"signature_method", "sections"}
    for node in _subschemas(schema):
        types = node.get("type", [])
        types = types if isinstance(types, list) else [types]
        if "object" in types:
            assert node.get("additionalProperties") is False, node
            # Only what a minor version added may be missing (from older files): lists at the
            # top, fields in a record.
            optional = ADDED_IN_1_1 if node is schema else added_fields.get(id(node), frozenset())
            assert set(node["required"]) == set(node["properties"]) - optional, node
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
        from interventiondesk.errors import InterventionDeskError, InvalidCaseFile
        from interventiondesk.export.case_format import case_file_bytes, parse_case_file
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


def test_the_text_is_parsed_strictly_and_said_in_words() -> None:
    data = {"version": "1.0", "text": "Zoë 👋"}
    assert parse_case_file(case_file_bytes(data)) == data
    assert parse_case_file(b"\xef\xbb\xbf" + case_file_bytes(data)) == data  # a byte-order mark
    for raw, words in (
        (b'{"a": 1, "a": 2}', "names one field twice"),
        (b'{"a": Infinity}', "the number Infinity"),
        (b'{"a": -Infinity}', "the number -Infinity"),
        (b'{"a": 1,}', "line 1, column 9"),
        ("Zoë".encode("utf-16"), "not text in UTF-8"),
    ):
        with pytest.raises(InvalidCaseFile, match=words):
            parse_case_file(raw)

"""Any text in every field of a whole case goes through a case file and comes back exactly:
export-case, then import-case in another workspace, then export again gives the same file.
A file whose text is not valid Unicode is refused in words, and nothing is imported."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from interventiondesk.errors import InvalidCaseFile
from interventiondesk.services.case_files import import_case_file
from interventiondesk.services.exports import export_case_file
from interventiondesk.storage.database import Database
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE, TEST_KDF
from tests.property.strategies import LONE_SURROGATES, examples, texts
from tests.services.test_interchange import build_full_case, exported, row_counts


@pytest.fixture
def other_db(tmp_path: Path) -> Iterator[Database]:
    """A colleague's workspace, into which every example imports its case."""
    database, _ = Workspace(tmp_path / "colleague").create(PASSPHRASE, kdf=TEST_KDF)
    yield database
    database.close()


def _file(tmp_path: Path, case_id: str) -> Path:
    return tmp_path / "files" / f"{case_id}.json"


@given(text=texts(max_size=40))
@example(text="\x00\x01\x1b\x7f\x85\r\n\u2028\u2029\ufeff\ufffe\uffff\U0010ffff\u202e")
@example(text='<b>&amp;</b>"\\u0000" \\ud800 ]]> \'; DROP TABLE cases; --')
@example(text="\r")  # a lone carriage return is a character like any other in a case file
@settings(max_examples=examples(10))
def test_any_text_survives_export_and_import_exactly(
    db: Database, other_db: Database, tmp_path: Path, text: str
) -> None:
    with db.session(write=True) as session:
        case_id = build_full_case(session, text).id
    path = _file(tmp_path, case_id)
    path.parent.mkdir(exist_ok=True)
    export_case_file(db, case_id, path)
    with other_db.session(write=True) as session:
        case, was_copy = import_case_file(session, path)
        assert (case.id, was_copy) == (case_id, False)
    assert exported(other_db, case_id) == exported(db, case_id)
    again = _file(tmp_path, f"{case_id}-again")
    export_case_file(other_db, case_id, again)
    assert _without_moment(again) == _without_moment(path)


def _without_moment(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    data.pop("exported_at")
    return data


def _text_places(value: Any, where: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every text value in a case file but the identities and codes."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _text_places(item, (*where, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _text_places(item, (*where, index))
    elif isinstance(value, str) and where[-1] not in ("id", "format", "version", "exported_at"):
        yield where


@given(data=st.data())
@settings(max_examples=examples(15))
def test_a_lone_surrogate_anywhere_is_refused_in_words_and_nothing_is_imported(
    db: Database, other_db: Database, tmp_path: Path, data: st.DataObject
) -> None:
    with db.session(write=True) as session:
        case_id = build_full_case(session, "Plain words").id
    path = _file(tmp_path, case_id)
    path.parent.mkdir(exist_ok=True)
    export_case_file(db, case_id, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    places = sorted(_text_places(document), key=repr)
    where = data.draw(st.sampled_from(places), label="where")
    surrogate = data.draw(st.sampled_from(list(LONE_SURROGATES)), label="surrogate")
    holder = document
    for key in where[:-1]:
        holder = holder[key]
    holder[where[-1]] = f"{holder[where[-1]][:5]}{surrogate}"
    path.write_text(json.dumps(document), encoding="ascii")  # "\ud800" as JSON writes it
    before = row_counts(other_db)
    with pytest.raises(InvalidCaseFile) as refused, other_db.session(write=True) as session:
        import_case_file(session, path)
    assert "nothing was imported" in str(refused.value)
    assert row_counts(other_db) == before

"""Damaged, cut-short and foreign files given to import-case, restore and unlock: refused in one
sentence, and nothing changed (the workspace's files hashed before and after; for an import,
whose command audits its own unlock, every row of the database compared).

tests/storage, tests/services and tests/cli hold fixed examples of each kind of damage; these
draw the place and the kind at random."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from interventiondesk.errors import InterventionDeskError
from interventiondesk.model.base import Base
from interventiondesk.services.case_files import import_case_file, read_case_file
from interventiondesk.services.cases import create_case
from interventiondesk.services.exports import export_case_file
from interventiondesk.services.interchange import validate_document
from interventiondesk.storage.backup import key_path_for
from interventiondesk.storage.database import Database
from interventiondesk.storage.unlock_failures import FAILURES_FILE
from interventiondesk.storage.workspace import Workspace
from tests.cli.running import run
from tests.conftest import PASSPHRASE, TEST_KDF
from tests.hashes import folder_hashes
from tests.property.strategies import DAMAGES, Damage, examples
from tests.services.test_interchange import build_full_case


def every_row(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order."""
    with db.session() as session:
        return {
            table.name: sorted(map(tuple, session.execute(select(table))), key=repr)
            for table in Base.metadata.sorted_tables
        }


def refused_in_one_line(code: int, out: str, err: str) -> str:
    """The command failed with one sentence on standard error and printed nothing else."""
    assert code != 0 and out == "", (code, out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("interventiondesk: "), err
    assert "Traceback" not in err
    return lines[0]


# import-case ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def case_file(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a whole case's file: every kind of record, hostile text."""
    folder = tmp_path_factory.mktemp("case-file")
    db, _ = Workspace(folder / "source").create(PASSPHRASE, kdf=TEST_KDF)
    with db.session(write=True) as session:
        case_id = build_full_case(session, "<b>Zoë</b> 我们 \x00 \u202e 🙂").id
    export_case_file(db, case_id, folder / "case.json")
    db.close()
    return (folder / "case.json").read_bytes()


@given(damage=DAMAGES)
@settings(max_examples=examples(40))
def test_import_takes_the_whole_case_or_nothing(
    db: Database, tmp_path: Path, case_file: bytes, damage: Damage
) -> None:
    path = tmp_path / "damaged.json"
    path.write_bytes(damage(case_file))
    before = every_row(db)
    try:
        with db.session(write=True) as session:
            import_case_file(session, path)
    except InterventionDeskError as refused:
        assert "nothing was imported" in str(refused), str(refused)
        assert every_row(db) == before
    else:  # the damage left a valid case file (another letter in a name, say)
        validate_document(read_case_file(path))


# restore and unlock, from the command line ----------------------------------------------------


@pytest.fixture
def ws(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Workspace:
    """The test workspace with one case, opened once from the command line (so that the day's
    backup at unlock is made before any file is hashed)."""
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    db = workspace.unlock(PASSPHRASE)
    with db.session(write=True) as session:
        create_case(session, client_name="Keep Me", kind="family", model="systemic")
    db.close()
    assert run(capsys, "--data-dir", str(workspace.folder), "cases")[0] == 0
    return workspace


@pytest.fixture
def good_backup(ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "usb" / "good.db"
    path.parent.mkdir()
    assert run(capsys, "--data-dir", str(ws.folder), "backup", "-o", str(path))[0] == 0
    return path


@given(damage=DAMAGES)
@settings(max_examples=examples(15))
def test_a_damaged_backup_is_refused_and_the_workspace_is_left_exactly_as_it_was(
    ws: Workspace,
    good_backup: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    damage: Damage,
) -> None:
    bad = tmp_path / "bad" / "backup.db"
    bad.parent.mkdir(exist_ok=True)
    bad.write_bytes(damage(good_backup.read_bytes()))
    shutil.copyfile(key_path_for(good_backup), key_path_for(bad))  # its own, good key file
    before = folder_hashes(ws.folder)
    line = refused_in_one_line(
        *run(capsys, "--data-dir", str(ws.folder), "restore", str(bad), "--yes")
    )
    assert "not changed" in line or "nothing was changed" in line, line
    assert folder_hashes(ws.folder) == before


@given(damage=DAMAGES)
@settings(max_examples=examples(15))
def test_a_backup_with_a_damaged_key_file_makes_no_workspace_where_none_is(
    ws: Workspace,
    good_backup: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    damage: Damage,
) -> None:
    bad = tmp_path / "elsewhere" / "backup.db"
    bad.parent.mkdir(exist_ok=True)
    shutil.copyfile(good_backup, bad)
    key_path_for(bad).write_bytes(damage(key_path_for(good_backup).read_bytes()))
    new = tmp_path / "new-laptop"
    code, out, err = run(capsys, "--data-dir", str(new), "restore", str(bad), "--yes")
    if code == 0:  # still the same key file, as JSON reads it (a space changed, say)
        Workspace(new).unlock(PASSPHRASE).close()
        shutil.rmtree(new)
        return
    refused_in_one_line(code, out, err)
    assert not new.exists() or folder_hashes(new) == {}


class GoodFiles(dict[str, bytes]):
    """The workspace's own database and key files, as they were (shown by name only)."""

    def __repr__(self) -> str:
        return f"GoodFiles({', '.join(self)})"


@pytest.fixture
def damaged_place(ws: Workspace) -> Iterator[GoodFiles]:
    """The workspace's good files, put back after the test."""
    files = GoodFiles(
        db=ws.database_path.read_bytes(),
        keys=ws.key_path.read_bytes(),
        copy=ws.key_copy_path.read_bytes(),
    )
    yield files
    ws.database_path.write_bytes(files["db"])
    ws.key_path.write_bytes(files["keys"])
    ws.key_copy_path.write_bytes(files["copy"])


@given(damage=DAMAGES)
# SQLite took a file shorter than a page for a new database, and wrote a schema into it.
@example(damage=Damage("cut", at=1))
@example(damage=Damage("cut", at=4095))
@settings(max_examples=examples(20))
def test_a_damaged_database_is_refused_at_unlock_and_left_as_it_was(
    ws: Workspace, damaged_place: GoodFiles, capsys: pytest.CaptureFixture[str], damage: Damage
) -> None:
    ws.database_path.write_bytes(damage(damaged_place["db"]))
    try:
        before = folder_hashes(ws.folder)
        refused_in_one_line(*run(capsys, "--data-dir", str(ws.folder), "cases"))
        assert folder_hashes(ws.folder) == before
    finally:
        ws.database_path.write_bytes(damaged_place["db"])


@given(damage=DAMAGES, copy_damage=st.none() | DAMAGES)
@settings(max_examples=examples(20))
def test_a_damaged_key_file_is_repaired_from_its_copy_or_refused_with_nothing_changed(
    ws: Workspace,
    damaged_place: GoodFiles,
    capsys: pytest.CaptureFixture[str],
    damage: Damage,
    copy_damage: Damage | None,
) -> None:
    keys = damage(damaged_place["keys"])
    copy = copy_damage(damaged_place["copy"]) if copy_damage else None
    failures = ws.folder / FAILURES_FILE
    try:
        ws.key_path.write_bytes(keys)
        if copy is not None:
            ws.key_copy_path.write_bytes(copy)
        before = folder_hashes(ws.folder)
        code, out, err = run(capsys, "--data-dir", str(ws.folder), "cases")
        if code == 0:  # the copy (or what is left of keys.json) opened it: keys.json whole
            assert "Keep Me" in out
            Workspace(ws.folder).unlock(PASSPHRASE).close()
            return
        assert copy is not None, err  # with a good copy, a damaged keys.json never stops it
        line = refused_in_one_line(code, out, err)
        after = folder_hashes(ws.folder)
        if "passphrase is wrong" in line:
            # Both passphrase wraps damaged alike cannot be told from a wrong passphrase,
            # which is counted (by design) in the failures file, and in nothing else.
            assert after.pop(FAILURES_FILE) != before.pop(FAILURES_FILE, None)
        else:
            assert "damaged" in line or "missing" in line, line
        assert after == before, {n for n in {*before, *after} if before.get(n) != after.get(n)}
    finally:
        failures.unlink(missing_ok=True)  # no growing wait for the next example
        ws.key_path.write_bytes(damaged_place["keys"])
        ws.key_copy_path.write_bytes(damaged_place["copy"])

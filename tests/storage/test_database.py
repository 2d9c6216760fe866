"""The open database (``storage/database.py``): pragmas on every connection, sessions and the
write lock, waiting briefly, SQLite's failures said in words, and the watch on outside commits."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from interventiondesk.errors import (
    DamagedWorkspace,
    DiskFull,
    EditConflict,
    InterventionDeskError,
    ReadOnlyWorkspace,
)
from interventiondesk.model import Case
from interventiondesk.services.cases import create_case
from interventiondesk.storage.database import (
    BUSY_TIMEOUT_MS,
    Database,
    WriteLockTaken,
    open_error,
    raw_connect,
    storage_error,
)
from interventiondesk.storage.keys import KeyFile
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE


def test_pragmas_are_set_on_every_connection(db: object) -> None:
    from interventiondesk.storage.database import Database

    assert isinstance(db, Database)
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_sqlites_read_only_errors_are_classified_as_read_only(workspace: Workspace) -> None:
    """The classification itself, on SQLite's real errors: a connection opened read-only
    fails to write exactly as a read-only file does (this holds for the superuser too)."""
    key = KeyFile.load(workspace.key_path).unlock_with_passphrase(PASSPHRASE).hex()
    conn = sqlcipher.connect(f"file:{workspace.database_path}?mode=ro", uri=True)
    try:
        conn.execute(f"PRAGMA key = \"x'{key}'\"")
        with pytest.raises(sqlcipher.OperationalError) as write_refused:
            conn.execute("CREATE TABLE probe (x)")
    finally:
        conn.close()
    assert "readonly" in str(write_refused.value)
    for classify in (storage_error, open_error):
        error = classify(write_refused.value)
        assert isinstance(error, ReadOnlyWorkspace) and "cannot be written to" in str(error)
    with pytest.raises(sqlcipher.OperationalError) as cannot_open:
        sqlcipher.connect(f"file:{workspace.folder / 'nowhere.db'}?mode=ro", uri=True)
    assert isinstance(open_error(cannot_open.value), ReadOnlyWorkspace)
    damaged = sqlcipher.DatabaseError("file is not a database")
    assert isinstance(storage_error(damaged), DamagedWorkspace)


# Connections and sessions --------------------------------------------------------------------


@pytest.fixture
def key(workspace: Workspace) -> bytes:
    """The data key of the test workspace (what ``db`` was opened with)."""
    return KeyFile.load(workspace.key_path).unlock_with_passphrase(PASSPHRASE)


def other_connection(db: Database, key: bytes, *, wait_ms: int = BUSY_TIMEOUT_MS) -> Any:
    """A connection of another program to the same database, in autocommit mode."""
    conn = raw_connect(db.path, key)
    conn.isolation_level = None
    conn.execute(f"PRAGMA busy_timeout = {wait_ms}")
    return conn


@contextmanager
def write_lock_held(db: Database, key: bytes) -> Iterator[Any]:
    """Another program holding the write lock until the end of the block."""
    other = other_connection(db, key)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield other
    finally:
        other.execute("ROLLBACK")
        other.close()


def _case_count(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Case)) or 0


def test_every_pooled_connection_waits_and_folds_case(db: Database) -> None:
    with db.engine.connect() as one, db.engine.connect() as two:
        for conn in (one, two):
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == BUSY_TIMEOUT_MS
            assert conn.execute(text("SELECT casefold('ŁUCJA Straße')")).scalar() == (
                "łucja strasse"
            )
            assert conn.execute(text("SELECT casefold(42)")).scalar() == 42


def test_a_session_commits_at_its_end_and_rolls_back_on_an_error(db: Database) -> None:
    with db.session() as s:
        create_case(s, client_name="Kept", kind="crisis", model="johnson")
    with pytest.raises(RuntimeError), db.session() as s:
        create_case(s, client_name="Gone", kind="crisis", model="johnson")
        s.flush()
        raise RuntimeError("something went wrong half-way")
    assert _case_count(db) == 1


def test_a_writing_session_takes_the_write_lock_at_its_start(db: Database, key: bytes) -> None:
    with db.session(write=True):
        other = other_connection(db, key, wait_ms=0)
        try:
            with pytest.raises(sqlcipher.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()
    with db.session() as s:  # a reading session leaves the lock free for others
        s.execute(text("SELECT count(*) FROM cases"))
        with write_lock_held(db, key):
            pass


def test_a_second_writer_waits_for_the_first_instead_of_failing(db: Database, key: bytes) -> None:
    other = other_connection(db, key)
    other.execute("BEGIN IMMEDIATE")
    released = threading.Timer(0.5, lambda: other.execute("COMMIT"))
    released.start()
    try:
        started = time.monotonic()
        with db.session(write=True) as s:
            create_case(s, client_name="After the other", kind="crisis", model="johnson")
        waited = time.monotonic() - started
    finally:
        released.join()
        other.close()
    assert waited >= 0.4 and _case_count(db) == 1


def test_an_update_from_a_stale_copy_is_an_edit_conflict(db: Database) -> None:
    with db.session() as s:
        case_id = create_case(s, client_name="Both", kind="crisis", model="johnson").id
    with db.session() as s:
        stale = s.get_one(Case, case_id)
    with db.session() as s:
        s.get_one(Case, case_id).goals = "theirs"
    with pytest.raises(EditConflict), db.session() as s:
        mine = s.merge(stale, load=False)
        mine.goals = "mine"
    with db.session() as s:
        assert s.get_one(Case, case_id).goals == "theirs"


def test_a_failing_statement_is_a_sentence_without_client_text(db: Database) -> None:
    with db.session() as s:
        create_case(s, client_name="Zephyrine Quillfeather", kind="crisis", model="johnson")
    # Below the session: the engine's own error.
    with pytest.raises(IntegrityError) as raw, db.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO cases (id, reference) VALUES (:id, :ref)"),
            {"id": "x", "ref": "Zephyrine Quillfeather"},
        )
    assert "Zephyrine" not in str(raw.value)
    with pytest.raises(InterventionDeskError) as said, db.session() as s:
        s.execute(text("SELECT * FROM no_such_table"))
    assert str(said.value) == "The workspace database reported an error; the change was not saved."


# Waiting briefly for the write lock (the window's autosave) ------------------------------------


def test_waiting_briefly_gives_up_quickly_and_writes_nothing(db: Database, key: bytes) -> None:
    with write_lock_held(db, key):
        started = time.monotonic()
        with (
            pytest.raises(WriteLockTaken, match="Nothing was changed yet"),
            db.session_waiting_briefly(100) as s,
        ):
            create_case(s, client_name="Not yet", kind="crisis", model="johnson")
        assert time.monotonic() - started < 5
    assert _case_count(db) == 0
    with db.session_waiting_briefly(100) as s:
        create_case(s, client_name="Now", kind="crisis", model="johnson")
    assert _case_count(db) == 1
    # The connection goes back to the pool with the full wait restored.
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == BUSY_TIMEOUT_MS


def test_waiting_briefly_classifies_other_failures_like_any_session(db: Database) -> None:
    with db.session() as s:
        case_id = create_case(s, client_name="Both", kind="crisis", model="johnson").id
    with db.session() as s:
        stale = s.get_one(Case, case_id)
    with db.session() as s:
        s.get_one(Case, case_id).goals = "theirs"
    with pytest.raises(EditConflict), db.session_waiting_briefly(100) as s:
        s.merge(stale, load=False).goals = "mine"
    with (
        pytest.raises(InterventionDeskError, match="reported an error"),
        db.session_waiting_briefly(100) as s,
    ):
        s.execute(text("SELECT * FROM no_such_table"))


# Errors in words -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sqlite_says", "kind", "words"),
    [
        ("database or disk is full", DiskFull, "The disk is full"),
        ("database is locked", InterventionDeskError, "busy in another window"),
        ("attempt to write a readonly database", ReadOnlyWorkspace, "cannot be written to"),
        ("database disk image is malformed", DamagedWorkspace, "damaged"),
        ("file is not a database", DamagedWorkspace, "damaged"),
        ("disk I/O error", InterventionDeskError, "The disk could not be written to"),
        ("no such table: cases", InterventionDeskError, "reported an error"),
    ],
)
def test_storage_errors_are_said_in_words(
    sqlite_says: str, kind: type[InterventionDeskError], words: str
) -> None:
    """SQLite's own messages for its result codes, as sqlcipher3 raises them."""
    error = storage_error(sqlcipher.OperationalError(sqlite_says))
    assert type(error) is kind and words in str(error)


@pytest.mark.parametrize(
    ("sqlite_says", "kind", "words"),
    [
        ("attempt to write a readonly database", ReadOnlyWorkspace, "read-only"),
        ("unable to open database file", ReadOnlyWorkspace, "could not be opened"),
        ("database or disk is full", DiskFull, "The disk is full"),
        ("disk I/O error", InterventionDeskError, "The disk could not be written to"),
        ("file is not a database", DamagedWorkspace, "does not belong to this workspace"),
    ],
)
def test_open_errors_are_said_in_words(
    sqlite_says: str, kind: type[InterventionDeskError], words: str
) -> None:
    error = open_error(sqlcipher.DatabaseError(sqlite_says))
    assert type(error) is kind and words in str(error)


def test_a_real_lock_error_is_said_as_busy(db: Database, key: bytes) -> None:
    with write_lock_held(db, key):
        other = other_connection(db, key, wait_ms=0)
        try:
            with pytest.raises(sqlcipher.OperationalError) as locked:
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()
    assert "busy in another window" in str(storage_error(locked.value))


def test_the_wrong_key_is_refused_at_the_first_connection(workspace: Workspace) -> None:
    wrong = Database(workspace.database_path, bytes(32))
    try:
        with pytest.raises(DamagedWorkspace, match="does not belong"), wrong.session() as s:
            s.execute(text("SELECT 1"))
    finally:
        wrong.close()


# Plain connections and the change watch ------------------------------------------------------


def test_raw_and_keyed_connections(db: Database, key: bytes, tmp_path: Path) -> None:
    with db.session() as s:
        create_case(s, client_name="Copied", kind="crisis", model="johnson")
    raw = db.raw_connection()
    copy = db.keyed_connection(tmp_path / "copy.db")
    try:
        assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        raw.backup(copy)
    finally:
        raw.close()
        copy.close()
    assert b"Copied" not in (tmp_path / "copy.db").read_bytes()
    again = raw_connect(tmp_path / "copy.db", key)
    try:
        assert again.execute("SELECT count(*) FROM clients").fetchone()[0] == 1
    finally:
        again.close()


def test_the_change_watch_sees_each_round_of_outside_commits_once(db: Database) -> None:
    watch = db.change_watch()
    try:
        assert not watch.changed()
        for name in ("One", "Two"):
            with db.session(write=True) as s:
                create_case(s, client_name=name, kind="crisis", model="johnson")
        assert watch.changed()
        assert not watch.changed()
        with db.session():  # reading commits nothing
            pass
        assert not watch.changed()
        with db.session(write=True) as s:
            create_case(s, client_name="Three", kind="crisis", model="johnson")
        assert watch.changed()
    finally:
        watch.close()
    assert not watch.changed()  # closed: no more answers, and no error
    watch.close()


def test_the_database_knows_its_own_key(db: Database, workspace: Workspace) -> None:
    key = workspace.data_key(PASSPHRASE)
    assert db.holds_key(key) and db.data_key == key
    assert not db.holds_key(bytes(32))

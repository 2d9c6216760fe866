"""The open, unlocked database: a SQLCipher engine with safe pragmas and a session factory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import QueuePool

from interventiondesk.errors import (
    DamagedWorkspace,
    DiskFull,
    EditConflict,
    InterventionDeskError,
)

BUSY_TIMEOUT_MS = 10_000
IMMEDIATE_OPTION = "interventiondesk_immediate"


def raw_connect(path: Path, key: bytes) -> Any:
    """A sqlcipher3 connection keyed with the raw data key (no per-connection key derivation)."""
    conn = sqlcipher.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def _casefold(value: object) -> object:
    return value.casefold() if isinstance(value, str) else value


PAGE_CACHE_KIB = 2000
"""Each connection's page cache of decrypted pages, in KiB."""


def _prepare(conn: Any) -> None:
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        raise DamagedWorkspace(
            "The workspace database is damaged, or it does not belong to this workspace's key "
            "file. Restore it from a backup; nothing was changed."
        ) from exc
    # SQLite's lower() folds only ASCII; searches fold with Python's casefold on both sides.
    conn.create_function("casefold", 1, _casefold, deterministic=True)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    # A counselor's note must survive a power cut: sync the WAL on every commit.
    conn.execute("PRAGMA synchronous = FULL")
    # SQLite's usual 2 MiB page cache per connection, not SQLCipher's 8 MiB: reading the case
    # list of 10,000 cases filled all 8 MiB and was no quicker for it (bench/README.md).
    conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")


def storage_error(exc: BaseException) -> InterventionDeskError:
    """A SQLite failure as a sentence: a full or failing disk, or a damaged file."""
    text = str(exc).lower()
    if "full" in text:
        return DiskFull()
    if "locked" in text or "busy" in text:
        return InterventionDeskError(
            "The workspace is busy in another window or program. Nothing was changed; "
            "try again in a moment."
        )
    if "disk i/o" in text or "readonly" in text or "read-only" in text:
        return InterventionDeskError(
            "The disk could not be written to (it may be full, removed or failing). "
            "Nothing was changed; free some space or check the drive and try again."
        )
    return InterventionDeskError(
        "The workspace database reported an error; the change was not saved."
    )


def make_engine(path: Path, key: bytes) -> Engine:
    def connect() -> Any:
        conn = raw_connect(path, key)
        try:
            _prepare(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    engine = create_engine(
        "sqlite://",
        creator=connect,
        module=sqlcipher,
        poolclass=QueuePool,
        pool_size=4,
        hide_parameters=True,  # never put client text into an error message
    )

    # Let SQLAlchemy, not the driver, decide where transactions begin (the documented recipe
    # for pysqlite-style drivers), so that SAVEPOINTs and BEGIN IMMEDIATE behave.
    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None

    # A writing session claims the write lock at its start (BEGIN IMMEDIATE), so that a second
    # program writing at the same moment waits (busy_timeout) instead of failing half-way.
    # Reading sessions stay deferred, so a long export never blocks an autosave.
    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get(IMMEDIATE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Database:
    """An unlocked workspace database. Use ``session()`` for each unit of work."""

    def __init__(self, path: Path, key: bytes) -> None:
        self.path = path
        self._key = key
        self.engine = make_engine(path, key)
        self._sessions: Callable[[], Session] = sessionmaker(self.engine, expire_on_commit=False)

    def new_session(self) -> Session:
        return self._sessions()

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """A session in one transaction: committed at the end, rolled back on any error.

        ``write=True`` takes the write lock at the start, for work that certainly writes.
        """
        with self._sessions() as session:
            try:
                with session.begin():
                    if write:
                        session.connection(execution_options={IMMEDIATE_OPTION: True})
                    yield session
            except StaleDataError as exc:
                raise EditConflict() from exc
            except DatabaseError as exc:
                raise storage_error(exc.orig or exc) from exc

    def raw_connection(self) -> Any:
        """A plain keyed connection to this database, for the online backup API."""
        conn = raw_connect(self.path, self._key)
        _prepare(conn)
        return conn

    def keyed_connection(self, other: Path) -> Any:
        """A connection to another file (a backup copy) under this database's key."""
        return raw_connect(other, self._key)

    def close(self) -> None:
        self.engine.dispose()

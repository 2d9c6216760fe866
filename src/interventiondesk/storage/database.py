"""The open, unlocked database: a SQLCipher engine with safe pragmas and a session factory."""

from __future__ import annotations

import hmac
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
    ReadOnlyWorkspace,
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
    """Python's casefold for SQL. Given text as a BLOB (``CAST(x AS BLOB)``), it reads all of
    it and leaves NUL out: SQLite hands text over only up to its first NUL."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace").replace("\x00", "")
    return value.casefold() if isinstance(value, str) else value


PAGE_CACHE_KIB = 2000
"""Each connection's page cache of decrypted pages, in KiB."""


def _prepare(conn: Any) -> None:
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        raise open_error(exc) from exc
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


def _is_read_only(text: str) -> bool:
    return "readonly" in text or "read-only" in text or "read only" in text


def _is_damage(text: str) -> bool:
    return "not a database" in text or "malformed" in text or "corrupt" in text


def open_error(exc: BaseException) -> InterventionDeskError:
    """Why the first statement on a new connection failed, as a sentence: a read-only folder
    or file is not damage; a file that cannot be read with the key is."""
    text = str(exc).lower()
    if _is_read_only(text):
        return ReadOnlyWorkspace()
    if "unable to open" in text:
        return ReadOnlyWorkspace(
            "The workspace database could not be opened: the workspace folder or its files "
            "cannot be written to (read-only, or owned by someone else). Make them writable "
            "again; nothing was changed."
        )
    if "disk i/o" in text or "full" in text:
        return storage_error(exc)
    return DamagedWorkspace(
        "The workspace database is damaged, or it does not belong to this workspace's key "
        "file. Restore it from a backup; nothing was changed."
    )


def storage_error(exc: BaseException) -> InterventionDeskError:
    """A SQLite failure as a sentence: a full or failing disk, a read-only folder or file, or
    a damaged file."""
    text = str(exc).lower()
    if "full" in text:
        return DiskFull()
    if "locked" in text or "busy" in text:
        return InterventionDeskError(
            "The workspace is busy in another window or program. Nothing was changed; "
            "try again in a moment."
        )
    if _is_read_only(text):
        return ReadOnlyWorkspace(
            "The workspace folder or its files cannot be written to (they are read-only), so "
            "the change was not saved. Make them writable again and try again; what was saved "
            "before is intact."
        )
    if _is_damage(text):
        return DamagedWorkspace(
            "The workspace database is damaged, so this could not be done. Restore it from a "
            "backup; nothing was changed."
        )
    if "disk i/o" in text:
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

    def holds_key(self, key: bytes) -> bool:
        """Whether ``key`` is this database's data key (the window checks a passphrase typed
        at its lock screen against the database it keeps open)."""
        return hmac.compare_digest(key, self._key)

    @property
    def data_key(self) -> bytes:
        """The data key, to read this workspace's backups (which share it) before a restore."""
        return self._key

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

    @contextmanager
    def session_waiting_briefly(self, wait_ms: int) -> Iterator[Session]:
        """A writing session that waits at most ``wait_ms`` for the write lock.

        For the window, which must not freeze for the whole busy timeout while another program
        saves: when the lock stays taken, ``WriteLockTaken`` is raised and nothing was written,
        so that the caller can keep the edit and try again shortly.
        """
        with self.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            raw.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
            try:
                conn.execution_options(**{IMMEDIATE_OPTION: True})
                with Session(bind=conn, expire_on_commit=False) as session:
                    try:
                        with session.begin():
                            try:
                                session.connection()  # BEGIN IMMEDIATE: the wait happens here
                            except DatabaseError as exc:
                                if _is_busy(exc):
                                    raise WriteLockTaken() from exc
                                raise
                            yield session
                    except StaleDataError as exc:
                        raise EditConflict() from exc
                    except DatabaseError as exc:
                        raise storage_error(exc.orig or exc) from exc
            finally:
                if not conn.invalidated:
                    raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def change_watch(self) -> ChangeWatch:
        """A watch on this database for changes committed through other connections."""
        conn = self.raw_connection()
        conn.isolation_level = None  # never hold a read transaction open between questions
        return ChangeWatch(conn)


def _is_busy(exc: DatabaseError) -> bool:
    text = str(exc.orig or exc).lower()
    return "locked" in text or "busy" in text


class WriteLockTaken(InterventionDeskError):
    """Another program holds the workspace's write lock; nothing was written."""

    def __init__(self) -> None:
        super().__init__(
            "Another program is saving to this workspace. Nothing was changed yet; "
            "the change will be saved as soon as it has finished."
        )


class ChangeWatch:
    """Tells whether another connection (another program, another window, the command line)
    has committed to the database since it was last asked.

    One held connection answers ``PRAGMA data_version``, whose value changes exactly when some
    other connection has committed: cheap enough to ask every second or two.
    """

    def __init__(self, conn: Any) -> None:
        self._conn: Any = conn
        self._seen = self._version()

    def _version(self) -> int:
        row = self._conn.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def changed(self) -> bool:
        """True once for every round of outside commits since the last call."""
        if self._conn is None:
            return False
        try:
            version = self._version()
        except sqlcipher.Error:  # the file is away for a moment; the next call asks again
            return False
        if version == self._seen:
            return False
        self._seen = version
        return True

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

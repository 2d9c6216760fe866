"""Restoring a backup: the file is checked whole before anything is written, then copied into
the workspace database with SQLite's online backup API (one transaction: old or new, never a
mixture)."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from interventiondesk.errors import DamagedWorkspace, InterventionDeskError
from interventiondesk.storage.database import Database, raw_connect, storage_error
from interventiondesk.storage.files import disk_error
from interventiondesk.storage.migrate import SCHEMA_REVISIONS

_SQLITE_HEADER = b"SQLite format 3\x00"
_DAMAGED = "That backup is damaged or cut short (its integrity check failed)."
MAX_BACKUP_BYTES = 64 * 1024**3
"""Far beyond any caseload; a larger 'backup' is not one of ours."""


class RefusedBackup(InterventionDeskError):
    """A file given to restore (or listed as a backup) that is not a sound backup of this
    workspace; the workspace was not changed."""


@dataclass(frozen=True)
class BackupContents:
    """What a sound backup holds, read without changing it."""

    revision: str
    cases: int


def _refuse(what: str) -> RefusedBackup:
    return RefusedBackup(f"{what} It was not restored; the workspace was not changed.")


def check_backup_file(path: Path) -> None:
    """Refuse, before SQLite sees it, what cannot be a backup: no file, a folder, a pipe, an
    empty file, an unencrypted SQLite database."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise _refuse("That backup file does not exist.") from None
    except OSError as exc:
        raise disk_error(exc) from exc
    if not stat.S_ISREG(info.st_mode):
        raise _refuse("That is not a file (it is a folder or a device).")
    if info.st_size == 0:
        raise _refuse("That file is empty, so it is not a backup.")
    if info.st_size > MAX_BACKUP_BYTES:
        raise _refuse("That file is far too large to be a backup of a workspace.")
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise disk_error(exc) from exc
    if head == _SQLITE_HEADER:
        raise _refuse(
            "That file is an unencrypted SQLite database, not an InterventionDesk backup."
        )


def _read_only(path: Path, key: bytes) -> Any:
    """A keyed connection that cannot write to the file or create files beside it."""
    uri = path.resolve().as_uri() + "?mode=ro"
    conn = sqlcipher.connect(uri, uri=True, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def inspect_backup(path: Path, key: bytes) -> BackupContents:
    """Read the whole backup once under ``key``: refused in words when it is damaged, cut
    short, not encrypted with this workspace's key, not ours, or from a newer version."""
    check_backup_file(path)
    try:
        conn = _read_only(path, key)
    except sqlcipher.Error as exc:
        raise _refuse("That backup file cannot be opened.") from exc
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError as exc:
            raise _refuse(
                "That file is damaged, or it is not a backup of this workspace (it does not "
                "open with this workspace's key)."
            ) from exc
        try:
            problems = [row[0] for row in conn.execute("PRAGMA cipher_integrity_check")]
            result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        except sqlcipher.DatabaseError as exc:
            raise _refuse(_DAMAGED) from exc
        if problems or result != ["ok"]:
            raise _refuse(_DAMAGED)
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "alembic_version" not in tables or "cases" not in tables:
            raise _refuse("That file opens with this workspace's key but holds no workspace.")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
        if revision is None:
            raise _refuse("That file opens with this workspace's key but holds no workspace.")
        if revision not in SCHEMA_REVISIONS:
            raise _refuse(
                "That backup was made by a newer version of InterventionDesk; install the "
                "newer version to restore it."
            )
        cases = int(conn.execute("SELECT count(*) FROM cases").fetchone()[0])
    except sqlcipher.Error as exc:
        raise _refuse("That backup file could not be read to the end.") from exc
    finally:
        conn.close()
    return BackupContents(revision=str(revision), cases=cases)


def copy_backup_into(backup: Path, key: bytes, db: Database) -> None:
    """Replace the whole content of ``db`` by the (checked) backup, in one transaction."""
    try:
        source = _read_only(backup, key)
        try:
            target = db.raw_connection()
            try:
                source.backup(target)
                target.execute("PRAGMA journal_mode = WAL").fetchall()
            finally:
                target.close()
        finally:
            source.close()
    except sqlcipher.Error as exc:
        raise storage_error(exc) from exc


def create_database_from(backup: Path, key: bytes, destination: Path) -> None:
    """A new database file at ``destination`` (which must not exist) from a checked backup."""
    if os.path.lexists(destination):
        raise DamagedWorkspace("A workspace database is already there; nothing was changed.")
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        source = _read_only(backup, key)
        try:
            target = raw_connect(partial, key)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
        os.replace(partial, destination)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise disk_error(exc) from exc
    except sqlcipher.Error as exc:
        partial.unlink(missing_ok=True)
        raise storage_error(exc) from exc

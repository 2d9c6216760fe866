"""Copies of the encrypted database, taken with SQLite's online backup API."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from interventiondesk.storage.database import Database, storage_error
from interventiondesk.storage.files import PRIVATE_FILE, disk_error, make_private_dir


def backup_database(db: Database, destination: Path) -> Path:
    """Write a complete, encrypted copy of ``db`` to ``destination`` (atomically)."""
    make_private_dir(destination.parent)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        source = db.raw_connection()
        try:
            target = db.keyed_connection(partial)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
        if os.name == "posix":
            partial.chmod(PRIVATE_FILE)
        os.replace(partial, destination)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise disk_error(exc) from exc
    except sqlcipher.Error as exc:
        partial.unlink(missing_ok=True)
        raise storage_error(exc) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return destination


def timestamped_backup(db: Database, folder: Path, reason: str) -> Path:
    """A backup named by time and reason only (never by a client), e.g. before a migration."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"{stamp}-{reason}.db"
    counter = 2
    while target.exists():  # two backups in one second must not overwrite each other
        target = folder / f"{stamp}-{reason}-{counter}.db"
        counter += 1
    return backup_database(db, target)

"""Backups of the encrypted database: taken with SQLite's online backup API (never a copy of a
live file), each with a copy of the key file beside it, named by time and reason, and pruned."""

from __future__ import annotations

import contextlib
import os
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from interventiondesk.storage.database import Database, storage_error
from interventiondesk.storage.files import (
    PRIVATE_FILE,
    STALE_TEMPORARY_SECONDS,
    disk_error,
    make_private_dir,
    write_private_atomically,
)

KEY_SUFFIX = ".keys.json"
"""``<stamp>-<reason>.db`` has its key file beside it as ``<stamp>-<reason>.keys.json``."""
_BACKUP_NAME = re.compile(r"(\d{8}T\d{6}Z)-([a-z]+(?:-[a-z]+)*)(?:-(\d+))?\.db")
_STAMP = "%Y%m%dT%H%M%SZ"

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12


def backup_database(db: Database, destination: Path, *, key_file: bytes | None = None) -> Path:
    """Write a complete, encrypted copy of ``db`` to ``destination`` (atomically).

    With ``key_file``, its bytes are written beside the copy first (``<name>.keys.json``), so
    that the copy opens on its own with the passphrase of that moment or the recovery key.
    """
    partial = destination.with_name(destination.name + ".partial")
    try:
        make_private_dir(destination.parent)
        partial.unlink(missing_ok=True)
        if key_file is not None:
            write_private_atomically(key_path_for(destination), key_file, workspace_file=True)
        source = db.raw_connection()
        try:
            target = db.keyed_connection(partial)
            try:
                source.backup(target)
                # A backup is a closed file: no -wal or -shm beside it when it is read later.
                target.execute("PRAGMA journal_mode = DELETE").fetchall()
            finally:
                target.close()
        finally:
            source.close()
        if os.name == "posix":
            partial.chmod(PRIVATE_FILE)
        _fsync_file(partial)
        os.replace(partial, destination)
        _fsync_folder(destination.parent)
    except OSError as exc:
        _discard(partial)
        raise disk_error(exc) from exc
    except sqlcipher.Error as exc:
        _discard(partial)
        raise storage_error(exc) from exc
    except BaseException:
        _discard(partial)
        raise
    return destination


def _discard(partial: Path) -> None:
    with contextlib.suppress(OSError):
        partial.unlink(missing_ok=True)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    _fsync_file(folder)


def key_path_for(backup: Path) -> Path:
    """The key file that belongs beside a backup."""
    return backup.with_name(backup.name.removesuffix(".db") + KEY_SUFFIX)


def backup_name(reason: str, when: datetime) -> str:
    return f"{when.strftime(_STAMP)}-{reason}.db"


def timestamped_backup(
    db: Database, folder: Path, reason: str, *, key_file: bytes | None = None
) -> Path:
    """A backup named by time and reason only (never by a client), e.g. before a migration."""
    now = datetime.now(UTC)
    target = folder / backup_name(reason, now)
    counter = 2
    while target.exists():  # two backups in one second must not overwrite each other
        target = folder / f"{now.strftime(_STAMP)}-{reason}-{counter}.db"
        counter += 1
    return backup_database(db, target, key_file=key_file)


@dataclass(frozen=True)
class BackupFile:
    """A backup this program made, found in a backup folder by its name."""

    path: Path
    taken_at: datetime
    reason: str
    size: int
    sequence: int = 1
    """2, 3, ... for a second, third backup with the same reason in the same second."""

    @property
    def key_path(self) -> Path:
        return key_path_for(self.path)


def find_backups(folder: Path) -> list[BackupFile]:
    """The backups in ``folder``, newest first (only files named as this program names them)."""
    found: list[BackupFile] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        match = _BACKUP_NAME.fullmatch(path.name)
        if match is None or path.is_symlink() or not path.is_file():
            continue
        taken = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
        sequence = int(match.group(3) or 1)
        found.append(BackupFile(path, taken, match.group(2), path.stat().st_size, sequence))
    return sorted(found, key=_newest_first, reverse=True)


def _newest_first(backup: BackupFile) -> tuple[datetime, int, str]:
    return backup.taken_at, backup.sequence, backup.path.name


def backups_to_keep(backups: list[BackupFile]) -> set[Path]:
    """Which backups rotation keeps: the newest of each of the last 7 days, 4 weeks and 12
    months that have one, and the newest of every reason (so that the state before the last
    restore or upgrade stays at hand)."""
    keep: set[Path] = set()
    newest_first = sorted(backups, key=_newest_first, reverse=True)
    for period, count in (
        (lambda t: t.date(), KEEP_DAILY),
        (lambda t: t.isocalendar()[:2], KEEP_WEEKLY),
        (lambda t: (t.year, t.month), KEEP_MONTHLY),
    ):
        seen: list[object] = []
        for backup in newest_first:
            slot = period(backup.taken_at)
            if slot in seen:
                continue
            if len(seen) == count:
                break
            seen.append(slot)
            keep.add(backup.path)
    reasons: set[str] = set()
    for backup in newest_first:
        if backup.reason not in reasons:
            reasons.add(backup.reason)
            keep.add(backup.path)
    return keep


def rotate(folder: Path) -> list[Path]:
    """Remove the backups (and their key files) that rotation does not keep, and what killed
    backups left (``*.db.partial`` older than ten minutes); returns the backups removed."""
    _remove_stale_partials(folder)
    backups = find_backups(folder)
    keep = backups_to_keep(backups)
    removed: list[Path] = []
    for backup in backups:
        if backup.path in keep:
            continue
        try:
            backup.path.unlink()
            backup.key_path.unlink(missing_ok=True)
        except OSError:
            continue  # the next rotation tries again
        removed.append(backup.path)
    return removed


def newest_backup_age(folders: list[Path], now: datetime | None = None) -> timedelta | None:
    """How old the newest backup in any of ``folders`` is; None when there is none."""
    times = [b.taken_at for folder in folders for b in find_backups(folder)]
    if not times:
        return None
    return (now or datetime.now(UTC)) - max(times)


def _remove_stale_partials(folder: Path) -> None:
    """What a killed backup leaves, once older than ten minutes (a younger one may belong to a
    backup in progress): the partial copy, its journal, and the key file written before it."""
    limit = time.time() - STALE_TEMPORARY_SECONDS
    leftovers: list[Path] = []
    for suffix in ("", "-journal", "-wal", "-shm"):
        leftovers += folder.glob(f"*.db.partial{suffix}")
    for key_file in folder.glob(f"*{KEY_SUFFIX}"):
        name = key_file.name.removesuffix(KEY_SUFFIX) + ".db"
        if _BACKUP_NAME.fullmatch(name) and not (folder / name).exists():
            leftovers.append(key_file)
    for leftover in leftovers:
        try:
            if not leftover.is_symlink() and leftover.stat().st_mtime < limit:
                leftover.unlink()
        except OSError:
            continue

"""Unlocking a workspace with a growing delay after wrong passphrases, and the audit entries
for every unlock and for the failed ones before it (for the command line and the window)."""

from __future__ import annotations

from datetime import UTC, datetime

from interventiondesk.errors import WrongPassphrase
from interventiondesk.services import audit
from interventiondesk.storage.database import Database
from interventiondesk.storage.unlock_failures import (
    FailedUnlocks,
    add_failure,
    clear_failures,
    read_failures,
)
from interventiondesk.storage.workspace import Workspace

FREE_ATTEMPTS = 2
"""Wrong passphrases that cost nothing more than the key derivation (typing slips)."""
MAX_DELAY_SECONDS = 60.0


def delay_after(failures: int) -> float:
    """Seconds to wait after ``failures`` wrong attempts: 0, 0, then 1, 2, 4, ... up to 60."""
    if failures <= FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY_SECONDS, float(2 ** (failures - FREE_ATTEMPTS - 1)))


def seconds_to_wait(workspace: Workspace, now: datetime | None = None) -> float:
    """How long the next attempt must wait (the window shows it; the command line sleeps)."""
    failures = read_failures(workspace.folder)
    delay = delay_after(failures.count)
    if delay == 0.0:
        return 0.0
    if failures.last is None:
        return delay
    elapsed = ((now or datetime.now(UTC)) - failures.last).total_seconds()
    return max(0.0, min(delay, delay - elapsed))


def unwrap(workspace: Workspace, secret: str, *, recovery: bool = False) -> bytes:
    """The data key, from the passphrase (or the recovery key); a wrong one is counted."""
    try:
        return workspace.data_key(secret, recovery=recovery)
    except WrongPassphrase:
        add_failure(workspace.folder)
        raise


def record_failure(workspace: Workspace) -> None:
    """Count a wrong passphrase or recovery key given for something other than an unlock
    (a passphrase change): it slows the next attempt down like a failed unlock."""
    add_failure(workspace.folder)


def unlock(workspace: Workspace, secret: str, *, how: str, recovery: bool = False) -> Database:
    """Open the workspace and record the unlock, and any failures before it, in the trail.

    The caller waits ``seconds_to_wait`` first. An unlock that cannot be recorded is refused
    (the database is closed again).
    """
    db = open_counted(workspace, secret, recovery=recovery)
    record_unlock(workspace, db, how)
    return db


def open_counted(workspace: Workspace, secret: str, *, recovery: bool = False) -> Database:
    """Open the workspace, counting a wrong passphrase; the caller then calls
    ``record_unlock`` (after the daily backup, which the entry names)."""
    try:
        if recovery:
            return workspace.unlock_with_recovery_key(secret)
        return workspace.unlock(secret)
    except WrongPassphrase:
        add_failure(workspace.folder)
        raise


def record_unlock(workspace: Workspace, db: Database, how: str) -> None:
    """Record a successful unlock and the failed attempts counted before it, then reset the
    count (a crash in between records the failures twice, never loses them)."""
    failures = read_failures(workspace.folder)
    try:
        with db.session(write=True) as session:
            if failures.count:
                audit.record(session, "workspace.unlock_failed", detail=describe(failures))
            audit.record(session, "workspace.unlocked", detail=how)
    except BaseException:
        db.close()
        raise
    if failures.count:
        clear_failures(workspace.folder)


def describe(failures: FailedUnlocks) -> str:
    """The audit detail for failed unlocks: a count and times, nothing that was typed."""
    text = f"{failures.count} failed attempt{'s' if failures.count != 1 else ''}"
    if failures.first and failures.last:
        text += f" between {failures.first.isoformat()} and {failures.last.isoformat()}"
    return text

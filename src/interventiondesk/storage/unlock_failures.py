"""The count of failed unlocks since the last successful one, kept beside the database.

A failed unlock cannot write to a database it could not open, so the failures are counted in a
small file in the workspace folder and moved into the audit trail at the next successful
unlock. The file holds a count and two times, nothing typed: no passphrase, no part or hash of
one, no name.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from interventiondesk.storage.files import read_small_regular_file, write_private_atomically

FAILURES_FILE = "unlock-failures.json"
_MAX_BYTES = 4096


@dataclass(frozen=True)
class FailedUnlocks:
    count: int
    first: datetime | None = None
    last: datetime | None = None


def _when(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def read_failures(folder: Path) -> FailedUnlocks:
    """The failures recorded in ``folder``; a damaged file counts as one failure of unknown
    time (so that removing its content does not reset the delay to nothing)."""
    path = folder / FAILURES_FILE
    if not os.path.lexists(path):
        return FailedUnlocks(0)
    try:
        data = json.loads(read_small_regular_file(path, _MAX_BYTES))
        count = data["count"]
        if not isinstance(count, int) or isinstance(count, bool) or not 0 <= count < 2**31:
            raise ValueError("not a count")
        return FailedUnlocks(count, _when(data.get("first")), _when(data.get("last")))
    except (OSError, ValueError, TypeError, KeyError):
        return FailedUnlocks(1)


def add_failure(folder: Path, now: datetime | None = None) -> FailedUnlocks:
    """Count one more failed unlock. A folder that cannot be written to counts nothing."""
    moment = now or datetime.now(UTC)
    before = read_failures(folder)
    after = FailedUnlocks(before.count + 1, before.first or moment, moment)
    data = {
        "count": after.count,
        "first": after.first.isoformat() if after.first else None,
        "last": moment.isoformat(),
    }
    try:
        write_private_atomically(
            folder / FAILURES_FILE, json.dumps(data).encode("ascii"), workspace_file=True
        )
    except Exception:  # a read-only folder: the failure still fails, it is just not counted
        return before
    return after


def clear_failures(folder: Path) -> None:
    with contextlib.suppress(OSError):
        (folder / FAILURES_FILE).unlink(missing_ok=True)

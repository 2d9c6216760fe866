"""Workspace preferences kept inside the encrypted database (they may name the counselor)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from interventiondesk.model import Setting

COUNSELOR_NAME = "counselor_name"
COUNSELOR_EMAIL = "counselor_email"
"""The counselor's address: the ORGANIZER of exported calendar files when it is set."""
TRAVEL_BUFFER_MINUTES = "travel_buffer_minutes"
LOCK_AFTER_SECONDS = "lock_after_seconds"
"""How long the window may go unused before it locks itself (the counselor chooses minutes)."""
DEFAULT_LOCK_AFTER_SECONDS = 5 * 60
LONGEST_LOCK_AFTER_SECONDS = 24 * 60 * 60


def get(session: Session, key: str, default: str = "") -> str:
    row = session.get(Setting, key)
    return row.value if row is not None else default


def put(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def lock_after_seconds(session: Session) -> int:
    """The idle time before the window locks; a missing or unreadable value is the default."""
    raw = get(session, LOCK_AFTER_SECONDS)
    try:
        seconds = int(raw)
    except ValueError:
        return DEFAULT_LOCK_AFTER_SECONDS
    return min(max(seconds, 1), LONGEST_LOCK_AFTER_SECONDS)

"""Workspace preferences kept inside the encrypted database (they may name the counselor)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from interventiondesk.model import Setting

COUNSELOR_NAME = "counselor_name"
COUNSELOR_EMAIL = "counselor_email"
"""The counselor's address: the ORGANIZER of exported calendar files when it is set."""
TRAVEL_BUFFER_MINUTES = "travel_buffer_minutes"


def get(session: Session, key: str, default: str = "") -> str:
    row = session.get(Setting, key)
    return row.value if row is not None else default


def put(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value

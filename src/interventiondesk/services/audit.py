"""The audit trail: deliberate acts in a hash chain, so that a changed row is detectable."""

from __future__ import annotations

import getpass
import hashlib
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from interventiondesk.model import AuditEvent, new_id, utcnow
from interventiondesk.services import settings


def current_actor(session: Session) -> str:
    """The counselor named in the workspace settings, else the operating-system user."""
    name = settings.get(session, settings.COUNSELOR_NAME)
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def _digest(event: AuditEvent) -> str:
    parts = [
        event.prev_hash,
        event.id,
        event.at.isoformat(),
        event.actor,
        event.action,
        event.case_id or "",
        event.detail,
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def record(
    session: Session, action: str, *, case_id: str | None = None, detail: str = ""
) -> AuditEvent:
    """Append an event. ``detail`` must not contain client data: name records by identity."""
    last = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).first()
    event = AuditEvent(
        id=new_id(),
        at=utcnow().replace(microsecond=0),
        actor=current_actor(session),
        action=action,
        case_id=case_id,
        detail=detail,
        prev_hash=last.hash if last else "",
    )
    event.hash = _digest(event)
    session.add(event)
    session.flush()
    return event


def record_unless_repeated(
    session: Session, action: str, *, case_id: str | None = None, detail: str = ""
) -> AuditEvent | None:
    """Append an event unless the trail's last entry is this very one (same act, case and
    detail): saving the same field again as the counselor goes on typing adds nothing."""
    last = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).first()
    if last is not None and (last.action, last.case_id, last.detail) == (action, case_id, detail):
        return None
    return record(session, action, case_id=case_id, detail=detail)


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    reason: str


def verify(session: Session) -> list[ChainProblem]:
    """Check every link of the chain; an empty list means the trail is intact."""
    problems: list[ChainProblem] = []
    previous = ""
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.seq)):
        if event.prev_hash != previous:
            problems.append(ChainProblem(event.seq, "does not follow the event before it"))
        if event.hash != _digest(event):
            problems.append(ChainProblem(event.seq, "was changed after it was written"))
        previous = event.hash
    return problems


def events_for_case(session: Session, case_id: str) -> list[AuditEvent]:
    return list(
        session.scalars(
            select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(AuditEvent.seq)
        )
    )


def count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(AuditEvent)) or 0)


def events(session: Session, case_id: str | None = None) -> list[AuditEvent]:
    """The whole trail in order, or one case's entries."""
    query = select(AuditEvent).order_by(AuditEvent.seq)
    if case_id is not None:
        query = query.where(AuditEvent.case_id == case_id)
    return list(session.scalars(query))

"""What a workspace knows of transfers besides the files: its own identity and name, which
cases are at another computer, and the conflicts waiting for the counselor (and deciding them).

The use cases that read and write transfer files are in ``services.transfers``.
"""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from interventiondesk.errors import InvalidInput, NotFound
from interventiondesk.model import Case, TransferConflict, TransferMark, new_id
from interventiondesk.services import audit, settings
from interventiondesk.services.merge import (
    PARTS,
    WHOLE_RECORD,
    Conflict,
    FlatRecord,
    add_record,
    remove_record,
    set_field,
)

WORKSPACE_ID = "transfer.workspace_id"
WORKSPACE_NAME = "transfer.workspace_name"
Choice = Literal["mine", "theirs", "both"]


# This workspace ---------------------------------------------------------------------------


def workspace_identity(session: Session) -> tuple[str, str]:
    """This workspace's identity and name (made the first time: the name of the computer)."""
    identity = settings.get(session, WORKSPACE_ID)
    if not identity:
        identity = new_id()
        settings.put(session, WORKSPACE_ID, identity)
    name = settings.get(session, WORKSPACE_NAME)
    if not name:
        name = "".join(ch for ch in socket.gethostname() if ch.isprintable())[:200] or "computer"
        settings.put(session, WORKSPACE_NAME, name)
    return identity, name


def set_workspace_name(session: Session, name: str) -> None:
    """The name other computers show for this one ("at <name> since ...")."""
    name = " ".join(name.split())
    if not name or len(name) > 200:
        raise InvalidInput("A computer's name needs 1 to 200 characters; nothing was changed.")
    workspace_identity(session)
    settings.put(session, WORKSPACE_NAME, name)


# Views ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """A case taken to another computer."""

    case_id: str
    peer_name: str
    since: datetime


@dataclass(frozen=True)
class ConflictRow:
    """A conflict waiting for the counselor, in plain values (see ``merge.Conflict``)."""

    id: str
    case_id: str
    reference: str
    peer_name: str
    part: str
    record_id: str
    field: str
    mine: Any
    theirs: Any
    mine_changed_at: str | None
    theirs_changed_at: str | None
    is_text: bool


def marks(session: Session) -> dict[str, Mark]:
    """Every case of this workspace that is at another computer, by case identity."""
    rows = session.scalars(select(TransferMark))
    return {row.case_id: Mark(row.case_id, row.peer_name, row.since) for row in rows}


def mark_of(session: Session, case_id: str) -> Mark | None:
    """Whether the case is at another computer (the window asks before editing it)."""
    row = session.get(TransferMark, case_id)
    return Mark(row.case_id, row.peer_name, row.since) if row is not None else None


def cases_with_conflicts(session: Session) -> set[str]:
    return set(session.scalars(select(TransferConflict.case_id).distinct()))


def conflicts(session: Session, case_id: str | None = None) -> list[ConflictRow]:
    """The undecided conflicts, of one case or of all, oldest first."""
    query = select(TransferConflict, Case.reference).join(Case, Case.id == TransferConflict.case_id)
    if case_id is not None:
        query = query.where(TransferConflict.case_id == case_id)
    rows = session.execute(query.order_by(TransferConflict.found_at, TransferConflict.part))
    return [_conflict_row(row, reference) for row, reference in rows]


def _conflict_row(row: TransferConflict, reference: str) -> ConflictRow:
    value = Conflict(
        row.case_id,
        row.part,
        row.record_id,
        row.field,
        json.loads(row.mine),
        json.loads(row.theirs),
        row.mine_changed_at,
        row.theirs_changed_at,
        row.owner_id,
    )
    return ConflictRow(
        row.id,
        row.case_id,
        reference,
        row.peer_name,
        row.part,
        row.record_id,
        row.field,
        value.mine,
        value.theirs,
        row.mine_changed_at,
        row.theirs_changed_at,
        value.is_text,
    )


# Deciding conflicts -----------------------------------------------------------------------


def resolve_conflict(session: Session, conflict_id: str, choice: Choice) -> None:
    """Decide one stored conflict: keep this computer's value, take the other's, or (free text
    only) keep both, this computer's first."""
    row = session.get(TransferConflict, conflict_id)
    if row is None:
        raise NotFound("That conflict was already decided; nothing was changed.")
    mine, theirs = json.loads(row.mine), json.loads(row.theirs)
    if row.field == WHOLE_RECORD:
        if choice == "both":
            choice = "mine"
        if choice == "theirs":
            if theirs is None:
                remove_record(session, row.part, row.record_id)
            elif session.get(PARTS[row.part].model, row.record_id) is None:
                add_record(session, FlatRecord(row.part, row.owner_id, theirs))
    elif choice == "theirs":
        set_field(session, row.part, row.record_id, row.field, theirs)
    elif choice == "both":
        if not (isinstance(mine, str) and isinstance(theirs, str)):
            raise InvalidInput("Only free text can be kept as both; choose one of the two.")
        set_field(session, row.part, row.record_id, row.field, f"{mine}\n\n{theirs}")
    session.delete(row)
    audit.record(
        session,
        "transfer.conflict_decided",
        case_id=row.case_id,
        detail=f"{row.part} {row.record_id} {row.field or 'record'}: {choice}",
    )
    session.flush()

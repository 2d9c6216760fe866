"""This workspace's identity, its cases away, and conflicts decided one by one."""

from __future__ import annotations

import json

import pytest

from interventiondesk.errors import InvalidInput, NotFound
from interventiondesk.model import AuditEvent, LogisticsItem, TransferConflict
from interventiondesk.services import transfer_state
from interventiondesk.services.cases import create_case
from interventiondesk.services.interchange import record_json
from interventiondesk.services.interchange_parts import LISTS
from interventiondesk.storage.database import Database

LOGISTICS = next(part for part in LISTS if part.key == "logistics")


def test_the_identity_is_made_once_and_the_name_can_be_chosen(db: Database) -> None:
    with db.session(write=True) as session:
        first = transfer_state.workspace_identity(session)
    with db.session(write=True) as session:
        assert transfer_state.workspace_identity(session) == first
        transfer_state.set_workspace_name(session, "  Office   desk ")
        assert transfer_state.workspace_identity(session) == (first[0], "Office desk")
        with pytest.raises(InvalidInput, match="1 to 200 characters"):
            transfer_state.set_workspace_name(session, "   ")


def conflict_about_an_item(db: Database, *, removed_here: bool) -> tuple[str, str, str]:
    """A checklist item removed on one side and changed on the other; (case, item, conflict)."""
    with db.session(write=True) as session:
        case = create_case(session, client_name="Removal", kind="planned", model="johnson")
        item = LogisticsItem(title="Book the room", notes="changed")
        case.logistics.append(item)
        session.flush()
        fields = record_json(LOGISTICS, item)
        if removed_here:
            session.delete(item)
        row = TransferConflict(
            case_id=case.id,
            peer_name="Laptop",
            part="logistics",
            record_id=item.id,
            owner_id=case.id,
            field="",
            mine=json.dumps(None if removed_here else fields),
            theirs=json.dumps(fields if removed_here else None),
        )
        session.add(row)
        session.flush()
        return case.id, item.id, row.id


@pytest.mark.parametrize("removed_here", [True, False])
@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_a_removal_against_a_change_is_decided_either_way(
    db: Database, removed_here: bool, choice: transfer_state.Choice
) -> None:
    case_id, item_id, conflict_id = conflict_about_an_item(db, removed_here=removed_here)
    with db.session(write=True) as session:
        assert transfer_state.cases_with_conflicts(session) == {case_id}
        [row] = transfer_state.conflicts(session, case_id)
        assert row.field == "" and not row.is_text
        transfer_state.resolve_conflict(session, conflict_id, choice)
    with db.session() as session:
        present = session.get(LogisticsItem, item_id) is not None
        # "theirs" undoes what this side did; "mine" keeps it.
        assert present == (removed_here == (choice == "theirs"))
        assert transfer_state.cases_with_conflicts(session) == set()
        decided = [e for e in session.query(AuditEvent) if e.action == "transfer.conflict_decided"]
        assert [e.detail for e in decided] == [f"logistics {item_id} record: {choice}"]


def test_a_decided_conflict_cannot_be_decided_again(db: Database) -> None:
    _case, _item, conflict_id = conflict_about_an_item(db, removed_here=False)
    with db.session(write=True) as session:
        transfer_state.resolve_conflict(session, conflict_id, "mine")
    with db.session(write=True) as session, pytest.raises(NotFound, match="already decided"):
        transfer_state.resolve_conflict(session, conflict_id, "theirs")


def test_only_free_text_is_kept_as_both(db: Database) -> None:
    with db.session(write=True) as session:
        case = create_case(session, client_name="Choice", kind="planned", model="johnson")
        row = TransferConflict(
            case_id=case.id,
            part="case",
            record_id=case.id,
            field="naloxone_on_hand",
            mine="true",
            theirs="false",
        )
        session.add(row)
        session.flush()
        with pytest.raises(InvalidInput, match="Only free text"):
            transfer_state.resolve_conflict(session, row.id, "both")

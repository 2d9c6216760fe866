"""Taking cases to another computer and back: the transfer out and the transfer in.

The file is ``services.transfer_file``; the merge is ``services.merge``. This module ties them to
a workspace: which version both sides last shared, the marks, the receipts, the audit trail and
the backup before every transfer in. See docs/transfers.md.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, joinedload, selectinload

from interventiondesk.errors import InvalidCaseFile, InvalidTransferFile, NotFound
from interventiondesk.model import (
    Case,
    TransferConflict,
    TransferMark,
    TransferReceipt,
    TransferSnapshot,
    new_id,
    utcnow,
)
from interventiondesk.services import audit
from interventiondesk.services.cases import find_case
from interventiondesk.services.interchange import (
    case_document,
    check_links,
    checked_case_document,
    validate_document,
)
from interventiondesk.services.interchange_parts import LISTS, NESTED
from interventiondesk.services.merge import (
    Conflict,
    MergeResult,
    Side,
    apply_merge,
    flatten,
    merge_case,
    merged_document,
)
from interventiondesk.services.transfer_file import (
    MAX_TRANSFER_BYTES,
    NOTHING_CHANGED,
    Header,
    open_payload,
    seal,
)
from interventiondesk.services.transfer_state import workspace_identity
from interventiondesk.storage.database import Database
from interventiondesk.storage.files import discard_staged, place_staged, stage_private
from interventiondesk.storage.keys import KdfParams
from interventiondesk.storage.workspace import Workspace

SENT, RECEIVED = "sent", "received"


# Transfer out -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    transfer: str
    cases: tuple[str, ...]
    references: tuple[str, ...]
    target_name: str


def _digest(document: dict[str, Any]) -> str:
    return hashlib.sha256(_document_json(document).encode("utf-8")).hexdigest()


def _document_json(document: dict[str, Any]) -> str:
    """A case document without the moment it was written, in one canonical spelling."""
    kept = {k: v for k, v in document.items() if k not in ("exported_at", "generator")}
    return json.dumps(kept, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _last_received(session: Session, case_id: str) -> TransferSnapshot | None:
    return session.scalars(
        select(TransferSnapshot)
        .where(TransferSnapshot.case_id == case_id, TransferSnapshot.direction == RECEIVED)
        .order_by(TransferSnapshot.seq.desc())
        .limit(1)
    ).first()


def transfer_out(
    db: Database,
    case_keys: Sequence[str],
    path: Path,
    passphrase: str,
    *,
    kdf: KdfParams | None = None,
    any_computer: bool = False,
) -> Sent:
    """Write the cases to a transfer file at ``path`` and mark them as away; the file, the
    marks, the shared versions and the audit entries are saved together or not at all.

    The file is meant for the workspace the cases last came from, when they all came from the
    same one; ``any_computer`` lets any workspace receive it (taking them to another laptop).
    """
    if not case_keys:
        raise NotFound("Choose at least one case to take along; nothing was written.")
    if path.is_dir():
        raise InvalidTransferFile("That is a folder; choose a file name for the transfer file.")
    with db.session(write=True) as session:
        me, my_name = workspace_identity(session)
        cases = list(dict.fromkeys(find_case(session, key).id for key in case_keys))
        whole = {case.id: case for case in _load_whole(session, cases)}
        documents = [checked_case_document(whole[c]) for c in cases]
        references = tuple(str(d["case"]["reference"]) for d in documents)
        received = [_last_received(session, c) for c in cases]
    peers = {(r.peer_id, r.peer_name) for r in received if r is not None}
    one_peer = len(peers) == 1 and None not in received and not any_computer
    target_id, target_name = peers.pop() if one_peer else (None, "")
    header = Header(new_id(), me, my_name, target_id, utcnow(), len(cases))
    payload = {
        "cases": [
            {
                "document": document,
                "acknowledged": r.sha256 if r is not None and r.peer_id == target_id else None,
            }
            for document, r in zip(documents, received, strict=True)
        ]
    }
    data = seal(header, payload, passphrase, kdf or KdfParams())
    staged = stage_private(path, data)
    try:
        with db.session(write=True) as session:
            for case_id, document in zip(cases, documents, strict=True):
                session.add(
                    TransferSnapshot(
                        case_id=case_id,
                        peer_id=target_id,
                        peer_name=target_name,
                        direction=SENT,
                        sha256=_digest(document),
                        document=_document_json(document),
                        file_created_at=header.created_at,
                    )
                )
                session.merge(
                    TransferMark(
                        case_id=case_id,
                        peer_id=target_id,
                        peer_name=target_name,
                        since=header.created_at,
                        transfer_id=header.transfer,
                    )
                )
                audit.record(
                    session,
                    "transfer.out",
                    case_id=case_id,
                    detail=f"transfer {header.transfer}: {len(cases)} case(s)",
                )
            session.flush()
            place_staged(staged, path)
    except BaseException:
        discard_staged(staged)
        raise
    return Sent(header.transfer, tuple(cases), references, target_name)


# Transfer in ------------------------------------------------------------------------------


@dataclass
class CaseMerge:
    """What receiving did, or would do, to one case."""

    case_id: str
    reference: str
    new: bool
    result: MergeResult | None
    """``None`` when the file holds nothing newer for this case."""
    mine: dict[str, Any] | None = field(default=None, repr=False)
    """This side's document the merge was made against."""

    @property
    def conflicts(self) -> list[Conflict]:
        return self.result.conflicts if self.result is not None else []


@dataclass
class Received:
    transfer: str
    sender_name: str
    already: bool = False
    cases: list[CaseMerge] = field(default_factory=list)
    backup: Path | None = None

    @property
    def conflicts(self) -> list[Conflict]:
        return [c for case in self.cases for c in case.conflicts]

    @property
    def applied(self) -> bool:
        return self.backup is not None


def read_transfer_file(path: Path, passphrase: str) -> tuple[Header, dict[str, Any]]:
    """The header and payload of a transfer file; every failure in words."""
    try:
        if not path.is_file():
            raise InvalidTransferFile(f"There is no transfer file at that place; {NOTHING_CHANGED}")
        if path.stat().st_size > MAX_TRANSFER_BYTES:
            raise InvalidTransferFile(
                f"The file is too large to be a transfer file; {NOTHING_CHANGED}"
            )
        raw = path.read_bytes()
    except PermissionError as exc:
        raise InvalidTransferFile(
            f"The transfer file may not be read (permission denied); {NOTHING_CHANGED}"
        ) from exc
    except OSError as exc:
        raise InvalidTransferFile(
            f"The transfer file could not be read ({exc.strerror or 'input/output error'}); "
            f"{NOTHING_CHANGED}"
        ) from exc
    return open_payload(raw, passphrase)


def _check_for_here(session: Session, header: Header, payload: dict[str, Any]) -> None:
    me, _name = workspace_identity(session)
    if header.sender_id == me:
        raise InvalidTransferFile(
            f"This transfer file was written by this workspace, not received from another; "
            f"{NOTHING_CHANGED}"
        )
    if header.target_id is not None and header.target_id != me:
        raise InvalidTransferFile(
            "This transfer file is meant for another workspace (it was written for the "
            f"computer its cases were last received from); {NOTHING_CHANGED}"
        )
    for item in payload["cases"]:
        try:
            validate_document(item["document"])
            check_links(item["document"])
        except InvalidCaseFile as exc:
            raise InvalidTransferFile(
                f"A case in the transfer file is not valid ({_reason(exc)}); {NOTHING_CHANGED}"
            ) from exc


def _reason(exc: InvalidCaseFile) -> str:
    """A case file's refusal as a clause inside another sentence."""
    text = str(exc).replace("; nothing was imported.", "").replace(" nothing was imported.", "")
    return text.rstrip(". ")


def _base(
    session: Session, case_id: str, sender: str, acknowledged: str | None
) -> tuple[dict[str, Any] | None, TransferSnapshot | None]:
    """The newest version both sides hold, and the sent snapshot it is (when it is one)."""
    candidates = list(
        session.scalars(
            select(TransferSnapshot).where(
                TransferSnapshot.case_id == case_id,
                ((TransferSnapshot.direction == RECEIVED) & (TransferSnapshot.peer_id == sender))
                | (
                    (TransferSnapshot.direction == SENT)
                    & (TransferSnapshot.sha256 == (acknowledged or "-"))
                    & ((TransferSnapshot.peer_id == sender) | TransferSnapshot.peer_id.is_(None))
                ),
            )
        )
    )
    if not candidates:
        return None, None
    best = max(candidates, key=lambda s: s.seq)
    return json.loads(best.document), best if best.direction == SENT else None


def _plan(
    session: Session,
    header: Header,
    payload: dict[str, Any],
    prefer: Side | None,
    planned: list[CaseMerge] | None = None,
) -> list[CaseMerge]:
    """What receiving does to each case; ``planned``: an earlier plan, reused for each case
    that has not changed here since (the merged case was checked then)."""
    # Kept in a variable: the session holds loaded records only while something refers to them.
    whole = _load_whole(session, [str(item["document"]["case"]["id"]) for item in payload["cases"]])
    plans = []
    for index, item in enumerate(payload["cases"]):
        earlier = planned[index] if planned is not None else None
        plans.append(_plan_case(session, header, item, prefer, earlier))
    del whole
    return plans


def _load_whole(session: Session, case_ids: list[str]) -> list[Case]:
    """The cases with every record of theirs, in a few queries rather than one per list."""
    options = [joinedload(Case.client), selectinload(Case.safety_plan)]
    for part in LISTS:
        loader = selectinload(getattr(Case, part.key))
        if part.key in NESTED:
            nested_relation = NESTED[part.key][1]
            loader = loader.selectinload(getattr(part.model, nested_relation))
        options.append(loader)
    return list(session.scalars(select(Case).where(Case.id.in_(case_ids)).options(*options)))


def _plan_case(
    session: Session,
    header: Header,
    item: dict[str, Any],
    prefer: Side | None,
    earlier: CaseMerge | None,
) -> CaseMerge:
    theirs = item["document"]
    case_id = str(theirs["case"]["id"])
    reference = str(theirs["case"]["reference"])
    last = _last_received(session, case_id)
    if (
        last is not None
        and last.peer_id == header.sender_id
        and last.file_created_at is not None
        and last.file_created_at > header.created_at
    ):
        return CaseMerge(case_id, reference, False, None)  # nothing newer
    case = session.get(Case, case_id)
    if case is None and session.scalar(select(Case.id).where(Case.reference == reference)):
        raise InvalidTransferFile(
            f"A different case here already uses the reference {reference} of a case in the "
            f"transfer file; {NOTHING_CHANGED}"
        )
    mine = case_document(case) if case is not None else None
    if earlier is not None and earlier.result is not None and _same(earlier.mine, mine):
        return earlier
    base, _sent = _base(session, case_id, header.sender_id, item.get("acknowledged"))
    result = merge_case(base, mine, theirs, prefer=prefer)
    if not _is_one_side(result, mine, theirs):  # else already checked: the file, or this case
        try:
            merged_document(result, theirs)
        except InvalidCaseFile as exc:
            raise InvalidTransferFile(
                f"Case {reference} cannot be merged into a valid case ({_reason(exc)}); "
                f"{NOTHING_CHANGED}"
            ) from exc
    return CaseMerge(case_id, reference, case is None, result, mine)


def _same(first: dict[str, Any] | None, second: dict[str, Any] | None) -> bool:
    if first is None or second is None:
        return first is second
    return _document_json(first) == _document_json(second)


def _is_one_side(result: MergeResult, mine: dict[str, Any] | None, theirs: dict[str, Any]) -> bool:
    """Whether the merged records are exactly one side's (a case checked already)."""
    merged = {i: dict(r.fields) for i, r in result.records.items()}
    for document in (theirs, mine):
        if document is not None and merged == {
            i: dict(r.fields) for i, r in flatten(document).items()
        }:
            return True
    return False


def transfer_in(
    workspace: Workspace,
    db: Database,
    path: Path,
    passphrase: str,
    *,
    prefer: Side | None = None,
    keep_conflicts: bool = False,
) -> Received:
    """Receive a transfer file: merge each case, record it, clear its mark.

    With conflicts and neither ``prefer`` nor ``keep_conflicts``, nothing is changed and the
    conflicts are returned (``applied`` is False). ``keep_conflicts`` merges everything else and
    stores the conflicts for the counselor to decide (``resolve_conflict``).
    """
    header, payload = read_transfer_file(path, passphrase)
    with db.session(write=True) as session:
        workspace_identity(session)
    with db.session() as session:
        _check_for_here(session, header, payload)
        if session.get(TransferReceipt, header.transfer) is not None:
            return Received(header.transfer, header.sender_name, already=True)
        plans = _plan(session, header, payload, prefer)
    received = Received(header.transfer, header.sender_name, cases=plans)
    if received.conflicts and prefer is None and not keep_conflicts:
        return received
    from interventiondesk.services.backups import make_backup

    received.backup = make_backup(workspace, db, "before receiving a transfer").path
    with db.session(write=True) as session:
        # Planned again inside the write lock: an edit made meanwhile is merged, not lost.
        received.cases = _plan(session, header, payload, prefer, received.cases)
        for item, plan in zip(payload["cases"], received.cases, strict=True):
            _receive_case(session, header, item, plan, store_conflicts=prefer is None)
        session.add(TransferReceipt(transfer_id=header.transfer, sender_id=header.sender_id))
    return received


def _receive_case(
    session: Session,
    header: Header,
    item: dict[str, Any],
    plan: CaseMerge,
    *,
    store_conflicts: bool,
) -> None:
    if plan.result is None:
        return
    theirs = item["document"]
    apply_merge(session, plan.result, plan.mine)
    if store_conflicts:
        for conflict in plan.result.conflicts:
            session.execute(
                delete(TransferConflict).where(
                    TransferConflict.case_id == conflict.case_id,
                    TransferConflict.record_id == conflict.record_id,
                    TransferConflict.field == conflict.field,
                )
            )
            session.add(
                TransferConflict(
                    case_id=conflict.case_id,
                    peer_name=header.sender_name,
                    part=conflict.part,
                    record_id=conflict.record_id,
                    owner_id=conflict.owner,
                    field=conflict.field,
                    mine=json.dumps(conflict.mine, ensure_ascii=False),
                    theirs=json.dumps(conflict.theirs, ensure_ascii=False),
                    mine_changed_at=conflict.mine_changed_at,
                    theirs_changed_at=conflict.theirs_changed_at,
                )
            )
    _base_doc, sent = _base(session, plan.case_id, header.sender_id, item.get("acknowledged"))
    if sent is not None:  # older sent versions can never be acknowledged as newer ones now
        session.execute(
            delete(TransferSnapshot).where(
                TransferSnapshot.case_id == plan.case_id,
                TransferSnapshot.direction == SENT,
                TransferSnapshot.seq < sent.seq,
            )
        )
    session.execute(
        delete(TransferSnapshot).where(
            TransferSnapshot.case_id == plan.case_id,
            TransferSnapshot.direction == RECEIVED,
            TransferSnapshot.peer_id == header.sender_id,
        )
    )
    session.add(
        TransferSnapshot(
            case_id=plan.case_id,
            peer_id=header.sender_id,
            peer_name=header.sender_name,
            direction=RECEIVED,
            sha256=_digest(theirs),
            document=_document_json(theirs),
            file_created_at=header.created_at,
        )
    )
    mark = session.get(TransferMark, plan.case_id)
    if mark is not None:
        session.delete(mark)
    result = plan.result
    audit.record(
        session,
        "transfer.in",
        case_id=plan.case_id,
        detail=(
            f"transfer {header.transfer} from workspace {header.sender_id}: "
            f"{'new case, ' if plan.new else ''}added {result.added}, changed {result.changed}, "
            f"removed {result.removed}, conflicts {len(result.conflicts)}"
        ),
    )
    session.flush()

"""Three-way merge of one case, record by record and field by field, over case documents.

The merge works on values (case documents in the case file format), never on files, so that a
transfer file today and a server tomorrow feed it the same way. ``merge_case`` decides;
``apply_merge`` writes the decision into a Session. See docs/transfers.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from interventiondesk.errors import InvalidCaseFile, InvalidInput
from interventiondesk.model import Case
from interventiondesk.services.interchange import (
    build_record,
    check_links,
    column_value,
    document_records,
    validate_document,
)
from interventiondesk.services.interchange_parts import (
    ALL_PARTS,
    CASE,
    CLIENT,
    LISTS,
    NESTED,
    SAFETY_PLAN,
    Part,
)

PARTS: Mapping[str, Part] = {part.key: part for part in ALL_PARTS}
NOT_MERGED = frozenset({"id", "created_at", "updated_at"})
"""Fields that are not a counselor's edit: identity and timestamps."""
WHOLE_RECORD = ""
"""The ``field`` of a conflict about a record removed on one side and changed on the other."""
NATURAL_KEYS: Mapping[str, tuple[str, ...]] = {
    "client": (),
    "safety_plan": (),
    "asam_ratings": ("dimension",),
    "attendees": ("participant",),
}
"""Parts with at most one record per owner and key: two such records made apart are one."""


def _nested(part: Part) -> tuple[Part, ...]:
    return (NESTED[part.key][0],) if part.key in NESTED else ()


_ORDER = {part.key: index for index, part in enumerate(ALL_PARTS)}
_INSERT_ORDER = (CASE, CLIENT, *[p for lp in LISTS for p in (lp, *_nested(lp))], SAFETY_PLAN)


class Side(StrEnum):
    MINE = "mine"
    THEIRS = "theirs"


@dataclass(frozen=True)
class FlatRecord:
    """One record of a case document: its part, its owner's identity and its fields."""

    part: str
    owner: str
    fields: Mapping[str, Any]

    @property
    def id(self) -> str:
        return str(self.fields["id"])

    @property
    def updated_at(self) -> str | None:
        value = self.fields.get("updated_at")
        return str(value) if value is not None else None

    def edits(self) -> dict[str, Any]:
        return {name: value for name, value in self.fields.items() if name not in NOT_MERGED}


Flat = dict[str, FlatRecord]
"""Records by identity (identities are unique across a case document's parts)."""


@dataclass(frozen=True)
class Conflict:
    """A field (or a whole record) both sides changed differently since they last shared it.

    ``mine`` and ``theirs`` are values as the case file writes them; for a whole-record conflict
    they are the record's fields on each side, or ``None`` on the side that removed it.
    """

    case_id: str
    part: str
    record_id: str
    field: str
    mine: Any
    theirs: Any
    mine_changed_at: str | None
    theirs_changed_at: str | None
    owner: str = ""

    @property
    def is_text(self) -> bool:
        """Whether both values are free text and so may be kept as both."""
        return (
            self.field != WHOLE_RECORD
            and isinstance(self.mine, str)
            and isinstance(self.theirs, str)
            and self.field in _TEXT_FIELDS.get(self.part, frozenset())
        )


@dataclass
class MergeResult:
    """The merged records, what changed against this side, and the conflicts left undecided."""

    case_id: str
    records: Flat
    conflicts: list[Conflict] = field(default_factory=list)
    added: int = 0
    changed: int = 0
    removed: int = 0


def _text_fields() -> dict[str, frozenset[str]]:
    from sqlalchemy import Text, inspect

    fields: dict[str, frozenset[str]] = {}
    for part in ALL_PARTS:
        columns = inspect(part.model).columns
        fields[part.key] = frozenset(
            name for name, column in part.fields.items() if isinstance(columns[column].type, Text)
        )
    return fields


_TEXT_FIELDS = _text_fields()


# Documents and flat records ---------------------------------------------------------------


def flatten(document: Mapping[str, Any]) -> Flat:
    """The records of a case document by identity (nested lists left out of their parents)."""
    flat: Flat = {}
    for part, item, owner in document_records(document):
        nested = {NESTED[part.key][0].key} if part.key in NESTED else set()
        fields = {name: value for name, value in item.items() if name not in nested}
        flat[str(item["id"])] = FlatRecord(part.key, owner, fields)
    return flat


def unflatten(records: Flat, frame: Mapping[str, Any]) -> dict[str, Any]:
    """A case document holding ``records``; ``frame`` gives the top-level fields (format...)."""
    data: dict[str, Any] = {
        key: value for key, value in frame.items() if key not in PARTS or key == CASE.key
    }
    by_part: dict[str, list[FlatRecord]] = {}
    for record in records.values():
        by_part.setdefault(record.part, []).append(record)
    data[CASE.key] = dict(by_part[CASE.key][0].fields)
    data[CLIENT.key] = dict(by_part[CLIENT.key][0].fields) if CLIENT.key in by_part else None
    plans = by_part.get(SAFETY_PLAN.key, [])
    data[SAFETY_PLAN.key] = dict(plans[0].fields) if plans else None
    for part in LISTS:
        items = []
        for record in sorted(by_part.get(part.key, []), key=lambda r: r.id):
            item = dict(record.fields)
            if part.key in NESTED:
                nested = NESTED[part.key][0]
                children = [r for r in by_part.get(nested.key, []) if r.owner == record.id]
                item[nested.key] = [dict(c.fields) for c in sorted(children, key=lambda r: r.id)]
            items.append(item)
        data[part.key] = items
    return data


# The merge --------------------------------------------------------------------------------


def _match_natural_keys(mine: Flat, theirs: Flat, base: Flat | None) -> Flat:
    """``theirs`` with records made apart but one by nature (e.g. the ASAM rating of one
    dimension, or a safety plan) given this side's identity, so they merge field by field."""
    known = base or {}
    keyed: dict[tuple[str, str, tuple[Any, ...]], str] = {}
    for record in mine.values():
        if record.part in NATURAL_KEYS and record.id not in theirs:
            names = NATURAL_KEYS[record.part]
            keyed[(record.part, record.owner, tuple(record.fields[n] for n in names))] = record.id
    if not keyed:
        return theirs
    renamed: dict[str, str] = {}
    for record in theirs.values():
        if record.part in NATURAL_KEYS and record.id not in mine and record.id not in known:
            names = NATURAL_KEYS[record.part]
            key = (record.part, record.owner, tuple(record.fields[n] for n in names))
            if key in keyed:
                renamed[record.id] = keyed.pop(key)
    if not renamed:
        return theirs
    result: Flat = {}
    for record in theirs.values():
        new = renamed.get(record.id, record.id)
        fields = {**record.fields, "id": new}
        result[new] = FlatRecord(record.part, renamed.get(record.owner, record.owner), fields)
    return result


def _later(first: str | None, second: str | None) -> str | None:
    if first is None or second is None:
        return first or second
    return max(first, second, key=lambda text: datetime.fromisoformat(text))


def _merge_fields(
    case_id: str,
    base: FlatRecord | None,
    mine: FlatRecord,
    theirs: FlatRecord,
    prefer: Side | None,
    conflicts: list[Conflict],
) -> FlatRecord:
    merged = dict(mine.fields)
    for name, their_value in theirs.fields.items():
        if name in NOT_MERGED:
            continue
        my_value = mine.fields.get(name)
        if my_value == their_value:
            continue
        base_value = base.fields.get(name) if base is not None else None
        mine_changed = base is None or my_value != base_value
        theirs_changed = base is None or their_value != base_value
        if theirs_changed and not mine_changed:
            merged[name] = their_value
        elif theirs_changed and mine_changed:
            conflicts.append(
                Conflict(
                    case_id,
                    mine.part,
                    mine.id,
                    name,
                    my_value,
                    their_value,
                    mine.updated_at,
                    theirs.updated_at,
                    mine.owner,
                )
            )
            if prefer is Side.THEIRS:
                merged[name] = their_value
    if merged != dict(mine.fields):
        merged["updated_at"] = _later(mine.updated_at, theirs.updated_at)
    return FlatRecord(mine.part, mine.owner, merged)


def merge_case(
    base: Mapping[str, Any] | None,
    mine: Mapping[str, Any] | None,
    theirs: Mapping[str, Any],
    *,
    prefer: Side | None = None,
) -> MergeResult:
    """Merge ``theirs`` into ``mine`` against ``base`` (case documents; ``mine`` is ``None``
    when this side does not have the case, ``base`` when the two never shared it).

    Each conflict is listed; with ``prefer`` it is settled that way, else it keeps this side's
    value (or record) for now.
    """
    their_flat = flatten(theirs)
    case_id = str(theirs[CASE.key]["id"])
    if mine is None:
        return MergeResult(case_id, their_flat, added=len(their_flat))
    my_flat = flatten(mine)
    base_flat = flatten(base) if base is not None else None
    their_flat = _match_natural_keys(my_flat, their_flat, base_flat)
    result = MergeResult(case_id, {})
    conflicts = result.conflicts
    for record_id in sorted(
        my_flat.keys() | their_flat.keys(),
        key=lambda i: (_ORDER[(my_flat.get(i) or their_flat[i]).part], i),
    ):
        old = base_flat.get(record_id) if base_flat is not None else None
        my_record, their_record = my_flat.get(record_id), their_flat.get(record_id)
        if my_record is not None and their_record is not None:
            merged = _merge_fields(case_id, old, my_record, their_record, prefer, conflicts)
            result.records[record_id] = merged
            if merged.fields != my_record.fields:
                result.changed += 1
        elif their_record is not None:  # not here: new there, or removed here
            if old is None:
                result.records[record_id] = their_record
                result.added += 1
            elif their_record.edits() != old.edits():
                conflicts.append(_removal(case_id, None, their_record))
                if prefer is Side.THEIRS:
                    result.records[record_id] = their_record
                    result.added += 1
        elif my_record is not None:  # not there: new here, or removed there
            if old is None:
                result.records[record_id] = my_record
            elif my_record.edits() == old.edits():
                result.removed += 1
            else:
                conflicts.append(_removal(case_id, my_record, None))
                if prefer is Side.THEIRS:
                    result.removed += 1
                else:
                    result.records[record_id] = my_record
    _drop_orphans(result)
    return result


def _removal(case_id: str, mine: FlatRecord | None, theirs: FlatRecord | None) -> Conflict:
    record = mine or theirs
    assert record is not None
    return Conflict(
        case_id,
        record.part,
        record.id,
        WHOLE_RECORD,
        dict(mine.fields) if mine is not None else None,
        dict(theirs.fields) if theirs is not None else None,
        mine.updated_at if mine is not None else None,
        theirs.updated_at if theirs is not None else None,
        record.owner,
    )


def _drop_orphans(result: MergeResult) -> None:
    """Records whose owner is gone (a window of a removed participant) go with it."""
    changed = True
    while changed:
        changed = False
        for record_id, record in list(result.records.items()):
            if record.part in (CASE.key,) or record.owner == result.case_id:
                continue
            if record.owner not in result.records:
                del result.records[record_id]
                changed = True


# Applying ---------------------------------------------------------------------------------


def merged_document(result: MergeResult, frame: Mapping[str, Any]) -> dict[str, Any]:
    """The merged case as a document, checked like an imported case file (InvalidCaseFile)."""
    document = unflatten(result.records, frame)
    validate_document(document)
    check_links(document)
    return document


def apply_merge(session: Session, result: MergeResult, mine: Mapping[str, Any] | None) -> None:
    """Write the merged records over this side's (``mine``, the document they were merged
    with): update changed fields in place, add new records parents first, remove the rest.

    Raises ``InvalidInput`` when the case's reference belongs to another case here.
    """
    my_flat = flatten(mine) if mine is not None else {}
    if mine is None:
        reference = result.records[result.case_id].fields["reference"]
        taken = session.scalar(select(Case.id).where(Case.reference == reference))
        if taken is not None and taken != result.case_id:
            raise InvalidInput(
                "A different case here already uses the reference of a case in the transfer "
                "file; nothing was changed."
            )
    removed = [r for i, r in my_flat.items() if i not in result.records]
    for record in sorted(removed, key=lambda r: -_ORDER[r.part]):
        row = session.get(PARTS[record.part].model, record.id)
        if row is not None:
            session.delete(row)
            session.flush()
    for part in _INSERT_ORDER:
        for record in (r for r in result.records.values() if r.part == part.key):
            previous = my_flat.get(record.id)
            if previous is None:
                row = build_record(part, record.fields, None)
                if part.parent:
                    setattr(row, part.parent, record.owner)
                session.add(row)
            elif previous.fields != record.fields:
                row = session.get(part.model, record.id)
                assert row is not None
                for name, value in record.fields.items():
                    if previous.fields.get(name) != value and name != "id":
                        column, column_value_ = column_value(part, name, value)
                        setattr(row, column, column_value_)
        session.flush()


def set_field(session: Session, part_key: str, record_id: str, name: str, value: Any) -> None:
    """Set one field (named as in the case file) of one record to a document value."""
    part = PARTS[part_key]
    row = session.get(part.model, record_id)
    if row is None:
        raise InvalidCaseFile("That record is no longer in this workspace; nothing was changed.")
    column, stored = column_value(part, name, value)
    setattr(row, column, stored)
    session.flush()


def add_record(session: Session, record: FlatRecord) -> None:
    part = PARTS[record.part]
    row = build_record(part, record.fields, None)
    if part.parent:
        setattr(row, part.parent, record.owner)
    session.add(row)
    session.flush()


def remove_record(session: Session, part_key: str, record_id: str) -> None:
    row = session.get(PARTS[part_key].model, record_id)
    if row is not None:
        session.delete(row)
        session.flush()

"""The logistics checklist of a case and its readiness: treatment must be ready at the first yes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from interventiondesk.errors import InvalidInput, NotFound
from interventiondesk.model import (
    Case,
    Event,
    LogisticsCategory,
    LogisticsItem,
    LogisticsStatus,
    utcnow,
)
from interventiondesk.services import audit
from interventiondesk.services.records import (
    apply_changes,
    editable_columns,
    get_record,
    in_given_order,
    renumber,
)
from interventiondesk.times import to_utc, zone

ITEM_FIELDS = editable_columns(LogisticsItem, "position")
FACILITY_FIELDS = frozenset({"facility_name", "facility_contact", "facility_phone", "detox_needed"})

FINISHED = frozenset({LogisticsStatus.DONE, LogisticsStatus.NOT_NEEDED})

STATUS_WORDS = {
    LogisticsStatus.OPEN: "not started",
    LogisticsStatus.IN_PROGRESS: "in progress",
    LogisticsStatus.DONE: "done",
    LogisticsStatus.NOT_NEEDED: "not needed",
}


@dataclass(frozen=True, slots=True)
class ChecklistEntry:
    """One line of the default checklist a new case starts with."""

    title: str
    category: LogisticsCategory
    required: bool


DEFAULT_CHECKLIST: tuple[ChecklistEntry, ...] = (
    ChecklistEntry(
        "Bed or intake slot held at the treatment facility", LogisticsCategory.FACILITY, True
    ),
    ChecklistEntry(
        "Insurance cover or payment agreed with the facility", LogisticsCategory.INSURANCE, True
    ),
    # Required only when the case says withdrawal needs medical care (see readiness()).
    ChecklistEntry("Medically supervised detox booked", LogisticsCategory.DETOX, False),
    ChecklistEntry(
        "A ride from the meeting to the facility is lined up", LogisticsCategory.TRANSPORT, True
    ),
    ChecklistEntry(
        "Someone the client trusts will travel with them", LogisticsCategory.ESCORT, True
    ),
    ChecklistEntry(
        "Bag ready: clothes, medicines, ID and insurance card, phone charger",
        LogisticsCategory.BAG,
        False,
    ),
    ChecklistEntry(
        "Cover arranged for the client's work, children or pets", LogisticsCategory.COVER, False
    ),
)


@dataclass(frozen=True, slots=True)
class Readiness:
    """Whether treatment is ready for a yes; ``missing`` says in words what is still open."""

    ready: bool
    missing: list[str] = field(default_factory=list)
    open_item_ids: list[str] = field(default_factory=list)


class NotReadyToSchedule(InvalidInput):
    """Scheduling the intervention meeting needs a confirmation while logistics are open."""

    def __init__(self, readiness: Readiness) -> None:
        count = len(readiness.missing)
        things = "thing is" if count == 1 else "things are"
        super().__init__(
            f"Treatment is not ready yet: {count} required {things} still open. "
            "Confirm that the intervention meeting should be scheduled anyway."
        )
        self.readiness = readiness


def _is_required(item: LogisticsItem, case: Case) -> bool:
    return item.required or (item.category == LogisticsCategory.DETOX and case.detox_needed)


def readiness(case: Case) -> Readiness:
    """Ready when the facility and intake time are set and every required item is finished."""
    missing: list[str] = []
    open_ids: list[str] = []
    if not case.facility_name.strip():
        missing.append("The treatment facility is not named yet.")
    if case.intake_at is None:
        missing.append("The intake time at the facility is not set.")
    detox_covered = False
    for item in case.logistics:
        needs_detox = item.category == LogisticsCategory.DETOX and case.detox_needed
        if needs_detox and item.status == LogisticsStatus.DONE:
            detox_covered = True
        # When withdrawal needs medical care, "not needed" cannot close the detox item.
        finished = item.status == LogisticsStatus.DONE if needs_detox else item.status in FINISHED
        if _is_required(item, case) and not finished:
            title = " ".join(item.title.split()) or "An untitled checklist item"
            missing.append(f"{title} ({STATUS_WORDS[item.status]}).")
            open_ids.append(item.id)
    if (
        case.detox_needed
        and not detox_covered
        and not any(i.category == LogisticsCategory.DETOX for i in case.logistics)
    ):
        missing.append("Medical detox is needed, but no checklist item arranges it.")
    return Readiness(ready=not missing, missing=missing, open_item_ids=open_ids)


def case_readiness(session: Session, case_id: str) -> Readiness:
    return readiness(get_record(session, Case, case_id, "case"))


def schedule_meeting_despite(
    session: Session, event_id: str, *, now: datetime | None = None
) -> Event:
    """Record that the counselor scheduled the meeting knowing that logistics were open."""
    event = get_record(session, Event, event_id, "event")
    state = readiness(event.case)
    moment = (now or utcnow()).astimezone()
    listed = "; ".join(state.missing) if state.missing else "nothing"
    event.readiness_override = (
        f"Scheduled on {moment:%Y-%m-%d %H:%M} although treatment was not ready. "
        f"Still open then: {listed}"
    )
    facts = [f"event {event.id}"]
    if state.open_item_ids:
        facts.append("open items " + ",".join(state.open_item_ids))
    if not event.case.facility_name.strip():
        facts.append("facility not named")
    if event.case.intake_at is None:
        facts.append("intake time not set")
    audit.record(
        session,
        "meeting.scheduled_despite_open_logistics",
        case_id=event.case_id,
        detail="; ".join(facts),
    )
    return event


def require_ready_or_confirmed(session: Session, case: Case, *, confirmed: bool) -> Readiness:
    """Raise NotReadyToSchedule unless the case is ready or the counselor confirmed."""
    state = readiness(case)
    if not state.ready and not confirmed:
        raise NotReadyToSchedule(state)
    return state


# The checklist -------------------------------------------------------------------------


def add_default_checklist(session: Session, case: Case) -> list[LogisticsItem]:
    """Give a case the standard checklist; a case that already has items keeps its own."""
    if case.logistics:
        return []
    added = []
    for position, entry in enumerate(DEFAULT_CHECKLIST):
        item = LogisticsItem(
            title=entry.title,
            category=entry.category,
            required=entry.required
            or (entry.category == LogisticsCategory.DETOX and case.detox_needed),
            status=LogisticsStatus.OPEN,
            position=position,
        )
        case.logistics.append(item)
        added.append(item)
    session.flush()
    return added


def checklist(session: Session, case_id: str) -> list[LogisticsItem]:
    return list(get_record(session, Case, case_id, "case").logistics)


def add_item(
    session: Session,
    case_id: str,
    title: str,
    *,
    category: LogisticsCategory | str = LogisticsCategory.OTHER,
    required: bool = True,
    responsible: str = "",
    due_on: date | str | None = None,
    notes: str = "",
) -> LogisticsItem:
    case = get_record(session, Case, case_id, "case")
    item = LogisticsItem(position=len(case.logistics), status=LogisticsStatus.OPEN)
    apply_changes(
        item,
        {
            "title": title,
            "category": category,
            "required": required,
            "responsible": responsible,
            "due_on": due_on,
            "notes": notes,
        },
        ITEM_FIELDS,
    )
    case.logistics.append(item)
    session.flush()
    return item


def update_item(session: Session, item_id: str, changes: Mapping[str, Any]) -> LogisticsItem:
    item = get_record(session, LogisticsItem, item_id, "checklist item")
    apply_changes(item, changes, ITEM_FIELDS)
    return item


def remove_item(session: Session, item_id: str) -> None:
    item = get_record(session, LogisticsItem, item_id, "checklist item")
    case = item.case
    case.logistics.remove(item)  # delete-orphan: removing it from the case deletes it
    renumber(case.logistics)
    session.flush()


def move_item(session: Session, item_id: str, position: int) -> list[LogisticsItem]:
    """Move one item to ``position`` (clamped to the list) and renumber the rest."""
    item = get_record(session, LogisticsItem, item_id, "checklist item")
    items = [i for i in item.case.logistics if i.id != item.id]
    items.insert(max(0, min(position, len(items))), item)
    renumber(items)
    session.flush()
    session.expire(item.case, ["logistics"])
    return items


def reorder(session: Session, case_id: str, item_ids: Sequence[str]) -> list[LogisticsItem]:
    """Put the checklist in the given order; every item of the case must be named once."""
    case = get_record(session, Case, case_id, "case")
    items = in_given_order(case.logistics, item_ids, "checklist item of the case")
    renumber(items)
    session.flush()
    session.expire(case, ["logistics"])
    return items


# What the Logistics page shows ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChecklistRow:
    """One checklist item as plain values, safe to keep in a table model."""

    id: str
    title: str
    category: LogisticsCategory
    required: bool
    status: LogisticsStatus
    responsible: str
    due_on: date | None
    notes: str

    @classmethod
    def of(cls, item: LogisticsItem) -> ChecklistRow:
        return cls(
            id=item.id,
            title=item.title,
            category=item.category,
            required=item.required,
            status=item.status,
            responsible=item.responsible,
            due_on=item.due_on,
            notes=item.notes,
        )


@dataclass(frozen=True, slots=True)
class LogisticsView:
    """Everything the Logistics page shows for a case: the placement, the checklist in its
    order and whether treatment is ready."""

    case_id: str
    facility_name: str
    facility_contact: str
    facility_phone: str
    detox_needed: bool
    intake_at: datetime | None
    """UTC; shown in ``intake_timezone``."""
    intake_timezone: str
    checklist: tuple[ChecklistRow, ...]
    ready: bool
    missing: tuple[str, ...]
    """What is still open, in words (as ``Readiness.missing``)."""
    zones: tuple[str, ...] = ()
    """The time zones the case already uses (its intake, its events): the intake's zone picker
    offers them first."""


def logistics_view(session: Session, case_id: str) -> LogisticsView:
    """Read the case's placement, checklist and readiness at once (two statements)."""
    event_zones = (
        select(func.group_concat(Event.timezone.distinct()))
        .where(Event.case_id == Case.id)
        .scalar_subquery()
    )
    query = (
        select(Case, event_zones).where(Case.id == case_id).options(selectinload(Case.logistics))
    )
    row = session.execute(query).one_or_none()
    if row is None:
        raise NotFound("That case no longer exists (it may have been removed elsewhere).")
    case, zones_text = row
    state = readiness(case)
    return LogisticsView(
        case_id=case.id,
        facility_name=case.facility_name,
        facility_contact=case.facility_contact,
        facility_phone=case.facility_phone,
        detox_needed=case.detox_needed,
        intake_at=case.intake_at,
        intake_timezone=case.intake_timezone,
        checklist=tuple(ChecklistRow.of(item) for item in case.logistics),
        ready=state.ready,
        missing=tuple(state.missing),
        zones=tuple(
            dict.fromkeys(
                z for z in (case.intake_timezone, *(zones_text or "").split(",")) if z.strip()
            )
        ),
    )


# The placement --------------------------------------------------------------------------


def update_facility(session: Session, case_id: str, changes: Mapping[str, Any]) -> Case:
    """Edit the facility's name, contact and phone, and whether detox is needed."""
    case = get_record(session, Case, case_id, "case")
    apply_changes(case, changes, FACILITY_FIELDS)
    return case


def set_intake(session: Session, case_id: str, local: datetime | None, timezone: str = "") -> Case:
    """Set the intake time as a wall-clock time in ``timezone`` (None clears it)."""
    case = get_record(session, Case, case_id, "case")
    if local is None:
        case.intake_at = None
        return case
    zone(timezone)
    case.intake_at = to_utc(local, timezone)
    case.intake_timezone = timezone.strip()
    return case

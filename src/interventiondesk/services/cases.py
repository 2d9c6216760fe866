"""Cases and their plan: create, find, list, edit, archive and restore."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import LargeBinary, String, cast, func, or_, select, type_coerce
from sqlalchemy.orm import Session, joinedload, selectinload

from interventiondesk.errors import InvalidInput, NotFound
from interventiondesk.limits import (
    NOT_UNICODE_WORDS,
    REFERENCE_WORDS,
    holds_lone_surrogate,
    reference_is_valid,
)
from interventiondesk.model import (
    Case,
    CaseStatus,
    Client,
    ConcernKind,
    Event,
    FollowUpTask,
    InterventionKind,
    InterventionModel,
    Observation,
    PresentingConcern,
    RiskLevel,
    RiskScreen,
    TransferConflict,
    TransferMark,
    WarningSign,
    utcnow,
)
from interventiondesk.model.base import UTCDateTime
from interventiondesk.model.case import ClientIdentity
from interventiondesk.services import audit, logistics
from interventiondesk.services.records import apply_changes, editable_columns, get_record
from interventiondesk.services.risk_flags import FLAGS, raised

_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

CASE_FIELDS = editable_columns(Case, "reference")
CLIENT_FIELDS = editable_columns(Client)
CONCERN_FIELDS = editable_columns(PresentingConcern)
OBSERVATION_FIELDS = editable_columns(Observation)


def new_reference(session: Session) -> str:
    """A short reference such as ``IN-7K3QX``: says nothing about the client, easy to read out."""
    while True:
        reference = "IN-" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(5))
        if session.scalar(select(Case.id).where(Case.reference == reference)) is None:
            return reference


def create_case(
    session: Session,
    *,
    client_name: str,
    kind: InterventionKind | str,
    model: InterventionModel | str,
    counselor: str = "",
    reference: str | None = None,
    **plan: Any,
) -> Case:
    """Open a new case for a client. Extra keyword arguments set plan fields."""
    if not client_name.strip():
        raise InvalidInput("The client's name is needed to open a case.")
    if reference and not reference_is_valid(reference):
        raise InvalidInput(f"The reference must be {REFERENCE_WORDS}.")
    case = Case(reference=reference or new_reference(session))
    apply_changes(case, {"kind": kind, "model": model, "counselor": counselor}, CASE_FIELDS)
    case.client = Client()
    apply_changes(case.client, {"full_name": client_name}, CLIENT_FIELDS)
    apply_changes(case, plan, CASE_FIELDS)
    session.add(case)
    session.flush()
    logistics.add_default_checklist(session, case)
    audit.record(session, "case.created", case_id=case.id)
    return case


def find_case(session: Session, key: str) -> Case:
    """A case by its UUID or its short reference (any letter case)."""
    key = key.strip()
    if holds_lone_surrogate(key):  # undecodable bytes on a command line: no case has them
        raise NotFound(f"No case has that reference or identity: it {NOT_UNICODE_WORDS}.")
    case = session.get(Case, key) or session.scalar(
        select(Case).where(func.upper(Case.reference) == key.upper())
    )
    if case is None:
        raise NotFound(f"No case has the reference or identity '{key[:60]}'.")
    return case


def update_case(
    session: Session,
    case_id: str,
    changes: Mapping[str, Any],
    *,
    expected_version: int | None = None,
) -> Case:
    """Save edits to the plan. ``expected_version`` guards against overwriting a newer edit."""
    case = get_record(session, Case, case_id, "case")
    _check_version(case.version, expected_version)
    apply_changes(case, changes, CASE_FIELDS)
    return case


def update_client(session: Session, case_id: str, changes: Mapping[str, Any]) -> Client:
    case = get_record(session, Case, case_id, "case")
    if "full_name" in changes and not str(changes["full_name"]).strip():
        raise InvalidInput("The client's name cannot be empty.")
    before = case.client.date_of_birth
    apply_changes(case.client, changes, CLIENT_FIELDS)  # reads a date typed as text too
    born = case.client.date_of_birth
    if born is not None and born > date.today():
        case.client.date_of_birth = before
        raise InvalidInput("A date of birth cannot be in the future.")
    return case.client


def _check_version(actual: int, expected: int | None) -> None:
    from interventiondesk.errors import EditConflict

    if expected is not None and actual != expected:
        raise EditConflict()


def archive_case(session: Session, case_id: str) -> Case:
    case = get_record(session, Case, case_id, "case")
    if case.archived_at is None:
        case.archived_at = utcnow()
        audit.record(session, "case.archived", case_id=case.id)
    return case


def restore_case(session: Session, case_id: str) -> Case:
    case = get_record(session, Case, case_id, "case")
    if case.archived_at is not None:
        case.archived_at = None
        audit.record(session, "case.restored", case_id=case.id)
    return case


# Presenting concerns and observations ----------------------------------------------------


def add_concern(
    session: Session, case_id: str, concern: ConcernKind | str, name: str, details: str = ""
) -> PresentingConcern:
    case = get_record(session, Case, case_id, "case")
    row = PresentingConcern(position=len(case.concerns))
    apply_changes(row, {"concern": concern, "name": name, "details": details}, CONCERN_FIELDS)
    case.concerns.append(row)
    session.flush()
    return row


def update_concern(session: Session, concern_id: str, changes: Mapping[str, Any]) -> None:
    apply_changes(
        get_record(session, PresentingConcern, concern_id, "concern"), changes, CONCERN_FIELDS
    )


def remove_concern(session: Session, concern_id: str) -> None:
    session.delete(get_record(session, PresentingConcern, concern_id, "concern"))


def add_observation(
    session: Session,
    case_id: str,
    text: str,
    *,
    sign: WarningSign | str = WarningSign.OTHER,
    observed_on: Any = None,
) -> Observation:
    case = get_record(session, Case, case_id, "case")
    row = Observation()
    apply_changes(row, {"text": text, "sign": sign, "observed_on": observed_on}, OBSERVATION_FIELDS)
    case.observations.append(row)
    session.flush()
    return row


def update_observation(session: Session, observation_id: str, changes: Mapping[str, Any]) -> None:
    apply_changes(
        get_record(session, Observation, observation_id, "observation"), changes, OBSERVATION_FIELDS
    )


def remove_observation(session: Session, observation_id: str) -> None:
    session.delete(get_record(session, Observation, observation_id, "observation"))


# The Plan page's view ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConcernRow:
    """One presenting concern as a row of the Plan page."""

    id: str
    concern: ConcernKind
    name: str
    details: str


@dataclass(frozen=True, slots=True)
class ObservationRow:
    """One dated observation as a row of the Plan page."""

    id: str
    observed_on: date | None
    sign: WarningSign
    text: str


@dataclass(frozen=True, slots=True)
class PlanView:
    """Everything the Plan page shows of a case, read in one session (field names are the
    columns', so that a page can fill a field by its name)."""

    case_id: str
    reference: str
    kind: InterventionKind
    model: InterventionModel
    status: CaseStatus
    counselor: str
    concerns_notes: str
    sign_decline: bool
    sign_denial: bool
    sign_safety: bool
    goals: str
    treatment_options: str
    counselor_notes: str
    archived: bool
    client: ClientIdentity
    concerns: tuple[ConcernRow, ...]
    observations: tuple[ObservationRow, ...]


def _concern_row(row: PresentingConcern) -> ConcernRow:
    return ConcernRow(id=row.id, concern=row.concern, name=row.name, details=row.details)


def _observation_row(row: Observation) -> ObservationRow:
    return ObservationRow(id=row.id, observed_on=row.observed_on, sign=row.sign, text=row.text)


def plan_view(session: Session, case_id: str) -> PlanView:
    """The Plan page's view of a case: the case with its client (one statement), then its
    concerns and observations (one statement each)."""
    case = session.scalar(
        select(Case)
        .where(Case.id == case_id)
        .options(
            joinedload(Case.client),
            selectinload(Case.concerns),
            selectinload(Case.observations),
        )
    )
    if case is None:
        raise NotFound("That case no longer exists (it may have been removed elsewhere).")
    client = case.client
    return PlanView(
        case_id=case.id,
        reference=case.reference,
        kind=case.kind,
        model=case.model,
        status=case.status,
        counselor=case.counselor,
        concerns_notes=case.concerns_notes,
        sign_decline=case.sign_decline,
        sign_denial=case.sign_denial,
        sign_safety=case.sign_safety,
        goals=case.goals,
        treatment_options=case.treatment_options,
        counselor_notes=case.counselor_notes,
        archived=case.archived_at is not None,
        client=client.identity(),
        concerns=tuple(_concern_row(row) for row in case.concerns),
        observations=tuple(_observation_row(row) for row in case.observations),
    )


def concern_row(session: Session, concern_id: str) -> ConcernRow:
    """One concern as the Plan page shows it (a row just added)."""
    return _concern_row(get_record(session, PresentingConcern, concern_id, "concern"))


def observation_row(session: Session, observation_id: str) -> ObservationRow:
    """One observation as the Plan page shows it (a row just added)."""
    return _observation_row(get_record(session, Observation, observation_id, "observation"))


# The case list ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One line of the case list: a projection for speed, not a second model of the case."""

    id: str
    reference: str
    client_name: str
    preferred_name: str
    kind: InterventionKind
    model: InterventionModel
    status: CaseStatus
    next_date: datetime | None
    counselor: str
    archived: bool
    away_since: datetime | None = None
    """When the case was taken to another computer (docs/transfers.md); None when it is here."""
    away_at: str = ""
    """The other computer's name, when known."""
    has_conflicts: bool = False
    """Whether fields changed on both computers wait for the counselor's decision."""
    flags: tuple[str, ...] = ()
    """The risk flags raised (``services.risk_flags.raised``), in their order."""
    triage: RiskLevel | None = None
    """The latest risk screen's triage; None before the first screen."""
    overdue_tasks: int = 0
    """Open follow-up tasks due before today."""


def case_row(session: Session, case_id: str) -> CaseRow:
    """One case as the list shows it (archived or not): what the open case's header shows."""
    rows = list_cases(session, case_id=case_id)
    if not rows:
        raise NotFound("That case no longer exists (it may have been removed elsewhere).")
    return rows[0]


_LIST_BATCH = 1000
"""Rows fetched at a time when reading the case list."""


def list_cases(
    session: Session,
    *,
    search: str | None = None,
    include_archived: bool = False,
    archived_only: bool = False,
    now: datetime | None = None,
    today: date | None = None,
    case_id: str | None = None,
) -> list[CaseRow]:
    """The case list, newest first, with each case's next upcoming event, raised risk flags,
    latest triage and overdue follow-up tasks (due before ``today``).

    ``case_id`` narrows the list to that one case (archived or not), to refresh a single row.
    """
    moment = now or utcnow()
    day = today or date.today()
    # A correlated subquery, looked up per case through ix_events_case_id: quicker than grouping
    # every event first, and SQLite keeps no materialised table of them in memory.
    next_date = (
        select(type_coerce(func.min(Event.starts_at), UTCDateTime()))
        .where(
            Event.case_id == Case.id,
            Event.starts_at >= moment,
            Event.cancelled_at.is_(None),
        )
        .scalar_subquery()
        .label("next_date")
    )
    # Looked up per case through the case_id indexes, like the next date.
    triage = (
        select(RiskScreen.triage)
        .where(RiskScreen.case_id == Case.id)
        .order_by(RiskScreen.screened_at.desc(), RiskScreen.created_at.desc())
        .limit(1)
        .scalar_subquery()
        .label("triage")
    )
    overdue = (
        select(func.count(FollowUpTask.id))
        .where(
            FollowUpTask.case_id == Case.id,
            FollowUpTask.done_at.is_(None),
            FollowUpTask.due_on < day,
        )
        .scalar_subquery()
        .label("overdue")
    )
    flag_keys = [key for key, _label in FLAGS]
    query = (
        select(
            Case.id,
            Case.reference,
            Client.full_name,
            Client.preferred_name,
            Case.kind,
            Case.model,
            Case.status,
            next_date,
            Case.counselor,
            Case.archived_at,
            TransferMark.since.label("away_since"),
            TransferMark.peer_name.label("away_at"),
            select(TransferConflict.id)
            .where(TransferConflict.case_id == Case.id)
            .limit(1)
            .scalar_subquery()
            .label("conflict"),
            triage,
            overdue,
            *(getattr(Case, key) for key in flag_keys),
        )
        .join(Client, Client.case_id == Case.id)
        .outerjoin(TransferMark, TransferMark.case_id == Case.id)
        .order_by(Case.created_at.desc())
        # Rows are fetched in batches: the driver's raw rows for 10,000 cases never sit in
        # memory all at once beside the CaseRow values made from them.
        .execution_options(yield_per=_LIST_BATCH)
    )
    if case_id is not None:
        query = query.where(Case.id == case_id)
    elif archived_only:
        query = query.where(Case.archived_at.is_not(None))
    elif not include_archived:
        query = query.where(Case.archived_at.is_(None))
    if search and holds_lone_surrogate(search):
        raise InvalidInput(f"The search text {NOT_UNICODE_WORDS}; type it again.")
    if search and search.strip("\x00").strip():
        # SQLite's text functions (LIKE, and casefold as the driver hands it over) end a text
        # at NUL: NUL is taken out of both sides, so that text after one is found too.
        escaped = search.replace("\x00", "").strip().casefold()
        for special in ("\\", "%", "_"):
            escaped = escaped.replace(special, "\\" + special)
        needle = f"%{escaped}%"
        searched = (
            # Free text, as a BLOB: casefold then reads past a NUL.
            cast(Client.full_name, LargeBinary),
            cast(Client.preferred_name, LargeBinary),
            cast(Case.counselor, LargeBinary),
            Case.reference,
            cast(Case.kind, String),
            cast(Case.model, String),
            cast(Case.status, String),
        )
        query = query.where(or_(*(func.casefold(c).like(needle, escape="\\") for c in searched)))
    return [
        CaseRow(
            id=row.id,
            reference=row.reference,
            client_name=row.full_name,
            preferred_name=row.preferred_name,
            kind=row.kind,
            model=row.model,
            status=row.status,
            next_date=row.next_date,
            counselor=row.counselor,
            archived=row.archived_at is not None,
            away_since=row.away_since,
            away_at=row.away_at or "",
            has_conflicts=row.conflict is not None,
            flags=raised(
                {
                    key: bool(value)
                    for key, value in zip(flag_keys, row[-len(flag_keys) :], strict=True)
                }
            ),
            triage=RiskLevel(row.triage) if row.triage is not None else None,
            overdue_tasks=row.overdue,
        )
        for row in session.execute(query)
    ]

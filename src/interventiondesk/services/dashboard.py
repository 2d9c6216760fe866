"""What a counselor sees before opening a case, read in one call (``dashboard_view``): cases
by status, the coming week's events, follow-ups overdue and due, cases with a high triage or a
risk flag, near meetings of cases not ready, consents running out, and outcomes over a period.

Every number comes with the cases behind it, so that the dashboard can open them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, load_only, selectinload

from interventiondesk.model import (
    Case,
    CaseStatus,
    Client,
    Event,
    EventKind,
    FollowUpTask,
    LogisticsItem,
    Participant,
)
from interventiondesk.services.consents import EXPIRY_WARNING_DAYS
from interventiondesk.services.consents_view import ExpiringConsent, expiring_consents
from interventiondesk.services.logistics import readiness
from interventiondesk.services.safety import CaseAtRisk, cases_at_risk
from interventiondesk.services.scheduling import AgendaEntry, agenda
from interventiondesk.services.stats import OutcomeStats, outcome_stats

FOLLOW_UP_DAYS = 7
NEAR_MEETING_DAYS = 14
"""How far ahead an intervention meeting counts as near, for the not-ready list."""
STATS_DAYS = 365
FOLLOW_UPS_READ = 200
"""The dashboard shows the most overdue first; it never needs the whole list."""
CONSENT_DAYS = max(EXPIRY_WARNING_DAYS)
"""A consent that runs out within this many days is listed, so that it can be renewed."""
AGENDA_DAYS = 7
AGENDA_READ = 101
"""The agenda lists 100 events and says when there are more."""


@dataclass(frozen=True, slots=True)
class DueFollowUp:
    """An open follow-up task that is overdue or due soon."""

    case_id: str
    reference: str
    client_name: str
    title: str
    due_on: date
    overdue: bool
    task_id: str = ""
    owner: str = ""
    """The participant who owns the task; empty when it is the counselor's."""


def status_counts(session: Session) -> dict[CaseStatus, int]:
    """How many open (not archived) cases have each status; every status is present."""
    counts = dict.fromkeys(CaseStatus, 0)
    query = (
        select(Case.status, func.count(Case.id))
        .where(Case.archived_at.is_(None))
        .group_by(Case.status)
    )
    for status, count in session.execute(query):
        counts[CaseStatus(status)] = int(count)
    return counts


def due_follow_ups(
    session: Session,
    *,
    today: date | None = None,
    days: int = FOLLOW_UP_DAYS,
    limit: int | None = None,
    case_id: str | None = None,
    overdue_only: bool = False,
) -> list[DueFollowUp]:
    """Open follow-up tasks of open cases that are overdue or due within ``days``, the most
    overdue first; ``limit`` caps how many are read. ``case_id`` keeps one case's (archived or
    not); ``overdue_only`` keeps those due before ``today``."""
    day = today or date.today()
    last_day = day - timedelta(days=1) if overdue_only else day + timedelta(days=days)
    conditions = [
        FollowUpTask.done_at.is_(None),
        FollowUpTask.due_on.is_not(None),
        FollowUpTask.due_on <= last_day,
    ]
    if case_id is None:
        conditions.append(Case.archived_at.is_(None))
    else:
        conditions.append(FollowUpTask.case_id == case_id)
    query = (
        select(FollowUpTask, Case.reference, Client.full_name, Participant.name)
        .join(Case, Case.id == FollowUpTask.case_id)
        .join(Client, Client.case_id == Case.id)
        .outerjoin(Participant, Participant.id == FollowUpTask.participant_id)
        .where(and_(*conditions))
        .order_by(FollowUpTask.due_on, FollowUpTask.id)
        .limit(limit)
    )
    result = []
    for task, reference, client_name, owner in session.execute(query):
        assert task.due_on is not None  # filtered above
        result.append(
            DueFollowUp(
                case_id=task.case_id,
                reference=reference,
                client_name=client_name,
                title=task.title,
                due_on=task.due_on,
                overdue=task.due_on < day,
                task_id=task.id,
                owner=owner or "",
            )
        )
    return result


def overdue_counts(session: Session, *, today: date | None = None) -> dict[str, int]:
    """How many open tasks are overdue in each open case that has any (for the case list)."""
    day = today or date.today()
    query = (
        select(FollowUpTask.case_id, func.count(FollowUpTask.id))
        .join(Case, Case.id == FollowUpTask.case_id)
        .where(
            FollowUpTask.done_at.is_(None),
            FollowUpTask.due_on < day,
            Case.archived_at.is_(None),
        )
        .group_by(FollowUpTask.case_id)
    )
    return {case_id: int(count) for case_id, count in session.execute(query)}


@dataclass(frozen=True, slots=True)
class NearMeeting:
    """An intervention meeting coming soon in a case that is not ready for a yes."""

    case_id: str
    reference: str
    client_name: str
    event_id: str
    starts_at: datetime
    timezone: str
    missing: int
    """How many things are still open (see services.logistics.readiness)."""


def meetings_not_ready(
    session: Session, *, now: datetime | None = None, days: int = NEAR_MEETING_DAYS
) -> list[NearMeeting]:
    """Open cases whose intervention meeting starts within ``days`` and that are not ready,
    soonest first."""
    start = now or datetime.now(UTC)
    near = (
        select(Event.case_id, Event.id, Event.starts_at, Event.timezone)
        .join(Case, Case.id == Event.case_id)
        .where(
            Event.kind == EventKind.INTERVENTION,
            Event.cancelled_at.is_(None),
            Event.starts_at >= start,
            Event.starts_at < start + timedelta(days=days),
            Case.archived_at.is_(None),
        )
        .order_by(Event.starts_at, Event.id)
    )
    first: dict[str, tuple[str, datetime, str]] = {}
    for case_id, event_id, starts_at, timezone in session.execute(near):
        first.setdefault(case_id, (event_id, starts_at, timezone))
    # Only what readiness() reads: the case's facility fields and its checklist.
    cases: dict[str, tuple[Case, str]] = {}
    ids = list(first)
    for begin in range(0, len(ids), 500):
        query = (
            select(Case, Client.full_name)
            .join(Client, Client.case_id == Case.id)
            .where(Case.id.in_(ids[begin : begin + 500]))
            .options(
                load_only(Case.reference, Case.facility_name, Case.intake_at, Case.detox_needed),
                selectinload(Case.logistics).load_only(
                    LogisticsItem.title,
                    LogisticsItem.category,
                    LogisticsItem.required,
                    LogisticsItem.status,
                ),
            )
        )
        for case, name in session.execute(query):
            cases[case.id] = (case, name)
    found: list[NearMeeting] = []
    for case_id, (event_id, starts_at, timezone) in first.items():
        case, name = cases[case_id]
        state = readiness(case)
        if not state.ready:
            found.append(
                NearMeeting(
                    case_id, case.reference, name, event_id, starts_at, timezone, len(state.missing)
                )
            )
    return found


def due_soon_cases(
    session: Session, *, today: date | None = None, days: int = FOLLOW_UP_DAYS
) -> tuple[str, ...]:
    """Open cases with an open task due from ``today`` to ``days`` ahead (none overdue needed)."""
    day = today or date.today()
    query = (
        select(FollowUpTask.case_id)
        .join(Case, Case.id == FollowUpTask.case_id)
        .where(
            FollowUpTask.done_at.is_(None),
            FollowUpTask.due_on >= day,
            FollowUpTask.due_on <= day + timedelta(days=days),
            Case.archived_at.is_(None),
        )
        .distinct()
        .order_by(FollowUpTask.case_id)
    )
    return tuple(session.scalars(query))


@dataclass(frozen=True, slots=True)
class DashboardView:
    """Everything the dashboard shows, read in one session."""

    status_counts: dict[CaseStatus, int]
    follow_ups: tuple[DueFollowUp, ...]
    """The most overdue first, at most ``FOLLOW_UPS_READ``."""
    overdue_counts: dict[str, int]
    """Open cases with overdue tasks: how many each (every such case, not only those listed)."""
    due_soon: tuple[str, ...]
    """Open cases with a task due within ``FOLLOW_UP_DAYS`` (every such case)."""
    at_risk: tuple[CaseAtRisk, ...]
    not_ready: tuple[NearMeeting, ...]
    consents: tuple[ExpiringConsent, ...]
    agenda: tuple[AgendaEntry, ...]
    """The coming ``AGENDA_DAYS``, at most ``AGENDA_READ`` events."""
    stats: OutcomeStats


def default_period(today: date) -> tuple[date, date]:
    """The year up to ``today``."""
    return today - timedelta(days=STATS_DAYS - 1), today


def dashboard_view(
    session: Session,
    *,
    today: date | None = None,
    now: datetime | None = None,
    period: tuple[date, date] | None = None,
) -> DashboardView:
    """The dashboard's numbers, lists, agenda and chart in one call. ``period`` (first and
    last day) defaults to the year up to ``today``."""
    day = today or date.today()
    moment = now or datetime.now(UTC)
    start, end = period or default_period(day)
    return DashboardView(
        status_counts=status_counts(session),
        follow_ups=tuple(due_follow_ups(session, today=day, limit=FOLLOW_UPS_READ)),
        overdue_counts=overdue_counts(session, today=day),
        due_soon=due_soon_cases(session, today=day),
        at_risk=tuple(cases_at_risk(session)),
        not_ready=tuple(meetings_not_ready(session, now=moment)),
        consents=tuple(expiring_consents(session, day)),
        agenda=tuple(
            agenda(session, moment, moment + timedelta(days=AGENDA_DAYS), limit=AGENDA_READ)
        ),
        stats=outcome_stats(session, start, end),
    )

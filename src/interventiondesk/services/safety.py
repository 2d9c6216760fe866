"""Safety: risk screens kept as history, the six-step safety plan and its revisions, the
case's risk flags, and ASAM ratings with the previous rating beside each.

A saved screen is never edited (the model refuses it); a new screen supersedes the last. The
questions, branching and triage are in ``services.risk_screen``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from interventiondesk.errors import InvalidInput
from interventiondesk.model import (
    AsamDimension,
    AsamRating,
    AsamRatingEntry,
    Case,
    Client,
    RiskLevel,
    RiskScreen,
    SafetyPlan,
    SafetyPlanRevision,
    utcnow,
)
from interventiondesk.services import audit
from interventiondesk.services.cases import find_case
from interventiondesk.services.records import apply_changes, editable_columns, get_record
from interventiondesk.services.risk_flags import FLAG_FIELDS, RISK_FLAGS
from interventiondesk.services.risk_flags import FLAGS as FLAGS  # where the pages look for them
from interventiondesk.services.risk_flags import NO_NALOXONE as NO_NALOXONE
from interventiondesk.services.risk_flags import raised as _raised
from interventiondesk.services.risk_screen import TOPICS, checked_answers, next_step, triage

# The safety plan ---------------------------------------------------------------------------

STEPS: tuple[tuple[str, str, str], ...] = (
    (
        "warning_signs",
        "My warning signs",
        "Thoughts, feelings, moods or situations that tell me a crisis may be starting.",
    ),
    (
        "internal_coping",
        "Things I can do on my own",
        "What helps me get through a hard moment without reaching out to anyone.",
    ),
    (
        "distraction",
        "People and places that take my mind off things",
        "Company and settings that help me feel better for a while.",
    ),
    (
        "people_to_ask",
        "People I can ask for help",
        "Who I can call or text and tell how I am really doing.",
    ),
    (
        "professionals",
        "Professionals and crisis lines",
        "My counselor, doctor or program, and a crisis line open day and night.",
    ),
    (
        "safe_environment",
        "Making my surroundings safe",
        "What I and the people around me will do to keep means of harm out of reach.",
    ),
)
"""(column, title, what belongs there): the six steps in order, in our own words."""
STEP_KEYS = tuple(key for key, _title, _hint in STEPS)
PLAN_FIELDS = frozenset(STEP_KEYS)
REVISION_SITTING = timedelta(minutes=30)
"""Saves by the same person within this time make one revision (the page saves as you type)."""
CRISIS_LINE = "In the United States, call or text 988 (Suicide and Crisis Lifeline), day or night."
"""Printed on every safety plan; the counselor adds local lines in step five."""


@dataclass(frozen=True, slots=True)
class PlanRevisionRow:
    id: str
    revised_at: datetime
    revised_by: str
    steps: tuple[tuple[str, str], ...]
    """(step key, text) in step order."""


def _steps_of(record: SafetyPlan | SafetyPlanRevision) -> tuple[tuple[str, str], ...]:
    return tuple((key, getattr(record, key)) for key in STEP_KEYS)


def save_safety_plan(
    session: Session,
    case_id: str,
    steps: Mapping[str, str],
    *,
    by: str | None = None,
    at: datetime | None = None,
) -> SafetyPlan:
    """Save some or all of the six steps; the plan is made on first save.

    Every save that changes something leaves a revision: the latest revision is brought up to
    date when the same person saved it less than ``REVISION_SITTING`` ago, otherwise a new one
    is added. Earlier revisions are never changed.
    """
    case = find_case(session, case_id)
    plan = case.safety_plan
    is_new = plan is None
    if plan is None:
        plan = SafetyPlan(case_id=case.id)
        case.safety_plan = plan
    if not apply_changes(plan, steps, PLAN_FIELDS) and not is_new:
        return plan
    now = at or utcnow()
    who = by if by is not None else audit.current_actor(session)
    latest = session.scalars(
        select(SafetyPlanRevision)
        .where(SafetyPlanRevision.case_id == case.id)
        .order_by(SafetyPlanRevision.revised_at.desc(), SafetyPlanRevision.created_at.desc())
        .limit(1)
    ).first()
    if latest is None or latest.revised_by != who or now - latest.revised_at >= REVISION_SITTING:
        latest = SafetyPlanRevision(case_id=case.id, revised_by=who, revised_at=now)
        session.add(latest)
        audit.record(session, "safety_plan.revised", case_id=case.id)
    latest.revised_at = now
    for key in STEP_KEYS:
        setattr(latest, key, getattr(plan, key))
    session.flush()
    return plan


def plan_revisions(session: Session, case_id: str) -> list[PlanRevisionRow]:
    """The plan's revisions, newest first. A plan from before revisions were kept shows as
    one revision dated when it was last changed."""
    case = find_case(session, case_id)
    rows = [
        PlanRevisionRow(r.id, r.revised_at, r.revised_by, _steps_of(r))
        for r in sorted(
            case.safety_plan_revisions, key=lambda r: (r.revised_at, r.created_at), reverse=True
        )
    ]
    if not rows and case.safety_plan is not None:
        plan = case.safety_plan
        rows.append(PlanRevisionRow(plan.id, plan.updated_at, "", _steps_of(plan)))
    return rows


# Risk screens ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScreenRow:
    id: str
    screened_at: datetime
    screened_by: str
    answers: tuple[tuple[str, bool | None], ...]
    """(topic key, answer) in the screen's order; None where branching skipped the topic."""
    triage: RiskLevel | None
    next_step: str
    notes: str
    superseded: bool


def save_screen(
    session: Session,
    case_id: str,
    answers: Mapping[str, bool | None],
    *,
    by: str | None = None,
    at: datetime | None = None,
    notes: str = "",
) -> RiskScreen:
    """Save a completed screen with its triage; it supersedes the case's earlier screens."""
    case = find_case(session, case_id)
    whole = checked_answers(answers)
    screen = RiskScreen(case_id=case.id)
    apply_changes(
        screen,
        {
            **whole,
            "screened_at": at or utcnow(),
            "screened_by": by if by is not None else audit.current_actor(session),
            "triage": triage(whole),
            "notes": notes,
        },
        editable_columns(RiskScreen),
    )
    session.add(screen)
    session.flush()
    audit.record(
        session, "risk_screen.saved", case_id=case.id, detail=f"screen {screen.id} {screen.triage}"
    )
    return screen


def screen_rows(session: Session, case_id: str) -> list[ScreenRow]:
    """Every screen of the case, newest first; all but the first are superseded."""
    screens = session.scalars(
        select(RiskScreen)
        .where(RiskScreen.case_id == case_id)
        .order_by(RiskScreen.screened_at.desc(), RiskScreen.created_at.desc())
    ).all()
    rows = []
    for number, screen in enumerate(screens):
        answers = {topic.key: getattr(screen, topic.key) for topic in TOPICS}
        rows.append(
            ScreenRow(
                id=screen.id,
                screened_at=screen.screened_at,
                screened_by=screen.screened_by,
                answers=tuple(answers.items()),
                triage=screen.triage,
                next_step=next_step(answers),
                notes=screen.notes,
                superseded=number > 0,
            )
        )
    return rows


# Risk flags (which there are: services.risk_flags) -----------------------------------------


def set_flags(session: Session, case_id: str, changes: Mapping[str, bool]) -> Case:
    case = find_case(session, case_id)
    if apply_changes(case, changes, FLAG_FIELDS):
        audit.record(
            session, "case.flags_changed", case_id=case.id, detail=",".join(sorted(changes))
        )
    return case


def raised_flags(case: Case) -> tuple[str, ...]:
    """The risk flags raised on a case, in ``FLAGS`` order, and ``no_naloxone`` last."""
    return _raised({key: getattr(case, key) for key, _label in FLAGS})


@dataclass(frozen=True, slots=True)
class CaseAtRisk:
    """An open case with a high latest triage or a raised risk flag (for the dashboard)."""

    case_id: str
    reference: str
    client_name: str
    triage: RiskLevel | None
    flags: tuple[str, ...]


def cases_at_risk(session: Session) -> list[CaseAtRisk]:
    """Open cases whose latest screen is high or that carry a risk flag; high triage first."""
    latest = (
        select(RiskScreen.case_id, func.max(RiskScreen.screened_at).label("at"))
        .group_by(RiskScreen.case_id)
        .subquery()
    )
    flag_columns = [getattr(Case, key) for key, _label in FLAGS]
    query = (
        select(Case.id, Case.reference, Client.full_name, RiskScreen.triage, *flag_columns)
        .join(Client, Client.case_id == Case.id)
        .outerjoin(latest, latest.c.case_id == Case.id)
        .outerjoin(
            RiskScreen,
            and_(RiskScreen.case_id == Case.id, RiskScreen.screened_at == latest.c.at),
        )
        .where(
            Case.archived_at.is_(None),
            or_(RiskScreen.triage == RiskLevel.HIGH, *(getattr(Case, k) for k in RISK_FLAGS)),
        )
    )
    found: dict[str, CaseAtRisk] = {}
    for case_id, reference, name, level, *flags in session.execute(query):
        values = dict(zip((key for key, _label in FLAGS), flags, strict=True))
        found[case_id] = CaseAtRisk(case_id, reference, name, level, _raised(values))
    return sorted(found.values(), key=lambda r: (r.triage is not RiskLevel.HIGH, r.reference))


# ASAM ratings ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AsamGiven:
    rating: int
    notes: str
    rated_at: datetime
    rated_by: str


@dataclass(frozen=True, slots=True)
class AsamRow:
    """One dimension: its current rating and the one before it, side by side."""

    dimension: AsamDimension
    current: AsamGiven | None
    previous: AsamGiven | None
    history: tuple[AsamGiven, ...]
    """Every rating given, newest first."""


def rate_asam(
    session: Session,
    case_id: str,
    ratings: Mapping[AsamDimension | str, tuple[int, str]],
    *,
    by: str | None = None,
    at: datetime | None = None,
) -> list[AsamRating]:
    """Rate some or all dimensions (0 to 4, with a note); earlier ratings stay in the history."""
    case = find_case(session, case_id)
    current = {rating.dimension: rating for rating in case.asam_ratings}
    now = at or utcnow()
    who = by if by is not None else audit.current_actor(session)
    saved = []
    for raw, (value, notes) in ratings.items():
        try:
            dimension = AsamDimension(raw)
        except ValueError as exc:
            raise InvalidInput("That is not one of the six ASAM dimensions.") from exc
        record = current.get(dimension)
        if record is None:
            record = AsamRating(case_id=case.id, dimension=dimension)
            case.asam_ratings.append(record)
        apply_changes(record, {"rating": value, "notes": notes}, {"rating", "notes"})
        case.asam_history.append(
            AsamRatingEntry(
                dimension=dimension, rating=value, notes=notes, rated_at=now, rated_by=who
            )
        )
        saved.append(record)
    session.flush()
    audit.record(session, "asam.rated", case_id=case.id, detail=f"{len(saved)} dimensions")
    return saved


def asam_rows(case: Case) -> list[AsamRow]:
    """The six dimensions in order. A rating from before the history was kept shows as the
    current one, dated when it was last changed, with nothing before it."""
    history: dict[AsamDimension, list[AsamGiven]] = {d: [] for d in AsamDimension}
    for entry in sorted(case.asam_history, key=lambda e: e.rated_at, reverse=True):
        history[entry.dimension].append(
            AsamGiven(entry.rating, entry.notes, entry.rated_at, entry.rated_by)
        )
    current = {rating.dimension: rating for rating in case.asam_ratings}
    rows = []
    for dimension in AsamDimension:
        given = history[dimension]
        if not given and dimension in current:
            old = current[dimension]
            given = [AsamGiven(old.rating, old.notes, old.updated_at, "")]
        rows.append(
            AsamRow(
                dimension=dimension,
                current=given[0] if given else None,
                previous=given[1] if len(given) > 1 else None,
                history=tuple(given),
            )
        )
    return rows


# The page's one read -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SafetyView:
    """Everything the Safety page shows, read in one session."""

    case_id: str
    reference: str
    screens: tuple[ScreenRow, ...]
    plan: tuple[tuple[str, str], ...] | None
    """(step key, text) of the current plan; None before the first save."""
    plan_revisions: tuple[PlanRevisionRow, ...]
    flags: tuple[tuple[str, bool], ...]
    """(flag key, set) for every flag in ``FLAGS`` order."""
    raised: tuple[str, ...]
    asam: tuple[AsamRow, ...]


def safety_view(session: Session, case_id: str) -> SafetyView:
    case = find_case(session, case_id)
    return SafetyView(
        case_id=case.id,
        reference=case.reference,
        screens=tuple(screen_rows(session, case.id)),
        plan=_steps_of(case.safety_plan) if case.safety_plan is not None else None,
        plan_revisions=tuple(plan_revisions(session, case.id)),
        flags=tuple((key, bool(getattr(case, key))) for key, _label in FLAGS),
        raised=raised_flags(case),
        asam=tuple(asam_rows(case)),
    )


def get_screen(session: Session, screen_id: str) -> RiskScreen:
    return get_record(session, RiskScreen, screen_id, "screen")

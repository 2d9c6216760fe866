"""The demo workspace: fictional cases for trying the app, dated around today."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from interventiondesk.model import (
    AsamDimension,
    AsamRating,
    AttendeeResponse,
    Case,
    Event,
    EventAttendee,
    EventKind,
    FollowUpTask,
    Letter,
    LetterKind,
    LetterStatus,
    LogisticsStatus,
    Objection,
    Outcome,
    OutcomeResult,
    Participant,
    ParticipantRole,
    RiskLevel,
    RiskScreen,
    SafetyPlan,
    utcnow,
)
from interventiondesk.services import settings
from interventiondesk.services.cases import (
    add_concern,
    add_observation,
    archive_case,
    create_case,
    update_client,
)
from interventiondesk.services.demo_families import (
    ASHGROVE,
    BRIGHTWATER,
    FERNSBY,
    PENNYWHISTLE,
    WRENFIELD,
)
from interventiondesk.services.demo_stories import COUNSELOR, MARBLETON, QUILLFEATHER

if TYPE_CHECKING:
    from interventiondesk.storage.database import Database
    from interventiondesk.storage.workspace import Workspace

STORIES: tuple[dict[str, Any], ...] = (
    MARBLETON,
    QUILLFEATHER,
    BRIGHTWATER,
    PENNYWHISTLE,
    ASHGROVE,
    WRENFIELD,
    FERNSBY,
)
"""Every kind (crisis, planned, family) and every model, one case held and one archived."""


def _at(day: date, clock: str, zone: str) -> datetime:
    """A wall-clock time on a day in a time zone, as an aware UTC datetime."""
    hours, minutes = (int(part) for part in clock.split(":"))
    local = datetime.combine(day, time(hours, minutes), tzinfo=ZoneInfo(zone))
    return local.astimezone(UTC)


def _add_roster(case: Case, story: dict[str, Any]) -> list[Participant]:
    roster = [
        Participant(position=n, **{**person, "role": ParticipantRole(person["role"])})
        for n, person in enumerate(story["participants"])
    ]
    case.participants.extend(roster)
    return roster


def _add_letters(case: Case, story: dict[str, Any], roster: list[Participant]) -> None:
    reviewed_at = utcnow() - timedelta(days=1)
    for letter in story.get("letters", []):
        fields = dict(letter)
        author = roster[fields.pop("author")]
        reader = fields.pop("reader", None)
        status = LetterStatus(fields.pop("status"))
        fields["kind"] = LetterKind(fields.get("kind", LetterKind.MAIN))
        done = status is not LetterStatus.DRAFT
        case.letters.append(
            Letter(
                author_id=author.id,
                reader_id=roster[reader].id if reader is not None else None,
                status=status,
                reviewed_by=COUNSELOR if done else "",
                reviewed_at=reviewed_at if done else None,
                reading_position=fields.pop("position", None),
                **fields,
            )
        )
    for position, (objection, answer, by) in enumerate(story.get("objections", [])):
        answered_by = roster[by].id if by is not None else None
        case.objections.append(
            Objection(
                objection=objection, answer=answer, answered_by_id=answered_by, position=position
            )
        )


def _add_events(
    case: Case, story: dict[str, Any], roster: list[Participant], today: date
) -> dict[EventKind, Event]:
    zone = story["timezone"]
    by_kind: dict[EventKind, Event] = {}
    for spec in story["events"]:
        event = Event(
            kind=EventKind(spec["kind"]),
            title=spec["title"],
            starts_at=_at(today + timedelta(days=spec["in_days"]), spec["at"], zone),
            duration_minutes=spec["minutes"],
            timezone=zone,
            place=spec["place"],
            is_video=spec.get("video", False),
            skills_practised=spec.get("skills", ""),
        )
        answer = AttendeeResponse.CONFIRMED if spec["in_days"] <= 3 else AttendeeResponse.INVITED
        event.attendees.extend(
            EventAttendee(participant_id=roster[n].id, response=answer) for n in spec["attendees"]
        )
        case.events.append(event)
        by_kind[event.kind] = event
    return by_kind


def _add_outcomes(
    case: Case,
    story: dict[str, Any],
    roster: list[Participant],
    events: dict[EventKind, Event],
    today: date,
) -> None:
    meeting = events.get(EventKind.INTERVENTION)
    for key in ("outcome", "later_outcome"):
        spec = story.get(key)
        if spec is None:
            continue
        day = today + timedelta(days=spec["in_days"])
        admitted = spec["result"] == OutcomeResult.ADMITTED
        case.outcomes.append(
            Outcome(
                event_id=meeting.id if meeting is not None and key == "outcome" else None,
                result=OutcomeResult(spec["result"]),
                occurred_on=day,
                admitted_to=spec["admitted_to"],
                entry_on=day if admitted else None,
                notes=spec["notes"],
            )
        )
    for title, due, done, who in story.get("follow_ups", []):
        case.follow_ups.append(
            FollowUpTask(
                title=title,
                due_on=today + timedelta(days=due),
                done_at=_at(today + timedelta(days=done), "12:00", "UTC") if done else None,
                participant_id=roster[who].id if who is not None else None,
            )
        )


def _add_safety(case: Case, story: dict[str, Any]) -> None:
    if "risk_screen" in story:
        screen = dict(story["risk_screen"])
        screen["triage"] = RiskLevel(screen["triage"])
        case.risk_screens.append(
            RiskScreen(screened_at=utcnow() - timedelta(days=2), screened_by=COUNSELOR, **screen)
        )
    if "safety_plan" in story:
        case.safety_plan = SafetyPlan(**story["safety_plan"])
    for dimension, rating in zip(AsamDimension, story.get("asam", []), strict=False):
        case.asam_ratings.append(AsamRating(dimension=dimension, rating=rating))


def _add_story(session: Session, story: dict[str, Any], today: date) -> Case:
    plan = dict(story["case"])
    client = dict(story["client"])
    case = create_case(
        session,
        client_name=client.pop("full_name"),
        kind=plan.pop("kind"),
        model=plan.pop("model"),
        counselor=COUNSELOR,
        **plan,
    )
    update_client(session, case.id, client)
    zone = story["timezone"]
    if "intake_in_days" in story:
        case.intake_at = _at(today + timedelta(days=story["intake_in_days"]), "14:00", zone)
        case.intake_timezone = zone
    for concern, name, details in story["concerns"]:
        add_concern(session, case.id, concern, name, details)
    for days, sign, text in story["observations"]:
        add_observation(session, case.id, text, sign=sign, observed_on=today + timedelta(days))
    roster = _add_roster(case, story)
    session.flush()
    _add_letters(case, story, roster)
    events = _add_events(case, story, roster, today)
    session.flush()
    _add_outcomes(case, story, roster, events, today)
    _add_safety(case, story)
    for item in case.logistics[: story["logistics_done"]]:
        item.status = LogisticsStatus.DONE
    if "archived_days_ago" in story:
        archive_case(session, case.id)
        case.archived_at = utcnow() - timedelta(days=story["archived_days_ago"])
    session.flush()
    return case


def add_demo_cases(session: Session, *, today: date | None = None) -> list[Case]:
    """Add the fictional demonstration cases; dates are counted from ``today``."""
    day = today or date.today()
    return [_add_story(session, story, day) for story in STORIES]


def create_demo_workspace(workspace: Workspace) -> Database:
    """Create the separate demo workspace, fill it, and return it open."""
    db = workspace.create_demo()
    try:
        with db.session(write=True) as session:
            settings.put(session, settings.COUNSELOR_NAME, COUNSELOR)
            add_demo_cases(session)
    except BaseException:
        db.close()
        raise
    return db

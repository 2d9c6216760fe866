"""The demo workspace: fictional cases for trying the app, dated around today."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from interventiondesk.model import (
    AsamDimension,
    AsamRating,
    AsamRatingEntry,
    AttendeeResponse,
    BottomLineCheck,
    Case,
    Consent,
    ConsentKind,
    Event,
    EventAttendee,
    EventKind,
    FollowThrough,
    FollowUpTask,
    HandoffSection,
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
    SafetyPlanRevision,
    utcnow,
)
from interventiondesk.model.consent import join_sections
from interventiondesk.resources import resource_path
from interventiondesk.services import settings
from interventiondesk.services.cases import (
    add_concern,
    add_observation,
    archive_case,
    create_case,
    update_client,
)

if TYPE_CHECKING:
    from interventiondesk.storage.database import Database
    from interventiondesk.storage.workspace import Workspace

DEMO_FOLDER = "demo"
"""resources/demo/: demo.json names the counselor and the case files, one file per family."""


@dataclass(frozen=True)
class DemoStories:
    """The demo as written in resources/demo/: its counselor and each family's story."""

    counselor: str
    stories: tuple[dict[str, Any], ...]


def _read(name: str) -> Any:
    return json.loads(resource_path(DEMO_FOLDER, name).read_text(encoding="utf-8"))


def demo_stories() -> DemoStories:
    """Every kind (crisis, planned, family) and every model, one case held and one archived."""
    index = _read("demo.json")
    return DemoStories(index["counselor"], tuple(_read(name) for name in index["cases"]))


def _person(roster: list[Participant], name: str) -> Participant:
    """The participant a story names (authors, readers, attendees are named, not numbered)."""
    for person in roster:
        if person.name == name:
            return person
    raise ValueError(f"A demo story names someone who is not on its roster: {name}")


def _person_id(roster: list[Participant], name: str | None) -> str | None:
    return _person(roster, name).id if name is not None else None


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


def _add_letters(
    case: Case, story: dict[str, Any], roster: list[Participant], counselor: str
) -> None:
    reviewed_at = utcnow() - timedelta(days=1)
    for letter in story.get("letters", []):
        fields = dict(letter)
        author = _person(roster, fields.pop("author"))
        reader_id = _person_id(roster, fields.pop("read_by", None))
        status = LetterStatus(fields.pop("status"))
        fields["kind"] = LetterKind(fields.get("kind", LetterKind.MAIN))
        done = status is not LetterStatus.DRAFT
        case.letters.append(
            Letter(
                author_id=author.id,
                reader_id=reader_id,
                status=status,
                reviewed_by=counselor if done else "",
                reviewed_at=reviewed_at if done else None,
                reading_position=fields.pop("reading_position", None),
                **fields,
            )
        )
    for position, spec in enumerate(story.get("objections", [])):
        case.objections.append(
            Objection(
                objection=spec["objection"],
                answer=spec["answer"],
                answered_by_id=_person_id(roster, spec.get("answered_by")),
                position=position,
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
            EventAttendee(participant_id=_person_id(roster, name), response=answer)
            for name in spec["attendees"]
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
    for task in story.get("follow_ups", []):
        done = task.get("done_in_days")
        case.follow_ups.append(
            FollowUpTask(
                title=task["title"],
                due_on=today + timedelta(days=task["due_in_days"]),
                done_at=_at(today + timedelta(days=done), "12:00", "UTC") if done else None,
                participant_id=_person_id(roster, task.get("participant")),
            )
        )
    for check in story.get("bottom_line_checks", []):
        person = _person(roster, check["participant"])
        case.bottom_line_checks.append(
            BottomLineCheck(
                participant_id=person.id,
                status=FollowThrough(check["status"]),
                noted_on=today + timedelta(days=check["in_days"]),
                notes=check.get("notes", ""),
            )
        )
        person.bottom_line_kept = check["status"] == FollowThrough.KEPT


def _add_safety(case: Case, story: dict[str, Any], counselor: str, today: date) -> None:
    if "risk_screen" in story:
        screen = dict(story["risk_screen"])
        screen["triage"] = RiskLevel(screen["triage"])
        case.risk_screens.append(
            RiskScreen(screened_at=utcnow() - timedelta(days=2), screened_by=counselor, **screen)
        )
    if "safety_plan" in story:
        case.safety_plan = SafetyPlan(**story["safety_plan"])
        case.safety_plan_revisions.append(
            SafetyPlanRevision(
                revised_at=utcnow() - timedelta(days=2),
                revised_by=counselor,
                **story["safety_plan"],
            )
        )
    earlier = story.get("asam_before")
    if earlier is not None:
        rated_at = _at(today + timedelta(days=earlier["in_days"]), "11:00", story["timezone"])
        for dimension, rating in earlier["ratings"].items():
            case.asam_history.append(
                AsamRatingEntry(
                    dimension=AsamDimension(dimension),
                    rating=rating,
                    rated_at=rated_at,
                    rated_by=counselor,
                )
            )
    for dimension, rating in story.get("asam", {}).items():
        case.asam_ratings.append(AsamRating(dimension=AsamDimension(dimension), rating=rating))
        case.asam_history.append(
            AsamRatingEntry(
                dimension=AsamDimension(dimension),
                rating=rating,
                rated_at=utcnow() - timedelta(days=2),
                rated_by=counselor,
            )
        )


def _days(today: date, days: int | None) -> date | None:
    return today + timedelta(days=days) if days is not None else None


def _add_consents(case: Case, story: dict[str, Any], client_name: str, today: date) -> None:
    """Consents signed by the client (or not yet), recipients one per line, the right to
    revoke explained whenever the consent is signed."""
    for spec in story.get("consents", []):
        signed_on = _days(today, spec["signed_in_days"])
        case.consents.append(
            Consent(
                kind=ConsentKind(spec["kind"]),
                patient_name=client_name,
                discloser=spec["discloser"],
                information=spec["information"],
                recipients="\n".join(spec["recipients"]),
                purpose=spec["purpose"],
                revocation_explained=signed_on is not None,
                expires_on=_days(today, spec["expires_in_days"]),
                expiry_event=spec["expiry_event"],
                signed_by=spec["signed_by"],
                signed_on=signed_on,
                signature_method=spec["signature_method"],
                sections=join_sections(HandoffSection(name) for name in spec["sections"]),
            )
        )


def _add_story(session: Session, story: dict[str, Any], today: date, counselor: str) -> Case:
    plan = dict(story["case"])
    client = dict(story["client"])
    case = create_case(
        session,
        client_name=client.pop("full_name"),
        kind=plan.pop("kind"),
        model=plan.pop("model"),
        counselor=counselor,
        **plan,
    )
    update_client(session, case.id, client)
    zone = story["timezone"]
    if "intake_in_days" in story:
        case.intake_at = _at(today + timedelta(days=story["intake_in_days"]), "14:00", zone)
        case.intake_timezone = zone
    for concern in story["concerns"]:
        add_concern(session, case.id, concern["category"], concern["name"], concern["details"])
    for seen in story["observations"]:
        day = today + timedelta(days=seen["in_days"])
        add_observation(session, case.id, seen["text"], sign=seen["sign"], observed_on=day)
    roster = _add_roster(case, story)
    session.flush()
    _add_letters(case, story, roster, counselor)
    events = _add_events(case, story, roster, today)
    session.flush()
    _add_outcomes(case, story, roster, events, today)
    _add_safety(case, story, counselor, today)
    _add_consents(case, story, story["client"]["full_name"], today)
    done = story["logistics_done"]
    for item in case.logistics[: None if done == "all" else done]:
        item.status = LogisticsStatus.DONE
    if "archived_days_ago" in story:
        archive_case(session, case.id)
        case.archived_at = utcnow() - timedelta(days=story["archived_days_ago"])
    session.flush()
    return case


def add_demo_cases(session: Session, *, today: date | None = None) -> list[Case]:
    """Add the fictional demonstration cases; dates are counted from ``today``."""
    day = today or date.today()
    demo = demo_stories()
    return [_add_story(session, story, day, demo.counselor) for story in demo.stories]


def create_demo_workspace(workspace: Workspace) -> Database:
    """Create the separate demo workspace, fill it, and return it open."""
    db = workspace.create_demo()
    try:
        with db.session(write=True) as session:
            settings.put(session, settings.COUNSELOR_NAME, demo_stories().counselor)
            add_demo_cases(session)
    except BaseException:
        db.close()
        raise
    return db

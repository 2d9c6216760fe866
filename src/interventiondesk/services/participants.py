"""The case roster: add, edit, soft-remove, restore and reorder participants, and team warnings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from interventiondesk.errors import InvalidInput, NotFound
from interventiondesk.model import Case, InterventionModel, Participant, ParticipantRole, utcnow
from interventiondesk.services.availability import WeeklyWindow, weekly_window
from interventiondesk.services.records import (
    apply_changes,
    editable_columns,
    get_record,
    in_given_order,
    renumber,
)

PARTICIPANT_FIELDS = editable_columns(Participant, "position")

# Roles that are part of the team the client faces; professionals and observers are not.
TEAM_ROLES = frozenset(
    {
        ParticipantRole.CHAIRPERSON,
        ParticipantRole.DETAIL_PERSON,
        ParticipantRole.READER,
        ParticipantRole.CLOSER,
    }
)


@dataclass(frozen=True, slots=True)
class TeamShape:
    """What a model expects of the team: its size and whether it names a chair and detail person."""

    team_min: int
    team_max: int
    needs_chair_and_detail: bool
    uses_letters: bool
    uses_bottom_line: bool


TEAM_SHAPES: Mapping[InterventionModel, TeamShape] = {
    InterventionModel.JOHNSON: TeamShape(4, 6, False, True, True),
    InterventionModel.LOVE_FIRST: TeamShape(3, 7, True, True, True),
    # The invitational network is wider, and the counselor convenes it step by step.
    InterventionModel.INVITATIONAL: TeamShape(2, 12, False, True, False),
    # CRAFT coaches one or two concerned family members; there is no meeting and no letter.
    InterventionModel.CRAFT: TeamShape(1, 2, False, False, False),
    InterventionModel.SYSTEMIC: TeamShape(2, 10, False, True, False),
}


@dataclass(frozen=True, slots=True)
class RosterWarning:
    """Something about the team the counselor should look at; names people by identity only."""

    code: str
    message: str
    participant_ids: tuple[str, ...] = ()
    numbers: tuple[int, ...] = ()
    """The counts the message states, so that a translated sentence can state them too."""


def team_shape(model: InterventionModel) -> TeamShape:
    return TEAM_SHAPES[model]


def roster(session: Session, case_id: str, *, removed: bool = False) -> list[Participant]:
    """The case's participants in roster order (or, with ``removed``, the removed ones)."""
    get_record(session, Case, case_id, "case")
    deleted = Participant.deleted_at.is_not(None) if removed else Participant.deleted_at.is_(None)
    return list(
        session.scalars(
            select(Participant)
            .where(Participant.case_id == case_id, deleted)
            .order_by(Participant.position, Participant.created_at)
        )
    )


def add_participant(session: Session, case_id: str, name: str, **fields: Any) -> Participant:
    """Add someone to the end of the roster. Extra keyword arguments set other fields."""
    case = get_record(session, Case, case_id, "case")
    if not name.strip():
        raise InvalidInput("A participant needs a name.")
    person = Participant(case_id=case.id, position=len(roster(session, case_id)))
    apply_changes(person, {"name": name, **fields}, PARTICIPANT_FIELDS)
    _keep_letter_only_absent(person, fields)
    session.add(person)
    session.flush()
    return person


def update_participant(
    session: Session, participant_id: str, changes: Mapping[str, Any]
) -> Participant:
    person = get_record(session, Participant, participant_id, "participant")
    if "name" in changes and not str(changes["name"] or "").strip():
        raise InvalidInput("A participant's name cannot be empty.")
    apply_changes(person, changes, PARTICIPANT_FIELDS)
    _keep_letter_only_absent(person, changes)
    return person


def _keep_letter_only_absent(person: Participant, changes: Mapping[str, Any]) -> None:
    # Choosing "letter only" means the person will not be in the room.
    if "role" in changes and person.role is ParticipantRole.LETTER_ONLY:
        person.attending = False


def remove_participant(session: Session, participant_id: str) -> Participant:
    """Take someone off the roster; their letters stay and come back if they are restored."""
    person = get_record(session, Participant, participant_id, "participant")
    if person.deleted_at is None:
        person.deleted_at = utcnow()
        renumber(roster(session, person.case_id))
    return person


def restore_participant(session: Session, participant_id: str) -> Participant:
    person = get_record(session, Participant, participant_id, "participant")
    if person.deleted_at is not None:
        person.deleted_at = None
        person.position = len(roster(session, person.case_id))
    return person


def reorder_participants(session: Session, case_id: str, ordered_ids: Sequence[str]) -> None:
    """Put the roster in the given order; the list must name every current participant once."""
    renumber(in_given_order(roster(session, case_id), ordered_ids, "participant"))


def move_participant(session: Session, participant_id: str, new_index: int) -> None:
    """Move one participant to ``new_index`` in the roster (clamped to the ends)."""
    person = get_record(session, Participant, participant_id, "participant")
    people = [p for p in roster(session, person.case_id) if p.id != person.id]
    people.insert(max(0, min(new_index, len(people))), person)
    renumber(people)


def roster_warnings(case: Case) -> list[RosterWarning]:
    """What the counselor should see about the team for this case's model."""
    return _team_warnings(case.model, [p for p in case.participants if p.deleted_at is None])


def _team_warnings(model: InterventionModel, people: Sequence[Participant]) -> list[RosterWarning]:
    """The warnings about ``people``, the case's current (not removed) participants."""
    shape = TEAM_SHAPES[model]
    team = [p for p in people if p.attending and p.role in TEAM_ROLES]
    warnings: list[RosterWarning] = []

    if shape.needs_chair_and_detail:
        for role, label in (
            (ParticipantRole.CHAIRPERSON, "chairperson, who runs the meeting"),
            (ParticipantRole.DETAIL_PERSON, "detail person, who handles the arrangements"),
        ):
            if not any(p.role is role for p in people):
                warnings.append(
                    RosterWarning(
                        f"missing_{role.value}",
                        f"This model uses a {label}; no one has that role yet.",
                    )
                )

    closers = tuple(p.id for p in people if p.role is ParticipantRole.CLOSER)
    if len(closers) > 1:
        warnings.append(
            RosterWarning(
                "several_closers",
                f"{len(closers)} people are marked as closer; only one person reads last.",
                closers,
            )
        )
    absent_closers = tuple(
        p.id for p in people if p.role is ParticipantRole.CLOSER and not p.attending
    )
    if absent_closers:
        warnings.append(
            RosterWarning(
                "closer_absent",
                "The closer is not marked as attending; the closer must be in the room.",
                absent_closers,
            )
        )

    if not shape.team_min <= len(team) <= shape.team_max:
        warnings.append(
            RosterWarning(
                "team_size",
                f"The team has {len(team)} attending "
                f"{'member' if len(team) == 1 else 'members'}; this model suggests "
                f"{shape.team_min} to {shape.team_max}.",
                numbers=(len(team), shape.team_min, shape.team_max),
            )
        )

    minors = tuple(p.id for p in people if p.is_minor and p.attending)
    if minors:
        warnings.append(
            RosterWarning(
                "minor_attending",
                "A minor is marked as attending. Children are usually kept out of the room; "
                "a letter read by someone else can carry their words.",
                minors,
            )
        )

    inconsistent = tuple(
        p.id for p in people if p.role is ParticipantRole.LETTER_ONLY and p.attending
    )
    if inconsistent:
        warnings.append(
            RosterWarning(
                "letter_only_attending",
                "Someone marked 'letter only' is also marked as attending.",
                inconsistent,
            )
        )
    return warnings


# The Participants page's view -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonView:
    """One participant as the Participants page shows them (field names are the columns')."""

    id: str
    name: str
    relationship_to_client: str
    phone: str
    email: str
    role: ParticipantRole
    attending: bool
    is_minor: bool
    availability_notes: str
    counselor_notes: str
    availability: tuple[WeeklyWindow, ...]


@dataclass(frozen=True, slots=True)
class RosterView:
    """Everything the Participants page shows of a case, read in one session."""

    case_id: str
    model: InterventionModel
    people: tuple[PersonView, ...]
    """The roster, in its order."""
    removed: tuple[PersonView, ...]
    """The removed participants, who can be restored, in roster order."""
    warnings: tuple[RosterWarning, ...]

    def person(self, participant_id: str | None) -> PersonView | None:
        """The current participant with that identity, if there is one."""
        return next((p for p in self.people if p.id == participant_id), None)


def _person_view(person: Participant) -> PersonView:
    return PersonView(
        id=person.id,
        name=person.name,
        relationship_to_client=person.relationship_to_client,
        phone=person.phone,
        email=person.email,
        role=person.role,
        attending=person.attending,
        is_minor=person.is_minor,
        availability_notes=person.availability_notes,
        counselor_notes=person.counselor_notes,
        availability=tuple(weekly_window(window) for window in person.availability),
    )


def roster_view(session: Session, case_id: str) -> RosterView:
    """The Participants page's view of a case: the case (one statement), everyone on its
    roster or removed from it (one), and their availability windows (one)."""
    case = get_record(session, Case, case_id, "case")
    everyone = session.scalars(
        select(Participant)
        .where(Participant.case_id == case_id)
        .order_by(Participant.position, Participant.created_at)
        .options(selectinload(Participant.availability))
    ).all()
    current = [p for p in everyone if p.deleted_at is None]
    return RosterView(
        case_id=case.id,
        model=case.model,
        people=tuple(_person_view(p) for p in current),
        removed=tuple(_person_view(p) for p in everyone if p.deleted_at is not None),
        warnings=tuple(_team_warnings(case.model, current)),
    )


def person_view(session: Session, participant_id: str) -> PersonView:
    """One participant with their availability windows (someone chosen on the page)."""
    person = session.scalar(
        select(Participant)
        .where(Participant.id == participant_id)
        .options(selectinload(Participant.availability))
    )
    if person is None:
        raise NotFound("That participant no longer exists (it may have been removed elsewhere).")
    return _person_view(person)

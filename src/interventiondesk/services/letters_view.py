"""What the Letters page shows of a case, read in one session into frozen plain values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from interventiondesk.model import (
    Case,
    InterventionModel,
    Letter,
    LetterKind,
    LetterStatus,
    Objection,
    Participant,
)
from interventiondesk.services.letter_templates import TemplateChoice, templates_for
from interventiondesk.services.letters import (
    TEXT_FIELDS,
    dictionary_words,
    in_reading_order,
    spelling_words,
)
from interventiondesk.services.participants import team_shape
from interventiondesk.services.records import get_record


@dataclass(frozen=True, slots=True)
class PersonRow:
    """Someone on the roster, as the page's lists of writers, readers and answerers offer them."""

    id: str
    name: str
    attending: bool


@dataclass(frozen=True, slots=True)
class LetterRow:
    """A letter in the page's list of letters (or of removed letters)."""

    id: str
    author: str
    kind: LetterKind
    status: LetterStatus
    author_id: str
    """Who writes it: the page starts new letters for the people who have none yet."""


@dataclass(frozen=True, slots=True)
class ReadingRow:
    """A letter in the reading order, with who reads it and how long it takes."""

    letter_id: str
    author: str
    reader: str | None
    """Who reads it aloud (the author when present), or None: it still needs a reader."""
    reads_own: bool
    is_closer: bool
    seconds: int
    status: LetterStatus


@dataclass(frozen=True, slots=True)
class ReadingView:
    """The reading order of each kind of letter, and the attending people who can read."""

    order: Mapping[LetterKind, tuple[ReadingRow, ...]]
    readers: tuple[PersonRow, ...]


@dataclass(frozen=True, slots=True)
class ObjectionRow:
    id: str
    objection: str
    answer: str
    answered_by_id: str | None


@dataclass(frozen=True, slots=True)
class ObjectionsView:
    """The client's likely objections in order, and the people who may answer them."""

    rows: tuple[ObjectionRow, ...]
    people: tuple[PersonRow, ...]


@dataclass(frozen=True, slots=True)
class LetterView:
    """One letter as the editor shows it, with the templates that suit its kind."""

    id: str
    kind: LetterKind
    author: str
    status: LetterStatus
    reviewed_by: str
    reviewed_at: datetime | None
    template_name: str
    texts: Mapping[str, str]
    """Every text section by name (those of the other kind are empty)."""
    minutes_limit: int
    templates: tuple[TemplateChoice, ...]


@dataclass(frozen=True, slots=True)
class EditorView:
    """What the letter editor shows: a letter (or none) and the words the spelling check
    accepts for the case."""

    letter: LetterView | None
    words: frozenset[str]


@dataclass(frozen=True, slots=True)
class LettersView:
    """Everything the Letters page shows of a case."""

    case_id: str
    reference: str
    model: InterventionModel
    minutes_limit: int
    seating_notes: str
    letters: tuple[LetterRow, ...]
    """The current letters of people on the roster, in roster order."""
    removed: tuple[LetterRow, ...]
    """Removed letters of people on the roster, which can be restored."""
    people: tuple[PersonRow, ...]
    kinds: tuple[LetterKind, ...]
    """The kinds of letter the case's model uses."""
    reading: ReadingView
    objections: ObjectionsView
    editor: EditorView


def letters_view(
    session: Session, case_id: str, letter_id: str | None = None, *, first_letter: bool = False
) -> LettersView:
    """Read what the Letters page shows. The editor's letter is ``letter_id``, or with
    ``first_letter`` the first in the list (none when the list is empty)."""
    case = _case(session, case_id)
    everyone = _everyone(session, case_id)
    letters = _letters(session, case_id)
    people = _people(everyone)
    current = [x for x in letters if x.deleted_at is None and x.author.deleted_at is None]
    removed = [x for x in letters if x.deleted_at is not None and x.author.deleted_at is None]
    if first_letter:
        letter_id = current[0].id if current else None
    return LettersView(
        case_id=case.id,
        reference=case.reference,
        model=case.model,
        minutes_limit=case.reading_minutes_limit,
        seating_notes=case.seating_notes,
        letters=tuple(_letter_row(x) for x in current),
        removed=tuple(_letter_row(x) for x in removed),
        people=people,
        kinds=tuple(
            k for k in LetterKind if k is LetterKind.MAIN or team_shape(case.model).uses_bottom_line
        ),
        reading=_reading(
            [x for x in letters if x.deleted_at is None],
            people,
        ),
        objections=ObjectionsView(_objection_rows(session, case_id), people),
        editor=_editor(session, case, everyone, letter_id),
    )


def editor_view(session: Session, case_id: str, letter_id: str | None) -> EditorView:
    """Read what the letter editor shows of ``letter_id`` (None: no letter) in a case."""
    case = _case(session, case_id)
    return _editor(session, case, _everyone(session, case_id), letter_id)


def reading_view(session: Session, case_id: str) -> ReadingView:
    """Read the reading order of each kind of letter and who can read."""
    get_record(session, Case, case_id, "case")
    letters = [x for x in _letters(session, case_id) if x.deleted_at is None]
    return _reading(letters, _people(_everyone(session, case_id)))


def objections_view(session: Session, case_id: str) -> ObjectionsView:
    """Read the case's likely objections and who may answer them."""
    get_record(session, Case, case_id, "case")
    return ObjectionsView(_objection_rows(session, case_id), _people(_everyone(session, case_id)))


def objection_row(session: Session, objection_id: str) -> ObjectionRow:
    return _objection_row(get_record(session, Objection, objection_id, "objection"))


# Reading ---------------------------------------------------------------------------------


def _case(session: Session, case_id: str) -> Case:
    """The case with its client (one statement), or NotFound said in words."""
    found = session.scalar(select(Case).options(joinedload(Case.client)).where(Case.id == case_id))
    return found if found is not None else get_record(session, Case, case_id, "case")


def _everyone(session: Session, case_id: str) -> list[Participant]:
    """Every participant of the case, removed ones too, in roster order."""
    return list(
        session.scalars(
            select(Participant)
            .where(Participant.case_id == case_id)
            .order_by(Participant.position, Participant.created_at)
        )
    )


def _people(everyone: Sequence[Participant]) -> tuple[PersonRow, ...]:
    return tuple(PersonRow(p.id, p.name, p.attending) for p in everyone if p.deleted_at is None)


def _letters(session: Session, case_id: str) -> list[Letter]:
    """Every letter of the case, removed ones too, with authors and readers, in the letter
    list's order (as ``letters_for_case``)."""
    return list(
        session.scalars(
            select(Letter)
            .join(Participant, Participant.id == Letter.author_id)
            .options(selectinload(Letter.author), selectinload(Letter.reader))
            .where(Letter.case_id == case_id)
            .order_by(Participant.position, Letter.kind, Letter.created_at)
        )
    )


def _letter_row(letter: Letter) -> LetterRow:
    return LetterRow(letter.id, letter.author.name, letter.kind, letter.status, letter.author_id)


def _reading(letters: Sequence[Letter], people: tuple[PersonRow, ...]) -> ReadingView:
    order = {
        kind: tuple(
            ReadingRow(
                letter_id=slot.letter.id,
                author=slot.author.name,
                reader=slot.reader.name if slot.reader else None,
                reads_own=slot.reader is not None and slot.reader.id == slot.author.id,
                is_closer=slot.is_closer,
                seconds=slot.seconds,
                status=slot.letter.status,
            )
            for slot in in_reading_order(letters, kind)
        )
        for kind in LetterKind
    }
    return ReadingView(order, tuple(p for p in people if p.attending))


def _objection_row(row: Objection) -> ObjectionRow:
    return ObjectionRow(row.id, row.objection, row.answer, row.answered_by_id)


def _objection_rows(session: Session, case_id: str) -> tuple[ObjectionRow, ...]:
    rows = session.scalars(
        select(Objection).where(Objection.case_id == case_id).order_by(Objection.position)
    )
    return tuple(_objection_row(row) for row in rows)


def _editor(
    session: Session, case: Case, everyone: Sequence[Participant], letter_id: str | None
) -> EditorView:
    names = [p.name for p in everyone] + [case.client.full_name, case.client.preferred_name]
    words = frozenset(spelling_words(names, dictionary_words(session)))
    if letter_id is None:
        return EditorView(None, words)
    letter = get_record(session, Letter, letter_id, "letter")
    shown = LetterView(
        id=letter.id,
        kind=letter.kind,
        author=letter.author.name,
        status=letter.status,
        reviewed_by=letter.reviewed_by,
        reviewed_at=letter.reviewed_at,
        template_name=letter.template_name,
        texts={name: getattr(letter, name) for name in TEXT_FIELDS},
        minutes_limit=case.reading_minutes_limit,
        templates=tuple(templates_for(session, case.model, letter.kind)),
    )
    return EditorView(shown, words)

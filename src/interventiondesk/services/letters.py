"""Letters, their review and reading order, the client's likely objections, spelling words."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from interventiondesk.errors import InvalidInput
from interventiondesk.limits import NOT_UNICODE_WORDS, holds_lone_surrogate
from interventiondesk.model import (
    LETTER_SECTIONS,
    Case,
    DictionaryWord,
    Letter,
    LetterKind,
    LetterStatus,
    Objection,
    Participant,
    ParticipantRole,
    utcnow,
)
from interventiondesk.services import audit
from interventiondesk.services.guidance import reading_seconds, word_count
from interventiondesk.services.participants import team_shape
from interventiondesk.services.records import (
    apply_changes,
    editable_columns,
    get_record,
    in_given_order,
    renumber,
)

TEXT_FIELDS = (*LETTER_SECTIONS, "bottom_line")
LETTER_FIELDS = frozenset({*TEXT_FIELDS, "template_name"})
OBJECTION_FIELDS = editable_columns(Objection, "position")

_NEXT_STATUS: Mapping[LetterStatus, frozenset[LetterStatus]] = {
    LetterStatus.DRAFT: frozenset({LetterStatus.REVIEWED}),
    LetterStatus.REVIEWED: frozenset({LetterStatus.DRAFT, LetterStatus.FINAL}),
    LetterStatus.FINAL: frozenset({LetterStatus.DRAFT}),
}
_STATUS_ACTION = {
    LetterStatus.DRAFT: "letter.reopened",
    LetterStatus.REVIEWED: "letter.reviewed",
    LetterStatus.FINAL: "letter.finalised",
}


def sections_of(kind: LetterKind) -> tuple[str, ...]:
    """The text sections a letter of this kind has, in reading order."""
    return LETTER_SECTIONS if kind is LetterKind.MAIN else ("bottom_line",)


def letter_text(letter: Letter) -> str:
    """The whole letter as it is read aloud: its sections in order, blank ones left out."""
    parts = (getattr(letter, name) for name in sections_of(letter.kind))
    return "\n\n".join(p for p in parts if p.strip())


def letter_words(letter: Letter) -> int:
    return sum(word_count(getattr(letter, name)) for name in sections_of(letter.kind))


def letter_seconds(letter: Letter) -> int:
    """Reading time aloud, at the pace the guidance rules assume."""
    return reading_seconds(letter_words(letter))


# Letters ---------------------------------------------------------------------------------


def letters_for_case(session: Session, case_id: str, *, removed: bool = False) -> list[Letter]:
    get_record(session, Case, case_id, "case")
    deleted = Letter.deleted_at.is_not(None) if removed else Letter.deleted_at.is_(None)
    return list(
        session.scalars(
            select(Letter)
            .join(Participant, Participant.id == Letter.author_id)
            .where(Letter.case_id == case_id, deleted)
            .order_by(Participant.position, Letter.kind, Letter.created_at)
        )
    )


def add_letter(
    session: Session, author_id: str, kind: LetterKind | str = LetterKind.MAIN
) -> Letter:
    """Start the author's letter of this kind; a removed one is brought back rather than lost."""
    author = get_record(session, Participant, author_id, "participant")
    letter_kind = LetterKind(kind)
    if letter_kind is LetterKind.BOTTOM_LINE and not team_shape(author.case.model).uses_bottom_line:
        raise InvalidInput("This case's model does not use separate bottom-line letters.")
    existing = session.scalar(
        select(Letter).where(Letter.author_id == author.id, Letter.kind == letter_kind)
    )
    if existing is not None:
        existing.deleted_at = None
        return existing
    letter = Letter(case_id=author.case_id, author_id=author.id, kind=letter_kind)
    session.add(letter)
    session.flush()
    return letter


def update_letter(session: Session, letter_id: str, changes: Mapping[str, Any]) -> Letter:
    """Save edits to the text. A final letter is locked; editing a reviewed one makes it a draft."""
    letter = get_record(session, Letter, letter_id, "letter")
    text_changed = any(
        name in TEXT_FIELDS and getattr(letter, name) != value for name, value in changes.items()
    )
    if text_changed and letter.status is LetterStatus.FINAL:
        raise InvalidInput("This letter is final. Reopen it as a draft to change its words.")
    apply_changes(letter, changes, LETTER_FIELDS)
    if text_changed and letter.status is LetterStatus.REVIEWED:
        _set_draft(letter)
    return letter


def _set_draft(letter: Letter) -> None:
    letter.status = LetterStatus.DRAFT
    letter.reviewed_by = ""
    letter.reviewed_at = None


def set_status(
    session: Session,
    letter_id: str,
    status: LetterStatus | str,
    *,
    reviewer: str | None = None,
    now: datetime | None = None,
) -> Letter:
    """Move a letter along draft -> reviewed -> final (or back to draft), recording who and when."""
    letter = get_record(session, Letter, letter_id, "letter")
    target = LetterStatus(status)
    if target is letter.status:
        return letter
    if target not in _NEXT_STATUS[letter.status]:
        raise InvalidInput(
            f"A {letter.status.value} letter cannot become {target.value} directly; "
            "letters go from draft to reviewed to final."
        )
    if target is not LetterStatus.DRAFT and letter_words(letter) == 0:
        raise InvalidInput("An empty letter cannot be reviewed or made final.")
    if target is LetterStatus.DRAFT:
        _set_draft(letter)
    else:
        letter.status = target
    if target is LetterStatus.REVIEWED:
        name = (reviewer or "").strip() or audit.current_actor(session)
        apply_changes(letter, {"reviewed_by": name[:200]}, {"reviewed_by"})
        letter.reviewed_at = (now or utcnow()).replace(microsecond=0)
    audit.record(
        session, _STATUS_ACTION[target], case_id=letter.case_id, detail=f"letter {letter.id}"
    )
    return letter


def remove_letter(session: Session, letter_id: str) -> Letter:
    letter = get_record(session, Letter, letter_id, "letter")
    if letter.deleted_at is None:
        letter.deleted_at = utcnow()
        letter.reading_position = None
    return letter


def restore_letter(session: Session, letter_id: str) -> Letter:
    letter = get_record(session, Letter, letter_id, "letter")
    letter.deleted_at = None
    return letter


def assign_reader(session: Session, letter_id: str, reader_id: str | None) -> Letter:
    """Choose who reads the letter aloud; None means the author reads it."""
    letter = get_record(session, Letter, letter_id, "letter")
    reader: Participant | None = None
    if reader_id is not None:
        reader = get_record(session, Participant, reader_id, "participant")
        if reader.case_id != letter.case_id or reader.deleted_at is not None:
            raise InvalidInput("The reader must be on this case's roster.")
        if reader.id == letter.author_id:
            reader = None
        elif not reader.attending:
            raise InvalidInput("The reader must be someone who attends the meeting.")
    letter.reader = reader
    session.flush()
    return letter


# Reading order ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReadingSlot:
    """One letter in the reading order, with who reads it and how long it takes."""

    letter: Letter
    author: Participant
    reader: Participant | None
    is_closer: bool
    words: int
    seconds: int

    @property
    def needs_reader(self) -> bool:
        """The author will not be in the room and nobody has been asked to read for them."""
        return self.reader is None


def _reader_of(letter: Letter) -> Participant | None:
    if letter.reader is not None and letter.reader.deleted_at is None:
        return letter.reader
    return letter.author if letter.author.attending else None


def reading_order(
    session: Session, case_id: str, kind: LetterKind | str = LetterKind.MAIN
) -> list[ReadingSlot]:
    """The letters in the order they are read; the closer's letter always comes last."""
    return in_reading_order(letters_for_case(session, case_id), LetterKind(kind))


def in_reading_order(letters: Iterable[Letter], kind: LetterKind) -> list[ReadingSlot]:
    """The reading order of ``kind`` among a case's current letters (loaded with their authors
    and readers): letters whose author was removed are left out, the closer's comes last."""
    chosen = [
        letter for letter in letters if letter.kind is kind and letter.author.deleted_at is None
    ]

    def key(letter: Letter) -> tuple[int, int, int]:
        closer = letter.author.role is ParticipantRole.CLOSER
        position = letter.reading_position if letter.reading_position is not None else 10**6
        return (int(closer), position, letter.author.position)

    return [
        ReadingSlot(
            letter=letter,
            author=letter.author,
            reader=_reader_of(letter),
            is_closer=letter.author.role is ParticipantRole.CLOSER,
            words=letter_words(letter),
            seconds=letter_seconds(letter),
        )
        for letter in sorted(chosen, key=key)
    ]


def reorder_reading(
    session: Session,
    case_id: str,
    ordered_letter_ids: Sequence[str],
    kind: LetterKind | str = LetterKind.MAIN,
) -> list[ReadingSlot]:
    """Set the reading order; the closer's letter stays last whatever place it was given."""
    current = [slot.letter for slot in reading_order(session, case_id, kind)]
    renumber(in_given_order(current, ordered_letter_ids, "letter"), "reading_position")
    session.flush()
    return reading_order(session, case_id, kind)


# Objections ------------------------------------------------------------------------------


def objections(session: Session, case_id: str) -> list[Objection]:
    get_record(session, Case, case_id, "case")
    return list(
        session.scalars(
            select(Objection).where(Objection.case_id == case_id).order_by(Objection.position)
        )
    )


def _check_answerer(session: Session, case_id: str, participant_id: str | None) -> None:
    if participant_id is None:
        return
    person = get_record(session, Participant, participant_id, "participant")
    if person.case_id != case_id or person.deleted_at is not None:
        raise InvalidInput("The person who answers must be on this case's roster.")


def add_objection(
    session: Session,
    case_id: str,
    objection: str = "",
    answer: str = "",
    answered_by_id: str | None = None,
) -> Objection:
    position = len(objections(session, case_id))
    _check_answerer(session, case_id, answered_by_id)
    row = Objection(case_id=case_id, position=position)
    changes = {"objection": objection, "answer": answer, "answered_by_id": answered_by_id}
    apply_changes(row, changes, OBJECTION_FIELDS)
    session.add(row)
    session.flush()
    return row


def update_objection(session: Session, objection_id: str, changes: Mapping[str, Any]) -> Objection:
    row = get_record(session, Objection, objection_id, "objection")
    if "answered_by_id" in changes:
        _check_answerer(session, row.case_id, changes["answered_by_id"])
    apply_changes(row, changes, OBJECTION_FIELDS)
    return row


def remove_objection(session: Session, objection_id: str) -> None:
    row = get_record(session, Objection, objection_id, "objection")
    case_id = row.case_id
    session.delete(row)
    session.flush()
    for index, other in enumerate(objections(session, case_id)):
        other.position = index


def reorder_objections(session: Session, case_id: str, ordered_ids: Sequence[str]) -> None:
    renumber(in_given_order(objections(session, case_id), ordered_ids, "objection"))


def move_objection(session: Session, objection_id: str, step: int) -> int:
    """Move an objection ``step`` places (negative: earlier), stopping at either end.

    Returns its new index in the list."""
    row = get_record(session, Objection, objection_id, "objection")
    ids = [other.id for other in objections(session, row.case_id)]
    index = ids.index(row.id)
    target = max(0, min(index + step, len(ids) - 1))
    ids.insert(target, ids.pop(index))
    reorder_objections(session, row.case_id, ids)
    return target


# Spelling words --------------------------------------------------------------------------


def dictionary_words(session: Session) -> list[str]:
    return list(session.scalars(select(DictionaryWord.word).order_by(DictionaryWord.word)))


def add_dictionary_word(session: Session, word: str) -> str:
    """Teach the spelling check a word (a name, a place, the counselor's own vocabulary)."""
    cleaned = word.strip()
    if not cleaned or any(ch.isspace() for ch in cleaned):
        raise InvalidInput("Add one word at a time, without spaces.")
    # The database's text functions end a text at NUL, so the look-up below would miss a
    # word holding one; no word holds a control character anyway.
    if any(unicodedata.category(ch) == "Cc" for ch in cleaned):
        raise InvalidInput("A dictionary word cannot hold control characters.")
    if len(cleaned) > 100:
        raise InvalidInput("A dictionary word can be at most 100 characters long.")
    if holds_lone_surrogate(cleaned):
        raise InvalidInput(f"The word {NOT_UNICODE_WORDS}; retype it.")
    found = session.scalar(
        select(DictionaryWord.word).where(func.casefold(DictionaryWord.word) == cleaned.casefold())
    )
    if found is not None:
        return found
    session.add(DictionaryWord(word=cleaned))
    session.flush()
    return cleaned


def remove_dictionary_word(session: Session, word: str) -> None:
    for row in session.scalars(
        select(DictionaryWord).where(func.casefold(DictionaryWord.word) == word.strip().casefold())
    ):
        session.delete(row)


def accepted_words(session: Session, case_id: str) -> set[str]:
    """Words the spelling check accepts for this case: family names and the dictionary."""
    case = get_record(session, Case, case_id, "case")
    names = [p.name for p in case.participants]
    names += [case.client.full_name, case.client.preferred_name]
    return spelling_words(names, dictionary_words(session))


def spelling_words(names: Iterable[str], dictionary: Iterable[str]) -> set[str]:
    """The words of people's names (hyphenated ones apart) and the dictionary's words."""
    words = {w for name in names for w in name.replace("-", " ").split()}
    return words | set(dictionary)

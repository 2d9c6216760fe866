"""The Letters page's view of a case: everything it shows, read in one session as plain values."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from interventiondesk.errors import NotFound
from interventiondesk.model import Base, InterventionModel, Letter, LetterKind, LetterStatus
from interventiondesk.services.cases import create_case, update_case
from interventiondesk.services.letter_templates import add_practice_template, templates_for
from interventiondesk.services.letters import (
    add_dictionary_word,
    add_letter,
    add_objection,
    assign_reader,
    letter_seconds,
    remove_letter,
    set_status,
    update_letter,
)
from interventiondesk.services.letters_view import (
    PersonRow,
    editor_view,
    letters_view,
    objection_row,
    objections_view,
    reading_view,
)
from interventiondesk.services.participants import add_participant, remove_participant
from interventiondesk.storage.database import Database

REVIEWED_AT = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)


@dataclass(frozen=True)
class Family:
    case_id: str
    people: dict[str, str]
    """Participant ids by name."""
    letters: dict[str, str]
    """Letter ids: "Ann" for Ann's letter, "Ann/bottom" for her bottom-line letter."""
    objections: list[str]


def realistic_case(db: Database, more_readers: int = 0) -> Family:
    """A Love First case as a counselor has it a week before the meeting: a team with a closer
    and a writer who will not attend, main and bottom-line letters (one reviewed, one read by
    someone else, one removed, one by a person taken off the roster), objections, a practice
    template and a dictionary word. ``more_readers`` adds readers with letters."""
    with db.session() as s:
        case_id = create_case(
            s, client_name="Robin Quillfeather", kind="planned", model="love_first"
        ).id
        update_case(s, case_id, {"seating_notes": "Ben by the door", "reading_minutes_limit": 4})
        team = [
            ("Ann", "reader"),
            ("Ben", "closer"),
            ("Cy", "letter_only"),
            ("Mary-Jo Dee", "reader"),
            ("Eve", "reader"),
            *((f"Reader {n}", "reader") for n in range(more_readers)),
        ]
        people = {name: add_participant(s, case_id, name, role=role).id for name, role in team}
        letters: dict[str, str] = {}
        for name, person in people.items():
            letters[name] = add_letter(s, person).id
            update_letter(s, letters[name], {"connection": f"Dear Robin, {name} here."})
        for name in ("Ann", "Ben", "Mary-Jo Dee"):
            letters[f"{name}/bottom"] = add_letter(s, people[name], "bottom_line").id
            update_letter(s, letters[f"{name}/bottom"], {"bottom_line": "No more rent."})
        update_letter(s, letters["Ann"], {"impact": "I lie awake.", "template_name": "Own"})
        set_status(s, letters["Ann"], "reviewed", reviewer="Sam Counselor", now=REVIEWED_AT)
        assign_reader(s, letters["Cy"], people["Mary-Jo Dee"])
        remove_letter(s, letters["Mary-Jo Dee/bottom"])
        remove_participant(s, people["Eve"])
        objections = [
            add_objection(s, case_id, "I'm not that bad.", "We saw the bottles.", people["Ann"]).id,
            add_objection(s, case_id, "Not now.", "The bed is ready today.", people["Ben"]).id,
            add_objection(s, case_id, "Who told you?", "", None).id,
        ]
        if "My practice" not in [t.name for t in templates_for(s, None)]:  # one per workspace
            add_practice_template(s, "My practice", model="love_first", sections={"impact": "x"})
        add_dictionary_word(s, "Quimbleton")
        return Family(case_id, people, letters, objections)


def plain(value: object) -> bool:
    """Whether ``value`` is made only of plain values: no mapped object anywhere in it."""
    if isinstance(value, Base):
        return False
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return all(plain(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, Mapping):
        return all(plain(k) and plain(v) for k, v in value.items())
    if isinstance(value, tuple | frozenset):
        return all(plain(item) for item in value)
    return value is None or isinstance(value, str | int | float | date | datetime)


def test_the_view_holds_everything_the_page_shows(db: Database) -> None:
    family = realistic_case(db)
    ids, people = family.letters, family.people
    with db.session() as s:
        view = letters_view(s, family.case_id, first_letter=True)
        ann_seconds = letter_seconds(s.get_one(Letter, ids["Ann"]))
    assert plain(view)
    assert view.case_id == family.case_id and view.reference.startswith("IN-")
    assert view.model is InterventionModel.LOVE_FIRST
    assert (view.minutes_limit, view.seating_notes) == (4, "Ben by the door")
    # The list: roster order, each writer's letters by kind; Eve's are gone with her.
    assert [(x.author, x.kind, x.status) for x in view.letters] == [
        ("Ann", LetterKind.BOTTOM_LINE, LetterStatus.DRAFT),
        ("Ann", LetterKind.MAIN, LetterStatus.REVIEWED),
        ("Ben", LetterKind.BOTTOM_LINE, LetterStatus.DRAFT),
        ("Ben", LetterKind.MAIN, LetterStatus.DRAFT),
        ("Cy", LetterKind.MAIN, LetterStatus.DRAFT),
        ("Mary-Jo Dee", LetterKind.MAIN, LetterStatus.DRAFT),
    ]
    assert view.letters[1].id == ids["Ann"]
    assert [(x.id, x.author) for x in view.removed] == [(ids["Mary-Jo Dee/bottom"], "Mary-Jo Dee")]
    assert view.people == (
        PersonRow(people["Ann"], "Ann", True),
        PersonRow(people["Ben"], "Ben", True),
        PersonRow(people["Cy"], "Cy", False),
        PersonRow(people["Mary-Jo Dee"], "Mary-Jo Dee", True),
    )
    assert view.kinds == (LetterKind.MAIN, LetterKind.BOTTOM_LINE)
    # The reading order of each kind: the closer last, the absent writer's reader named.
    main = view.reading.order[LetterKind.MAIN]
    assert [(r.author, r.reader, r.reads_own, r.is_closer) for r in main] == [
        ("Ann", "Ann", True, False),
        ("Cy", "Mary-Jo Dee", False, False),
        ("Mary-Jo Dee", "Mary-Jo Dee", True, False),
        ("Ben", "Ben", True, True),
    ]
    assert main[0].status is LetterStatus.REVIEWED and main[0].seconds == ann_seconds
    bottom = view.reading.order[LetterKind.BOTTOM_LINE]
    assert [r.letter_id for r in bottom] == [ids["Ann/bottom"], ids["Ben/bottom"]]
    assert [p.name for p in view.reading.readers] == ["Ann", "Ben", "Mary-Jo Dee"]
    # Objections in order, with who may answer them.
    assert [(o.id, o.objection, o.answer, o.answered_by_id) for o in view.objections.rows] == [
        (family.objections[0], "I'm not that bad.", "We saw the bottles.", people["Ann"]),
        (family.objections[1], "Not now.", "The bed is ready today.", people["Ben"]),
        (family.objections[2], "Who told you?", "", None),
    ]
    assert view.objections.people == view.people
    # The editor: the first letter of the list; or the one asked for, with its templates
    # (the model's own first) and the words the spelling check accepts.
    assert view.editor.letter is not None and view.editor.letter.id == ids["Ann/bottom"]
    with db.session() as s:
        letter = letters_view(s, family.case_id, ids["Ann"]).editor.letter
    assert letter is not None and letter.id == ids["Ann"]
    assert (letter.author, letter.kind, letter.status) == (
        "Ann",
        LetterKind.MAIN,
        LetterStatus.REVIEWED,
    )
    assert (letter.reviewed_by, letter.reviewed_at) == ("Sam Counselor", REVIEWED_AT)
    assert letter.texts["connection"] == "Dear Robin, Ann here."
    assert letter.texts["impact"] == "I lie awake." and letter.texts["bottom_line"] == ""
    assert (letter.template_name, letter.minutes_limit) == ("Own", 4)
    assert all(t.kind is LetterKind.MAIN for t in letter.templates)
    assert letter.templates[0].model is InterventionModel.LOVE_FIRST
    assert "My practice" in [t.name for t in letter.templates]
    # Names of everyone ever on the roster, the client's, and the dictionary.
    assert {"Ann", "Mary", "Jo", "Dee", "Eve", "Robin", "Quillfeather", "Quimbleton"} <= (
        view.editor.words
    )


def test_the_editor_shows_the_letter_asked_for_or_none(db: Database) -> None:
    family = realistic_case(db)
    with db.session() as s:
        chosen = letters_view(s, family.case_id, family.letters["Ben/bottom"])
        nothing = letters_view(s, family.case_id)
        editor = editor_view(s, family.case_id, family.letters["Cy"])
        empty = editor_view(s, family.case_id, None)
    assert chosen.editor.letter is not None
    assert chosen.editor.letter.kind is LetterKind.BOTTOM_LINE
    assert chosen.editor.letter.texts["bottom_line"] == "No more rent."
    assert all(t.kind is LetterKind.BOTTOM_LINE for t in chosen.editor.letter.templates)
    assert nothing.editor.letter is None and "Quimbleton" in nothing.editor.words
    assert editor.letter is not None and editor.letter.author == "Cy"
    assert empty.letter is None and empty.words == nothing.editor.words
    assert plain(editor) and plain(empty)


def test_reading_and_objections_views_follow_changes(db: Database) -> None:
    family = realistic_case(db)
    with db.session() as s:
        assign_reader(s, family.letters["Cy"], family.people["Ann"])
        moved = objections_view(s, family.case_id)
        reading = reading_view(s, family.case_id)
        row = objection_row(s, family.objections[1])
    cy = next(r for r in reading.order[LetterKind.MAIN] if r.author == "Cy")
    assert cy.reader == "Ann" and not cy.reads_own
    assert [r.id for r in moved.rows] == family.objections
    assert row == moved.rows[1]
    assert plain(reading) and plain(moved)


def test_a_model_without_bottom_lines_offers_only_letters(db: Database) -> None:
    family = realistic_case(db)
    with db.session() as s:
        update_case(s, family.case_id, {"model": "invitational"})
        view = letters_view(s, family.case_id)
    assert view.kinds == (LetterKind.MAIN,)


def test_an_unknown_case_or_letter_is_said_in_words(db: Database) -> None:
    family = realistic_case(db)
    with db.session() as s, pytest.raises(NotFound):
        letters_view(s, "no-such-case")
    with db.session() as s, pytest.raises(NotFound):
        editor_view(s, family.case_id, "no-such-letter")

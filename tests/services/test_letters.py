"""Letters: writing, review status, reading time, reading order, readers, objections, words."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from interventiondesk.errors import InvalidInput, NotFound
from interventiondesk.model import Letter, LetterStatus
from interventiondesk.services import audit
from interventiondesk.services.cases import create_case, update_client
from interventiondesk.services.letter_templates import (
    add_practice_template,
    apply_template,
    remove_practice_template,
    rename_practice_template,
    shipped_templates,
    template_from_letter,
    templates_for,
    update_practice_template,
)
from interventiondesk.services.letters import (
    accepted_words,
    add_dictionary_word,
    add_letter,
    add_objection,
    assign_reader,
    dictionary_words,
    letter_seconds,
    letter_text,
    letter_words,
    letters_for_case,
    move_objection,
    objections,
    reading_order,
    remove_dictionary_word,
    remove_letter,
    remove_objection,
    reorder_objections,
    reorder_reading,
    restore_letter,
    set_status,
    update_letter,
    update_objection,
)
from interventiondesk.services.participants import add_participant, remove_participant
from interventiondesk.storage.database import Database

HOSTILE = [
    "<b>&amp;</b> <script>alert('x')</script>",
    'She said "enough" & left',
    "أحبك كثيرا يا أخي",
    "אני אוהב אותך",
    "We laughed 😂🎉 all night",
    "",
]


def _setup(db: Database, model: str = "johnson") -> tuple[str, list[str]]:
    with db.session() as s:
        case = create_case(s, client_name="Robin Client", kind="planned", model=model)
        people = [
            add_participant(s, case.id, "Ann", role="reader").id,
            add_participant(s, case.id, "Ben", role="closer").id,
            add_participant(s, case.id, "Cy", role="reader").id,
            add_participant(s, case.id, "Dee", role="letter_only").id,
        ]
        return case.id, people


def test_sections_round_trip_hostile_text_and_a_50000_word_letter(db: Database) -> None:
    _case_id, people = _setup(db)
    huge = " ".join(["remember"] * 50_000)
    with db.session() as s:
        letter = add_letter(s, people[0])
        update_letter(
            s,
            letter.id,
            {
                "connection": HOSTILE[0] + "\n" + HOSTILE[2],
                "incidents": HOSTILE[1],
                "impact": HOSTILE[3] + HOSTILE[4],
                "request": huge,
            },
        )
        letter_id = letter.id
    with db.session() as s:
        letter = s.get(Letter, letter_id)
        assert letter is not None
        assert letter.connection == HOSTILE[0] + "\n" + HOSTILE[2]
        assert letter.impact == HOSTILE[3] + HOSTILE[4]
        assert letter.request == huge
        assert letter_words(letter) > 50_000
        assert letter_text(letter).startswith(HOSTILE[0])


def test_word_count_and_reading_time_arithmetic(db: Database) -> None:
    _case_id, people = _setup(db)
    with db.session() as s:
        letter = add_letter(s, people[0])
        update_letter(s, letter.id, {"connection": " ".join(["word"] * 130)})
        assert letter_words(letter) == 130
        assert letter_seconds(letter) == 60
        update_letter(s, letter.id, {"incidents": "don't well-being 2024"})
        assert letter_words(letter) == 133
        assert letter_seconds(letter) == 62  # 133 * 60 / 130 = 61.4, rounded up


def test_one_letter_per_author_and_kind_and_bottom_line_only_where_used(db: Database) -> None:
    case_id, people = _setup(db, "johnson")
    with db.session() as s:
        first = add_letter(s, people[0])
        assert add_letter(s, people[0]).id == first.id
        bottom = add_letter(s, people[0], "bottom_line")
        assert bottom.id != first.id
        remove_letter(s, first.id)
        assert [x.id for x in letters_for_case(s, case_id)] == [bottom.id]
        # Starting the letter again brings the removed one back with its words.
        assert add_letter(s, people[0]).id == first.id
    _, systemic = _setup(db, "systemic")
    with db.session() as s, pytest.raises(InvalidInput, match="bottom-line"):
        add_letter(s, systemic[0], "bottom_line")


def test_status_goes_draft_reviewed_final_with_reviewer_time_and_audit(db: Database) -> None:
    case_id, people = _setup(db)
    when = datetime(2026, 11, 27, 15, 30, tzinfo=UTC)
    with db.session() as s:
        letter = add_letter(s, people[0])
        with pytest.raises(InvalidInput, match="empty letter"):
            set_status(s, letter.id, "reviewed")
        update_letter(s, letter.id, {"connection": "I love you."})
        with pytest.raises(InvalidInput, match="draft to reviewed to final"):
            set_status(s, letter.id, "final")
        set_status(s, letter.id, "reviewed", reviewer="Counselor Kay", now=when)
        assert (letter.status, letter.reviewed_by, letter.reviewed_at) == (
            LetterStatus.REVIEWED,
            "Counselor Kay",
            when,
        )
        set_status(s, letter.id, "final")
        with pytest.raises(InvalidInput, match="final"):
            update_letter(s, letter.id, {"connection": "changed"})
        update_letter(s, letter.id, {"connection": "I love you."})  # same words: allowed
        set_status(s, letter.id, "draft")
        assert letter.reviewed_by == "" and letter.reviewed_at is None
        actions = [e.action for e in audit.events_for_case(s, case_id)]
        assert actions[-3:] == ["letter.reviewed", "letter.finalised", "letter.reopened"]
        for event in audit.events_for_case(s, case_id):
            assert "love" not in event.detail


def test_editing_a_reviewed_letter_returns_it_to_draft(db: Database) -> None:
    _, people = _setup(db)
    with db.session() as s:
        letter = add_letter(s, people[0])
        update_letter(s, letter.id, {"connection": "Hello."})
        set_status(s, letter.id, "reviewed")
        assert letter.reviewed_by  # the current counselor or OS user
        update_letter(s, letter.id, {"template_name": "x"})
        assert letter.status is LetterStatus.REVIEWED
        update_letter(s, letter.id, {"connection": "Hello again."})
        assert letter.status is LetterStatus.DRAFT


def test_reading_order_keeps_the_closer_last_and_reorders(db: Database) -> None:
    case_id, (ann, ben, cy, dee) = _setup(db)
    with db.session() as s:
        ids = {p: add_letter(s, p).id for p in (ann, ben, cy, dee)}
        assign_reader(s, ids[dee], cy)
    with db.session() as s:
        order = reading_order(s, case_id)
        assert [slot.author.name for slot in order] == ["Ann", "Cy", "Dee", "Ben"]
        assert order[-1].is_closer
        assert order[2].reader is not None and order[2].reader.name == "Cy"
        # Put the closer first: it still reads last.
        new = reorder_reading(s, case_id, [ids[ben], ids[dee], ids[cy], ids[ann]])
        assert [slot.author.name for slot in new] == ["Dee", "Cy", "Ann", "Ben"]
    with db.session() as s:
        assert [slot.author.name for slot in reading_order(s, case_id)] == [
            "Dee",
            "Cy",
            "Ann",
            "Ben",
        ]
        with pytest.raises(InvalidInput, match="exactly once"):
            reorder_reading(s, case_id, [ids[ann]])
        remove_participant(s, ann)
        assert [slot.author.name for slot in reading_order(s, case_id)] == ["Dee", "Cy", "Ben"]


def test_absent_authors_need_a_reader(db: Database) -> None:
    case_id, (ann, _ben, _cy, dee) = _setup(db)
    _, other = _setup(db)
    with db.session() as s:
        away = add_participant(s, case_id, "Away", attending=False).id
        letter = add_letter(s, dee)
        slot = reading_order(s, case_id)[0]
        assert slot.needs_reader and slot.reader is None
        with pytest.raises(InvalidInput, match="attends"):
            assign_reader(s, letter.id, away)
        assign_reader(s, letter.id, ann)
        assert not reading_order(s, case_id)[0].needs_reader
        assign_reader(s, letter.id, None)
        assert reading_order(s, case_id)[0].needs_reader
        assign_reader(s, letter.id, dee)  # the author: means "reads it themself"
        assert letter.reader_id is None
        with pytest.raises(InvalidInput, match="roster"):
            assign_reader(s, letter.id, other[0])


def test_bottom_line_letters_have_their_own_order(db: Database) -> None:
    case_id, (ann, ben, cy, _dee) = _setup(db, "love_first")
    with db.session() as s:
        add_letter(s, ann)
        b1 = add_letter(s, ben, "bottom_line")
        b2 = add_letter(s, cy, "bottom_line")
        update_letter(s, b1.id, {"bottom_line": "I will stop paying the rent."})
        assert [x.letter.id for x in reading_order(s, case_id, "bottom_line")] == [b2.id, b1.id]
        assert len(reading_order(s, case_id)) == 1


def test_removed_letters_can_be_restored(db: Database) -> None:
    case_id, people = _setup(db)
    with db.session() as s:
        letter = add_letter(s, people[0])
        remove_letter(s, letter.id)
        assert letters_for_case(s, case_id) == []
        assert letters_for_case(s, case_id, removed=True) == [letter]
        restore_letter(s, letter.id)
        assert letters_for_case(s, case_id) == [letter]
        with pytest.raises(NotFound):
            remove_letter(s, "no-such-letter")


def test_objections_with_hostile_text_and_order(db: Database) -> None:
    case_id, (ann, ben, *_rest) = _setup(db)
    _, other = _setup(db)
    with db.session() as s:
        rows = [add_objection(s, case_id, text, text, ann) for text in HOSTILE]
        update_objection(s, rows[0].id, {"answered_by_id": ben, "answer": "x" * 100_000})
        with pytest.raises(InvalidInput, match="roster"):
            update_objection(s, rows[1].id, {"answered_by_id": other[0]})
        with pytest.raises(InvalidInput, match="roster"):
            add_objection(s, case_id, "I can quit alone", answered_by_id=other[0])
    with db.session() as s:
        got = objections(s, case_id)
        assert [o.objection for o in got] == HOSTILE
        assert got[0].answer == "x" * 100_000 and got[0].answered_by_id == ben
        reorder_objections(s, case_id, [o.id for o in reversed(got)])
    with db.session() as s:
        assert [o.objection for o in objections(s, case_id)] == HOSTILE[::-1]
        remove_objection(s, objections(s, case_id)[0].id)
        assert [o.position for o in objections(s, case_id)] == list(range(len(HOSTILE) - 1))
        with pytest.raises(InvalidInput):
            reorder_objections(s, case_id, [])


def test_a_removed_participant_cannot_answer_an_objection(db: Database) -> None:
    case_id, (ann, ben, *_rest) = _setup(db)
    with db.session() as s:
        row = add_objection(s, case_id, "I am fine", "We see otherwise", ann)
        remove_participant(s, ben)
    with db.session() as s:
        with pytest.raises(InvalidInput, match="roster"):
            update_objection(s, row.id, {"answered_by_id": ben})
        with pytest.raises(InvalidInput, match="roster"):
            add_objection(s, case_id, "Not today", answered_by_id=ben)
        # The text of a row still saves when its answerer is left alone.
        update_objection(s, row.id, {"answer": "Today, please"})
    with db.session() as s:
        assert [(o.answer, o.answered_by_id) for o in objections(s, case_id)] == [
            ("Today, please", ann)
        ]


def test_dictionary_words_and_names_are_accepted(db: Database) -> None:
    case_id, _people = _setup(db)
    with db.session() as s:
        assert add_dictionary_word(s, " Oakhaven ") == "Oakhaven"
        assert add_dictionary_word(s, "oakhaven") == "Oakhaven"
        add_dictionary_word(s, "Łódź")
        for bad in ("two words", "", "z" * 101):
            with pytest.raises(InvalidInput):
                add_dictionary_word(s, bad)
        update_client(s, case_id, {"preferred_name": "Robbie-Lee"})
        words = accepted_words(s, case_id)
        assert {"Oakhaven", "Łódź", "Robin", "Client", "Robbie", "Lee", "Ann", "Dee"} <= words
        remove_dictionary_word(s, "OAKHAVEN")
        assert dictionary_words(s) == ["Łódź"]


def test_templates_per_model_apply_without_overwriting(db: Database) -> None:
    models = {t.model for t in shipped_templates() if t.kind.value == "main"}
    from interventiondesk.model import InterventionModel

    assert models == set(InterventionModel)
    _case_id, people = _setup(db, "love_first")
    with db.session() as s:
        choices = templates_for(s, InterventionModel.LOVE_FIRST)
        assert choices[0].model is InterventionModel.LOVE_FIRST
        letter = add_letter(s, people[0])
        update_letter(s, letter.id, {"connection": "My own words."})
        apply_template(s, letter.id, choices[0].name)
        assert letter.connection == "My own words."
        assert letter.incidents == choices[0].sections["incidents"].starter
        assert letter.template_name == choices[0].name
        bottom = [t for t in templates_for(s, InterventionModel.LOVE_FIRST, "bottom_line")]
        with pytest.raises(InvalidInput, match="other kind"):
            apply_template(s, letter.id, bottom[0].name)


def test_practice_templates(db: Database) -> None:
    _case_id, people = _setup(db)
    with db.session() as s:
        row = add_practice_template(
            s, "Grandparent <letter>", model="johnson", sections={"connection": HOSTILE[2]}
        )
        with pytest.raises(InvalidInput, match="already exists"):
            add_practice_template(s, "Grandparent <letter>")
        with pytest.raises(InvalidInput, match="already exists"):
            add_practice_template(s, shipped_templates()[0].name)
        names = [t.name for t in templates_for(s, None)]
        assert "Grandparent <letter>" in names
        letter = add_letter(s, people[1])
        apply_template(s, letter.id, "Grandparent <letter>")
        assert letter.connection == HOSTILE[2]
        copy = template_from_letter(s, letter.id, "From Ben")
        assert copy.connection == HOSTILE[2]
        remove_practice_template(s, row.id)
        assert "Grandparent <letter>" not in [t.name for t in templates_for(s, None)]


def test_objections_move_one_place_at_a_time_and_stop_at_the_ends(db: Database) -> None:
    case_id, _people = _setup(db)
    with db.session() as s:
        ids = [add_objection(s, case_id, text).id for text in ("first", "second", "third")]
        assert move_objection(s, ids[2], -1) == 1
        assert [o.objection for o in objections(s, case_id)] == ["first", "third", "second"]
        assert move_objection(s, ids[0], -1) == 0  # already first: stays
        assert move_objection(s, ids[0], 5) == 2  # clamped to the end
        assert [o.objection for o in objections(s, case_id)] == ["third", "second", "first"]
        assert [o.position for o in objections(s, case_id)] == [0, 1, 2]
        with pytest.raises(NotFound):
            move_objection(s, "no-such-objection", 1)


def test_practice_templates_can_be_renamed_and_letters_follow(db: Database) -> None:
    _case_id, people = _setup(db)
    with db.session() as s:
        row = add_practice_template(s, "Mine", model="johnson", sections={"connection": "Hi"})
        other = add_practice_template(s, "Other")
        letter = add_letter(s, people[0])
        apply_template(s, letter.id, "Mine")
        for taken in ("Other", shipped_templates()[0].name, " Other "):
            with pytest.raises(InvalidInput, match="already exists"):
                rename_practice_template(s, row.id, taken)
        for empty in ("", "   "):
            with pytest.raises(InvalidInput, match="needs a name"):
                rename_practice_template(s, row.id, empty)
        with pytest.raises(InvalidInput, match="must be text"):
            update_practice_template(s, row.id, {"name": 5})
        with pytest.raises(NotFound):
            rename_practice_template(s, "no-such-template", "X")
        hostile = " <b>&amp;</b> “שלום” 😂 "
        assert rename_practice_template(s, row.id, hostile).name == hostile.strip()
        assert rename_practice_template(s, row.id, hostile.strip()).name == hostile.strip()
        assert letter.template_name == hostile.strip()
        names = [t.name for t in templates_for(s, None)]
        assert hostile.strip() in names and "Mine" not in names
        remove_practice_template(s, other.id)
        remove_practice_template(s, row.id)
        assert [t for t in templates_for(s, None) if t.practice_id] == []
        assert letter.connection == "Hi"  # the letter keeps its words
        with pytest.raises(NotFound):
            remove_practice_template(s, row.id)


def test_dictionary_words_fold_case_beyond_ascii(db: Database) -> None:
    from interventiondesk.services.letters import (
        add_dictionary_word,
        dictionary_words,
        remove_dictionary_word,
    )

    with db.session() as s:
        assert add_dictionary_word(s, "Łucja") == "Łucja"
        assert add_dictionary_word(s, "ŁUCJA") == "Łucja"
        assert dictionary_words(s) == ["Łucja"]
        remove_dictionary_word(s, "łUCJA")
        assert dictionary_words(s) == []

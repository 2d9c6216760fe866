"""The three-way merge over case documents: one side, both sides, conflicts, removals."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interventiondesk.services.interchange import case_document
from interventiondesk.services.merge import (
    NOT_MERGED,
    WHOLE_RECORD,
    FlatRecord,
    MergeResult,
    Side,
    flatten,
    merge_case,
    merged_document,
)
from tests.services.test_interchange import build_full_case

Document = dict[str, Any]


@pytest.fixture(scope="module")
def demo_document(tmp_path_factory: pytest.TempPathFactory) -> Document:
    """A case with every kind of record the format has, as a document."""
    from interventiondesk.storage.workspace import Workspace
    from tests.conftest import PASSPHRASE, TEST_KDF

    folder = tmp_path_factory.mktemp("merge") / "workspace"
    db, _key = Workspace(folder).create(PASSPHRASE, kdf=TEST_KDF)
    try:
        with db.session(write=True) as session:
            document = case_document(build_full_case(session, "plain words"))
    finally:
        db.close()
    return document


@pytest.fixture
def base(demo_document: Document) -> Document:
    return copy.deepcopy(demo_document)


def records(document: Document, part: str) -> Iterator[dict[str, Any]]:
    """The editable records of one part of a document (nested lists included)."""
    if part in ("case", "client", "safety_plan"):
        if document[part] is not None:
            yield document[part]
        return
    if part == "availability":
        for person in document["participants"]:
            yield from person["availability"]
        return
    if part == "attendees":
        for event in document["events"]:
            yield from event["attendees"]
        return
    yield from document[part]


def first(document: Document, part: str) -> dict[str, Any]:
    return next(records(document, part))


def merged_fields(result: MergeResult) -> dict[str, dict[str, Any]]:
    return {i: dict(r.fields) for i, r in result.records.items()}


# A text field of each kind of record, to edit on one side.
TEXT_FIELDS = {
    "case": "goals",
    "client": "address",
    "safety_plan": "warning_signs",
    "concerns": "details",
    "observations": "text",
    "participants": "counselor_notes",
    "consents": "purpose",
    "events": "notes",
    "letters": "impact",
    "objections": "answer",
    "logistics": "notes",
    "outcomes": "notes",
    "follow_ups": "notes",
    "risk_screens": "notes",
    "asam_ratings": "notes",
    "bottom_line_checks": "notes",
    "safety_plan_revisions": "distraction",
    "asam_history": "notes",
    "disclosures": "purpose",
}


def test_the_demo_case_has_every_kind_of_record(base: Document) -> None:
    parts = {record.part for record in flatten(base).values()}
    assert parts >= set(TEXT_FIELDS) | {"availability", "attendees"}


@pytest.mark.parametrize("part", sorted(TEXT_FIELDS))
@pytest.mark.parametrize("side", ["mine", "theirs"])
def test_an_edit_on_one_side_is_taken(base: Document, part: str, side: str) -> None:
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    edited = mine if side == "mine" else theirs
    record = first(edited, part)
    record[TEXT_FIELDS[part]] = f"edited on {side}"
    result = merge_case(base, mine, theirs)
    assert result.conflicts == []
    assert result.records[record["id"]].fields[TEXT_FIELDS[part]] == f"edited on {side}"
    assert result.changed == (1 if side == "theirs" else 0)
    merged_document(result, base)  # still a valid case


def test_reading_order_and_attendance_are_merged_as_fields(base: Document) -> None:
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    letter = first(theirs, "letters")
    letter["reading_position"] = 7
    attendee = first(mine, "attendees")
    attendee["response"] = "declined" if attendee["response"] != "declined" else "accepted"
    result = merge_case(base, mine, theirs)
    assert result.conflicts == []
    assert result.records[letter["id"]].fields["reading_position"] == 7
    assert result.records[attendee["id"]].fields["response"] == attendee["response"]


def test_edits_of_different_fields_on_both_sides_are_both_kept(base: Document) -> None:
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["case"]["goals"] = "office goals"
    theirs["case"]["seating_notes"] = "kitchen seating"
    theirs["client"]["phone"] = "555 0100"
    result = merge_case(base, mine, theirs)
    assert result.conflicts == []
    case = result.records[base["case"]["id"]].fields
    assert (case["goals"], case["seating_notes"]) == ("office goals", "kitchen seating")
    assert result.records[base["client"]["id"]].fields["phone"] == "555 0100"


def test_the_same_change_on_both_sides_is_no_conflict(base: Document) -> None:
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["case"]["goals"] = theirs["case"]["goals"] = "agreed"
    result = merge_case(base, mine, theirs)
    assert result.conflicts == []
    assert result.records[base["case"]["id"]].fields["goals"] == "agreed"


def test_different_changes_to_one_field_are_a_conflict_never_settled_silently(
    base: Document,
) -> None:
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["case"]["goals"], theirs["case"]["goals"] = "office", "kitchen"
    theirs["case"]["updated_at"] = "2026-12-02T10:00:00Z"
    undecided = merge_case(base, mine, theirs)
    [conflict] = undecided.conflicts
    assert (conflict.part, conflict.field, conflict.mine, conflict.theirs) == (
        "case",
        "goals",
        "office",
        "kitchen",
    )
    assert conflict.theirs_changed_at == "2026-12-02T10:00:00Z"
    assert conflict.is_text
    assert undecided.records[base["case"]["id"]].fields["goals"] == "office"
    by_theirs = merge_case(base, mine, theirs, prefer=Side.THEIRS)
    assert by_theirs.records[base["case"]["id"]].fields["goals"] == "kitchen"
    by_mine = merge_case(base, mine, theirs, prefer=Side.MINE)
    assert by_mine.records[base["case"]["id"]].fields["goals"] == "office"
    assert len(by_theirs.conflicts) == len(by_mine.conflicts) == 1


def test_a_choice_field_in_conflict_cannot_be_kept_as_both(base: Document) -> None:
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["case"]["naloxone_on_hand"], theirs["case"]["naloxone_on_hand"] = True, False
    base["case"]["naloxone_on_hand"] = None
    [conflict] = merge_case(base, mine, theirs).conflicts
    assert not conflict.is_text


def test_records_added_on_either_side_are_added(base: Document) -> None:
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine_item = dict(first(base, "logistics"), id="00000000-0000-4000-8000-000000000001")
    their_item = dict(first(base, "logistics"), id="00000000-0000-4000-8000-000000000002")
    mine["logistics"].append(mine_item)
    theirs["logistics"].append(their_item)
    result = merge_case(base, mine, theirs)
    assert result.conflicts == []
    assert {mine_item["id"], their_item["id"]} <= result.records.keys()
    assert result.added == 1


def test_a_record_removed_on_one_side_and_untouched_on_the_other_is_removed(
    base: Document,
) -> None:
    for remover in ("mine", "theirs"):
        mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
        removed = (mine if remover == "mine" else theirs)["logistics"].pop(0)
        result = merge_case(base, mine, theirs)
        assert result.conflicts == []
        assert removed["id"] not in result.records
        assert result.removed == (1 if remover == "theirs" else 0)


def test_a_participant_removed_there_takes_their_availability_along(base: Document) -> None:
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    person = next(p for p in theirs["participants"] if p["availability"])
    untie_participant(theirs, person["id"])
    theirs["participants"].remove(person)
    untie_participant(mine, person["id"])
    untie_participant(base, person["id"])
    result = merge_case(base, mine, theirs)
    assert person["id"] not in result.records
    assert not any(w["id"] in result.records for w in person["availability"])
    merged_document(result, base)


def untie_participant(document: Document, person: str) -> None:
    """Remove what points at a participant, so that it may be removed."""
    document["letters"] = [
        letter for letter in document["letters"] if person not in (letter["author"],)
    ]
    for letter in document["letters"]:
        if letter["reader"] == person:
            letter["reader"] = None
    for name in ("follow_ups", "objections"):
        for item in document[name]:
            for ref in ("participant", "answered_by"):
                if item.get(ref) == person:
                    item[ref] = None
    document["bottom_line_checks"] = [
        c for c in document["bottom_line_checks"] if c["participant"] != person
    ]
    for event in document["events"]:
        event["attendees"] = [a for a in event["attendees"] if a["participant"] != person]


def test_soft_deletion_is_a_field_like_any_other(base: Document) -> None:
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    letter = first(theirs, "letters")
    letter["deleted_at"] = "2026-12-02T09:00:00Z"
    result = merge_case(base, mine, theirs)
    assert result.records[letter["id"]].fields["deleted_at"] == "2026-12-02T09:00:00Z"


def test_removed_here_and_changed_there_is_a_conflict_that_keeps_this_side(
    base: Document,
) -> None:
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    removed = mine["logistics"].pop(0)
    theirs["logistics"][0]["notes"] = "changed there"
    result = merge_case(base, mine, theirs)
    [conflict] = result.conflicts
    assert (conflict.field, conflict.mine, conflict.theirs["notes"]) == (
        WHOLE_RECORD,
        None,
        "changed there",
    )
    assert removed["id"] not in result.records
    back = merge_case(base, mine, theirs, prefer=Side.THEIRS)
    assert back.records[removed["id"]].fields["notes"] == "changed there"


def test_changed_here_and_removed_there_keeps_the_record_until_decided(base: Document) -> None:
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["logistics"][0]["notes"] = "changed here"
    removed = theirs["logistics"].pop(0)
    result = merge_case(base, mine, theirs)
    assert [c.field for c in result.conflicts] == [WHOLE_RECORD]
    assert result.records[removed["id"]].fields["notes"] == "changed here"
    assert removed["id"] not in merge_case(base, mine, theirs, prefer=Side.THEIRS).records


def test_without_a_base_every_difference_is_a_conflict_and_nothing_is_removed(
    base: Document,
) -> None:
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    theirs["case"]["goals"] = "there"
    gone = theirs["logistics"].pop(0)
    result = merge_case(None, mine, theirs)
    assert [(c.part, c.field) for c in result.conflicts] == [("case", "goals")]
    assert gone["id"] in result.records


def test_a_case_this_side_lacks_is_taken_whole(base: Document) -> None:
    result = merge_case(None, None, base)
    assert merged_fields(result) == {i: dict(r.fields) for i, r in flatten(base).items()}
    assert result.added == len(flatten(base))


def test_one_asam_dimension_rated_apart_on_both_sides_is_one_rating(base: Document) -> None:
    base["asam_ratings"] = []
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    rating = {
        "dimension": "biomedical",
        "rating": 2,
        "notes": "",
        "created_at": "2026-12-01T09:00:00Z",
        "updated_at": "2026-12-01T09:00:00Z",
    }
    mine["asam_ratings"].append({**rating, "id": "00000000-0000-4000-8000-00000000000a"})
    theirs["asam_ratings"].append(
        {**rating, "rating": 3, "id": "00000000-0000-4000-8000-00000000000b"}
    )
    result = merge_case(base, mine, theirs)
    assert [(c.part, c.field, c.mine, c.theirs) for c in result.conflicts] == [
        ("asam_ratings", "rating", 2, 3)
    ]
    merged_document(result, base)


# The property: no edit outside a conflict is ever lost -------------------------------------

EDITABLE = sorted(TEXT_FIELDS.items())
REMOVABLE = ("concerns", "observations", "logistics")
"""Lists no other record points at: any of their records may go."""
Edit = tuple[str, str, int, str, str]
"""(kind: "set" or "remove", part, record index, field, new value)."""


@st.composite
def edit_sequences(draw: st.DrawFn) -> list[Edit]:
    sets = st.tuples(
        st.just("set"),
        st.sampled_from(EDITABLE),
        st.integers(min_value=0, max_value=5),
        st.sampled_from(["a", "b", "c", "same"]),
    ).map(lambda t: (t[0], t[1][0], t[2], t[1][1], t[3]))
    removals = st.tuples(
        st.just("remove"), st.sampled_from(REMOVABLE), st.integers(min_value=0, max_value=5)
    ).map(lambda t: (t[0], t[1], t[2], "", ""))
    return draw(st.lists(st.one_of(sets, removals), max_size=25))


def apply_edits(document: Document, edits: list[Edit]) -> None:
    for kind, part, index, name, value in edits:
        found = list(records(document, part))
        if not found:
            continue
        record = found[index % len(found)]
        if kind == "remove":
            document[part].remove(record)
        else:
            record[name] = value


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(mine_edits=edit_sequences(), their_edits=edit_sequences())
def test_the_merge_never_loses_an_edit_that_is_not_in_conflict(
    demo_document: Document, mine_edits: list[Edit], their_edits: list[Edit]
) -> None:
    base = demo_document
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    apply_edits(mine, mine_edits)
    apply_edits(theirs, their_edits)
    result = merge_case(base, mine, theirs)
    old, my_flat, their_flat = flatten(base), flatten(mine), flatten(theirs)
    conflicted = {(c.record_id, c.field) for c in result.conflicts}
    for record_id, record in old.items():
        here, there = my_flat.get(record_id), their_flat.get(record_id)
        if here is None or there is None:  # removed on one side or both
            kept = here or there
            if kept is None or kept.edits() == record.edits():
                assert record_id not in result.records  # the removal is not lost
                assert (record_id, WHOLE_RECORD) not in conflicted
            else:  # removed on one side, changed on the other: the counselor decides
                assert (record_id, WHOLE_RECORD) in conflicted
                assert (record_id in result.records) == (here is not None)
            continue
        merged = result.records[record_id].fields
        for name, value in record.fields.items():
            if name in NOT_MERGED:
                continue
            mine_value, their_value = here.fields[name], there.fields[name]
            both_changed = mine_value != value and their_value != value
            if both_changed and mine_value != their_value:
                assert (record_id, name) in conflicted
                assert merged[name] == mine_value  # undecided: this side's value for now
            else:
                assert (record_id, name) not in conflicted
                expected = their_value if their_value != value else mine_value
                assert merged[name] == expected


def test_flat_records_know_their_edits() -> None:
    record = FlatRecord("case", "", {"id": "x", "goals": "g", "updated_at": None})
    assert record.edits() == {"goals": "g"}

"""The case interchange format: every column accounted for, round trips, copies, refusals."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Enum, String, Text, func, inspect, select
from sqlalchemy.orm import Session

from interventiondesk.errors import InvalidCaseFile
from interventiondesk.model import (
    AsamDimension,
    AsamRating,
    AsamRatingEntry,
    AuditEvent,
    AvailabilityWindow,
    Base,
    BottomLineCheck,
    Case,
    Consent,
    Disclosure,
    Event,
    EventAttendee,
    FollowUpTask,
    Letter,
    LogisticsItem,
    Objection,
    Observation,
    Outcome,
    Participant,
    PresentingConcern,
    RiskScreen,
    SafetyPlan,
    SafetyPlanRevision,
)
from interventiondesk.services.cases import create_case
from interventiondesk.services.interchange import export_case, import_case
from interventiondesk.services.interchange_parts import (
    ADDED_IN_1_1,
    ALL_PARTS,
    CASE,
    LISTS,
    NESTED,
    SAFETY_PLAN,
    Part,
)
from interventiondesk.storage.database import Database
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE, TEST_KDF

HOSTILE = {
    "markup": '<b>&amp;</b> <script>alert("x")</script> <i>not closed',
    "quotes": "She said \"enough\" and he said 'not yet' \\ `back`",
    "rtl": "مرحبا، نحن نحبك — שלום לך, we are here",
    "emoji": "👨‍👩‍👧‍👦 we love you 🫶🏽 🌧️→🌈",
    "control": "line one\nline two\r\n\ttabbed\u0000nul\u2028separator",
    "huge": "Long letter. " * 7_700,  # about 100 KB
    "empty": "",
}
"""Each kind of hostile text goes into every text field of a whole case in turn."""

SECRET = "Zephyrine Quillfeather"


def text_columns(part: Part) -> Iterator[tuple[str, int | None]]:
    """The free-text columns of a part (not enums, identities, the reference or time zones)."""
    columns = inspect(part.model).columns
    for name, column in part.fields.items():
        kind = columns[column].type
        if name == "reference" or name in part.refs or isinstance(kind, Enum):
            continue
        if column in ("timezone", "intake_timezone"):  # validated names, not free text
            continue
        if isinstance(kind, String | Text) and name != "id":
            yield column, getattr(kind, "length", None)


def fill_text(record: Base, part: Part, text: str) -> None:
    for column, length in text_columns(part):
        setattr(record, column, text[:length] if length else text)


def build_full_case(session: Session, text: str) -> Case:
    """A case with at least one record of every kind, every link set, every text field ``text``."""
    now = datetime(2026, 11, 28, 15, 30, tzinfo=UTC)
    case = create_case(session, client_name=SECRET, kind="planned", model="love_first")
    case.intake_at = now + timedelta(days=9)
    case.intake_timezone = "America/Chicago"
    case.archived_at = now
    case.client.date_of_birth = date(1988, 4, 2)
    chair = Participant(role="chairperson", position=0)
    reader = Participant(role="reader", position=1, deleted_at=now)
    absent = Participant(
        role="letter_only", position=2, attending=False, is_minor=True, bottom_line_kept=True
    )
    case.participants.extend([chair, reader, absent])
    consent = Consent(kind="part2", expires_on=date(2027, 6, 1), signed_on=date(2026, 11, 2))
    case.consents.append(consent)
    rehearsal = Event(kind="rehearsal", starts_at=now + timedelta(days=3), timezone="US/Central")
    meeting = Event(
        kind="intervention",
        starts_at=now + timedelta(days=5),
        timezone="Europe/Warsaw",
        cancelled_at=now,
        is_video=True,
    )
    case.events.extend([rehearsal, meeting])
    session.flush()
    chair.availability.extend(
        [
            AvailabilityWindow(weekday=0, starts=time(9, 0), ends=time(12, 30), timezone="UTC"),
            AvailabilityWindow(
                weekday=5, starts=time(18, 15, 5), ends=time(21, 0), timezone="Asia/Tokyo"
            ),
        ]
    )
    meeting.attendees.extend(
        [
            EventAttendee(participant_id=reader.id, response="confirmed"),
            EventAttendee(participant_id=chair.id),
        ]
    )
    case.concerns.extend(
        [PresentingConcern(concern="substance"), PresentingConcern(concern="mental_health")]
    )
    case.observations.extend(
        [Observation(observed_on=date(2026, 10, 1), sign="decline"), Observation(sign="safety")]
    )
    case.letters.extend(
        [
            Letter(author_id=chair.id, reader_id=reader.id, status="reviewed", reviewed_at=now),
            Letter(author_id=reader.id, kind="bottom_line", reading_position=2, deleted_at=now),
        ]
    )
    case.objections.extend([Objection(answered_by_id=chair.id, position=0), Objection(position=1)])
    case.logistics.extend(
        [LogisticsItem(category="detox", due_on=date(2026, 12, 1)), LogisticsItem(required=False)]
    )
    case.outcomes.append(
        Outcome(event_id=meeting.id, result="admitted", entry_on=date(2026, 12, 4))
    )
    case.follow_ups.extend(
        [FollowUpTask(participant_id=absent.id, done_at=now), FollowUpTask(due_on=date(2027, 1, 4))]
    )
    case.risk_screens.append(
        RiskScreen(
            screened_at=now,
            wish_to_be_dead=True,
            suicidal_thoughts=False,
            triage="low",
            # A saved screen is never changed: its text goes in with it (fill_text then sets
            # the same values, which is no change).
            screened_by=text[:200],
            notes=text,
        )
    )
    case.safety_plan = SafetyPlan()
    case.asam_ratings.extend(
        AsamRating(dimension=dimension, rating=n % 5) for n, dimension in enumerate(AsamDimension)
    )
    case.disclosures.append(Disclosure(consent_id=consent.id, disclosed_at=now))
    case.bottom_line_checks.extend(
        [
            BottomLineCheck(participant_id=absent.id, status="kept", noted_on=date(2026, 12, 9)),
            BottomLineCheck(
                participant_id=reader.id, status="not_applicable", noted_on=date(2027, 1, 2)
            ),
        ]
    )
    case.safety_plan_revisions.append(SafetyPlanRevision(revised_at=now))
    case.asam_history.extend(
        AsamRatingEntry(dimension=dimension, rating=(n + 1) % 5, rated_at=now - timedelta(days=n))
        for n, dimension in enumerate(AsamDimension)
    )
    session.flush()
    fill_text(case, CASE, text)
    fill_text(case.client, ALL_PARTS[1], text)
    fill_text(case.safety_plan, SAFETY_PLAN, text)
    for part in LISTS:
        for record in getattr(case, part.key):
            fill_text(record, part, text)
            if part.key in NESTED:
                nested, relation = NESTED[part.key]
                for child in getattr(record, relation):
                    fill_text(child, nested, text)
    session.flush()
    return case


def row_counts(db: Database) -> dict[str, int]:
    with db.session() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }


def exported(db: Database, case_id: str) -> dict[str, Any]:
    """The case as exported from a fresh session, so every value comes from the database."""
    with db.session() as session:
        data = export_case(session, session.get_one(Case, case_id))
    data["exported_at"] = "2026-11-28T00:00:00Z"  # the moment of export is not content
    return data


def without_identities(data: dict[str, Any]) -> dict[str, Any]:
    """Identities replaced by labels in order of appearance, and the reference dropped."""
    labels: dict[str, str] = {}

    def collect(value: Any) -> None:
        if isinstance(value, dict):
            if "id" in value:
                labels.setdefault(value["id"], f"#{len(labels)}")
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    def relabel(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: relabel(v) for k, v in value.items()}
        if isinstance(value, list):
            return [relabel(v) for v in value]
        return labels.get(value, value) if isinstance(value, str) else value

    collect(data)
    result: dict[str, Any] = relabel(copy.deepcopy(data))
    del result["case"]["reference"]
    return result


@pytest.fixture
def other_db(tmp_path: Path) -> Iterator[Database]:
    """A second, separate workspace, as on a colleague's laptop."""
    database, _ = Workspace(tmp_path / "colleague").create(PASSPHRASE, kdf=TEST_KDF)
    yield database
    database.close()


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_text_round_trips_through_database_and_file(
    db: Database, other_db: Database, kind: str
) -> None:
    text = HOSTILE[kind]
    with db.session() as session:
        case_id = build_full_case(session, text).id
    first = exported(db, case_id)
    with other_db.session() as session:
        imported, was_copy = import_case(session, copy.deepcopy(first))
        assert not was_copy
        assert imported.id == case_id
    again = exported(other_db, case_id)
    assert again == first
    # The hostile text itself arrived, in full, in every text field of every record.
    with other_db.session() as session:
        case = session.get_one(Case, case_id)
        assert case.counselor_notes == text
        assert case.client.address == text
        letter = next(item for item in case.letters if item.kind == "main")
        assert letter.connection == text
        assert letter.reader is not None and letter.reader.role == "reader"
    for part in LISTS:
        assert again[part.key], f"the full case has no {part.key}"
        for column, length in text_columns(part):
            name = next(n for n, c in part.fields.items() if c == column)
            for item in again[part.key]:
                assert item[name] == (text[:length] if length else text), (part.key, name)


def test_importing_a_case_that_is_already_here_makes_a_copy(db: Database) -> None:
    with db.session() as session:
        original = build_full_case(session, HOSTILE["rtl"])
        case_id, reference = original.id, original.reference
    first = exported(db, case_id)
    before = row_counts(db)
    with db.session() as session:
        copied, was_copy = import_case(session, copy.deepcopy(first))
        copy_id, copy_reference = copied.id, copied.reference
        assert was_copy
        # Links point inside the copy, never back into the original.
        letter = next(item for item in copied.letters if item.reader_id is not None)
        assert letter.author.case_id == copy_id
        assert letter.reader is not None and letter.reader.case_id == copy_id
        assert all(a.participant.case_id == copy_id for e in copied.events for a in e.attendees)
        assert copied.outcomes[0].event_id in {event.id for event in copied.events}
        assert copied.disclosures[0].consent_id == copied.consents[0].id
    assert copy_id != case_id and copy_reference != reference
    second = exported(db, copy_id)
    old_ids = {value for value in _all_ids(first)}
    assert old_ids.isdisjoint(_all_ids(second))
    assert without_identities(second) == without_identities(first)
    assert exported(db, case_id) == first  # the original is untouched
    after = row_counts(db)
    assert after["cases"] == before["cases"] + 1
    assert after["participants"] == before["participants"] + 3


def _all_ids(data: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(data, dict):
        if isinstance(data.get("id"), str):
            found.add(data["id"])
        for value in data.values():
            found |= _all_ids(value)
    elif isinstance(data, list):
        for value in data:
            found |= _all_ids(value)
    return found


def test_a_reference_already_in_use_also_leads_to_a_copy(db: Database, other_db: Database) -> None:
    with db.session() as session:
        case_id = build_full_case(session, "plain").id
    data = exported(db, case_id)
    with other_db.session() as session:
        create_case(
            session,
            client_name="Someone",
            kind="crisis",
            model="craft",
            reference=data["case"]["reference"],
        )
        copied, was_copy = import_case(session, data)
        assert was_copy and copied.id != case_id
        assert copied.reference != data["case"]["reference"]


def test_export_and_import_are_audited_by_identity_only(db: Database, other_db: Database) -> None:
    with db.session() as session:
        case_id = build_full_case(session, SECRET).id
    data = exported(db, case_id)
    with other_db.session() as session:
        import_case(session, data)
    for database, action in ((db, "case.exported"), (other_db, "case.imported")):
        with database.session() as session:
            events = session.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()
            assert [event.case_id for event in events] == [case_id]
            assert SECRET not in events[0].detail


def _set(path: tuple[Any, ...], value: Any) -> Any:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


def _drop(path: tuple[Any, ...]) -> Any:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return change


def _same_id_twice(data: dict[str, Any]) -> None:
    data["concerns"][1]["id"] = data["concerns"][0]["id"]


def _dangling_author(data: dict[str, Any]) -> None:
    data["letters"][0]["author"] = "0b6f3c2e-8d1a-4f57-9c3e-2a7d5e914b08"


def _rated_twice(data: dict[str, Any]) -> None:
    data["asam_ratings"][1]["dimension"] = data["asam_ratings"][0]["dimension"]


def _invited_twice(data: dict[str, Any]) -> None:
    event = next(e for e in data["events"] if e["attendees"])
    event["attendees"][1]["participant"] = event["attendees"][0]["participant"]


DAMAGE = {
    "wrong type": (_set(("participants", 0, "attending"), "yes"), "should be true or false"),
    "text where a list belongs": (_set(("letters",), SECRET), "should be a list"),
    "unknown major version": (_set(("version",), "2.0"), "version 2.0"),
    "no version": (_drop(("version",)), "does not say which version"),
    "not a case file": (_set(("format",), "something-else"), "not an InterventionDesk case file"),
    "extra field": (_set(("client", "favourite_colour"), SECRET), "does not know"),
    "missing field": (_drop(("client", "email")), "lacks the field 'email'"),
    "unknown choice": (_set(("case", "model"), SECRET), "not one of the allowed values"),
    "line too long": (_set(("client", "phone"), "5" * 61), "longer than the 60 characters"),
    "impossible date": (
        _set(("disclosures", 0, "disclosed_at"), "2026-02-30T10:00:00Z"),
        "impossible date",
    ),
    "bad identity": (_set(("participants", 1, "id"), SECRET), "not an identity"),
    "rating out of range": (_set(("asam_ratings", 0, "rating"), 7), "largest allowed value, 4"),
    "same identity twice": (_same_id_twice, "same identity"),
    "link to nowhere": (_dangling_author, "not in the file"),
    "dimension rated twice": (_rated_twice, "twice"),
    "participant invited twice": (_invited_twice, "twice"),
    "lone surrogate": (_set(("client", "address"), "bad \ud800 text"), "not valid Unicode"),
    "date before the first storable moment": (
        _set(("disclosures", 0, "disclosed_at"), "0001-01-01T00:00:00+01:00"),
        "impossible date",
    ),
    "unknown time zone": (_set(("events", 0, "timezone"), "Not/AZone"), "time zone"),
    "time zone that is a path": (
        _set(("events", 0, "timezone"), "../../../etc/passwd"),
        "time zone",
    ),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_documents_are_refused_and_change_nothing(db: Database, damage: str) -> None:
    with db.session() as session:
        case_id = build_full_case(session, SECRET).id
    data = exported(db, case_id)
    data["case"]["id"] = "5d2f0a3c-1e4b-4c6d-8a9f-0b1c2d3e4f50"  # would be a new case, not a copy
    change, words = DAMAGE[damage]
    change(data)
    before = row_counts(db)
    # The session below carries on and commits: still nothing may be half-imported.
    with db.session() as session, pytest.raises(InvalidCaseFile) as raised:
        import_case(session, data)
    assert words in str(raised.value)
    assert SECRET not in str(raised.value)
    assert row_counts(db) == before


def test_export_refuses_a_value_the_format_cannot_carry(db: Database) -> None:
    with db.session() as session:
        case = build_full_case(session, "plain")
        case.asam_ratings[0].rating = 9
        with pytest.raises(InvalidCaseFile, match=r"cannot carry .*asam_ratings"):
            export_case(session, case)


def test_a_version_1_0_file_without_the_lists_added_in_1_1_imports_them_empty(
    db: Database, other_db: Database
) -> None:
    with db.session() as session:
        case_id = build_full_case(session, "plain").id
    data = exported(db, case_id)
    assert data["version"] == "1.2"
    data["version"] = "1.0"
    for key in ADDED_IN_1_1:
        del data[key]
    _drop_fields_added_in_1_2(data)
    with other_db.session() as session:
        case = import_case(session, copy.deepcopy(data))[0]
        assert case.id == case_id
        assert case.bottom_line_checks == case.safety_plan_revisions == case.asam_history == []
        assert len(case.asam_ratings) == len(AsamDimension)  # what 1.0 carried is all there


def _drop_fields_added_in_1_2(data: dict[str, Any]) -> None:
    for part in LISTS:
        for item in data.get(part.key, ()):
            for name in part.added:
                del item[name]


def test_a_version_1_1_file_without_the_fields_added_in_1_2_imports_them_empty(
    db: Database, other_db: Database
) -> None:
    with db.session() as session:
        case_id = build_full_case(session, "plain").id
        case = session.get(Case, case_id)
        assert case is not None
        case.consents[0].sections = "referral,history"
        case.consents[0].signature_method = "electronic signature"
        case.disclosures[0].override_reason = "the client asked by telephone"
    data = exported(db, case_id)
    assert data["consents"][0]["sections"] == "referral,history"
    assert data["disclosures"][0]["override_reason"] == "the client asked by telephone"
    data["version"] = "1.1"
    _drop_fields_added_in_1_2(data)
    assert "sections" not in data["consents"][0]
    with other_db.session() as session:
        case = import_case(session, copy.deepcopy(data))[0]
        assert case.id == case_id
        consent = case.consents[0]
        assert (consent.sections, consent.signature_method) == ("", "")
        disclosure = case.disclosures[0]
        assert (disclosure.sections, disclosure.disclosed_by, disclosure.override_reason) == (
            "",
            "",
            "",
        )


def test_a_newer_minor_version_with_only_known_fields_is_accepted(
    db: Database, other_db: Database
) -> None:
    with db.session() as session:
        case_id = build_full_case(session, "plain").id
    data = exported(db, case_id)
    data["version"] = "1.7"
    with other_db.session() as session:
        assert import_case(session, copy.deepcopy(data))[0].id == case_id
    data["client"]["new_in_1_7"] = "x"
    data["case"]["id"] = "5d2f0a3c-1e4b-4c6d-8a9f-0b1c2d3e4f50"
    with other_db.session() as session, pytest.raises(InvalidCaseFile, match="newer"):
        import_case(session, data)

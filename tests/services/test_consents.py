"""Whether the consents on file allow a disclosure: status, elements, recipient, sections."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from interventiondesk.errors import InvalidInput
from interventiondesk.model import (
    Consent,
    ConsentKind,
    ConsentStatus,
    Disclosure,
    HandoffSection,
)
from interventiondesk.model.consent import join_sections, parse_sections
from interventiondesk.services import audit
from interventiondesk.services.cases import create_case
from interventiondesk.services.consents import (
    add_consent,
    allowed_sections,
    check_disclosure,
    consent_problems,
    disclosures_under,
    expiry_warning,
    missing_element_codes,
    missing_elements,
    names_recipient,
    remove_consent,
    revoke_consent,
    update_consent,
)
from interventiondesk.storage.database import Database

TODAY = date(2026, 12, 1)
MAIN = (HandoffSection.REFERRAL, HandoffSection.HISTORY, HandoffSection.ASAM)


def complete(kind: ConsentKind = ConsentKind.PART2, **changes: object) -> Consent:
    consent = Consent(
        id=f"consent-{kind.value}",
        kind=kind,
        patient_name="Rowan Ashgrove",
        discloser="Cedar Counseling",
        information="Referral, history and ASAM ratings",
        recipients="Dr. Imani Okafor; Lakeside Recovery Center",
        purpose="continuity of treatment",
        revocation_explained=True,
        expires_on=date(2027, 3, 1),
        expiry_event="",
        signed_by="Rowan Ashgrove",
        signed_on=date(2026, 11, 20),
        revoked_on=None,
        sections=join_sections(
            [HandoffSection.COUNSELING_NOTES] if kind is ConsentKind.COUNSELING_NOTES else MAIN
        ),
    )
    for name, value in changes.items():
        setattr(consent, name, value)
    return consent


def test_status_follows_signature_expiry_and_revocation() -> None:
    assert complete().status(TODAY) is ConsentStatus.ACTIVE
    assert complete(signed_on=None).status(TODAY) is ConsentStatus.UNSIGNED
    assert complete(signed_on=date(2026, 12, 2)).status(TODAY) is ConsentStatus.UNSIGNED
    assert complete(expires_on=date(2026, 11, 30)).status(TODAY) is ConsentStatus.EXPIRED
    assert complete(expires_on=TODAY).status(TODAY) is ConsentStatus.ACTIVE  # through that day
    assert complete(revoked_on=TODAY).status(TODAY) is ConsentStatus.REVOKED
    assert complete(revoked_on=date(2026, 12, 5)).status(TODAY) is ConsentStatus.ACTIVE


def test_sections_are_stored_in_print_order_and_unknown_names_are_dropped() -> None:
    assert join_sections([HandoffSection.ASAM, HandoffSection.REFERRAL]) == "referral,asam"
    assert parse_sections("asam,from_the_future,,referral") == {
        HandoffSection.ASAM,
        HandoffSection.REFERRAL,
    }


def test_each_missing_element_is_named() -> None:
    bare = Consent(kind=ConsentKind.PART2, revocation_explained=False)
    for name in ("patient_name", "discloser", "information", "recipients", "purpose"):
        setattr(bare, name, "")
    bare.expiry_event = bare.signed_by = ""
    assert missing_elements(bare) == [
        "the patient's name",
        "who may disclose",
        "what information may be disclosed",
        "who may receive it",
        "the purpose",
        "that the right to revoke was explained",
        "an expiry date, event or condition",
        "a signature and its date",
    ]
    assert missing_elements(complete()) == []
    assert missing_elements(complete(expires_on=None, expiry_event="end of treatment")) == []


def test_the_recipient_must_be_named_whole() -> None:
    consent = complete()
    assert names_recipient(consent, "dr.  imani OKAFOR")
    assert names_recipient(consent, "Lakeside Recovery Center")
    assert not names_recipient(consent, "Okafor Clinic")
    assert not names_recipient(consent, "Lakeside")  # part of a name is not the recipient
    assert not names_recipient(consent, "   ")


def test_a_complete_active_consent_covers_its_sections_for_its_recipient() -> None:
    check = check_disclosure([complete()], "Dr. Imani Okafor", MAIN, TODAY)
    assert check.covered and check.consent_ids == ("consent-part2",)


def test_refusals_say_which_element_is_missing() -> None:
    def problems(consent: Consent, recipient: str = "Dr. Imani Okafor") -> tuple[str, ...]:
        return check_disclosure([consent], recipient, MAIN, TODAY).problems

    assert problems(complete(revoked_on=date(2026, 11, 25))) == (
        "the consent was revoked on 2026-11-25",
    )
    assert problems(complete(expires_on=date(2026, 11, 1))) == (
        "the consent expired on 2026-11-01",
    )
    assert problems(complete(purpose="")) == ("the consent does not name the purpose",)
    assert problems(complete(), "Someone Else") == ("the consent does not name this recipient",)
    assert problems(complete(sections="referral")) == ("the consent does not cover: history, asam",)
    assert check_disclosure([], "Dr. Imani Okafor", MAIN, TODAY).problems == (
        "no consent of the right kind is on file",
    )


def test_counseling_notes_need_a_consent_of_their_own() -> None:
    wanted = (*MAIN, HandoffSection.COUNSELING_NOTES)
    main_only = complete(sections=join_sections(wanted))  # a Part 2 consent naming notes
    check = check_disclosure([main_only], "Dr. Imani Okafor", wanted, TODAY)
    assert check.problems == ("counseling notes: no consent of the right kind is on file",)
    notes = complete(ConsentKind.COUNSELING_NOTES)
    check = check_disclosure([main_only, notes], "Dr. Imani Okafor", wanted, TODAY)
    assert check.covered and check.consent_ids == ("consent-part2", "consent-counseling_notes")
    assert (check.consent_id, check.notes_consent_id) == check.consent_ids
    # A consent for counseling notes alone does not cover the identifiers that always go.
    only_notes = check_disclosure(
        [notes], "Dr. Imani Okafor", [HandoffSection.COUNSELING_NOTES], TODAY
    )
    assert only_notes.problems == ("no consent of the right kind is on file",)


def test_allowed_sections_come_from_active_complete_consents_naming_the_recipient() -> None:
    consents = [complete(), complete(ConsentKind.COUNSELING_NOTES)]
    assert allowed_sections(consents, "Dr. Imani Okafor", TODAY) == {
        *MAIN,
        HandoffSection.COUNSELING_NOTES,
    }
    assert allowed_sections(consents, "Someone Else", TODAY) == frozenset()
    expired = [complete(expires_on=date(2026, 1, 1))]
    assert allowed_sections(expired, "Dr. Imani Okafor", TODAY) == frozenset()
    assert consent_problems(complete(), "Dr. Imani Okafor", (), TODAY) == []


def test_expiry_is_announced_at_30_14_and_7_days() -> None:
    def warning(days_left: int) -> int | None:
        from datetime import timedelta

        return expiry_warning(complete(expires_on=TODAY + timedelta(days=days_left)), TODAY)

    assert [warning(n) for n in (31, 30, 15, 14, 8, 7, 0)] == [None, 30, 30, 14, 14, 7, 7]
    assert expiry_warning(complete(expires_on=None, expiry_event="discharge"), TODAY) is None
    assert expiry_warning(complete(expires_on=date(2026, 11, 1)), TODAY) is None  # expired


# Keeping consents on a real workspace --------------------------------------------------------

FILLED = {
    "discloser": "Cedar Counseling",
    "information": "Referral reason, history and ASAM ratings",
    "recipients": "Dr. Imani Okafor\nLakeside Recovery Center",
    "purpose": "continuity of treatment",
    "revocation_explained": True,
    "expires_on": date(2027, 3, 1),
    "signed_by": "Rowan Ashgrove",
    "signed_on": date(2026, 11, 20),
    "sections": [HandoffSection.REFERRAL, HandoffSection.ASAM],
}


def new_case(db: Database, name: str = "Rowan <b>Ashgrove</b>") -> str:
    with db.session() as s:
        return create_case(s, client_name=name, kind="planned", model="johnson").id


def consent_actions(db: Database, case_id: str) -> list[tuple[str, str]]:
    with db.session() as s:
        return [
            (e.action, e.detail)
            for e in audit.events_for_case(s, case_id)
            if e.action.startswith("consent.")
        ]


def test_a_new_consent_names_the_client_and_is_not_signed_yet(db: Database) -> None:
    case_id = new_case(db)
    with db.session() as s:
        consent = add_consent(s, case_id)
        consent_id = consent.id
        assert consent.patient_name == "Rowan <b>Ashgrove</b>"
        assert consent.kind is ConsentKind.PART2
        assert consent.status(TODAY) is ConsentStatus.UNSIGNED
        assert missing_element_codes(consent) == [
            "discloser",
            "information",
            "recipients",
            "purpose",
            "revocation",
            "expiry",
            "signature",
        ]
    assert consent_actions(db, case_id) == [("consent.added", f"consent {consent_id} part2")]
    with db.session() as s:
        notes = add_consent(s, case_id, kind="counseling_notes")
        assert notes.covered_sections == {HandoffSection.COUNSELING_NOTES}  # all it can cover


def test_editing_fills_every_element_and_the_trail_names_fields_only(db: Database) -> None:
    case_id = new_case(db)
    with db.session() as s:
        consent_id = add_consent(s, case_id).id
    with db.session() as s:
        for name, value in FILLED.items():
            update_consent(s, consent_id, {name: value}, today=TODAY)
        # The autosave saving the same field again as typing goes on: no second entry.
        update_consent(s, consent_id, {"sections": ["referral", "asam"]}, today=TODAY)
        update_consent(s, consent_id, {"purpose": "continuity of"}, today=TODAY)
        update_consent(s, consent_id, {"purpose": "continuity of care"}, today=TODAY)
    with db.session() as s:
        consent = s.get(Consent, consent_id)
        assert consent is not None
        assert missing_elements(consent) == []
        assert consent.status(TODAY) is ConsentStatus.ACTIVE
        assert consent.sections == "referral,asam"
        assert consent.purpose == "continuity of care"
    changed = [d for a, d in consent_actions(db, case_id) if a == "consent.changed"]
    assert changed == [f"consent {consent_id}: {name}" for name in [*FILLED, "purpose"]]
    details = " ".join(d for _a, d in consent_actions(db, case_id))
    for value in ("Ashgrove", "Okafor", "Lakeside", "continuity", "Cedar"):
        assert value not in details  # identifiers only, never the consent's words


def test_dates_and_sections_are_refused_in_words(db: Database) -> None:
    case_id = new_case(db)
    with db.session() as s:
        consent_id = add_consent(s, case_id, changes=FILLED, today=TODAY).id
    refusals = {
        "signed_on": (date(2026, 12, 2), "The date signed cannot be later than today."),
        "expires_on": (date(2026, 11, 19), "A consent cannot expire before the day it was signed."),
    }
    for name, (value, words) in refusals.items():
        with db.session() as s, pytest.raises(InvalidInput, match=words):
            update_consent(s, consent_id, {name: value}, today=TODAY)
    for value in ("1899-12-31", date(2200, 1, 1)):
        with db.session() as s, pytest.raises(InvalidInput, match="between 1900 and 2199"):
            update_consent(s, consent_id, {"expires_on": value}, today=TODAY)
    with db.session() as s, pytest.raises(InvalidInput, match="a date"):
        update_consent(s, consent_id, {"signed_on": "next Tuesday"}, today=TODAY)
    with db.session() as s, pytest.raises(InvalidInput, match="separate consent"):
        update_consent(s, consent_id, {"sections": ["referral", "counseling_notes"]}, today=TODAY)
    with db.session() as s, pytest.raises(InvalidInput, match="not a section"):
        update_consent(s, consent_id, {"sections": "referral,<b>"}, today=TODAY)
    with db.session() as s, pytest.raises(InvalidInput, match="cannot be edited here"):
        update_consent(s, consent_id, {"revoked_on": TODAY}, today=TODAY)
    with db.session() as s:
        consent = s.get(Consent, consent_id)
        assert consent is not None
        assert consent.signed_on == date(2026, 11, 20)  # nothing refused was kept
        assert consent.sections == "referral,asam"


def test_a_new_kind_keeps_only_the_sections_it_can_cover(db: Database) -> None:
    case_id = new_case(db)
    with db.session() as s:
        consent_id = add_consent(s, case_id, changes=FILLED, today=TODAY).id
        consent = update_consent(s, consent_id, {"kind": "counseling_notes"}, today=TODAY)
        assert consent.sections == ""
        update_consent(s, consent_id, {"sections": ["counseling_notes"]}, today=TODAY)
        with pytest.raises(InvalidInput, match="counseling notes only"):
            update_consent(s, consent_id, {"sections": ["referral"]}, today=TODAY)
        consent = update_consent(s, consent_id, {"kind": "general"}, today=TODAY)
        assert consent.sections == ""


def test_revoking_records_the_day_and_freezes_the_consent(db: Database) -> None:
    case_id = new_case(db)
    with db.session() as s:
        consent_id = add_consent(s, case_id, changes=FILLED, today=TODAY).id
    with db.session() as s, pytest.raises(InvalidInput, match="later than today"):
        revoke_consent(s, consent_id, date(2026, 12, 2), today=TODAY)
    with db.session() as s, pytest.raises(InvalidInput, match="before the day it was signed"):
        revoke_consent(s, consent_id, date(2026, 11, 19), today=TODAY)
    with db.session() as s:
        consent = revoke_consent(s, consent_id, "2026-11-28", today=TODAY)
        assert consent.status(TODAY) is ConsentStatus.REVOKED
    with db.session() as s, pytest.raises(InvalidInput, match="already revoked on 2026-11-28"):
        revoke_consent(s, consent_id, TODAY, today=TODAY)
    with db.session() as s, pytest.raises(InvalidInput, match="add a new consent instead"):
        update_consent(s, consent_id, {"purpose": "anything"}, today=TODAY)
    assert consent_actions(db, case_id)[-1] == (
        "consent.revoked",
        f"consent {consent_id} on 2026-11-28",
    )


def disclose(db: Database, case_id: str, consent_id: str) -> None:
    """A disclosure made under the consent, as the handoff records one."""
    with db.session() as s:
        s.add(
            Disclosure(
                case_id=case_id,
                consent_id=consent_id,
                recipient="Dr. Imani Okafor",
                disclosed_at=datetime(2026, 11, 30, 15, tzinfo=UTC),
                sections="referral",
            )
        )


def test_removing_is_refused_once_a_disclosure_relied_on_it(db: Database) -> None:
    case_id = new_case(db)
    with db.session() as s:
        kept_id = add_consent(s, case_id, changes=FILLED, today=TODAY).id
        mistake_id = add_consent(s, case_id).id
    disclose(db, case_id, kept_id)
    disclose(db, case_id, kept_id)
    with db.session() as s:
        assert disclosures_under(s, kept_id) == 2
        with pytest.raises(InvalidInput, match="2 disclosures were made under it"):
            remove_consent(s, kept_id)
        remove_consent(s, mistake_id)
    with db.session() as s:
        assert s.get(Consent, kept_id) is not None
        assert s.get(Consent, mistake_id) is None
        assert audit.verify(s) == []
    assert consent_actions(db, case_id)[-1] == ("consent.removed", f"consent {mistake_id}")

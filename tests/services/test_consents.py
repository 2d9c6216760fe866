"""Whether the consents on file allow a disclosure: status, elements, recipient, sections."""

from __future__ import annotations

from datetime import date

from interventiondesk.model import Consent, ConsentKind, ConsentStatus, HandoffSection
from interventiondesk.model.consent import join_sections, parse_sections
from interventiondesk.services.consents import (
    allowed_sections,
    check_disclosure,
    consent_problems,
    expiry_warning,
    missing_elements,
    names_recipient,
)

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

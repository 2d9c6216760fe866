"""What the Consent page, the case's header and the command line read of a case's consents."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from interventiondesk.model import ConsentKind, ConsentStatus, Disclosure, HandoffSection
from interventiondesk.services.cases import archive_case, create_case
from interventiondesk.services.consents import add_consent, revoke_consent
from interventiondesk.services.consents_view import consents_view, expiring_consents
from interventiondesk.storage.database import Database
from tests.reads import Reads

TODAY = date(2026, 12, 1)


def elements(expires_in: int | None, **more: object) -> dict[str, object]:
    return {
        "discloser": "Cedar Counseling",
        "information": "Referral and history",
        "recipients": "Dr. Imani Okafor; Lakeside Recovery Center\n",
        "purpose": "continuity of treatment",
        "revocation_explained": True,
        "expires_on": TODAY + timedelta(days=expires_in) if expires_in is not None else None,
        "expiry_event": "" if expires_in is not None else "discharge from treatment",
        "signed_by": "Rowan Ashgrove",
        "signed_on": TODAY - timedelta(days=40),
        "sections": [HandoffSection.REFERRAL, HandoffSection.HISTORY],
        **more,
    }


def test_the_view_says_status_missing_elements_warnings_and_disclosures(db: Database) -> None:
    with db.session() as s:
        case = create_case(s, client_name="Rowan Ashgrove", kind="planned", model="johnson")
        soon = add_consent(s, case.id, changes=elements(12), today=TODAY)
        notes = add_consent(
            s,
            case.id,
            kind=ConsentKind.COUNSELING_NOTES,
            changes=elements(None, sections=["counseling_notes"]),
            today=TODAY,
        )
        bare = add_consent(s, case.id, changes={"purpose": "second opinion"}, today=TODAY)
        old = add_consent(s, case.id, changes=elements(-3), today=TODAY)
        gone = add_consent(s, case.id, changes=elements(100), today=TODAY)
        revoke_consent(s, gone.id, TODAY - timedelta(days=1), today=TODAY)
        s.add(
            Disclosure(
                case_id=case.id,
                consent_id=soon.id,
                recipient="Dr. Imani Okafor",
                disclosed_at=datetime(2026, 11, 30, tzinfo=UTC),
            )
        )
        case_id, reference = case.id, case.reference
        ids = [soon.id, notes.id, bare.id, old.id, gone.id]
    with db.session() as s, Reads(db) as reads:
        view = consents_view(s, case_id, TODAY)
    assert reads.statements == 3  # BEGIN, the case, its consents with their disclosures
    with db.session() as s:
        assert consents_view(s, reference.lower(), TODAY) == view  # the command line's CASE
    assert view.case_id == case_id and view.reference == reference
    rows = view.consents
    assert [row.id for row in rows] == ids  # in the order they were entered
    assert [row.status for row in rows] == [
        ConsentStatus.ACTIVE,
        ConsentStatus.ACTIVE,
        ConsentStatus.UNSIGNED,
        ConsentStatus.EXPIRED,
        ConsentStatus.REVOKED,
    ]
    assert [row.disclosures for row in rows] == [1, 0, 0, 0, 0]
    assert rows[0].expiry_warning == 14 and rows[0].days_left == 12
    assert rows[1].expiry_warning is None and rows[1].days_left is None
    assert rows[0].recipient_lines == ("Dr. Imani Okafor", "Lakeside Recovery Center")
    assert rows[0].sections == {HandoffSection.REFERRAL, HandoffSection.HISTORY}
    assert rows[1].sections == {HandoffSection.COUNSELING_NOTES}
    assert rows[0].missing == ()
    assert rows[2].missing == (
        "discloser",
        "information",
        "recipients",
        "revocation",
        "expiry",
        "signature",
    )
    assert rows[2].patient_name == "Rowan Ashgrove"
    assert rows[4].revoked_on == TODAY - timedelta(days=1)
    assert [row.id for row in view.warnings] == [soon.id]


def test_expiring_consents_across_open_cases_soonest_first(db: Database) -> None:
    with db.session() as s:
        first = create_case(s, client_name="Ana Brook", kind="planned", model="johnson")
        second = create_case(s, client_name="Ben Cole", kind="crisis", model="craft")
        archived = create_case(s, client_name="Cy Dale", kind="family", model="systemic")
        month = add_consent(s, first.id, changes=elements(30), today=TODAY)
        week = add_consent(s, second.id, changes=elements(7), today=TODAY)
        add_consent(s, second.id, changes=elements(31), today=TODAY)  # not yet
        add_consent(s, second.id, changes=elements(-1), today=TODAY)  # expired already
        revoked = add_consent(s, first.id, changes=elements(5), today=TODAY)
        revoke_consent(s, revoked.id, TODAY, today=TODAY)
        add_consent(s, archived.id, changes=elements(3), today=TODAY)
        archive_case(s, archived.id)
        add_consent(s, first.id, changes=elements(2, purpose=""), today=TODAY)  # incomplete
    with db.session() as s:
        found = expiring_consents(s, TODAY)
        only_first = expiring_consents(s, TODAY, case_id=first.id)
    # An incomplete consent is still active (signed): its expiry is announced too.
    assert [(w.reference, w.days_left, w.step) for w in found] == [
        (first.reference, 2, 7),
        (second.reference, 7, 7),
        (first.reference, 30, 30),
    ]
    assert found[1].consent_id == week.id and found[2].consent_id == month.id
    assert found[1].expires_on == TODAY + timedelta(days=7)
    assert [w.days_left for w in only_first] == [2, 30]

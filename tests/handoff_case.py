"""A case with something in every handoff section, and consents for it (shared by the handoff
tests of the services, the command line and the window)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from interventiondesk.model import (
    Consent,
    ConsentKind,
    HandoffSection,
    TherapyModality,
)
from interventiondesk.model.consent import join_sections
from interventiondesk.services import settings
from interventiondesk.services.cases import add_concern, add_observation, create_case
from interventiondesk.services.letters import add_letter, update_letter
from interventiondesk.services.logistics import add_item
from interventiondesk.services.outcomes import record_bottom_line, record_outcome
from interventiondesk.services.participants import add_participant
from interventiondesk.services.safety import rate_asam, save_safety_plan, save_screen
from interventiondesk.services.scheduling import create_event

RECIPIENT = "Dr. Amara Osei, Lakeside Recovery Center"
OTHER_RECIPIENT = "Brookfield Family Therapy"
CLIENT = "Jonah Whitcombe"
COUNSELOR = "Rosa Quintero"
TODAY = date.today()

MARKERS: dict[HandoffSection, str] = {
    HandoffSection.REFERRAL: "Referral marker: needs residential care after the meeting.",
    HandoffSection.HISTORY: "History marker: drinking daily since 2019.",
    HandoffSection.WARNING_SIGNS: "Warning marker: missed three shifts in a row.",
    HandoffSection.ASAM: "ASAM marker: tremor in the mornings.",
    HandoffSection.RISK_AND_SAFETY: "Safety marker: call sister Mae first.",
    HandoffSection.INTERVENTION: "Intervention marker: agreed after the third letter.",
    HandoffSection.FAMILY: "Family marker: father drinks too; mother covers for both.",
    HandoffSection.MODALITY: "Modality marker: skills for urges fit him.",
    HandoffSection.CONTACTS: "Contacts marker: bring the blue bag.",
    HandoffSection.COUNSELING_NOTES: "Notes marker: shame about the accident.",
}
"""A sentence that appears in the PDF only when its section is included."""


@dataclass(frozen=True)
class HandoffCase:
    case_id: str
    reference: str


def make_case(session: Session, **plan: object) -> HandoffCase:
    """A substance-use case with every handoff field filled, each holding its marker."""
    settings.put(session, settings.COUNSELOR_NAME, COUNSELOR)
    fields: dict[str, object] = {
        "referral_reason": MARKERS[HandoffSection.REFERRAL],
        "substance_history": MARKERS[HandoffSection.HISTORY],
        "mental_health_history": "Low moods each winter.",
        "family_system": MARKERS[HandoffSection.FAMILY],
        "family_support": "The family goes to a weekly support group.",
        "recommended_modality": TherapyModality.DBT.value,
        "modality_rationale": MARKERS[HandoffSection.MODALITY],
        "counselor_notes": MARKERS[HandoffSection.COUNSELING_NOTES],
        "facility_name": "Lakeside Recovery Center",
        "facility_phone": "555-0100",
        "sign_decline": True,
        **plan,
    }
    case = create_case(
        session,
        client_name=CLIENT,
        kind="planned",
        model="love_first",
        counselor=COUNSELOR,
        **fields,
    )
    case.client.date_of_birth = date(1988, 4, 12)
    case.client.phone = "555-0199"
    case.detox_needed = True
    add_concern(session, case.id, "substance", "Alcohol", "Daily, heavy.")
    add_observation(
        session,
        case.id,
        MARKERS[HandoffSection.WARNING_SIGNS],
        sign="decline",
        observed_on=TODAY - timedelta(days=20),
    )
    rate_asam(session, case.id, {"intoxication_withdrawal": (3, MARKERS[HandoffSection.ASAM])})
    save_screen(
        session,
        case.id,
        {
            "wish_to_be_dead": False,
            "suicidal_thoughts": False,
            "recent_behaviour": False,
        },
    )
    save_safety_plan(session, case.id, {"people_to_ask": MARKERS[HandoffSection.RISK_AND_SAFETY]})
    mae = add_participant(
        session, case.id, "Mae Whitcombe", relationship_to_client="Sister", phone="555-0123"
    )
    add_participant(session, case.id, "Lou Whitcombe", relationship_to_client="Father")
    bottom = add_letter(session, mae.id, "bottom_line")
    update_letter(session, bottom.id, {"bottom_line": "I will stop lending you the car."})
    record_bottom_line(session, mae.id, "kept", noted_on=TODAY - timedelta(days=2))
    meeting = create_event(
        session,
        case.id,
        kind="intervention",
        starts=datetime.now(UTC) - timedelta(days=10),
        timezone="America/Chicago",
        place="The family's kitchen",
        despite_open_items=True,
    )
    record_outcome(
        session,
        case.id,
        "admitted",
        occurred_on=TODAY - timedelta(days=10),
        admitted_to="Lakeside Recovery Center",
        notes=MARKERS[HandoffSection.INTERVENTION],
        event_id=meeting.id,
    )
    add_item(session, case.id, "Escort on the drive", notes=MARKERS[HandoffSection.CONTACTS])
    session.flush()
    return HandoffCase(case.id, case.reference)


COVERED = frozenset(HandoffSection) - {HandoffSection.COUNSELING_NOTES}
"""What the main consent covers: everything but the counseling notes."""


def add_consent(
    session: Session,
    case_id: str,
    *,
    kind: ConsentKind = ConsentKind.PART2,
    sections: frozenset[HandoffSection] = COVERED,
    recipients: str = RECIPIENT,
    signed_on: date | None = None,
    expires_on: date | None = None,
    revoked_on: date | None = None,
) -> Consent:
    """A complete consent (every element a Part 2 consent names), signed a month ago."""
    consent = Consent(
        case_id=case_id,
        kind=kind,
        patient_name=CLIENT,
        discloser=COUNSELOR,
        information="The therapist handoff: history, assessments, safety plan, contacts.",
        recipients=recipients,
        purpose="Continuity of care after residential treatment.",
        revocation_explained=True,
        expires_on=expires_on or TODAY + timedelta(days=180),
        signed_by=CLIENT,
        signed_on=signed_on or TODAY - timedelta(days=30),
        revoked_on=revoked_on,
        sections=join_sections(sections),
    )
    session.add(consent)
    session.flush()
    return consent

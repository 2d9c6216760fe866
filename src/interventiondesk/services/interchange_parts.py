"""What a case file holds: each kind of record, its field names in the file, and its links."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from interventiondesk.model import (
    AsamRating,
    AsamRatingEntry,
    AvailabilityWindow,
    BottomLineCheck,
    Case,
    Client,
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
from interventiondesk.model.base import Base


def _identity(**names: str) -> dict[str, str]:
    """Every record carries its identity and timestamps; ``names`` maps file names to columns."""
    return {"id": "id", **names, "created_at": "created_at", "updated_at": "updated_at"}


@dataclass(frozen=True)
class Part:
    """One kind of record in the file: its key, its table, and its fields in file order."""

    key: str
    model: type[Base]
    fields: Mapping[str, str]
    """Name in the file -> column. The names are the contract; columns may be renamed freely."""
    refs: Mapping[str, str] = field(default_factory=dict)
    """Fields that hold the id of another record in the file -> the key of that record's part."""
    order: tuple[str, ...] = ()
    """Attributes (dotted through relationships) that give a stable order free of identities."""
    parent: str = "case_id"
    """The column that ties the record to its owner (implied by where it sits in the file)."""
    added: Mapping[str, object] = field(default_factory=dict)
    """Fields a minor version added -> what a file written before them stands for (as in JSON)."""

    def value(self, item: Mapping[str, Any], name: str) -> Any:
        """The field ``name`` of a record in a checked file, older files' absent fields filled."""
        if name in self.added:
            return item.get(name, self.added[name])
        return item[name]


CASE = Part(
    "case",
    Case,
    _identity(
        reference="reference",
        kind="kind",
        model="model",
        status="status",
        counselor="counselor",
        warning_sign_decline="sign_decline",
        warning_sign_denial="sign_denial",
        warning_sign_safety="sign_safety",
        concerns_notes="concerns_notes",
        goals="goals",
        treatment_options="treatment_options",
        counselor_notes="counselor_notes",
        reading_minutes_limit="reading_minutes_limit",
        seating_notes="seating_notes",
        facility_name="facility_name",
        facility_contact="facility_contact",
        facility_phone="facility_phone",
        intake_at="intake_at",
        intake_timezone="intake_timezone",
        overdose_history="overdose_history",
        naloxone_on_hand="naloxone_on_hand",
        detox_needed="detox_needed",
        weapons_in_home="weapons_in_home",
        co_occurring_illness="co_occurring_illness",
        referral_reason="referral_reason",
        substance_history="substance_history",
        mental_health_history="mental_health_history",
        family_system="family_system",
        family_support="family_support",
        recommended_modality="recommended_modality",
        modality_rationale="modality_rationale",
        archived_at="archived_at",
    ),
    parent="",
)
CLIENT = Part(
    "client",
    Client,
    _identity(
        full_name="full_name",
        preferred_name="preferred_name",
        date_of_birth="date_of_birth",
        pronouns="pronouns",
        phone="phone",
        email="email",
        address="address",
    ),
)
AVAILABILITY = Part(
    "availability",
    AvailabilityWindow,
    _identity(weekday="weekday", starts="starts", ends="ends", timezone="timezone"),
    order=("weekday", "starts", "ends"),
    parent="participant_id",
)
ATTENDEES = Part(
    "attendees",
    EventAttendee,
    _identity(participant="participant_id", response="response"),
    refs={"participant": "participants"},
    order=("participant.position", "participant.created_at"),
    parent="event_id",
)
SAFETY_PLAN = Part(
    "safety_plan",
    SafetyPlan,
    _identity(
        warning_signs="warning_signs",
        internal_coping="internal_coping",
        distraction="distraction",
        people_to_ask="people_to_ask",
        professionals="professionals",
        safe_environment="safe_environment",
    ),
)
LISTS: tuple[Part, ...] = (
    Part(
        "concerns",
        PresentingConcern,
        _identity(concern="concern", name="name", details="details", position="position"),
        order=("position", "created_at"),
    ),
    Part(
        "observations",
        Observation,
        _identity(observed_on="observed_on", sign="sign", text="text"),
        order=("observed_on", "created_at"),
    ),
    Part(
        "participants",
        Participant,
        _identity(
            name="name",
            relationship_to_client="relationship_to_client",
            phone="phone",
            email="email",
            role="role",
            attending="attending",
            is_minor="is_minor",
            availability_notes="availability_notes",
            counselor_notes="counselor_notes",
            position="position",
            bottom_line_kept="bottom_line_kept",
            deleted_at="deleted_at",
        ),
        order=("position", "created_at"),
    ),
    Part(
        "consents",
        Consent,
        _identity(
            kind="kind",
            patient_name="patient_name",
            discloser="discloser",
            information="information",
            recipients="recipients",
            purpose="purpose",
            revocation_explained="revocation_explained",
            expires_on="expires_on",
            expiry_event="expiry_event",
            signed_by="signed_by",
            signed_on="signed_on",
            signature_method="signature_method",
            revoked_on="revoked_on",
            sections="sections",
        ),
        order=("signed_on", "created_at"),
        added={"signature_method": "", "sections": ""},
    ),
    Part(
        "events",
        Event,
        _identity(
            kind="kind",
            title="title",
            starts_at="starts_at",
            duration_minutes="duration_minutes",
            timezone="timezone",
            place="place",
            is_video="is_video",
            notes="notes",
            skills_practised="skills_practised",
            readiness_override="readiness_override",
            cancelled_at="cancelled_at",
        ),
        order=("starts_at", "created_at"),
    ),
    Part(
        "letters",
        Letter,
        _identity(
            author="author_id",
            reader="reader_id",
            kind="kind",
            connection="connection",
            incidents="incidents",
            impact="impact",
            request="request",
            bottom_line="bottom_line",
            status="status",
            reviewed_by="reviewed_by",
            reviewed_at="reviewed_at",
            reading_position="reading_position",
            template_name="template_name",
            deleted_at="deleted_at",
        ),
        refs={"author": "participants", "reader": "participants"},
        order=("reading_position", "author.position", "kind", "created_at"),
    ),
    Part(
        "objections",
        Objection,
        _identity(
            objection="objection",
            answer="answer",
            answered_by="answered_by_id",
            position="position",
        ),
        refs={"answered_by": "participants"},
        order=("position", "created_at"),
    ),
    Part(
        "logistics",
        LogisticsItem,
        _identity(
            title="title",
            category="category",
            required="required",
            status="status",
            responsible="responsible",
            due_on="due_on",
            notes="notes",
            position="position",
        ),
        order=("position", "created_at"),
    ),
    Part(
        "outcomes",
        Outcome,
        _identity(
            event="event_id",
            result="result",
            occurred_on="occurred_on",
            admitted_to="admitted_to",
            entry_on="entry_on",
            notes="notes",
        ),
        refs={"event": "events"},
        order=("occurred_on", "created_at"),
    ),
    Part(
        "follow_ups",
        FollowUpTask,
        _identity(
            participant="participant_id",
            title="title",
            due_on="due_on",
            done_at="done_at",
            notes="notes",
        ),
        refs={"participant": "participants"},
        order=("due_on", "created_at"),
    ),
    Part(
        "risk_screens",
        RiskScreen,
        _identity(
            screened_at="screened_at",
            screened_by="screened_by",
            wish_to_be_dead="wish_to_be_dead",
            suicidal_thoughts="suicidal_thoughts",
            thoughts_of_method="thoughts_of_method",
            intent="intent",
            plan="plan",
            recent_behaviour="recent_behaviour",
            triage="triage",
            notes="notes",
        ),
        order=("screened_at", "created_at"),
    ),
    Part(
        "asam_ratings",
        AsamRating,
        _identity(dimension="dimension", rating="rating", notes="notes"),
        order=("dimension", "created_at"),
    ),
    Part(
        "bottom_line_checks",
        BottomLineCheck,
        _identity(
            participant="participant_id", status="status", noted_on="noted_on", notes="notes"
        ),
        refs={"participant": "participants"},
        order=("noted_on", "created_at"),
    ),
    Part(
        "safety_plan_revisions",
        SafetyPlanRevision,
        _identity(
            revised_at="revised_at",
            revised_by="revised_by",
            warning_signs="warning_signs",
            internal_coping="internal_coping",
            distraction="distraction",
            people_to_ask="people_to_ask",
            professionals="professionals",
            safe_environment="safe_environment",
        ),
        order=("revised_at", "created_at"),
    ),
    Part(
        "asam_history",
        AsamRatingEntry,
        _identity(
            rated_at="rated_at",
            rated_by="rated_by",
            dimension="dimension",
            rating="rating",
            notes="notes",
        ),
        order=("rated_at", "dimension", "created_at"),
    ),
    Part(
        "disclosures",
        Disclosure,
        _identity(
            consent="consent_id",
            recipient="recipient",
            information="information",
            purpose="purpose",
            disclosed_at="disclosed_at",
            document_sha256="document_sha256",
            notes_consent="notes_consent_id",
            disclosed_by="disclosed_by",
            sections="sections",
            override_reason="override_reason",
        ),
        refs={"consent": "consents", "notes_consent": "consents"},
        order=("disclosed_at", "created_at"),
        added={"notes_consent": None, "disclosed_by": "", "sections": "", "override_reason": ""},
    ),
)
ADDED_IN_1_1 = frozenset({"bottom_line_checks", "safety_plan_revisions", "asam_history"})
"""Lists a version 1.0 file does not have: a reader takes them as empty there."""
NESTED: Mapping[str, tuple[Part, str]] = {
    "participants": (AVAILABILITY, "availability"),
    "events": (ATTENDEES, "attendees"),
}
"""Lists whose records carry a nested list: part key -> (nested part, relationship name)."""
ALL_PARTS: tuple[Part, ...] = (CASE, CLIENT, SAFETY_PLAN, AVAILABILITY, ATTENDEES, *LISTS)

NOT_IN_FORMAT: Mapping[str, str] = {
    # A per-workspace edit counter for conflict detection: it starts again at 1 on import.
    "*.version": "edit counter of this workspace",
    # Every record in a file belongs to the file's one case, so the link is implied.
    "*.case_id": "implied by the file",
    # Windows sit inside their participant, attendees inside their event.
    "availability_windows.participant_id": "implied by nesting",
    "event_attendees.event_id": "implied by nesting",
}
"""Columns of case-owned tables left out of the file on purpose; a test checks the rest are in."""

WORKSPACE_TABLES: Mapping[str, str] = {
    # The trail stays in the workspace where the acts happened; an import is audited itself.
    "audit_events": "audit trail of this workspace",
    "settings": "preferences of this workspace",
    "letter_templates": "templates of this practice, not of one case",
    "dictionary_words": "spelling words of this practice",
    # What this workspace remembers of transfers to and from others (docs/transfers.md).
    "transfer_marks": "cases of this workspace taken to another computer",
    "transfer_snapshots": "versions this workspace shared with others",
    "transfer_receipts": "transfer files this workspace received",
    "transfer_conflicts": "conflicts this workspace has yet to decide",
}
"""Tables that do not belong to one case and so are never in a case file."""

"""The fixed vocabularies of the domain, stored as their string values."""

from __future__ import annotations

from enum import StrEnum


class InterventionKind(StrEnum):
    CRISIS = "crisis"
    PLANNED = "planned"
    FAMILY = "family"


class InterventionModel(StrEnum):
    JOHNSON = "johnson"
    INVITATIONAL = "invitational"
    LOVE_FIRST = "love_first"
    CRAFT = "craft"
    SYSTEMIC = "systemic"


class CaseStatus(StrEnum):
    INTAKE = "intake"
    PLANNING = "planning"
    READY = "ready"
    HELD = "held"
    FOLLOW_UP = "follow_up"
    CLOSED = "closed"


class ConcernKind(StrEnum):
    SUBSTANCE = "substance"
    MENTAL_HEALTH = "mental_health"


class WarningSign(StrEnum):
    DECLINE = "decline"
    DENIAL = "denial"
    SAFETY = "safety"
    OTHER = "other"


class ParticipantRole(StrEnum):
    CHAIRPERSON = "chairperson"
    DETAIL_PERSON = "detail_person"
    READER = "reader"
    CLOSER = "closer"
    LETTER_ONLY = "letter_only"
    PROFESSIONAL = "professional"
    OBSERVER = "observer"


class LetterKind(StrEnum):
    MAIN = "main"
    BOTTOM_LINE = "bottom_line"


class LetterStatus(StrEnum):
    DRAFT = "draft"
    REVIEWED = "reviewed"
    FINAL = "final"


class EventKind(StrEnum):
    REHEARSAL = "rehearsal"
    NETWORK_MEETING = "network_meeting"
    COACHING_SESSION = "coaching_session"
    INTERVENTION = "intervention"
    FOLLOW_UP_CALL = "follow_up_call"
    OTHER = "other"


class AttendeeResponse(StrEnum):
    INVITED = "invited"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    TENTATIVE = "tentative"


class LogisticsCategory(StrEnum):
    FACILITY = "facility"
    INSURANCE = "insurance"
    DETOX = "detox"
    TRANSPORT = "transport"
    ESCORT = "escort"
    BAG = "bag"
    COVER = "cover"
    OTHER = "other"


class LogisticsStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_NEEDED = "not_needed"


class OutcomeResult(StrEnum):
    ADMITTED = "admitted"
    ACCEPTED_DELAYED = "accepted_delayed"
    PARTIAL = "partial"
    REFUSED = "refused"
    WALKED_OUT = "walked_out"
    CANCELLED = "cancelled"


class FollowThrough(StrEnum):
    """Whether a participant kept the bottom line their letter announced."""

    KEPT = "kept"
    NOT_KEPT = "not_kept"
    NOT_APPLICABLE = "not_applicable"


class RiskLevel(StrEnum):
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


class AsamDimension(StrEnum):
    INTOXICATION_WITHDRAWAL = "intoxication_withdrawal"
    BIOMEDICAL = "biomedical"
    EMOTIONAL_BEHAVIOURAL = "emotional_behavioural"
    READINESS_TO_CHANGE = "readiness_to_change"
    RELAPSE_POTENTIAL = "relapse_potential"
    RECOVERY_ENVIRONMENT = "recovery_environment"


class ConsentKind(StrEnum):
    PART2 = "part2"
    COUNSELING_NOTES = "counseling_notes"
    GENERAL = "general"


class ConsentStatus(StrEnum):
    """Where a consent stands on a given day (computed, never stored)."""

    UNSIGNED = "unsigned"
    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


class HandoffSection(StrEnum):
    """The parts of the therapist handoff a consent may cover and a counselor may choose.

    The header, the client's identifiers and the description of the consent are always in the
    document; these are the sections beyond them."""

    REFERRAL = "referral"
    HISTORY = "history"
    WARNING_SIGNS = "warning_signs"
    ASAM = "asam"
    RISK_AND_SAFETY = "risk_and_safety"
    INTERVENTION = "intervention"
    FAMILY = "family"
    MODALITY = "modality"
    CONTACTS = "contacts"
    COUNSELING_NOTES = "counseling_notes"


class TherapyModality(StrEnum):
    CBT = "cbt"
    DBT = "dbt"
    PSYCHODYNAMIC = "psychodynamic"
    FAMILY_THERAPY = "family_therapy"
    OTHER = "other"


class TimelineKind(StrEnum):
    """The kinds of dated things a case's timeline shows."""

    PLAN_CREATED = "plan_created"
    OBSERVATION = "observation"
    LETTER_FINAL = "letter_final"
    EVENT = "event"
    OUTCOME = "outcome"
    TASK_DUE = "task_due"
    TASK_DONE = "task_done"
    BOTTOM_LINE = "bottom_line_noted"
    RISK_SCREEN = "risk_screen"
    SAFETY_PLAN = "safety_plan"
    ASAM = "asam"

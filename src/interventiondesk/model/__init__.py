"""The domain model: SQLAlchemy mapped classes that are the domain objects themselves."""

from interventiondesk.model.audit import AuditEvent, Setting
from interventiondesk.model.base import Base, new_id, utcnow
from interventiondesk.model.case import Case, Client, Observation, PresentingConcern
from interventiondesk.model.consent import Consent, Disclosure
from interventiondesk.model.enums import (
    AsamDimension,
    AttendeeResponse,
    CaseStatus,
    ConcernKind,
    ConsentKind,
    EventKind,
    InterventionKind,
    InterventionModel,
    LetterKind,
    LetterStatus,
    LogisticsCategory,
    LogisticsStatus,
    OutcomeResult,
    ParticipantRole,
    RiskLevel,
    WarningSign,
)
from interventiondesk.model.letters import (
    LETTER_SECTIONS,
    DictionaryWord,
    Letter,
    LetterTemplate,
    Objection,
)
from interventiondesk.model.logistics import LogisticsItem
from interventiondesk.model.outcome import FollowUpTask, Outcome
from interventiondesk.model.roster import AvailabilityWindow, Participant
from interventiondesk.model.safety import AsamRating, RiskScreen, SafetyPlan
from interventiondesk.model.schedule import Event, EventAttendee

__all__ = [
    "LETTER_SECTIONS",
    "AsamDimension",
    "AsamRating",
    "AttendeeResponse",
    "AuditEvent",
    "AvailabilityWindow",
    "Base",
    "Case",
    "CaseStatus",
    "Client",
    "ConcernKind",
    "Consent",
    "ConsentKind",
    "DictionaryWord",
    "Disclosure",
    "Event",
    "EventAttendee",
    "EventKind",
    "FollowUpTask",
    "InterventionKind",
    "InterventionModel",
    "Letter",
    "LetterKind",
    "LetterStatus",
    "LetterTemplate",
    "LogisticsCategory",
    "LogisticsItem",
    "LogisticsStatus",
    "Objection",
    "Observation",
    "Outcome",
    "OutcomeResult",
    "Participant",
    "ParticipantRole",
    "PresentingConcern",
    "RiskLevel",
    "RiskScreen",
    "SafetyPlan",
    "Setting",
    "WarningSign",
    "new_id",
    "utcnow",
]

"""The domain model: SQLAlchemy mapped classes that are the domain objects themselves.

Names are exported lazily (PEP 562): ``from interventiondesk.model import CaseStatus`` loads only
the enums, so that the window can paint before SQLAlchemy is imported. Asking for any other name
loads every mapped class at once, because their relationships name each other.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
        ConsentStatus,
        EventKind,
        FollowThrough,
        HandoffSection,
        InterventionKind,
        InterventionModel,
        LetterKind,
        LetterStatus,
        LogisticsCategory,
        LogisticsStatus,
        OutcomeResult,
        ParticipantRole,
        RiskLevel,
        TherapyModality,
        TimelineKind,
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
    from interventiondesk.model.outcome import BottomLineCheck, FollowUpTask, Outcome
    from interventiondesk.model.roster import AvailabilityWindow, Participant
    from interventiondesk.model.safety import (
        AsamRating,
        AsamRatingEntry,
        RiskScreen,
        SafetyPlan,
        SafetyPlanRevision,
    )
    from interventiondesk.model.schedule import Event, EventAttendee
    from interventiondesk.model.transfer import (
        TransferConflict,
        TransferMark,
        TransferReceipt,
        TransferSnapshot,
    )

_MAPPED_MODULES = (
    "audit",
    "base",
    "case",
    "consent",
    "letters",
    "logistics",
    "outcome",
    "roster",
    "safety",
    "schedule",
    "transfer",
)
"""Loaded together: a mapped class is usable only once every class it relates to exists."""

_ENUMS = (
    "AsamDimension",
    "AttendeeResponse",
    "CaseStatus",
    "ConcernKind",
    "ConsentKind",
    "ConsentStatus",
    "EventKind",
    "FollowThrough",
    "HandoffSection",
    "InterventionKind",
    "InterventionModel",
    "LetterKind",
    "LetterStatus",
    "LogisticsCategory",
    "LogisticsStatus",
    "OutcomeResult",
    "ParticipantRole",
    "RiskLevel",
    "TherapyModality",
    "TimelineKind",
    "WarningSign",
)

__all__ = [
    "LETTER_SECTIONS",
    "AsamDimension",
    "AsamRating",
    "AsamRatingEntry",
    "AttendeeResponse",
    "AuditEvent",
    "AvailabilityWindow",
    "Base",
    "BottomLineCheck",
    "Case",
    "CaseStatus",
    "Client",
    "ConcernKind",
    "Consent",
    "ConsentKind",
    "ConsentStatus",
    "DictionaryWord",
    "Disclosure",
    "Event",
    "EventAttendee",
    "EventKind",
    "FollowThrough",
    "FollowUpTask",
    "HandoffSection",
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
    "SafetyPlanRevision",
    "Setting",
    "TherapyModality",
    "TimelineKind",
    "TransferConflict",
    "TransferMark",
    "TransferReceipt",
    "TransferSnapshot",
    "WarningSign",
    "new_id",
    "utcnow",
]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if name in _ENUMS:
        value = getattr(importlib.import_module(f"{__name__}.enums"), name)
    else:
        modules = [importlib.import_module(f"{__name__}.{home}") for home in _MAPPED_MODULES]
        value = next(getattr(m, name) for m in modules if name in vars(m))
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(__all__)

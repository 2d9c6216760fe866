"""The counselor's words for every vocabulary of the model, in English (the source text that
the window translates; the command line and the PDFs print it as it is)."""

from __future__ import annotations

from enum import StrEnum

from interventiondesk.model.enums import (
    AsamDimension,
    AttendeeResponse,
    CaseStatus,
    ConcernKind,
    EventKind,
    FollowThrough,
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


def _t(text: str) -> str:
    return text  # marks a source string for translation; translated in label()


LABELS: dict[StrEnum, str] = {
    InterventionKind.CRISIS: _t("Crisis"),
    InterventionKind.PLANNED: _t("Planned"),
    InterventionKind.FAMILY: _t("Family"),
    InterventionModel.JOHNSON: _t("Johnson-style"),
    InterventionModel.INVITATIONAL: _t("Invitational"),
    InterventionModel.LOVE_FIRST: _t("Love First-style"),
    InterventionModel.CRAFT: _t("CRAFT-style"),
    InterventionModel.SYSTEMIC: _t("Systemic family"),
    CaseStatus.INTAKE: _t("Intake"),
    CaseStatus.PLANNING: _t("Planning"),
    CaseStatus.READY: _t("Ready"),
    CaseStatus.HELD: _t("Held"),
    CaseStatus.FOLLOW_UP: _t("Follow-up"),
    CaseStatus.CLOSED: _t("Closed"),
    ConcernKind.SUBSTANCE: _t("Substance use"),
    ConcernKind.MENTAL_HEALTH: _t("Mental health"),
    WarningSign.DECLINE: _t("Marked decline in behaviour or health"),
    WarningSign.DENIAL: _t("Growing denial or resistance"),
    WarningSign.SAFETY: _t("Immediate threat to safety"),
    WarningSign.OTHER: _t("Other observation"),
    ParticipantRole.CHAIRPERSON: _t("Chairperson"),
    ParticipantRole.DETAIL_PERSON: _t("Detail person"),
    ParticipantRole.READER: _t("Reader"),
    ParticipantRole.CLOSER: _t("Closer"),
    ParticipantRole.LETTER_ONLY: _t("Letter only (not attending)"),
    ParticipantRole.PROFESSIONAL: _t("Professional"),
    ParticipantRole.OBSERVER: _t("Observer"),
    LetterKind.MAIN: _t("Letter"),
    LetterKind.BOTTOM_LINE: _t("Bottom-line letter"),
    LetterStatus.DRAFT: _t("Draft"),
    LetterStatus.REVIEWED: _t("Reviewed"),
    LetterStatus.FINAL: _t("Final"),
    EventKind.REHEARSAL: _t("Rehearsal"),
    EventKind.NETWORK_MEETING: _t("Network meeting"),
    EventKind.COACHING_SESSION: _t("Coaching session"),
    EventKind.INTERVENTION: _t("Intervention meeting"),
    EventKind.FOLLOW_UP_CALL: _t("Follow-up call"),
    EventKind.OTHER: _t("Other"),
    AttendeeResponse.INVITED: _t("Invited"),
    AttendeeResponse.CONFIRMED: _t("Confirmed"),
    AttendeeResponse.DECLINED: _t("Declined"),
    AttendeeResponse.TENTATIVE: _t("Tentative"),
    LogisticsCategory.FACILITY: _t("Treatment facility"),
    LogisticsCategory.INSURANCE: _t("Insurance or payment"),
    LogisticsCategory.DETOX: _t("Medical detox"),
    LogisticsCategory.TRANSPORT: _t("Transport"),
    LogisticsCategory.ESCORT: _t("Escort"),
    LogisticsCategory.BAG: _t("Bag"),
    LogisticsCategory.COVER: _t("Work or childcare cover"),
    LogisticsCategory.OTHER: _t("Other"),
    LogisticsStatus.OPEN: _t("Open"),
    LogisticsStatus.IN_PROGRESS: _t("In progress"),
    LogisticsStatus.DONE: _t("Done"),
    LogisticsStatus.NOT_NEEDED: _t("Not needed"),
    OutcomeResult.ADMITTED: _t("Accepted and admitted"),
    OutcomeResult.ACCEPTED_DELAYED: _t("Accepted, entry delayed"),
    OutcomeResult.PARTIAL: _t("Bargaining or partial yes"),
    OutcomeResult.REFUSED: _t("Refused"),
    OutcomeResult.WALKED_OUT: _t("Walked out"),
    OutcomeResult.CANCELLED: _t("Cancelled or postponed"),
    FollowThrough.KEPT: _t("Kept"),
    FollowThrough.NOT_KEPT: _t("Not kept"),
    FollowThrough.NOT_APPLICABLE: _t("Not applicable"),
    RiskLevel.LOW: _t("Low"),
    RiskLevel.MODERATE: _t("Moderate"),
    RiskLevel.HIGH: _t("High"),
    AsamDimension.INTOXICATION_WITHDRAWAL: _t("Intoxication and withdrawal"),
    AsamDimension.BIOMEDICAL: _t("Biomedical conditions"),
    AsamDimension.EMOTIONAL_BEHAVIOURAL: _t("Emotional, behavioural or cognitive"),
    AsamDimension.READINESS_TO_CHANGE: _t("Readiness to change"),
    AsamDimension.RELAPSE_POTENTIAL: _t("Relapse or continued-use potential"),
    AsamDimension.RECOVERY_ENVIRONMENT: _t("Recovery and living environment"),
}


def english_label(value: StrEnum) -> str:
    """The English name of an enum value, e.g. ``english_label(CaseStatus.FOLLOW_UP)``."""
    return LABELS.get(value, value.value.replace("_", " ").capitalize())

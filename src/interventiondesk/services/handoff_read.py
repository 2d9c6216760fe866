"""What a therapist handoff shows: the case read into one frozen ``HandoffContent``.

Only the chosen sections are read; the others stay empty in the content, so a section left out
cannot reach the PDF by mistake. The consent check comes first (``services.handoff``); this
module only reads.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from interventiondesk.export.handoff_content import (
    Arrangement,
    AsamLine,
    BottomLine,
    Concern,
    ConsentScope,
    Contact,
    HandoffContent,
    Meeting,
    Observed,
    OutcomeLine,
    ScreenSummary,
    TeamMember,
)
from interventiondesk.export.handoff_sections import SECTION_TITLES
from interventiondesk.export.pdf_common import long_date, long_when
from interventiondesk.model import (
    AsamDimension,
    Case,
    ConcernKind,
    Consent,
    ConsentKind,
    EventKind,
    FollowThrough,
    HandoffSection,
    TherapyModality,
    WarningSign,
)
from interventiondesk.model.labels import english_label
from interventiondesk.services import settings
from interventiondesk.services.outcomes import bottom_line_rows, in_time_order
from interventiondesk.services.participants import roster
from interventiondesk.services.risk_screen import TOPICS, next_step
from interventiondesk.services.safety import FLAGS, STEPS, AsamGiven, asam_rows, raised_flags
from interventiondesk.services.scheduling import local_start
from interventiondesk.times import zone_or_utc

MEETING_KINDS = (
    EventKind.INTERVENTION,
    EventKind.NETWORK_MEETING,
    EventKind.COACHING_SESSION,
)
"""The events the handoff lists as the intervention's meetings (not rehearsals or calls)."""


_NO_NALOXONE_LABEL = "Overdose history and no naloxone on hand"


def modality_words(text: str) -> str:
    """The recommended modality in words: a known modality's name when the stored text is its
    code or its name, otherwise the counselor's own text."""
    wanted = " ".join(text.split()).casefold()
    for modality in TherapyModality:
        if wanted in (modality.value, english_label(modality).casefold()):
            return english_label(modality)
    return text.strip()


def _answer(value: bool | None) -> str:
    return "Not asked" if value is None else ("Yes" if value else "No")


def _screen(case: Case) -> ScreenSummary | None:
    screens = sorted(case.risk_screens, key=lambda s: (s.screened_at, s.created_at))
    if not screens:
        return None
    latest = screens[-1]
    answers = {topic.key: getattr(latest, topic.key) for topic in TOPICS}
    return ScreenSummary(
        screened_on=latest.screened_at.date(),
        screened_by=latest.screened_by,
        triage=english_label(latest.triage) if latest.triage else "Not triaged",
        answers=tuple((topic.title, _answer(answers[topic.key])) for topic in TOPICS),
        next_step=next_step(answers),
        notes=latest.notes,
    )


def _bottom_lines(session: Session, case: Case) -> tuple[BottomLine, ...]:
    lines: list[BottomLine] = []
    for row in bottom_line_rows(session, case.id):
        if row.status is FollowThrough.NOT_APPLICABLE:
            continue  # no longer in force
        if row.status is None:
            status = "Follow-through not noted yet."
        else:
            on = f" on {row.noted_on:%Y-%m-%d}" if row.noted_on else ""
            status = f"{english_label(row.status)}{on}."
        lines.extend(
            BottomLine(row.name, row.relationship, text, status)
            for text in row.bottom_lines
            if text.strip()
        )
    return tuple(lines)


def _facility(case: Case) -> tuple[tuple[str, str], ...]:
    lines = [
        ("Facility", case.facility_name),
        ("Contact there", case.facility_contact),
        ("Phone", case.facility_phone),
    ]
    if case.intake_at is not None:
        zone = zone_or_utc(case.intake_timezone)
        local = case.intake_at.astimezone(zone)
        lines.append(("Intake", f"{long_date(local.date())}, {local:%H:%M} ({zone.key})"))
    return tuple((what, value.strip()) for what, value in lines if value.strip())


def _scope(consent: Consent) -> ConsentScope:
    return ConsentScope(
        kind=english_label(consent.kind),
        patient=consent.patient_name,
        discloser=consent.discloser,
        information=consent.information,
        recipients=consent.recipients,
        purpose=consent.purpose,
        revocation_explained=consent.revocation_explained,
        expires_on=consent.expires_on,
        expiry_event=consent.expiry_event,
        signed_by=consent.signed_by,
        signed_on=consent.signed_on,
        signature_method=consent.signature_method,
        sections=tuple(SECTION_TITLES[s] for s in HandoffSection if s in consent.covered_sections),
    )


def discloses_substance_use(
    case: Case, sections: frozenset[HandoffSection], consents: list[Consent]
) -> bool:
    """Whether the handoff carries Part 2 information, and so the notice on every page.

    A case with a substance-use concern or history is substance-use information from its
    identifiers on (that the person is in substance-use care is itself protected), as is any
    handoff made under a Part 2 consent; the ASAM dimensions are addiction criteria, so a
    handoff that includes them carries the notice too."""
    return (
        any(concern.concern is ConcernKind.SUBSTANCE for concern in case.concerns)
        or bool(case.substance_history.strip())
        or any(consent.kind is ConsentKind.PART2 for consent in consents)
        or (HandoffSection.ASAM in sections and bool(case.asam_ratings))
    )


def _purpose(relied_on: list[Consent]) -> str:
    for consent in relied_on:
        if consent.kind is not ConsentKind.COUNSELING_NOTES and consent.purpose.strip():
            return " ".join(consent.purpose.split())
    return "Continuity of care: handing the client's care over to the recipient."


def read_handoff(
    session: Session,
    case: Case,
    recipient: str,
    sections: Collection[HandoffSection],
    relied_on: list[Consent],
    *,
    override_reason: str = "",
    override_problems: tuple[str, ...] = (),
    today: date | None = None,
) -> HandoffContent:
    """What the handoff of ``case`` to ``recipient`` shows, as one frozen value: the header,
    the client's identifiers, the chosen ``sections`` (the others left empty), and the
    consents ``relied_on`` (or the override). The consent check is the caller's."""
    day = today or date.today()
    chosen = frozenset(sections)
    client = case.client
    content = HandoffContent(
        reference=case.reference,
        prepared=day,
        preparer=settings.get(session, settings.COUNSELOR_NAME) or case.counselor,
        preparer_contact=settings.get(session, settings.COUNSELOR_EMAIL),
        recipient=recipient.strip(),
        purpose=_purpose(relied_on),
        sections=chosen,
        client=client.identity(),
        part2=discloses_substance_use(case, chosen, relied_on),
        consents=tuple(_scope(consent) for consent in relied_on),
        override_reason=override_reason.strip(),
        override_problems=override_problems,
    )
    parts: dict[str, object] = {}
    if HandoffSection.REFERRAL in chosen:
        parts["referral_reason"] = case.referral_reason
        parts["concerns"] = tuple(
            Concern(english_label(c.concern), c.name, c.details) for c in case.concerns
        )
    if HandoffSection.HISTORY in chosen:
        labels = dict(FLAGS)
        parts["substance_history"] = case.substance_history
        parts["mental_health_history"] = case.mental_health_history
        parts["risk_flags"] = tuple(
            labels.get(key, _NO_NALOXONE_LABEL) for key in raised_flags(case)
        )
    if HandoffSection.WARNING_SIGNS in chosen:
        ticked = (
            (case.sign_decline, WarningSign.DECLINE),
            (case.sign_denial, WarningSign.DENIAL),
            (case.sign_safety, WarningSign.SAFETY),
        )
        parts["signs"] = tuple(english_label(sign) for on, sign in ticked if on)
        parts["observations"] = tuple(
            Observed(o.observed_on, english_label(o.sign), o.text) for o in case.observations
        )
    if HandoffSection.ASAM in chosen:
        parts["asam"] = tuple(_asam_line(row.dimension, row.current) for row in asam_rows(case))
    if HandoffSection.RISK_AND_SAFETY in chosen:
        parts["screen"] = _screen(case)
        plan = case.safety_plan
        if plan is not None:
            parts["safety_plan"] = tuple((title, getattr(plan, key)) for key, title, _h in STEPS)
    if HandoffSection.INTERVENTION in chosen:
        parts.update(_intervention_parts(session, case))
    if HandoffSection.FAMILY in chosen:
        parts["family_system"] = case.family_system
        parts["family_support"] = case.family_support
        parts["bottom_lines"] = _bottom_lines(session, case)
    if HandoffSection.MODALITY in chosen:
        parts["modality"] = modality_words(case.recommended_modality)
        parts["modality_rationale"] = case.modality_rationale
    if HandoffSection.CONTACTS in chosen:
        parts.update(_contact_parts(session, case))
    if HandoffSection.COUNSELING_NOTES in chosen:
        parts["counseling_notes"] = case.counselor_notes
    return replace(content, **parts)  # type: ignore[arg-type]


def _asam_line(dimension: AsamDimension, given: AsamGiven | None) -> AsamLine:
    if given is None:
        return AsamLine(english_label(dimension), None, "", None)
    return AsamLine(english_label(dimension), given.rating, given.notes, given.rated_at.date())


def _intervention_parts(session: Session, case: Case) -> dict[str, object]:
    meetings = tuple(
        Meeting(
            when=long_when(local_start(e), e.duration_minutes, e.timezone or "UTC"),
            kind=english_label(e.kind),
            place=("Video call. " if e.is_video else "") + e.place,
        )
        for e in case.events
        if e.kind in MEETING_KINDS and e.cancelled_at is None
    )
    team = tuple(
        TeamMember(p.name, p.relationship_to_client, english_label(p.role), p.attending)
        for p in roster(session, case.id)
    )
    outcomes = tuple(
        OutcomeLine(o.occurred_on, english_label(o.result), o.admitted_to, o.entry_on, o.notes)
        for o in in_time_order(list(case.outcomes))
    )
    return {
        "kind": english_label(case.kind),
        "model": english_label(case.model),
        "meetings": meetings,
        "team": team,
        "outcomes": outcomes,
    }


def _contact_parts(session: Session, case: Case) -> dict[str, object]:
    return {
        "facility": _facility(case),
        "arrangements": tuple(
            Arrangement(
                item.title,
                english_label(item.category),
                english_label(item.status),
                item.notes,
            )
            for item in case.logistics
        ),
        "contacts": tuple(
            Contact(p.name, p.relationship_to_client, english_label(p.role), p.phone, p.email)
            for p in roster(session, case.id)
            if p.phone.strip() or p.email.strip()
        ),
    }

"""Exports as use cases: read in one session, render, then write the file and its record.

Every export has the same three steps:

1. **Read** everything it shows in one read session into a frozen content value
   (``read_packet``, ``read_calendar``, ``read_case_document``). The session ends here.
2. **Render** the content to bytes with a renderer from ``interventiondesk.export`` (no
   session, no file). The GUI runs steps 1 and 2 off its thread.
3. **Save** (``save_export``): in one short write session, the audit entry is added and flushed,
   then the file is put in place (written beside its target first, then renamed over it), then
   the session commits. A failed write rolls the entry back, so a failed write leaves no record;
   if the commit itself fails, the file just written is removed again, so a record never points
   at a file that was not written, and no file exists without its record.

Nothing is written inside a read transaction that began before the render: SQLite in WAL mode
refuses to turn an old read snapshot into a write once another connection has committed, so an
export built that way fails whenever an autosave lands meanwhile.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from interventiondesk.errors import InvalidCaseFile, InvalidInput
from interventiondesk.export.case_format import case_file_bytes
from interventiondesk.export.ics import (
    PRIVATE,
    CalendarContent,
    CalendarEvent,
    Invitee,
    Privacy,
    render_calendar,
)
from interventiondesk.export.rehearsal_packet import (
    LetterToRead,
    ObjectionToAnswer,
    PacketContent,
    PacketSummary,
    Person,
    render_packet,
)
from interventiondesk.model import Case, Event, LetterKind, LetterStatus, Participant
from interventiondesk.services import audit, settings
from interventiondesk.services.cases import find_case
from interventiondesk.services.interchange import FORMAT_VERSION, checked_case_document
from interventiondesk.services.letters import ReadingSlot, objections, reading_order, sections_of
from interventiondesk.services.records import get_record
from interventiondesk.services.scheduling import ends_at
from interventiondesk.storage.database import Database
from interventiondesk.storage.files import discard_staged, place_staged, stage_private


def save_export(
    db: Database, path: Path, data: bytes, *, action: str, case_id: str | None, detail: str
) -> None:
    """Write ``data`` to ``path`` and record ``action`` in the audit trail, together or not at
    all (see the module's docstring for the order)."""
    staged = stage_private(path, data)
    placed = False
    try:
        with db.session(write=True) as session:
            audit.record(session, action, case_id=case_id, detail=detail)
            session.flush()
            place_staged(staged, path)
            placed = True
    except BaseException:
        if placed:
            path.unlink(missing_ok=True)
        else:
            discard_staged(staged)
        raise


# The rehearsal packet -------------------------------------------------------------------------


def _person(participant: Participant | None) -> Person | None:
    if participant is None:
        return None
    return Person(participant.id, participant.name, participant.relationship_to_client)


def _letter_to_read(slot: ReadingSlot) -> LetterToRead:
    letter = slot.letter
    author = _person(slot.author)
    assert author is not None
    return LetterToRead(
        author=author,
        reader=_person(slot.reader),
        is_closer=slot.is_closer,
        status=letter.status.value,
        is_final=letter.status is LetterStatus.FINAL,
        seconds=slot.seconds,
        sections=tuple((key, getattr(letter, key)) for key in sections_of(letter.kind)),
    )


def read_packet(session: Session, case_id: str, *, today: date | None = None) -> PacketContent:
    """What the rehearsal packet of a case shows, as one frozen value."""
    case = find_case(session, case_id)
    main = reading_order(session, case.id, LetterKind.MAIN)
    bottom = reading_order(session, case.id, LetterKind.BOTTOM_LINE)
    return PacketContent(
        reference=case.reference,
        counselor=case.counselor,
        prepared=today or date.today(),
        main=tuple(_letter_to_read(slot) for slot in main),
        bottom_line=tuple(_letter_to_read(slot) for slot in bottom),
        objections=tuple(
            ObjectionToAnswer(row.objection, row.answer, _person(row.answered_by))
            for row in objections(session, case.id)
        ),
        seating_notes=case.seating_notes,
    )


def export_rehearsal_packet(
    db: Database,
    case_id: str,
    path: Path,
    *,
    include_drafts: bool = False,
    password: str | None = None,
) -> PacketSummary:
    """Write the packet to ``path`` (whole or not at all), recorded in the audit trail."""
    with db.session() as session:
        content = read_packet(session, case_id)
        case_id = find_case(session, case_id).id
    data, summary = render_packet(content, include_drafts=include_drafts, password=password)
    save_export(
        db,
        path,
        data,
        action="export.rehearsal_packet",
        case_id=case_id,
        detail=(
            f"letters={summary.letters_included} left_out={summary.letters_left_out} "
            f"objections={summary.objections} drafts={'yes' if include_drafts else 'no'} "
            f"encrypted={'yes' if password else 'no'}"
        ),
    )
    return summary


# Calendar files -------------------------------------------------------------------------------


def _calendar_event(event: Event) -> CalendarEvent:
    return CalendarEvent(
        id=event.id,
        kind=event.kind,
        title=event.title,
        starts_at=event.starts_at,
        ends_at=ends_at(event),
        timezone=event.timezone,
        place=event.place,
        is_video=event.is_video,
        notes=event.notes,
        skills_practised=event.skills_practised,
        readiness_override=event.readiness_override,
        cancelled=event.cancelled_at is not None,
        version=event.version,
        invitees=tuple(
            Invitee(a.participant.id, a.participant.name, a.participant.email, a.response)
            for a in event.attendees
            if a.participant.deleted_at is None
        ),
    )


def read_calendar(
    session: Session, case_id: str, *, event_id: str | None = None
) -> CalendarContent:
    """One event, or all of a case's events, as a calendar file shows them."""
    case: Case = find_case(session, case_id)
    if event_id is not None:
        event = get_record(session, Event, event_id.strip(), "event")
        if event.case_id != case.id:
            raise InvalidInput("That event belongs to another case.")
        events = [event]
    else:
        events = list(case.events)
    if not events:
        raise InvalidInput("This case has no events to put in a calendar file yet.")
    counselor = " ".join(case.counselor.split()) or settings.get(session, settings.COUNSELOR_NAME)
    return CalendarContent(
        case_id=case.id,
        reference=case.reference,
        client_name=case.client.full_name,
        client_initials=case.client.initials,
        counselor=counselor,
        counselor_email=settings.get(session, settings.COUNSELOR_EMAIL),
        events=tuple(_calendar_event(event) for event in events),
    )


def export_calendar(
    db: Database,
    case_id: str,
    path: Path,
    *,
    event_id: str | None = None,
    privacy: Privacy = PRIVATE,
) -> CalendarContent:
    """Write the calendar file (owner-only, whole or not at all), recorded in the audit trail.
    Returns what it holds."""
    with db.session() as session:
        content = read_calendar(session, case_id, event_id=event_id)
    data = render_calendar(content, privacy)
    options = [f"full names {'yes' if privacy.full_names else 'no'}"]
    options.append(f"notes {'yes' if privacy.include_notes else 'no'}")
    save_export(
        db,
        path,
        data,
        action="calendar.exported",
        case_id=content.case_id,
        detail=f"events {','.join(e.id for e in content.events)}; {'; '.join(options)}",
    )
    return content


# Case files ---------------------------------------------------------------------------------


def read_case_document(session: Session, case_id: str) -> tuple[str, dict[str, Any]]:
    """The case's id and its whole case-file document."""
    case = find_case(session, case_id)
    return case.id, checked_case_document(case)


def export_case_file(db: Database, case_id: str, path: Path) -> str:
    """Export the case to ``path`` (audited together with the write). Returns the case's id."""
    if path.is_dir():
        raise InvalidCaseFile("That is a folder; choose a file name for the case file.")
    with db.session() as session:
        case_id, document = read_case_document(session, case_id)
    save_export(
        db,
        path,
        case_file_bytes(document),
        action="case.exported",
        case_id=case_id,
        detail=f"format {FORMAT_VERSION}",
    )
    return case_id


# The safety plan (issue 10) ------------------------------------------------------------------
# Kept apart from the exports above: read the plan, render it, save it with its audit entry.
# Its imports sit here so that this block stays separate from the rest of the module.

from interventiondesk.export.safety_plan import (  # noqa: E402
    SafetyPlanContent,
    SafetyPlanSummary,
    render_safety_plan,
)
from interventiondesk.model.labels import english_label  # noqa: E402


def read_safety_plan(
    session: Session,
    case_id: str,
    *,
    show_name: bool = False,
    show_reference: bool = False,
    show_concerns: bool = False,
    today: date | None = None,
) -> tuple[str, SafetyPlanContent]:
    """The case's id and what its printed safety plan shows (nothing identifying unless
    chosen). Refused when the case has no plan or every step is empty."""
    from interventiondesk.services.safety import CRISIS_LINE, STEPS

    case = find_case(session, case_id)
    plan = case.safety_plan
    if plan is None or not any(getattr(plan, key).strip() for key, _t, _h in STEPS):
        raise InvalidInput("This case has no safety plan to print yet; fill in its steps first.")
    name = (case.client.preferred_name.strip() or case.client.full_name) if show_name else ""
    concerns = (
        tuple(c.name.strip() or english_label(c.concern) for c in case.concerns)
        if show_concerns
        else ()
    )
    return case.id, SafetyPlanContent(
        steps=tuple((title, hint, getattr(plan, key)) for key, title, hint in STEPS),
        crisis_line=CRISIS_LINE,
        prepared=today or date.today(),
        name=name,
        reference=case.reference if show_reference else "",
        concerns=concerns,
    )


def export_safety_plan(
    db: Database,
    case_id: str,
    path: Path,
    *,
    show_name: bool = False,
    show_reference: bool = False,
    show_concerns: bool = False,
) -> SafetyPlanSummary:
    """Write the one-page safety plan to ``path`` (whole or not at all), audited."""
    with db.session() as session:
        case_id, content = read_safety_plan(
            session,
            case_id,
            show_name=show_name,
            show_reference=show_reference,
            show_concerns=show_concerns,
        )
    data, summary = render_safety_plan(content)
    save_export(
        db,
        path,
        data,
        action="export.safety_plan",
        case_id=case_id,
        detail=(
            f"pages={summary.pages} steps={summary.steps_filled} "
            f"name={'yes' if show_name else 'no'} reference={'yes' if show_reference else 'no'} "
            f"concerns={'yes' if show_concerns else 'no'}"
        ),
    )
    return summary

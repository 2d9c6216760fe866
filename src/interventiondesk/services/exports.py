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

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
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
from interventiondesk.export.pdf_common import MIN_PDF_PASSWORD
from interventiondesk.export.rehearsal_packet import (
    LetterToRead,
    Meeting,
    ObjectionToAnswer,
    PacketContent,
    PacketSummary,
    Person,
    ReadingCopy,
    TeamMember,
    reading_copies,
    render_packet,
    render_reading_copy,
)
from interventiondesk.export.safety_plan import (
    SafetyPlanContent,
    SafetyPlanSummary,
    render_safety_plan,
)
from interventiondesk.model import (
    Case,
    Event,
    EventKind,
    LetterKind,
    LetterStatus,
    Participant,
    utcnow,
)
from interventiondesk.model.labels import english_label
from interventiondesk.services import audit, settings
from interventiondesk.services.cases import find_case
from interventiondesk.services.interchange import FORMAT_VERSION, checked_case_document
from interventiondesk.services.letters import ReadingSlot, objections, reading_order, sections_of
from interventiondesk.services.participants import roster
from interventiondesk.services.records import get_record
from interventiondesk.services.scheduling import ends_at, local_start
from interventiondesk.storage.database import Database
from interventiondesk.storage.files import discard_staged, place_staged, stage_private


def save_export(
    db: Database,
    path: Path,
    data: bytes,
    *,
    action: str,
    case_id: str | None,
    detail: str,
    record: Callable[[Session], str] | None = None,
) -> None:
    """Write ``data`` to ``path`` and record ``action`` in the audit trail, together or not at
    all (see the module's docstring for the order). ``record``, when given, adds what else
    must exist exactly when the file does (a disclosure) in the same write session, before
    the audit entry, and returns what the entry's detail adds; if it raises, nothing is
    written."""
    save_export_files(
        db, [(path, data)], action=action, case_id=case_id, detail=detail, record=record
    )


def save_export_files(
    db: Database,
    files: Sequence[tuple[Path, bytes]],
    *,
    action: str,
    case_id: str | None,
    detail: str,
    record: Callable[[Session], str] | None = None,
) -> None:
    """``save_export`` for several files at once: all of them and their one audit entry, or
    none of them (files already placed are removed again when a later one fails)."""
    staged: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    try:
        for path, data in files:
            staged.append((stage_private(path, data), path))
        with db.session(write=True) as session:
            more = record(session) if record is not None else ""
            audit.record(session, action, case_id=case_id, detail=detail + more)
            session.flush()
            for temporary, path in staged:
                place_staged(temporary, path)
                placed.append(path)
    except BaseException:
        for path in placed:
            path.unlink(missing_ok=True)
        for temporary, _path in staged:
            discard_staged(temporary)
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
        status=english_label(letter.status),
        is_final=letter.status is LetterStatus.FINAL,
        seconds=slot.seconds,
        sections=tuple((key, getattr(letter, key)) for key in sections_of(letter.kind)),
    )


def _meeting(session: Session, case_id: str, now: datetime) -> Meeting | None:
    """The case's intervention meeting: the next one not cancelled, else the latest held."""
    events = list(
        session.scalars(
            select(Event)
            .where(
                Event.case_id == case_id,
                Event.kind == EventKind.INTERVENTION,
                Event.cancelled_at.is_(None),
            )
            .order_by(Event.starts_at)
        )
    )
    if not events:
        return None
    upcoming = [event for event in events if ends_at(event) >= now]
    event = upcoming[0] if upcoming else events[-1]
    return Meeting(
        starts=local_start(event),
        minutes=event.duration_minutes,
        timezone=event.timezone,
        place=event.place,
        is_video=event.is_video,
    )


def read_packet(
    session: Session, case_id: str, *, today: date | None = None, now: datetime | None = None
) -> PacketContent:
    """What the rehearsal packet of a case shows, as one frozen value."""
    case = find_case(session, case_id)
    main = reading_order(session, case.id, LetterKind.MAIN)
    bottom = reading_order(session, case.id, LetterKind.BOTTOM_LINE)
    team = tuple(
        TeamMember(
            Person(p.id, p.name, p.relationship_to_client), english_label(p.role), p.attending
        )
        for p in roster(session, case.id)
    )
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
        meeting=_meeting(session, case.id, now or utcnow()),
        team=team,
    )


def reading_copy_name(reference: str, number: int) -> str:
    """A reading copy's file name: the case reference and the reader's number, never a name
    (a file name is seen by anyone who sees the folder)."""
    return f"reading-copy-{reference}-{number}.pdf"


@dataclass(frozen=True, slots=True)
class WrittenCopy:
    """A reading copy as written: its file, whose it is and how many letters it holds."""

    path: Path
    reader: str
    letters: int


@dataclass(frozen=True, slots=True)
class PacketExported:
    """What an export wrote: the packet's summary, and the reading copies."""

    summary: PacketSummary
    packet: Path | None
    reading_copies: tuple[WrittenCopy, ...]
    letters_without_reader: int

    @property
    def letters_included(self) -> int:
        return self.summary.letters_included

    @property
    def letters_left_out(self) -> int:
        return self.summary.letters_left_out

    @property
    def objections(self) -> int:
        return self.summary.objections


def check_pdf_password(password: str | None) -> None:
    """Refuse a password too short to protect anything (``None``: no password)."""
    if password is not None and len(password) < MIN_PDF_PASSWORD:
        raise InvalidInput(
            f"The PDF password needs at least {MIN_PDF_PASSWORD} characters; nothing was written."
        )


def _check_letters(content: PacketContent, include_drafts: bool) -> None:
    """Refuse an export that would print no letter at all, saying what is missing."""
    every = (*content.main, *content.bottom_line)
    if not every:
        raise InvalidInput(
            "This case has no letters yet, so there is no packet to write. Start a letter on "
            "the Letters page first."
        )
    if not include_drafts and not any(slot.is_final for slot in every):
        raise InvalidInput(
            "None of this case's letters is final yet, so a packet of final letters only would "
            "be empty. Include the drafts, or make letters final first."
        )


def planned_reading_copies(
    content: PacketContent, folder: Path, *, include_drafts: bool = True
) -> list[tuple[Path, ReadingCopy]]:
    """Where each reader's copy would be written in ``folder``, and what it holds."""
    return [
        (folder / reading_copy_name(content.reference, copy.number), copy)
        for copy in reading_copies(content, include_drafts=include_drafts)
    ]


def reading_copy_paths(
    session: Session, case_id: str, folder: Path, *, include_drafts: bool = True
) -> list[Path]:
    """The files an export with reading copies into ``folder`` would write (to ask before
    replacing any that exist)."""
    content = read_packet(session, case_id)
    return [
        path
        for path, _copy in planned_reading_copies(content, folder, include_drafts=include_drafts)
    ]


def export_rehearsal_packet(
    db: Database,
    case_id: str,
    path: Path | None,
    *,
    include_drafts: bool = True,
    password: str | None = None,
    reading_copies_in: Path | None = None,
) -> PacketExported:
    """Write the packet to ``path`` and, with ``reading_copies_in``, one reading copy per reader
    into that folder: every file whole, or none of them, recorded in the audit trail.

    Refused in words (nothing written) when there is no letter to print, when a password is too
    short, or when reading copies are asked for but no included letter has a reader.
    """
    if path is None and reading_copies_in is None:
        raise InvalidInput("Choose a file for the packet or a folder for the reading copies.")
    check_pdf_password(password)
    if reading_copies_in is not None and not reading_copies_in.is_dir():
        raise InvalidInput(
            "The folder for the reading copies does not exist (or is a file). Choose an "
            "existing folder."
        )
    with db.session() as session:
        content = read_packet(session, case_id)
        case_id = find_case(session, case_id).id
    _check_letters(content, include_drafts)
    files: list[tuple[Path, bytes]] = []
    summary = PacketSummary(0, 0, len(content.objections))
    if path is not None:
        data, summary = render_packet(content, include_drafts=include_drafts, password=password)
        files.append((path, data))
    written: list[WrittenCopy] = []
    if reading_copies_in is not None:
        planned = planned_reading_copies(content, reading_copies_in, include_drafts=include_drafts)
        if not planned:
            raise InvalidInput(
                "No letter in this export has a reader yet, so there is no reading copy to "
                "write. Choose readers in the reading order first."
            )
        for copy_path, copy in planned:
            if path is not None and copy_path.resolve() == path.resolve():
                raise InvalidInput(
                    "The packet's file name is also a reading copy's; choose another name."
                )
            files.append((copy_path, render_reading_copy(content, copy, password=password)))
            written.append(WrittenCopy(copy_path, copy.reader.name, len(copy.turns)))
    without_reader = sum(
        1
        for slot in (*content.main, *content.bottom_line)
        if slot.reader is None and (slot.is_final or include_drafts)
    )
    save_export_files(
        db,
        files,
        action="export.rehearsal_packet",
        case_id=case_id,
        detail=(
            f"packet={'yes' if path is not None else 'no'} "
            f"letters={summary.letters_included} left_out={summary.letters_left_out} "
            f"objections={summary.objections} drafts={'yes' if include_drafts else 'no'} "
            f"reading_copies={len(written)} encrypted={'yes' if password else 'no'}"
        ),
    )
    return PacketExported(summary, path, tuple(written), without_reader)


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


# The safety plan ----------------------------------------------------------------------------


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

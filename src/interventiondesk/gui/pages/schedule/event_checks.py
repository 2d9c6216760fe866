"""What the Schedule page checks before an event is saved, and how it shows events by day."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime
from PySide6.QtGui import QBrush, QFont, QPalette, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QMessageBox,
    QWidget,
)
from sqlalchemy.orm import Session

from interventiondesk.errors import InterventionDeskError
from interventiondesk.model import Event, Participant
from interventiondesk.services.conflicts import Conflict, Proposal, conflicts
from interventiondesk.services.records import get_record
from interventiondesk.times import to_utc


def ask_to_schedule_anyway(parent: QWidget, missing: list[str]) -> bool:
    """Ask whether to schedule the meeting although required logistics are open."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("SchedulePage", text)

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("Treatment is not ready"))
    box.setText(tr("Required logistics are still open. Schedule the intervention meeting anyway?"))
    box.setInformativeText("\n".join("• " + line for line in missing))
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    try:
        return box.exec() == QMessageBox.StandardButton.Yes
    finally:
        box.deleteLater()


def mark_event_days(calendar: QCalendarWidget, days: list[date]) -> None:
    """Highlight the days that have events (and clear earlier highlights)."""
    calendar.setDateTextFormat(QDate(), QTextCharFormat())
    highlight = QTextCharFormat()
    highlight.setFontWeight(QFont.Weight.Bold)
    palette = calendar.palette()
    highlight.setBackground(QBrush(palette.color(QPalette.ColorRole.Highlight)))
    highlight.setForeground(QBrush(palette.color(QPalette.ColorRole.HighlightedText)))
    for day in days:
        calendar.setDateTextFormat(QDate(day.year, day.month, day.day), highlight)


def local_when(moment: datetime) -> str:
    """Weekday, date and time as this computer's language and region write them."""
    locale = QLocale()
    day = QDate(moment.year, moment.month, moment.day)
    short = QLocale.FormatType.ShortFormat
    return " ".join(
        (
            locale.dayName(day.dayOfWeek(), short),
            locale.toString(day, short),
            locale.toString(QTime(moment.hour, moment.minute), short),
        )
    )


def event_and_roster(session: Session, event_id: str) -> tuple[Event, list[Participant]]:
    """An event with its invitations loaded, and the people of its case (not removed ones)."""
    found = get_record(session, Event, event_id, "event")
    _ = [a.participant_id for a in found.attendees]
    return found, [p for p in found.case.participants if p.deleted_at is None]


def conflicts_on_screen(
    session: Session,
    case_id: str,
    event_id: str,
    starts: datetime,
    zone: str,
    duration_minutes: int,
    is_video: bool,
) -> list[Conflict]:
    """Conflicts of an event at the time shown (saved or not); the saved time when the shown
    one does not exist in its zone (a daylight-saving gap)."""
    event = get_record(session, Event, event_id, "event")
    if event.cancelled_at is not None:
        return []
    saved = Proposal.of(event)
    try:
        starts_at = to_utc(starts, zone)
    except InterventionDeskError:
        starts_at = saved.starts_at
    proposal = Proposal(
        case_id=case_id,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        timezone=zone,
        is_video=is_video,
        participant_ids=saved.participant_ids,
        event_id=event_id,
    )
    return conflicts(session, proposal)

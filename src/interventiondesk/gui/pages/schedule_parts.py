"""Pieces of the Schedule and Logistics pages: a time-zone picker, wall-clock fields, invitees."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime
from functools import cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime, QTimeZone
from PySide6.QtGui import QBrush, QFont, QPalette, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from interventiondesk.errors import InterventionDeskError
from interventiondesk.gui.labels import choices
from interventiondesk.gui.state import AppState
from interventiondesk.gui.widgets import ask_save_path, busy_cursor
from interventiondesk.model import AttendeeResponse, Event, Participant
from interventiondesk.services import scheduling
from interventiondesk.services.conflicts import Conflict, Proposal, conflicts
from interventiondesk.services.records import get_record
from interventiondesk.times import to_utc


@cache
def _all_zones() -> tuple[str, ...]:
    return tuple(sorted(z for z in zoneinfo.available_timezones() if "/" in z or z == "UTC"))


def local_zone_name() -> str:
    """The IANA name of this computer's zone, or UTC when the system does not say."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    return name if name in _all_zones() else "UTC"


def timezone_combo(parent: QWidget, accessible_name: str) -> QComboBox:
    """Every IANA zone, with this computer's own zone first."""
    combo = QComboBox(parent)
    combo.setAccessibleName(accessible_name)
    local = local_zone_name()
    combo.addItem(local, local)
    combo.insertSeparator(1)
    for name in _all_zones():
        combo.addItem(name, name)
    combo.setMaxVisibleItems(20)
    return combo


def select_zone(combo: QComboBox, name: str) -> None:
    """Show ``name`` (added at the end if this computer does not list it)."""
    if not name:
        combo.setCurrentIndex(0)
        return
    index = combo.findData(name)
    if index < 0:
        combo.addItem(name, name)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


def wall_clock_edit(parent: QWidget, accessible_name: str) -> QDateTimeEdit:
    """A date-and-time field holding a wall-clock time; its zone is chosen separately.

    The field works in UTC internally so that this computer's own daylight-saving gaps never
    shift a time typed for another zone.
    """
    edit = QDateTimeEdit(parent)
    edit.setTimeZone(QTimeZone.utc())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd yyyy-MM-dd HH:mm")
    edit.setAccessibleName(accessible_name)
    return edit


def set_wall_clock(edit: QDateTimeEdit, value: datetime) -> None:
    edit.setDateTime(
        QDateTime(
            QDate(value.year, value.month, value.day),
            QTime(value.hour, value.minute),
            QTimeZone.utc(),
        )
    )


def wall_clock(edit: QDateTimeEdit) -> datetime:
    stamp = edit.dateTime()
    day, clock = stamp.date(), stamp.time()
    return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute())


class InviteeList(QWidget):
    """One row per person on the roster: invited or not, and their answer. Saves at once."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.event_id: str | None = None
        self.case_id: str | None = None
        self.rows: dict[str, tuple[QCheckBox, QComboBox]] = {}
        self._names: list[tuple[str, str]] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(0, 1)
        self.empty = QLabel(self.tr("Add people on the Participants page to invite them."), self)
        self.empty.setWordWrap(True)
        self.grid.addWidget(self.empty, 0, 0, 1, 2)

    def load(self, event: Event | None, people: list[Participant]) -> None:
        """Show ``event``'s invitations. The same event with the same roster is updated in
        place, so a box the user just ticked keeps the keyboard focus."""
        answers = {a.participant_id: a.response for a in event.attendees} if event else {}
        names = [(person.id, self._name(person)) for person in people]
        event_id = event.id if event else None
        if event_id is not None and event_id == self.event_id and names == self._names:
            for person_id, (check, combo) in self.rows.items():
                response = answers.get(person_id)
                for widget in (check, combo):
                    widget.blockSignals(True)
                check.setChecked(response is not None)
                combo.setCurrentIndex(combo.findData(response or AttendeeResponse.INVITED))
                combo.setEnabled(response is not None)
                for widget in (check, combo):
                    widget.blockSignals(False)
            return
        for check, combo in self.rows.values():
            check.deleteLater()
            combo.deleteLater()
        self.rows.clear()
        self._names = names
        self.event_id = event_id
        self.case_id = event.case_id if event else None
        self.empty.setVisible(not people)
        for row, (person, (_id, name)) in enumerate(zip(people, names, strict=True), start=1):
            check = QCheckBox(name, self)
            check.setAccessibleName(self.tr("Invite %1").replace("%1", name))
            combo = QComboBox(self)
            combo.setAccessibleName(self.tr("Answer of %1").replace("%1", name))
            for text, value in choices(AttendeeResponse):
                combo.addItem(text, value)
            response = answers.get(person.id)
            check.setChecked(response is not None)
            combo.setCurrentIndex(combo.findData(response or AttendeeResponse.INVITED))
            combo.setEnabled(response is not None)
            person_id = person.id
            check.toggled.connect(lambda on, p=person_id: self._invite(p, on))
            combo.currentIndexChanged.connect(lambda _i, p=person_id: self._respond(p))
            self.grid.addWidget(check, row, 0)
            self.grid.addWidget(combo, row, 1)
            self.rows[person.id] = (check, combo)

    def _name(self, person: Participant) -> str:
        return " ".join(person.name.split()) or self.tr("(no name)")

    def _invite(self, person_id: str, invited: bool) -> None:
        event_id = self.event_id
        if event_id is None:
            return
        combo = self.rows[person_id][1]
        combo.setEnabled(invited)
        if invited:
            response = combo.currentData()
            self.state.write(
                lambda s: scheduling.invite(s, event_id, person_id, response), case_id=self.case_id
            )
        else:
            self.state.write(
                lambda s: scheduling.uninvite(s, event_id, person_id), case_id=self.case_id
            )

    def _respond(self, person_id: str) -> None:
        event_id = self.event_id
        check, combo = self.rows[person_id]
        if event_id is None or not check.isChecked():
            return
        response = combo.currentData()
        self.state.write(
            lambda s: scheduling.respond(s, event_id, person_id, response), case_id=self.case_id
        )


class CalendarExportBox(QGroupBox):
    """The privacy choices and buttons for writing a calendar file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Calendar file (.ics)"))
        layout = QVBoxLayout(self)
        self.full_names = QCheckBox(self.tr("Include full names and event titles"), self)
        self.full_names.setToolTip(
            self.tr(
                "Without this, the file shows only initials and a neutral word for the meeting."
            )
        )
        self.with_notes = QCheckBox(self.tr("Include event notes"), self)
        layout.addWidget(self.full_names)
        layout.addWidget(self.with_notes)
        row = QHBoxLayout()
        self.export_one = QPushButton(self.tr("Export event…"), self)
        self.export_all = QPushButton(self.tr("E&xport all…"), self)
        row.addWidget(self.export_one)
        row.addWidget(self.export_all)
        layout.addLayout(row)

    def ask_for_file(self) -> Path | None:
        """Where to save the calendar file (".ics" added when left out); None if cancelled."""
        return ask_save_path(
            self,
            self.tr("Export calendar file"),
            Path.home() / "meetings.ics",
            self.tr("Calendar files (*.ics)"),
            ".ics",
        )

    def write(
        self, state: AppState, case_id: str, event_id: str | None, target: Path
    ) -> Path | None:
        """Write one event (or, without ``event_id``, all of the case's) as chosen; audited."""
        from interventiondesk.export.ics import Privacy
        from interventiondesk.services.exports import export_calendar

        privacy = Privacy(
            full_names=self.full_names.isChecked(), include_notes=self.with_notes.isChecked()
        )
        # Milliseconds of work, so it runs here; it reads, renders, then saves in its own
        # short sessions (services.exports).
        with busy_cursor():
            done = state.run(
                lambda db: export_calendar(db, case_id, target, event_id=event_id, privacy=privacy),
                case_id=case_id,
            )
        return target if done is not None else None


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

"""The Schedule page: a case's events, their editor, live conflict warnings and calendar files."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QCalendarWidget,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from interventiondesk.errors import InterventionDeskError
from interventiondesk.gui.pages.base import CasePage
from interventiondesk.gui.pages.schedule.calendar_export import CalendarExportBox
from interventiondesk.gui.pages.schedule.event_checks import (
    ask_to_schedule_anyway,
    conflicts_on_screen,
    event_and_roster,
    local_when,
    mark_event_days,
)
from interventiondesk.gui.pages.schedule.event_form import EventForm
from interventiondesk.gui.shared.labels import label
from interventiondesk.gui.shared.time_fields import (
    local_zone_name,
    select_zone,
    set_wall_clock,
    wall_clock,
)
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import Case, Event, EventKind, InterventionModel, Participant
from interventiondesk.services import logistics, scheduling
from interventiondesk.services.conflicts import Conflict
from interventiondesk.services.records import get_record

DAY_ROLE = Qt.ItemDataRole.UserRole + 1
WARNINGS_DELAY_MS = 150
"""Conflicts are checked once typing in the time fields pauses this long, not on every key."""

FIRST_KIND = {
    InterventionModel.CRAFT: EventKind.COACHING_SESSION,
    InterventionModel.INVITATIONAL: EventKind.NETWORK_MEETING,
}


class SchedulePage(CasePage):
    title = str(QT_TRANSLATE_NOOP("CasePage", "Schedule"))

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.event_id: str | None = None
        self._kind: EventKind | None = None
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._refresh_after_save)
        self._warnings_timer = QTimer(self)
        self._warnings_timer.setSingleShot(True)
        self._warnings_timer.setInterval(WARNINGS_DELAY_MS)
        self._warnings_timer.timeout.connect(self._update_warnings)
        outer = QHBoxLayout(self)
        splitter = QSplitter(self)
        outer.addWidget(splitter)
        splitter.addWidget(self._build_list(splitter))
        splitter.addWidget(self._build_editor(splitter))
        splitter.setStretchFactor(1, 2)
        self.load_case(None)

    # Building -----------------------------------------------------------------------------

    def _build_list(self, parent: QWidget) -> QWidget:
        side = QWidget(parent)
        layout = QVBoxLayout(side)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("Ne&w event"), side)
        self.new_button.setShortcut(QKeySequence(self.tr("Ctrl+Shift+E")))
        self.new_button.clicked.connect(self.new_event)
        self.cancel_button = QPushButton(self.tr("Cancel event"), side)
        self.cancel_button.clicked.connect(self.toggle_cancelled)
        self.delete_button = QPushButton(self.tr("Delete"), side)
        self.delete_button.clicked.connect(self.delete_event)
        for button in (self.new_button, self.cancel_button, self.delete_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.events = QListWidget(side)
        self.events.setAccessibleName(self.tr("Events of this case"))
        self.events.currentItemChanged.connect(self._selection_changed)
        layout.addWidget(self.events, 1)
        self.calendar = QCalendarWidget(side)
        self.calendar.setAccessibleName(self.tr("Month view of this case's events"))
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._day_clicked)
        layout.addWidget(self.calendar)
        self.export_box = export = CalendarExportBox(side)
        self.full_names, self.with_notes = export.full_names, export.with_notes
        self.export_one, self.export_all = export.export_one, export.export_all
        self.export_one.clicked.connect(lambda: self.export_ics(only_current=True))
        self.export_all.clicked.connect(lambda: self.export_ics(only_current=False))
        layout.addWidget(export)
        return side

    def _build_editor(self, parent: QWidget) -> QWidget:
        self.editor = form = EventForm(self.state, parent)
        self.kind, self.title_edit, self.starts = form.kind, form.title_edit, form.starts
        self.zone, self.duration, self.place = form.zone, form.duration, form.place
        self.video, self.notes, self.skills = form.video, form.notes, form.skills
        self.override_note, self.invitees = form.override_note, form.invitees
        self.warnings, self.buffer = form.warnings, form.buffer
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.buffer.valueChanged.connect(self._buffer_changed)
        event = self._current_event_id
        self.saver.watch(
            self.title_edit, lambda s, v: scheduling.update_event(s, event(), {"title": v})
        )
        self.saver.watch(self.place, lambda s, v: scheduling.update_event(s, event(), {"place": v}))
        self.saver.watch(
            self.video, lambda s, v: scheduling.update_event(s, event(), {"is_video": v})
        )
        self.saver.watch(self.notes, lambda s, v: scheduling.update_event(s, event(), {"notes": v}))
        self.saver.watch(
            self.skills, lambda s, v: scheduling.update_event(s, event(), {"skills_practised": v})
        )
        for widget in (self.starts, self.zone, self.duration):
            self.saver.watch(widget, lambda s, _v: self._save_times(s))
        for signal in (
            self.starts.dateTimeChanged,
            self.zone.currentIndexChanged,
            self.duration.valueChanged,
            self.video.toggled,
        ):
            signal.connect(lambda *_: self._warnings_timer.start())
        return self.editor

    def _current_event_id(self) -> str:
        if self.event_id is None:
            raise InterventionDeskError(self.tr("Choose an event first."))
        return self.event_id

    def _save_times(self, session: Session) -> None:
        scheduling.reschedule(
            session,
            self._current_event_id(),
            starts=wall_clock(self.starts),
            timezone=str(self.zone.currentData()),
            duration_minutes=self.duration.value(),
        )

    # Loading ------------------------------------------------------------------------------

    def load_case(self, case_id: str | None) -> bool:
        if not super().load_case(case_id):
            return False
        self._refresh_timer.stop()
        self.buffer.blockSignals(True)
        self.buffer.setValue(self.state.read(scheduling.travel_buffer))
        self.buffer.blockSignals(False)
        self._refresh_list(select=None)
        return True

    def refresh(self) -> None:
        """After a save: once the event loop runs (several saves in one action are read once),
        the list, invitees and warnings are re-read; the fields being typed in are not."""
        self._refresh_timer.start()

    def _refresh_after_save(self) -> None:
        if self.case_id is not None and not self.saver.has_pending:
            self._refresh_list(select=self.event_id, reload_editor=False)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.new_button.setEnabled(not read_only)
        has_event = self.event_id is not None
        self.editor.setEnabled(has_event and not read_only)
        self.cancel_button.setEnabled(has_event and not read_only)
        self.delete_button.setEnabled(has_event and not read_only)
        # Looking and exporting stay possible on an archived case.
        for widget in (self.full_names, self.with_notes, *self._calendar_controls()):
            widget.setEnabled(True)
        self.export_one.setEnabled(has_event)
        self.export_all.setEnabled(self.events.count() > 0)

    def _calendar_controls(self) -> list[QWidget]:
        """The month view's own buttons (previous / next month, month and year choice)."""
        return list(self.calendar.findChildren(QAbstractButton))

    def _refresh_list(self, select: str | None, *, reload_editor: bool = True) -> None:
        case_id = self.case_id
        events: list[Event] = []
        if case_id is not None:
            events = self.state.read(lambda s: list(get_record(s, Case, case_id, "case").events))
        self.events.blockSignals(True)
        self.events.clear()
        for event in events:
            when = local_when(scheduling.local_start(event))
            what = " ".join(event.title.split()) or label(event.kind)
            item = QListWidgetItem(f"{when}  {label(event.kind)} · {what}", self.events)
            item.setData(Qt.ItemDataRole.UserRole, event.id)
            item.setData(DAY_ROLE, scheduling.local_start(event).date().isoformat())
            if event.cancelled_at is not None:
                font = QFont(item.font())
                font.setStrikeOut(True)
                item.setFont(font)
                item.setToolTip(self.tr("Cancelled"))
            if event.id == select:
                self.events.setCurrentItem(item)
        if self.events.currentItem() is None and self.events.count():
            self.events.setCurrentRow(0)
        self.events.blockSignals(False)
        mark_event_days(
            self.calendar,
            [scheduling.local_start(e).date() for e in events if e.cancelled_at is None],
        )
        current = self.events.currentItem()
        new_id = current.data(Qt.ItemDataRole.UserRole) if current else None
        if reload_editor or new_id != self.event_id:
            self._show_event(new_id)
        else:
            # The fields keep what is on screen; what others change around them is re-read.
            self._show_details(*self._read_event(new_id))
            self._update_warnings()

    def _selection_changed(
        self, current: QListWidgetItem | None, previous: QListWidgetItem | None
    ) -> None:
        if not self.flush():
            # The edits of the event on screen could not be saved: stay on it, so they are kept.
            self.events.blockSignals(True)
            if previous is not None:
                self.events.setCurrentItem(previous)
            self.events.blockSignals(False)
            return
        self._show_event(current.data(Qt.ItemDataRole.UserRole) if current else None)

    def _read_event(self, event_id: str | None) -> tuple[Event | None, list[Participant]]:
        if event_id is None:
            return None, []
        return self.state.read(lambda s: event_and_roster(s, event_id))

    def _show_event(self, event_id: str | None) -> None:
        self.event_id = event_id
        event, people = self._read_event(event_id)
        with self.saver.loading():
            self.kind.blockSignals(True)
            self.kind.setCurrentIndex(self.kind.findData(event.kind if event else EventKind.OTHER))
            self.kind.blockSignals(False)
            self._kind = event.kind if event else None
            self.title_edit.setText(event.title if event else "")
            select_zone(self.zone, event.timezone if event else "")
            set_wall_clock(
                self.starts,
                scheduling.local_start(event).replace(tzinfo=None)
                if event
                else datetime(2000, 1, 1),
            )
            self.duration.setValue(event.duration_minutes if event else 60)
            self.place.setPlainText(event.place if event else "")
            self.video.setChecked(bool(event and event.is_video))
            self.notes.setPlainText(event.notes if event else "")
            self.skills.setPlainText(event.skills_practised if event else "")
        self._show_details(event, people)
        self._update_warnings()

    def _show_details(self, event: Event | None, people: list[Participant]) -> None:
        """Everything but the edited fields: buttons, the override note and the invitees."""
        self.editor.setEnabled(event is not None and not self.read_only)
        for button in (self.cancel_button, self.delete_button):
            button.setEnabled(event is not None and not self.read_only)
        # Exporting is looking, not changing: it stays possible on an archived case.
        self.export_one.setEnabled(event is not None)
        self.export_all.setEnabled(self.events.count() > 0)
        self.cancel_button.setText(
            self.tr("Restore event") if event and event.cancelled_at else self.tr("Cancel event")
        )
        recorded = bool(event and event.readiness_override)
        self.override_note.setVisible(recorded)
        self.override_note.setText(
            self.tr("Scheduled although treatment was not ready (recorded in the audit trail).")
            if recorded
            else ""
        )
        self.invitees.load(event, people)

    # Conflicts ----------------------------------------------------------------------------

    def current_conflicts(self) -> list[Conflict]:
        """Conflicts of the times on screen, saved or not."""
        if self.event_id is None or self.case_id is None:
            return []
        event_id, case_id = self.event_id, self.case_id
        starts, zone = wall_clock(self.starts), str(self.zone.currentData())
        minutes, video = self.duration.value(), self.video.isChecked()
        return self.state.read(
            lambda s: conflicts_on_screen(s, case_id, event_id, starts, zone, minutes, video)
        )

    def _update_warnings(self) -> None:
        self._warnings_timer.stop()
        found = self.current_conflicts()
        if self.event_id is None:
            text = ""
        elif not found:
            text = self.tr("No conflicts.")
        else:
            text = "\n".join("⚠ " + c.message for c in found)
        self.warnings.setText(text)
        self.warnings.setAccessibleDescription(text)

    def _buffer_changed(self, minutes: int) -> None:
        self.state.write(lambda s: scheduling.set_travel_buffer(s, minutes))
        self._update_warnings()

    # Actions ------------------------------------------------------------------------------

    def new_event(self) -> None:
        case_id = self.case_id
        if case_id is None or self.read_only or not self.flush():
            return
        model = self.state.read(lambda s: get_record(s, Case, case_id, "case").model)
        kind = FIRST_KIND.get(model, EventKind.REHEARSAL)
        tomorrow = date.today() + timedelta(days=1)
        starts = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 18, 0)
        zone = local_zone_name()
        created = self.state.write(
            lambda s: (
                scheduling.create_event(s, case_id, kind=kind, starts=starts, timezone=zone).id
            ),
            case_id=case_id,
        )
        if created:
            self._refresh_list(select=created)
            self.title_edit.setFocus()

    def _kind_changed(self) -> None:
        event_id, case_id = self.event_id, self.case_id
        new_kind = self.kind.currentData()
        if event_id is None or case_id is None or new_kind == self._kind:
            return
        if not self.flush():
            self._put_kind_back()  # the edits on screen stay; nothing is reloaded over them
            return
        confirmed = False
        if new_kind == EventKind.INTERVENTION:
            state = self.state.read(lambda s: logistics.case_readiness(s, case_id))
            if not state.ready:
                confirmed = self.confirm_not_ready(state.missing)
                if not confirmed:
                    self._put_kind_back()
                    return
        done = self.state.write(
            lambda s: (
                scheduling.update_event(
                    s, event_id, {"kind": new_kind}, despite_open_items=confirmed
                ).id
            ),
            case_id=case_id,
        )
        if done:
            self._kind = new_kind
            self._refresh_list(select=event_id, reload_editor=False)
        else:
            self._put_kind_back()

    def _put_kind_back(self) -> None:
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(self._kind))
        self.kind.blockSignals(False)

    def confirm_not_ready(self, missing: list[str]) -> bool:
        """Ask whether to schedule the meeting although treatment is not ready yet."""
        return ask_to_schedule_anyway(self, missing)

    def toggle_cancelled(self) -> None:
        event_id = self.event_id
        if event_id is None or not self.flush():
            return

        def toggle(session: Session) -> str:
            event = scheduling.get_event(session, event_id)
            if event.cancelled_at is None:
                return scheduling.cancel_event(session, event_id).id
            return scheduling.restore_event(session, event_id).id

        if self.state.write(toggle, case_id=self.case_id):
            self._refresh_list(select=event_id)

    def delete_event(self) -> None:
        event_id = self.event_id
        if event_id is None or not self.flush():
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete event"),
            self.tr("Delete this event for good? Cancelling keeps it in the case's history."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def delete(session: Session) -> bool:
            scheduling.delete_event(session, event_id)
            return True

        if self.state.write(delete, case_id=self.case_id):
            self._refresh_list(select=None)

    def _day_clicked(self, day: QDate) -> None:
        for row in range(self.events.count()):
            if self.events.item(row).data(DAY_ROLE) == day.toString("yyyy-MM-dd"):
                self.events.setCurrentRow(row)
                return

    def export_ics(self, *, only_current: bool) -> Path | None:
        """Ask where to save, then write the calendar file (the export is audited)."""
        case_id = self.case_id
        if case_id is None or (only_current and self.event_id is None):
            return None
        if not self.flush():
            return None
        target = self.export_box.ask_for_file()
        return None if target is None else self.export_to(target, only_current=only_current)

    def export_to(self, target: Path, *, only_current: bool) -> Path | None:
        case_id = self.case_id
        if case_id is None:
            return None
        event_id = self.event_id if only_current else None
        return self.export_box.write(self.state, case_id, event_id, target)

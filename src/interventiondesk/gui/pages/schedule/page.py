"""The Schedule page: a case's events, their editor, live conflict warnings and calendar files."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from interventiondesk.errors import InterventionDeskError, InvalidInput
from interventiondesk.gui.pages.base import CasePage
from interventiondesk.gui.pages.schedule.calendar_export import CalendarExportBox
from interventiondesk.gui.pages.schedule.event_checks import (
    ask_to_schedule_anyway,
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
from interventiondesk.model import EventKind, InterventionModel
from interventiondesk.services import logistics, scheduling
from interventiondesk.services.conflicts import Conflict, conflicts_if_held_at
from interventiondesk.services.schedule_view import (
    EventDetail,
    ScheduleView,
    ShownTimes,
    event_view,
    schedule_view,
)

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
        self._model: InterventionModel | None = None
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._refresh_after_save)
        self._warnings_timer = QTimer(self)
        self._warnings_timer.setSingleShot(True)
        self._warnings_timer.setInterval(WARNINGS_DELAY_MS)
        self._warnings_timer.timeout.connect(self._update_warnings)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        self.splitter = splitter = QSplitter(self)
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter)
        splitter.addWidget(self._build_list(splitter))
        splitter.addWidget(self._build_editor(splitter))
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.load_case(None)

    # Building -----------------------------------------------------------------------------

    def _build_list(self, parent: QWidget) -> QWidget:
        side = QWidget(parent)
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("Ne&w event"), side)
        self.new_button.setShortcut(QKeySequence(self.tr("Ctrl+Shift+E")))
        self.new_button.setToolTip(self.tr("Add an event to this case (Ctrl+Shift+E)"))
        self.new_button.clicked.connect(self.new_event)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.events = QListWidget(side)
        self.events.setAccessibleName(self.tr("Events of this case"))
        # Two lines an event, wrapped: what it is, then when; nothing cut off.
        self.events.setWordWrap(True)
        self.events.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.events.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.events.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.events.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.events.setSpacing(2)
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
        side = QWidget(parent)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(6, 0, 0, 0)
        self.empty_note = QLabel(
            self.tr("This case has no events yet. Add the first one with “New event”."), side
        )
        self.empty_note.setWordWrap(True)
        side_layout.addWidget(self.empty_note)
        self.editor = form = EventForm(self.state, side)
        side_layout.addWidget(form, 1)
        self.cancel_button, self.delete_button = form.cancel_button, form.delete_button
        self.cancel_button.clicked.connect(self.toggle_cancelled)
        self.delete_button.clicked.connect(self.delete_event)
        self.kind, self.title_edit, self.starts = form.kind, form.title_edit, form.starts
        self.zone, self.duration, self.place = form.zone, form.duration, form.place
        self.video, self.notes, self.skills = form.video, form.notes, form.skills
        self.override_note, self.invitees = form.override_note, form.invitees
        self.warnings, self.buffer = form.warnings, form.buffer
        self.starts.setReadOnly(True)  # until an event is shown
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
        for widget in (self.starts.date_field, self.starts.time_field, self.zone, self.duration):
            self.saver.watch(widget, lambda s, _v: self._save_times(s))
        for signal in (
            self.starts.date_field.changed,
            self.starts.time_field.changed,
            self.zone.currentIndexChanged,
            self.duration.valueChanged,
            self.video.toggled,
        ):
            signal.connect(lambda *_: self._warnings_timer.start())
        return side

    def _current_event_id(self) -> str:
        if self.event_id is None:
            raise InterventionDeskError(self.tr("Choose an event first."))
        return self.event_id

    def _save_times(self, session: Session) -> None:
        """Save the start only when both the date and the time are whole and valid."""
        event_id = self._current_event_id()
        starts = wall_clock(self.starts)
        if starts is None:
            raise InvalidInput(
                self.starts.problem()
                or self.tr("Enter the day and the time the event starts, then save again.")
            )
        scheduling.reschedule(
            session,
            event_id,
            starts=starts,
            timezone=str(self.zone.currentData()),
            duration_minutes=self.duration.value(),
        )

    # Loading ------------------------------------------------------------------------------

    def load_case(self, case_id: str | None) -> bool:
        """Show the case with one read (``schedule_view``): the list, the first event and
        its invitees and conflicts, and the travel buffer."""
        if not super().load_case(case_id):
            return False
        self._refresh_timer.stop()
        view = self._read_view(choose=None)
        if view is not None:
            self.buffer.blockSignals(True)
            self.buffer.setValue(view.travel_buffer)
            self.buffer.blockSignals(False)
        self._show_view(view, reload_editor=True)
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
        # The start's fields are read (and refused when empty) only while an event is shown.
        self.starts.setReadOnly(not has_event or read_only)
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
        """Re-read the case (one read) and show it with ``select`` chosen; without
        ``reload_editor`` the fields keep what is on screen and conflicts are of those times."""
        shown = None if reload_editor else self._shown_times()
        self._show_view(self._read_view(choose=select, shown=shown), reload_editor=reload_editor)

    def _read_view(
        self, *, choose: str | None, shown: ShownTimes | None = None
    ) -> ScheduleView | None:
        case_id = self.case_id
        if case_id is None:
            return None
        return self.state.read(lambda s: schedule_view(s, case_id, choose=choose, shown=shown))

    def _show_view(self, view: ScheduleView | None, *, reload_editor: bool) -> None:
        lines = view.events if view is not None else ()
        current = view.current if view is not None else None
        self._model = view.model if view is not None else None
        if view is not None:
            self.zone.prefer(view.zones)
        self.empty_note.setVisible(view is not None and not lines)
        self.events.blockSignals(True)
        self.events.clear()
        for line in lines:
            kind = label(line.kind)
            title = " ".join(line.title.split())
            # The title when it says more than the kind; the kind always, once.
            what = kind if not title or title == kind else f"{title} · {kind}"
            item = QListWidgetItem(f"{what}\n{local_when(line.local_start)}", self.events)
            item.setData(Qt.ItemDataRole.UserRole, line.id)
            item.setData(DAY_ROLE, line.local_start.date().isoformat())
            if line.cancelled:
                font = QFont(item.font())
                font.setStrikeOut(True)
                item.setFont(font)
                item.setText(item.text() + " · " + self.tr("cancelled"))
                item.setToolTip(self.tr("Cancelled"))
            if current is not None and line.id == current.id:
                self.events.setCurrentItem(item)
        self.events.blockSignals(False)
        mark_event_days(
            self.calendar, [line.local_start.date() for line in lines if not line.cancelled]
        )
        new_id = current.id if current is not None else None
        if reload_editor or new_id != self.event_id:
            self._show_event(current)
        else:
            # The fields keep what is on screen; what others change around them is re-read.
            self._show_details(current)
            self._show_warnings(current)

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
        event_id = current.data(Qt.ItemDataRole.UserRole) if current else None
        self._show_event(None if event_id is None else self._read_event(event_id))

    def _read_event(self, event_id: str) -> EventDetail:
        return self.state.read(lambda s: event_view(s, event_id))

    def _show_event(self, event: EventDetail | None) -> None:
        self.event_id = event.id if event else None
        with self.saver.loading():
            self.kind.blockSignals(True)
            self.kind.setCurrentIndex(self.kind.findData(event.kind if event else EventKind.OTHER))
            self.kind.blockSignals(False)
            self._kind = event.kind if event else None
            self.editor.show_fields_for(self._kind)
            self.title_edit.setText(event.title if event else "")
            select_zone(self.zone, event.timezone if event else "")
            # No event: nothing shown (the editor is disabled and the page says what to do).
            set_wall_clock(self.starts, event.local_start.replace(tzinfo=None) if event else None)
            # Empty fields of no event are not read (and not refused) when the page saves.
            self.starts.setReadOnly(event is None or self.read_only)
            self.duration.setValue(event.duration_minutes if event else 60)
            self.place.setPlainText(event.place if event else "")
            self.video.setChecked(bool(event and event.is_video))
            self.notes.setPlainText(event.notes if event else "")
            self.skills.setPlainText(event.skills_practised if event else "")
        self._show_details(event)
        self._show_warnings(event)

    def _show_details(self, event: EventDetail | None) -> None:
        """Everything but the edited fields: buttons, the override note and the invitees."""
        self.editor.setEnabled(event is not None and not self.read_only)
        # No event: no editor at all (no made-up kind, date or zone), only the line above it.
        self.editor.setVisible(event is not None)
        for button in (self.cancel_button, self.delete_button):
            button.setEnabled(event is not None and not self.read_only)
        # Exporting is looking, not changing: it stays possible on an archived case.
        self.export_one.setEnabled(event is not None)
        self.export_all.setEnabled(self.events.count() > 0)
        cancelled = bool(event and event.cancelled)
        self.cancel_button.setText(
            self.tr("Restore event") if cancelled else self.tr("Cancel event")
        )
        self.cancel_button.setToolTip(
            self.tr("Bring the cancelled event back: it is planned again.")
            if cancelled
            else self.tr(
                "Mark the event as cancelled. It stays in the list, struck through, and in the "
                "case's history; Restore brings it back."
            )
        )
        recorded = bool(event and event.readiness_override)
        self.override_note.setVisible(recorded)
        self.override_note.setText(
            self.tr("Scheduled although treatment was not ready (recorded in the audit trail).")
            if recorded
            else ""
        )
        self.invitees.load(event)

    # Conflicts ----------------------------------------------------------------------------

    def _shown_times(self) -> ShownTimes | None:
        """The times on screen for the event being edited, saved or not."""
        starts = wall_clock(self.starts)
        if self.event_id is None or starts is None:
            return None
        return ShownTimes(
            event_id=self.event_id,
            starts=starts,
            timezone=str(self.zone.currentData()),
            duration_minutes=self.duration.value(),
            is_video=self.video.isChecked(),
        )

    def current_conflicts(self) -> list[Conflict]:
        """Conflicts of the times on screen, saved or not."""
        shown = self._shown_times()
        if shown is None or self.case_id is None:
            return []
        return self.state.read(
            lambda s: conflicts_if_held_at(
                s,
                shown.event_id,
                starts=shown.starts,
                timezone=shown.timezone,
                duration_minutes=shown.duration_minutes,
                is_video=shown.is_video,
            )
        )

    def _update_warnings(self) -> None:
        self._warnings_timer.stop()
        self._set_warnings(self.current_conflicts())

    def _show_warnings(self, event: EventDetail | None) -> None:
        """The conflicts read with the event (its times as the fields now show them)."""
        self._warnings_timer.stop()
        self._set_warnings(list(event.conflicts) if event else [])

    def _set_warnings(self, found: list[Conflict]) -> None:
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
        # The model as last read: a change on the Plan page refreshes this page first.
        model = self._model
        kind = EventKind.REHEARSAL if model is None else FIRST_KIND.get(model, EventKind.REHEARSAL)
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
            self.editor.show_fields_for(new_kind)
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
        if not self.confirm_delete():
            return

        def delete(session: Session) -> bool:
            scheduling.delete_event(session, event_id)
            return True

        if self.state.write(delete, case_id=self.case_id):
            self._refresh_list(select=None)

    def confirm_delete(self) -> bool:
        """Ask before deleting, with buttons named by what they do."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Delete event"))
        box.setText(self.tr("Delete this event for good?"))
        box.setInformativeText(
            self.tr(
                "The event and its invitations are removed and cannot be brought back. "
                "To keep a record that it did not take place, choose “Cancel event” instead."
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Delete event"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Keep event"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        try:
            return box.exec() == QMessageBox.StandardButton.Yes
        finally:
            box.deleteLater()

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

"""The Participants page's availability editor: the selected person's weekly windows (day, from,
to, time zone), saved as they are changed; the Schedule warns about events outside them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from interventiondesk.gui.shared.date_fields import TimeField
from interventiondesk.gui.shared.field_saver import FieldSaver
from interventiondesk.gui.shared.time_fields import local_zone_name, select_zone, timezone_combo
from interventiondesk.gui.shell.state import AppState
from interventiondesk.services.availability import (
    WeeklyWindow,
    add_window,
    remove_window,
    update_window,
    weekly_windows,
)


@dataclass(frozen=True, slots=True)
class WindowRow:
    """The widgets of one window."""

    day: QComboBox
    starts: TimeField
    ends: TimeField
    zone: QComboBox
    remove: QToolButton

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.day, self.starts, self.ends, self.zone, self.remove)

    def values(self) -> dict[str, Any]:
        return {
            "weekday": self.day.currentData(),
            "starts": self.starts.value(),
            "ends": self.ends.value(),
            "timezone": str(self.zone.currentData() or ""),
        }


class AvailabilityEditor(QGroupBox):
    """Rows of weekly windows for one participant, with Add and Remove."""

    def __init__(self, state: AppState, saver: FieldSaver, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Weekly availability"))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.state = state
        self.saver = saver
        self.case_id: str | None = None
        self.participant_id: str | None = None
        self.read_only = False
        self.rows: dict[str, WindowRow] = {}
        self._next_line = 1  # line 0 holds the column captions
        layout = QVBoxLayout(self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(3, 1)
        self.captions: list[QLabel] = []
        for column, caption in enumerate(
            (self.tr("Day"), self.tr("From"), self.tr("To"), self.tr("Time zone"))
        ):
            heading = QLabel(caption, self)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            self.captions.append(heading)
            self.grid.addWidget(heading, 0, column)
        layout.addLayout(self.grid)
        self.problem = QLabel(self)  # a time that cannot be read, in words
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: palette(highlight);")
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add wee&kly window"), self)
        self.add_button.setAccessibleName(self.tr("Add a weekly availability window"))
        self.add_button.clicked.connect(self.add)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._show_hint()

    # Rows ---------------------------------------------------------------------------------

    def load(
        self,
        case_id: str | None,
        participant_id: str | None,
        found: Sequence[WeeklyWindow] = (),
    ) -> bool:
        """Show ``found``, the windows of ``participant_id`` as the page just read them (None:
        nobody selected); this reads nothing. The rows shown are saved first; if one cannot
        be, it stays on screen and False is returned."""
        if not self.saver.flush():
            return False
        for window_id in list(self.rows):
            self._drop(window_id)
        self._next_line = 1
        self.case_id, self.participant_id = case_id, participant_id
        with self.saver.loading():
            for window in found:
                self._append(window)
        self.add_button.setEnabled(participant_id is not None and not self.read_only)
        self._show_hint()
        return True

    def _append(self, window: WeeklyWindow) -> WindowRow:
        day = QComboBox(self)
        day.setAccessibleName(self.tr("Day of the week"))
        locale = QLocale()
        for weekday in range(7):
            day.addItem(locale.dayName(weekday + 1), weekday)  # Qt counts Monday as 1
        day.setCurrentIndex(day.findData(window.weekday))
        starts = self._time_field(self.tr("Available from"), window.starts)
        ends = self._time_field(self.tr("Available until (00:00 is midnight)"), window.ends)
        zone = timezone_combo(self, self.tr("Time zone of the window"))
        # The zone takes the width that is left; on a narrow window its name is shortened
        # rather than pushing the row past the page.
        zone.setMinimumContentsLength(8)
        zone.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        zone.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        select_zone(zone, window.timezone)
        remove = QToolButton(self)  # small, so that the row fits beside a laptop's roster
        remove.setText("✕")
        remove.setAutoRaise(True)
        remove.setAccessibleName(self.tr("Remove this window"))
        remove.setToolTip(self.tr("Remove this window"))
        window_id = window.id
        remove.clicked.connect(lambda: self.remove(window_id))
        row = WindowRow(day, starts, ends, zone, remove)
        line = self._next_line
        self._next_line += 1
        for column, widget in enumerate(row.widgets()):
            self.grid.addWidget(widget, line, column)
            if isinstance(widget, TimeField):
                widget.setReadOnly(self.read_only)
            else:
                widget.setEnabled(not self.read_only)
            widget.setVisible(True)  # at once, so that a new row can take the focus
        for widget in (day, starts, ends, zone):
            self.saver.watch(widget, self._saving(window_id))
        self.rows[window_id] = row
        return row

    def _time_field(self, accessible_name: str, value: time) -> TimeField:
        """A time typed ("18:30", "6:30 pm") or picked in 15-minute steps, in the locale's
        format; what cannot be read is said under the rows and never saved."""
        field = TimeField(self, accessible_name)
        field.set_value(value)
        field.problemChanged.connect(lambda _text: self._show_problem())
        return field

    def _show_problem(self) -> None:
        problems = [
            field.problem()
            for row in self.rows.values()
            for field in (row.starts, row.ends)
            if field.problem()
        ]
        self.problem.setText(problems[0] if problems else "")
        self.problem.setVisible(bool(problems))

    def _saving(self, window_id: str) -> Any:
        # The whole row is saved together, so that moving both ends of a window never passes
        # through an invalid state.
        def save(session: Session, _value: object) -> object:
            row = self.rows.get(window_id)
            return update_window(session, window_id, row.values()) if row else None

        return save

    def _drop(self, window_id: str) -> None:
        """Take a saved (or deleted) window's row off screen."""
        for widget in self.rows[window_id].widgets():
            self.saver.discard(widget)
            self.grid.removeWidget(widget)
            widget.deleteLater()
        del self.rows[window_id]
        self._show_problem()

    def _show_hint(self) -> None:
        if self.participant_id is None:
            text = ""
        elif self.rows:
            text = self.tr(
                "The Schedule warns when this person is invited to an event outside these times."
            )
        else:
            text = self.tr(
                "No weekly windows: the Schedule does not check when this person can come."
            )
        self.hint.setText(text)
        self.hint.setVisible(bool(text))
        for heading in self.captions:  # no headings over no rows
            heading.setVisible(bool(self.rows))

    # Actions ------------------------------------------------------------------------------

    def add(self) -> str | None:
        """Add a window on the day after the last one, with the same hours (Monday evening
        for the first), and put the focus on its day."""
        person_id = self.participant_id
        if person_id is None or self.read_only or not self.saver.flush():
            return None
        last = list(self.rows.values())[-1].values() if self.rows else None
        weekday = (last["weekday"] + 1) % 7 if last else 0
        starts = last["starts"] if last else time(18)
        ends = last["ends"] if last else time(21)
        zone = last["timezone"] if last else local_zone_name()
        new_id = self.state.write(
            lambda s: (
                add_window(
                    s, person_id, weekday=weekday, starts=starts, ends=ends, timezone=zone
                ).id
            ),
            case_id=self.case_id,
        )
        if new_id:
            self.load(
                self.case_id, person_id, self.state.read(lambda s: weekly_windows(s, person_id))
            )
            self.rows[new_id].day.setFocus()
        return new_id

    def remove(self, window_id: str) -> None:
        """Delete a window. An unsaved edit of that same row (an end before its start) does not
        stand in the way: the row is going; any other unsaved field does."""
        row = set(self.rows[window_id].widgets())
        if self.read_only:
            return
        if not self.saver.flush() and any(w not in row for w in self.saver.pending()):
            return

        def remove(session: Session) -> bool:
            remove_window(session, window_id)
            return True

        if self.state.write(remove, case_id=self.case_id):
            self._drop(window_id)
            self._show_hint()
            self.add_button.setFocus()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.add_button.setEnabled(not read_only and self.participant_id is not None)
        for row in self.rows.values():
            for widget in row.widgets():
                if isinstance(widget, TimeField):
                    widget.setReadOnly(read_only)
                else:
                    widget.setEnabled(not read_only)

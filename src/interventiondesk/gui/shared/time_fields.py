"""Time zones and wall-clock times in the window: a zone picker and a date-and-time field.

The zone picker shows readable names ("Chicago (America), UTC−06:00") and stores the IANA name
("America/Chicago") as its item data: the counselor's own zone and the zones a case already
uses come first, then every zone, found by typing part of a city or region. The wall-clock field
is a ``DateField`` beside a ``TimeField``: what is typed is read whole, refused in words when it
cannot be read, and never turned into another value.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from functools import cache

from PySide6.QtCore import QSignalBlocker, Qt, QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from interventiondesk.gui.shared.date_fields import DateField, TimeField


@cache
def _all_zones() -> tuple[str, ...]:
    return tuple(sorted(z for z in zoneinfo.available_timezones() if "/" in z or z == "UTC"))


def local_zone_name() -> str:
    """The IANA name of this computer's zone, or UTC when the system does not say."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    return name if name in _all_zones() else "UTC"


def utc_offset_text(name: str, on: date | None = None) -> str:
    """The zone's offset from UTC on ``on`` (today), as "UTC+05:30" or "UTC−06:00"."""
    day = on or date.today()
    try:
        moment = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
        offset = moment.astimezone(zoneinfo.ZoneInfo(name)).utcoffset()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return ""
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "\u2212"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_label(name: str, on: date | None = None) -> str:
    """A readable name: the city, its region and the offset, e.g.
    "Buenos Aires (America, Argentina), UTC−03:00"."""
    parts = [part.replace("_", " ") for part in name.split("/")]
    offset = utc_offset_text(name, on)
    if name in ("UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu"):
        return "UTC"
    if parts[0] == "Etc":  # "Etc/GMT+5" means UTC−05:00: the offset says it plainly
        return f"{parts[-1]}, {offset}" if offset else parts[-1]
    if len(parts) == 1:
        return parts[0] if parts[0] == "UTC" or not offset else f"{parts[0]}, {offset}"
    city, region = parts[-1], ", ".join(parts[:-1])
    return f"{city} ({region}), {offset}" if offset else f"{city} ({region})"


@cache
def _labelled_zones(on: date) -> tuple[tuple[str, str], ...]:
    """Every zone as (readable name, IANA name), by readable name."""
    return tuple(sorted(((zone_label(z, on), z) for z in _all_zones()), key=lambda p: p[0]))


class ZoneCombo(QComboBox):
    """A time-zone picker: preferred zones first, then every zone; type to search.

    The item data is the IANA name (``currentData()``), which is what is stored.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        self.setMinimumContentsLength(18)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._preferred: tuple[str, ...] = ()
        self._fill()
        completer = self.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        line = self.lineEdit()
        if line is not None:
            line.editingFinished.connect(self._settle)
            # A long name is read from its start (the city), not scrolled to its end.
            self.currentIndexChanged.connect(lambda _i: line.setCursorPosition(0))
        self.setToolTip(
            self.tr("Type part of a city or region to find a time zone, or open the list.")
        )

    def preferred(self) -> tuple[str, ...]:
        return self._preferred

    def prefer(self, names: Iterable[str]) -> None:
        """Offer ``names`` first (the counselor's own zone is always first); the zone shown
        stays shown and nothing is announced."""
        own = local_zone_name()
        wanted = tuple(dict.fromkeys([own, *(n for n in names if n in _all_zones())]))
        if wanted == self._preferred:
            return
        current = self.currentData()
        with QSignalBlocker(self):
            self._fill(wanted)
            index = self.findData(current) if current else 0
            self.setCurrentIndex(max(index, 0))

    def _fill(self, preferred: tuple[str, ...] | None = None) -> None:
        self._preferred = preferred or (local_zone_name(),)
        self.clear()
        today = date.today()
        for name in self._preferred:
            self.addItem(zone_label(name, today), name)
        self.insertSeparator(self.count())
        for text, name in _labelled_zones(today):
            if name not in self._preferred:
                self.addItem(text, name)

    def _settle(self) -> None:
        """After typing: show the zone typed if it names one, otherwise the zone chosen."""
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            index = self.findData(text.replace(" ", "_"))
        if index >= 0 and index != self.currentIndex():
            self.setCurrentIndex(index)
        elif self.currentIndex() >= 0:
            self.setEditText(self.itemText(self.currentIndex()))


def timezone_combo(parent: QWidget, accessible_name: str) -> ZoneCombo:
    """Every IANA zone by a readable name, with this computer's own zone first."""
    combo = ZoneCombo(parent)
    combo.setAccessibleName(accessible_name)
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


class WallClockField(QWidget):
    """A date and a time of day, side by side; its zone is chosen separately.

    ``date_field`` and ``time_field`` are watched (and saved) on their own; a value is whole only
    when both are (``wall_clock``). A time that cannot be read is said under the pair.
    """

    def __init__(self, parent: QWidget | None = None, accessible_name: str = "") -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        row = QHBoxLayout()
        row.setSpacing(6)
        self.date_field = DateField(
            self, self.tr("{name}: date").replace("{name}", accessible_name), optional=False
        )
        self.time_field = TimeField(
            self, self.tr("{name}: time").replace("{name}", accessible_name)
        )
        self.time_field.setMinimumContentsLength(6)
        row.addWidget(self.date_field, 3)
        row.addWidget(self.time_field, 2, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(row)
        self.time_problem = QLabel(self)
        self.time_problem.setWordWrap(True)
        self.time_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.time_problem.setStyleSheet("color: palette(highlight);")
        self.time_problem.hide()
        self.time_field.problemChanged.connect(self._time_problem)
        outer.addWidget(self.time_problem)
        self.setFocusProxy(self.date_field)

    def _time_problem(self, text: str) -> None:
        self.time_problem.setText(text)
        self.time_problem.setVisible(bool(text))

    def problem(self) -> str:
        """Why what is typed cannot be read (the date first); empty when it can."""
        return self.date_field.problem() or self.time_field.problem()

    def setReadOnly(self, read_only: bool) -> None:
        self.date_field.setReadOnly(read_only)
        self.time_field.setReadOnly(read_only)


def wall_clock_edit(parent: QWidget, accessible_name: str) -> WallClockField:
    """A date field and a time field for a wall-clock time; its zone is chosen separately."""
    return WallClockField(parent, accessible_name)


def set_wall_clock(edit: WallClockField, value: datetime | None) -> None:
    """Show ``value`` (naive wall-clock time; None: empty) without announcing a change."""
    edit.date_field.set_value(None if value is None else value.date())
    edit.time_field.set_value(None if value is None else time(value.hour, value.minute))
    edit._time_problem("")


def wall_clock(edit: WallClockField) -> datetime | None:
    """The whole, valid time the fields hold (naive), or None while either is empty or what
    is typed in either cannot be read."""
    day, clock = edit.date_field.value(), edit.time_field.value()
    if day is None or clock is None or edit.problem():
        return None
    return datetime(day.year, day.month, day.day, clock.hour, clock.minute)

"""Time zones and wall-clock times in the window: a zone picker and a date-and-time field."""

from __future__ import annotations

import zoneinfo
from datetime import datetime
from functools import cache

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QWidget,
)


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

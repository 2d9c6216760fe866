"""What the Schedule page asks before an event is saved, and how it shows events by day."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtGui import QBrush, QFont, QPalette, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QMessageBox,
    QWidget,
)

from interventiondesk.gui.shared.date_fields import format_date, format_time
from interventiondesk.gui.shared.time_fields import local_zone_name


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
    """Weekday, date and time in the one format of every screen (the locale's short date with
    the year in full, the locale's time); the zone's abbreviation when its clock differs from
    this computer's then."""
    locale = QLocale()
    day = QDate(moment.year, moment.month, moment.day)
    text = " ".join(
        (
            locale.dayName(day.dayOfWeek(), QLocale.FormatType.ShortFormat),
            format_date(moment.date(), locale) + ",",
            format_time(moment.time(), locale),
        )
    )
    if moment.tzinfo is not None and moment.tzname():
        here = moment.astimezone(ZoneInfo(local_zone_name()))
        if here.utcoffset() != moment.utcoffset():  # not the counselor's own clock
            text += f" {moment.tzname()}"
    return text

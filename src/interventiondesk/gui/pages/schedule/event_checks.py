"""What the Schedule page asks before an event is saved, and how it shows events by day."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime
from PySide6.QtGui import QBrush, QFont, QPalette, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QMessageBox,
    QWidget,
)


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

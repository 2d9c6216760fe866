"""Dates and times typed the way people type them, or picked; never turned into another value.

Qt's sectioned date-time editor reinterprets free typing (typing "2026-12-01 22:00" into it gave
the year 2200). These fields instead read the whole text when the counselor leaves the field or
presses Enter: in the computer's own short format (a two-digit year means this century), or as
an ISO date. What cannot be read is refused with a sentence under the field, and nothing is
saved; a value is announced (``changed``) only once it is whole and valid. Times are typed or
picked from a list in 15-minute steps.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QLocale,
    QPoint,
    QSignalBlocker,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from interventiondesk.limits import EARLIEST_DATE as MIN_DATE
from interventiondesk.limits import LATEST_DATE as MAX_DATE

TIME_STEP_MINUTES = 15


def _four_digit_years(pattern: str) -> str:
    """A locale pattern with the year written in full (never "yy" on screen)."""
    return re.sub(r"(?<!y)yy(?!y)", "yyyy", pattern)


def date_pattern(locale: QLocale | None = None) -> str:
    """The one date format of every screen: the locale's short format, year in full."""
    return _four_digit_years((locale or QLocale()).dateFormat(QLocale.FormatType.ShortFormat))


def format_date(value: date, locale: QLocale | None = None) -> str:
    locale = locale or QLocale()
    return locale.toString(QDate(value.year, value.month, value.day), date_pattern(locale))


def format_day(value: date, locale: QLocale | None = None) -> str:
    """A day as a heading: its weekday, then the date in the screen's one format."""
    locale = locale or QLocale()
    return f"{locale.dayName(value.isoweekday())} {format_date(value, locale)}"


def format_moment(moment: datetime, locale: QLocale | None = None) -> str:
    """An aware moment on this computer's clock: the date, then the time."""
    local = moment.astimezone()
    return f"{format_date(local.date(), locale)} {format_time(local.time(), locale)}"


def format_age(age: timedelta) -> str:
    """How long ago, in the largest whole unit: "40 minutes", "3 hours", "1 day" (or "less
    than a minute")."""
    minutes = max(0, int(age.total_seconds() // 60))
    days, hours = minutes // (24 * 60), minutes // 60
    if days:
        one, many, count = "1 day", "{count} days", days
    elif hours:
        one, many, count = "1 hour", "{count} hours", hours
    elif minutes:
        one, many, count = "1 minute", "{count} minutes", minutes
    else:
        return QCoreApplication.translate("age", "less than a minute")
    if count == 1:
        return QCoreApplication.translate("age", one)
    return QCoreApplication.translate("age", many).format(count=count)


def parse_date(text: str, locale: QLocale | None = None) -> date | None:
    """The date in ``text``: the locale's short format (two- or four-digit year) or ISO
    (2026-12-01). None when it is not a whole, real date."""
    locale = locale or QLocale()
    cleaned = " ".join(text.split())
    if not cleaned:
        return None
    # "d" and "M" read one or two digits, so "1.12.2026" reads as well as "01.12.2026".
    short = re.sub(
        r"(?<![dM])(dd|MM)(?![dM])",
        lambda m: m.group(1)[0],
        locale.dateFormat(QLocale.FormatType.ShortFormat),
    )
    candidates: list[QDate] = []
    for pattern in dict.fromkeys((_four_digit_years(short), "yyyy-M-d")):
        candidates.append(locale.toDate(cleaned, pattern))
    two_digits = re.sub(r"y+", "yy", short)
    candidates.append(locale.toDate(cleaned, two_digits, 2000))
    for found in candidates:
        if found.isValid():
            return date(found.year(), found.month(), found.day())
    return None


def format_time(value: time, locale: QLocale | None = None) -> str:
    locale = locale or QLocale()
    return locale.toString(QTime(value.hour, value.minute), QLocale.FormatType.ShortFormat)


_TIME_PATTERNS = ("H:mm", "HH:mm", "H.mm", "h:mm AP", "h:mmAP", "h AP", "hAP", "h.mm AP")


def parse_time(text: str, locale: QLocale | None = None) -> time | None:
    """The time in ``text``: "18:30", "6:30 pm", "1830", "18" or the locale's own format.
    None when it is not a whole, real time of day."""
    locale = locale or QLocale()
    cleaned = " ".join(text.split())
    if not cleaned:
        return None
    if cleaned.isdigit() and len(cleaned) <= 4:
        hours, minutes = (cleaned, "0") if len(cleaned) <= 2 else (cleaned[:-2], cleaned[-2:])
        if int(hours) < 24 and int(minutes) < 60:
            return time(int(hours), int(minutes))
        return None
    patterns = (locale.timeFormat(QLocale.FormatType.ShortFormat), *_TIME_PATTERNS)
    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    for pattern in dict.fromkeys(patterns):
        for reader in (locale, english):  # "pm" is understood whatever the language
            found = reader.toTime(cleaned, pattern)
            if found.isValid():
                return time(found.hour(), found.minute())
    return None


class _Problem(QLabel):
    """The sentence under a field that could not read what was typed."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet("color: palette(highlight);")
        self.hide()

    def say(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class DateField(QWidget):
    """A date: typed in the locale's short format or ISO, or picked from a calendar.

    ``changed`` is emitted when the field holds a new, whole, valid date (or was emptied, when
    the date is optional). While the text cannot be read, ``value()`` keeps the last good date,
    ``problem()`` says what is wrong and nothing is announced.
    """

    changed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        accessible_name: str = "",
        *,
        optional: bool = True,
        empty_text: str = "",
    ) -> None:
        super().__init__(parent)
        self._value: date | None = None
        self._optional = optional
        self._problem = ""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        row = QHBoxLayout()
        row.setSpacing(2)
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName(accessible_name)
        pattern = date_pattern()
        self.edit.setPlaceholderText(empty_text or pattern.upper())
        self.edit.setToolTip(
            self.tr(
                "Type the date as {pattern} (or 2026-12-01), or pick it from the calendar."
            ).replace("{pattern}", pattern.upper())
        )
        self.edit.setMaxLength(40)
        self.edit.editingFinished.connect(self.commit)
        self.edit.textEdited.connect(lambda _text: self._say(""))
        row.addWidget(self.edit, 1)
        self.pick = QToolButton(self)
        self.pick.setText("▾")
        self.pick.setAccessibleName(
            self.tr("Choose {name} from a calendar").format(
                name=accessible_name.lower() or self.tr("the date")
            )
        )
        self.pick.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes field to field
        self.pick.clicked.connect(self._open_calendar)
        row.addWidget(self.pick)
        outer.addLayout(row)
        self.problem_label = _Problem(self)
        outer.addWidget(self.problem_label)
        self.setFocusProxy(self.edit)

    # Reading and writing ----------------------------------------------------------------

    def value(self) -> date | None:
        """The last whole, valid date (None: none set)."""
        return self._value

    def set_value(self, value: date | None) -> None:
        """Show ``value`` (from the database): no ``changed``, no problem shown."""
        self._value = value
        with QSignalBlocker(self.edit):
            self.edit.setText("" if value is None else format_date(value))
        self._say("")

    def problem(self) -> str:
        return self._problem

    def setReadOnly(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.pick.setEnabled(not read_only)

    def isReadOnly(self) -> bool:
        return self.edit.isReadOnly()

    def commit(self) -> None:
        """Read what was typed; announce it if it is a new, valid date, or say what is wrong."""
        text = self.edit.text().strip()
        if not text:
            if not self._optional:
                self._say(self.tr("Enter a date, or pick one from the calendar."))
                return
            self._accept(None)
            return
        found = parse_date(text)
        if found is None:
            self._say(
                self.tr("“{text}” is not a date. Type it as {pattern}, or pick it.")
                .replace("{text}", text[:40])
                .replace("{pattern}", date_pattern().upper())
            )
            return
        if not MIN_DATE <= found <= MAX_DATE:
            self._say(
                self.tr("Choose a date between {first} and {last}.")
                .replace("{first}", format_date(MIN_DATE))
                .replace("{last}", format_date(MAX_DATE))
            )
            return
        self._accept(found)

    def _accept(self, found: date | None) -> None:
        self._say("")
        with QSignalBlocker(self.edit):
            self.edit.setText("" if found is None else format_date(found))
        if found != self._value:
            self._value = found
            self.changed.emit()

    def _say(self, text: str) -> None:
        self._problem = text
        self.problem_label.say(text)
        self.edit.setAccessibleDescription(text)
        self.edit.setProperty("invalid", bool(text))

    # The calendar -------------------------------------------------------------------------

    def _open_calendar(self) -> None:
        if self.edit.isReadOnly():
            return
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setMinimumDate(QDate(MIN_DATE.year, MIN_DATE.month, MIN_DATE.day))
        calendar.setMaximumDate(QDate(MAX_DATE.year, MAX_DATE.month, MAX_DATE.day))
        shown = self._value or date.today()
        calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        calendar.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        calendar.clicked.connect(lambda day: self._picked(day, calendar))
        calendar.activated.connect(lambda day: self._picked(day, calendar))
        calendar.move(self.mapToGlobal(QPoint(0, self.edit.height())))
        calendar.show()
        calendar.setFocus()
        self.calendar = calendar

    def _picked(self, day: QDate, calendar: QCalendarWidget) -> None:
        calendar.close()
        self._accept(date(day.year(), day.month(), day.day()))
        self.edit.setFocus()


class TimeField(QComboBox):
    """A time of day: typed ("18:30", "6:30 pm", "1830") or picked in 15-minute steps.

    Like ``DateField``: ``changed`` only for a whole, valid new time; what cannot be read is
    refused in words (``problem()``, and the tooltip) and nothing is announced.
    """

    changed = Signal()
    problemChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None, accessible_name: str = "") -> None:
        super().__init__(parent)
        self._value: time | None = None
        self._problem = ""
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setAccessibleName(accessible_name)
        self.setMaxVisibleItems(12)
        for minutes in range(0, 24 * 60, TIME_STEP_MINUTES):
            self.addItem(format_time(time(minutes // 60, minutes % 60)), minutes)
        self.setCurrentIndex(-1)
        line = self._line()
        line.setMaxLength(20)
        line.setPlaceholderText(format_time(time(18, 30)))
        line.editingFinished.connect(self.commit)
        self.activated.connect(self._chosen)
        self.setToolTip(self.tr("Type the time (for example 18:30 or 6:30 pm), or pick it."))

    def value(self) -> time | None:
        return self._value

    def set_value(self, value: time | None) -> None:
        self._value = value
        with QSignalBlocker(self):
            self.setCurrentIndex(-1)
            self.setEditText("" if value is None else format_time(value))
        self._say("")

    def problem(self) -> str:
        return self._problem

    def _line(self) -> QLineEdit:
        line = self.lineEdit()
        assert line is not None  # the box is editable
        return line

    def setReadOnly(self, read_only: bool) -> None:
        self._line().setReadOnly(read_only)
        self.setEnabled(not read_only)

    def isReadOnly(self) -> bool:
        return self._line().isReadOnly()

    def _chosen(self, index: int) -> None:
        minutes = self.itemData(index)
        if isinstance(minutes, int):
            self._accept(time(minutes // 60, minutes % 60))

    def commit(self) -> None:
        text = self.currentText().strip()
        found = parse_time(text)
        if found is None:
            self._say(
                self.tr(
                    "“{text}” is not a time of day. Type it as 18:30 or 6:30 pm, or pick it."
                ).replace("{text}", text[:20])
                if text
                else self.tr("Enter a time, or pick one from the list.")
            )
            return
        self._accept(found)

    def _accept(self, found: time) -> None:
        self._say("")
        with QSignalBlocker(self):
            self.setEditText(format_time(found))
        if found != self._value:
            self._value = found
            self.changed.emit()

    def _say(self, text: str) -> None:
        self._problem = text
        self._line().setAccessibleDescription(text)
        self.setToolTip(
            text or self.tr("Type the time (for example 18:30 or 6:30 pm), or pick it.")
        )
        self.problemChanged.emit(text)

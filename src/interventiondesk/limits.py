"""What a value may be, in one place: the editors, the services and case-file import share it.

Plain constants and tiny checks on standard-library types only (no SQLAlchemy, no Qt), so that
every layer may import this module, and at start-up for free. The case-file schema
(resources/case-format.schema.json) writes the same bounds as numbers and patterns; a test
keeps it in step with this module.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

# Dates and times ---------------------------------------------------------------------------

EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)
"""Every date the app keeps lies between these, both included; a date-time lies between them
as a UTC instant. Wide enough for any birth date or plan; narrow enough that adding a day, an
event's length or any time zone's offset never leaves what Python's datetime can hold (year 1
or 9999 made calendars and listings fail)."""

DATE_RANGE_WORDS = f"between {EARLIEST_DATE.year} and {LATEST_DATE.year}"


def date_in_range(day: date) -> bool:
    """Whether ``day`` (the calendar date of a datetime, when given one) is one the app keeps."""
    if isinstance(day, datetime):
        day = day.date()
    return EARLIEST_DATE <= day <= LATEST_DATE


def moment_in_range(moment: datetime) -> bool:
    """Whether an aware ``moment`` falls, in UTC, on a day the app keeps."""
    try:
        return date_in_range(moment.astimezone(UTC).date())
    except (OverflowError, ValueError):  # year 1 at +01:00 is before the first datetime
        return False


# Numbers -----------------------------------------------------------------------------------

MIN_DURATION_MINUTES = 1
MAX_DURATION_MINUTES = 24 * 60
"""An event lasts at least a minute and at most a day."""

MIN_READING_MINUTES = 1
MAX_READING_MINUTES = 60
"""The time allowed to read one letter aloud."""

MAX_INTEGER_DIGITS = 20
"""A number in a case file longer than this is refused before it is converted: every number the
format holds is far smaller, and Python refuses to convert numbers of 4,300 digits or more."""

# Text --------------------------------------------------------------------------------------

MAX_TEXT_CHARS = 500_000
"""Free text (a letter section, notes, a plan field): room for a 50,000-word letter (300,000 to
450,000 characters), far more than anyone reads aloud in an hour (about 45,000). Printed in two
or three seconds. Stops runaway pastes and case files that would take minutes to print."""

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

NOT_UNICODE_WORDS = "holds a character that is not valid Unicode (half of a surrogate pair)"
"""Follows a field's name in the refusal of a lone surrogate."""


def holds_lone_surrogate(text: str) -> bool:
    """Whether ``text`` holds a code point of the surrogate range (U+D800 to U+DFFF).

    Python strings can hold one (undecodable bytes, a JSON escape such as ``"\\ud800"``, a
    paste from a broken program), but UTF-8, and so the database, a case file or a calendar
    file, cannot: every text field refuses it, in words, before anything is written. Every
    other character, controls and NUL included, is kept exactly as given.
    """
    return not text.isascii() and _LONE_SURROGATE.search(text) is not None


# Case references ---------------------------------------------------------------------------

MAX_REFERENCE_CHARS = 16
REFERENCE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$"
"""A case reference such as IN-7K3QX: letters A-Z, digits, '.', '_' or '-', at most 16, starting
with a letter or digit. Never empty, no spaces, control or direction-changing characters: it is
read out, typed at the command line and printed on every page."""

REFERENCE_WORDS = (
    "a case reference of 1 to 16 letters A-Z, digits, '.', '_' or '-' (such as IN-7K3QX)"
)

_REFERENCE = re.compile(REFERENCE_PATTERN)


def reference_is_valid(reference: str) -> bool:
    """Whether ``reference`` is a whole case reference (a trailing line break is not)."""
    return _REFERENCE.fullmatch(reference) is not None

"""Time zones and durations, the helpers every layer uses."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from interventiondesk.errors import InvalidInput
from interventiondesk.times import format_duration, to_utc, zone, zone_or_utc


def test_a_time_that_happens_twice_means_the_first() -> None:
    assert to_utc(datetime(2026, 11, 1, 1, 30), "America/New_York") == datetime(
        2026, 11, 1, 5, 30, tzinfo=UTC
    )
    second = datetime(2026, 11, 1, 1, 30, fold=1)
    assert to_utc(second, "America/New_York") == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)


def test_a_time_the_clocks_skip_is_refused_and_aware_times_are_converted() -> None:
    with pytest.raises(InvalidInput, match="does not exist in this time zone"):
        to_utc(datetime(2026, 3, 8, 2, 30), "America/New_York")
    berlin = datetime(2026, 7, 1, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert to_utc(berlin, "America/New_York") == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)


def test_unknown_and_empty_zones_are_refused_in_words_but_display_falls_back_to_utc() -> None:
    assert zone(" Europe/Berlin ") == ZoneInfo("Europe/Berlin")
    with pytest.raises(InvalidInput, match="Choose a time zone"):
        zone("  ")
    with pytest.raises(InvalidInput, match="not a time zone this computer knows"):
        zone("Mars/Olympus_Mons")
    with pytest.raises(InvalidInput):
        zone("../../etc/passwd")
    assert zone_or_utc("Mars/Olympus_Mons") == ZoneInfo("UTC")
    assert zone_or_utc("Asia/Tokyo") == ZoneInfo("Asia/Tokyo")


def test_reading_times_read_as_minutes_and_seconds() -> None:
    assert format_duration(0) == "0:00"
    assert format_duration(61) == "1:01"
    assert format_duration(3725) == "62:05"

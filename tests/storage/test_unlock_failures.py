"""The failed-unlock counter file: a count and two times, nothing typed, damage counted."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from interventiondesk.storage.unlock_failures import (
    FAILURES_FILE,
    add_failure,
    clear_failures,
    read_failures,
)


def test_counting_and_clearing(tmp_path: Path) -> None:
    assert read_failures(tmp_path).count == 0
    first = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    add_failure(tmp_path, first)
    counted = add_failure(tmp_path, first + timedelta(minutes=1))
    assert (counted.count, counted.first, counted.last) == (2, first, first + timedelta(minutes=1))
    assert read_failures(tmp_path) == counted
    assert json.loads((tmp_path / FAILURES_FILE).read_text()) == {
        "count": 2,
        "first": first.isoformat(),
        "last": (first + timedelta(minutes=1)).isoformat(),
    }
    assert (tmp_path / FAILURES_FILE).stat().st_mode & 0o077 == 0
    clear_failures(tmp_path)
    assert read_failures(tmp_path).count == 0


def test_damage_counts_as_one_failure_and_a_folder_is_not_read(tmp_path: Path) -> None:
    for content in ("", "{", '{"count": "9"}', '{"count": true}', "[1]", "x" * 10_000):
        (tmp_path / FAILURES_FILE).write_text(content)
        assert read_failures(tmp_path).count == 1, content
    (tmp_path / FAILURES_FILE).unlink()
    (tmp_path / FAILURES_FILE).mkdir()
    assert read_failures(tmp_path).count == 1
    assert add_failure(tmp_path).count == 1  # cannot be written: nothing more is counted

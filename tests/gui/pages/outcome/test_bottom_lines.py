"""Bottom-line follow-through on the page: drawn from the letters, noted on a day, kept as
history."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from interventiondesk.gui.shared.date_fields import format_date
from interventiondesk.model import FollowThrough
from interventiondesk.services.outcomes import bottom_line_rows
from interventiondesk.storage.database import Database
from tests.gui.pages.outcome.conftest import Shown
from tests.gui.pages.schedule.test_page import type_date

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_each_writer_of_a_bottom_line_is_followed_through(
    qtbot: QtBot, db: Database, shown: Shown
) -> None:
    panel = shown.page.bottom_lines
    assert list(panel.boxes) == [shown.mother, shown.brother]  # not the friend
    mother = panel.boxes[shown.mother]
    assert mother.title() == "Ana Example (mother)"
    assert mother.letters.text() == "From their bottom-line letter:\n“No more money <b>”"
    assert mother.standing.text() == "Not noted yet."
    mother.status.setCurrentIndex(mother.status.findData(FollowThrough.KEPT))
    type_date(qtbot, mother.noted_on, "2026-11-20")
    mother.notes.setText("Said no to money twice")
    mother.note_button.click()
    assert panel.boxes[shown.mother] is mother  # updated in place, not rebuilt
    assert mother.standing.text() == f"✔ Kept, noted {format_date(date(2026, 11, 20))}"
    assert mother.history.isHidden() and mother.notes.text() == ""
    mother.status.setCurrentIndex(mother.status.findData(FollowThrough.NOT_KEPT))
    type_date(qtbot, mother.noted_on, "2026-11-29")
    mother.note_button.click()
    assert mother.standing.text() == f"✘ Not kept, noted {format_date(date(2026, 11, 29))}"
    assert not mother.history.isHidden()
    assert mother.history.text().splitlines() == [
        "Before:",
        f"{format_date(date(2026, 11, 20))}: ✔ Kept — Said no to money twice",
    ]
    with db.session() as s:
        first, second = bottom_line_rows(s, shown.case_id)
    assert [c.status for c in first.history] == ["not_kept", "kept"]
    assert second.status is None
    assert panel.boxes[shown.brother].standing.text() == "Not noted yet."

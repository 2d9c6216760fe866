"""ASAM ratings on the page: rated twice, the previous rating is shown beside the current."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from interventiondesk.gui.pages.safety.asam import AsamPanel
from interventiondesk.gui.shared.date_fields import format_moment
from interventiondesk.model import AsamDimension
from interventiondesk.services.safety import safety_view
from interventiondesk.storage.database import Database
from tests.gui.pages.safety.conftest import Shown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

BIO = AsamDimension.BIOMEDICAL
READY = AsamDimension.READINESS_TO_CHANGE


def rate(panel: AsamPanel, dimension: AsamDimension, value: int, note: str) -> None:
    combo = panel.ratings[dimension]
    combo.setCurrentIndex(combo.findData(value))
    panel.notes[dimension].setText(note)


def test_rated_twice_the_previous_rating_stands_beside(
    qtbot: QtBot, db: Database, shown: Shown
) -> None:
    panel = shown.page.asam
    assert panel.last_rated.text() == "Not rated yet."
    assert {panel.before[d].text() for d in AsamDimension} == {"none before"}
    rate(panel, BIO, 3, "Liver tests <pending>")
    rate(panel, READY, 1, "")
    panel.save()
    with db.session() as s:
        first = {row.dimension: row for row in safety_view(s, shown.case_id).asam}
    assert first[BIO].current is not None and first[BIO].current.rating == 3
    assert panel.before[BIO].text() == "none before"
    assert panel.ratings[BIO].currentData() == 3
    rate(panel, BIO, 2, "Liver tests fine")
    panel.save()
    with db.session() as s:
        second = {row.dimension: row for row in safety_view(s, shown.case_id).asam}
    given = first[BIO].current
    assert second[BIO].previous == given
    assert panel.before[BIO].text() == f"3 · {format_moment(given.rated_at)}\nLiver tests <pending>"
    assert panel.ratings[BIO].currentData() == 2
    assert panel.notes[BIO].text() == "Liver tests fine"
    # Only what changed was rated again: readiness keeps one rating, nothing before it.
    assert len(second[READY].history) == 1 and panel.before[READY].text() == "none before"
    # Saving with nothing changed adds nothing, and says so.
    panel.save()
    assert panel.last_rated.text() == "Nothing changed since the last rating."
    with db.session() as s:
        rows = {row.dimension: row for row in safety_view(s, shown.case_id).asam}
    assert len(rows[BIO].history) == 2


def test_a_rating_being_chosen_survives_a_save_elsewhere(qtbot: QtBot, shown: Shown) -> None:
    panel = shown.page.asam
    rate(panel, BIO, 4, "Seizures last detox")
    shown.page.flags.checks["detox_needed"].click()
    assert shown.page.flush()  # the flag's save refreshes the page
    assert panel.ratings[BIO].currentData() == 4
    assert panel.notes[BIO].text() == "Seizures last detox"

"""The risk flags on the page: ticked, saved, and the risks they raise said in words."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from interventiondesk.services.cases import find_case
from interventiondesk.services.safety import FLAGS, raised_flags
from interventiondesk.storage.database import Database
from tests.gui.pages.safety.conftest import Shown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_flags_are_saved_as_ticked_and_raise_risks_in_words(
    qtbot: QtBot, db: Database, shown: Shown
) -> None:
    panel = shown.page.flags
    assert [panel.checks[key].accessibleName() for key, _label in FLAGS] == [
        label for _key, label in FLAGS
    ]
    assert panel.raised.text() == "No risk raised by these flags."
    panel.checks["overdose_history"].click()
    assert shown.page.flush()
    assert panel.raised.text() == (
        "⚠ Risks raised: Overdose history; Overdose history without naloxone on hand"
    )
    panel.checks["naloxone_on_hand"].click()
    panel.checks["weapons_in_home"].click()
    assert shown.page.flush()
    assert panel.raised.text() == (
        "⚠ Risks raised: Overdose history; Violence or weapons in the home"
    )
    with db.session() as s:
        case = find_case(s, shown.case_id)
        assert raised_flags(case) == ("overdose_history", "weapons_in_home")
        assert case.naloxone_on_hand and not case.detox_needed
    # Shown again as saved when the case is opened again.
    shown.page.load_case(shown.case_id)
    ticked = [key for key, check in panel.checks.items() if check.isChecked()]
    assert ticked == ["overdose_history", "naloxone_on_hand", "weapons_in_home"]

"""The risk screen on the page: every branch shape, the triage and next step as answers come,
saved screens in a history that cannot be edited."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from interventiondesk.gui.pages.safety.screen import ScreenPanel
from interventiondesk.model import RiskLevel
from interventiondesk.services.risk_screen import ASKED_AFTER_THOUGHTS, NEXT_STEPS, NOTHING_REPORTED
from interventiondesk.services.safety import screen_rows
from interventiondesk.storage.database import Database
from tests.gui.pages.safety.conftest import Shown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def answer(panel: ScreenPanel, key: str, yes: bool) -> None:
    row = panel.topics[key]
    assert row.isVisibleTo(panel), key  # only questions on screen are answered
    (row.yes if yes else row.no).click()


def shown_topics(panel: ScreenPanel) -> list[str]:
    return [key for key, row in panel.topics.items() if row.isVisibleTo(panel)]


# (answers in the order asked, triage, next step)
PATHS = [
    ({"wish_to_be_dead": False, "suicidal_thoughts": False, "recent_behaviour": False},
     RiskLevel.LOW, NOTHING_REPORTED),
    ({"wish_to_be_dead": True, "suicidal_thoughts": False, "recent_behaviour": False},
     RiskLevel.LOW, NEXT_STEPS[RiskLevel.LOW]),
    ({"wish_to_be_dead": True, "suicidal_thoughts": True, "thoughts_of_method": True,
      "intent": False, "plan": False, "recent_behaviour": False},
     RiskLevel.MODERATE, NEXT_STEPS[RiskLevel.MODERATE]),
    ({"wish_to_be_dead": True, "suicidal_thoughts": True, "thoughts_of_method": True,
      "intent": True, "plan": False, "recent_behaviour": False},
     RiskLevel.HIGH, NEXT_STEPS[RiskLevel.HIGH]),
    ({"wish_to_be_dead": False, "suicidal_thoughts": False, "recent_behaviour": True},
     RiskLevel.HIGH, NEXT_STEPS[RiskLevel.HIGH]),
]  # fmt: skip


def test_every_branch_shape_is_walked_saved_and_kept_read_only(
    qtbot: QtBot, db: Database, shown: Shown
) -> None:
    panel = shown.page.risk_screen
    shown.page.tabs.setCurrentIndex(0)
    for number, (answers, level, step) in enumerate(PATHS, start=1):
        assert shown_topics(panel) == ["wish_to_be_dead", "suicidal_thoughts", "recent_behaviour"]
        assert not panel.save_button.isEnabled()
        for key, value in answers.items():
            answer(panel, key, value)
            if key == "suicidal_thoughts":
                asked_now = set(shown_topics(panel)) & set(ASKED_AFTER_THOUGHTS)
                assert asked_now == (set(ASKED_AFTER_THOUGHTS) if value else set())
        assert panel.triage.level.text().startswith("Triage: ")
        assert level.value.capitalize() in panel.triage.level.text()
        assert panel.triage.step.text() == f"Next step: {step}"
        assert panel.save_button.isEnabled()
        panel.save()
        assert panel.history.topLevelItemCount() == number
        newest = panel.history.topLevelItem(0)
        assert level.value.capitalize() in newest.text(2) and "superseded" not in newest.text(2)
        if number > 1:
            assert "(superseded)" in panel.history.topLevelItem(1).text(2)
        assert panel.details.text().splitlines()[-1] == f"Next step: {step}"
        assert all(row.answer() is None for row in panel.topics.values())  # a new screen
    with db.session() as s:
        rows = screen_rows(s, shown.case_id)
    assert [r.triage for r in rows] == [p[1] for p in reversed(PATHS)]
    assert dict(rows[-1].answers)["intent"] is None  # skipped, never answered
    # The history is read, not edited: no field or button inside it.
    history_box = panel.history.parentWidget()
    assert not history_box.findChildren(QLineEdit) and not history_box.findChildren(QPlainTextEdit)
    assert not history_box.findChildren(QAbstractButton)


def test_a_no_to_thoughts_after_a_yes_drops_the_later_answers(qtbot: QtBot, shown: Shown) -> None:
    panel = shown.page.risk_screen
    assert panel.triage.level.text().startswith("No answer yet")  # no level before an answer
    answer(panel, "wish_to_be_dead", True)
    answer(panel, "suicidal_thoughts", True)
    answer(panel, "thoughts_of_method", True)
    answer(panel, "intent", True)
    assert "High" in panel.triage.level.text() and "so far" in panel.triage.level.text()
    answer(panel, "suicidal_thoughts", False)
    assert panel.topics["intent"].answer() is None and panel.topics["intent"].isHidden()
    answer(panel, "recent_behaviour", False)
    assert panel.triage.level.text() == "Triage: ● Low"
    assert panel.answers()["thoughts_of_method"] is None
    panel.clear()
    assert panel.triage.level.text().startswith("No answer yet")
    assert all(row.answer() is None for row in panel.topics.values())

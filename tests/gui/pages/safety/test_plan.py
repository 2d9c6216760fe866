"""The safety plan on the page: saved as typed with its revisions, and printed through the
save dialog, read back with pypdf."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from interventiondesk.model import utcnow
from interventiondesk.services import audit
from interventiondesk.services.safety import STEPS, plan_revisions, save_safety_plan
from interventiondesk.storage.database import Database
from tests.gui.conftest import replace_text
from tests.gui.pages.safety.conftest import Shown
from tests.gui.save_dialog import answer_next_save_dialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

HOSTILE_STEP = "Call Mia <b>&amp;</b> — مرحبا"


def test_typing_in_a_step_saves_it_and_leaves_a_revision(
    qtbot: QtBot, db: Database, shown: Shown
) -> None:
    panel = shown.page.plan
    shown.page.tabs.setCurrentIndex(1)
    assert panel.history.topLevelItemCount() == 0
    assert panel.revision.text() == "No revision yet: the plan has not been written."
    qtbot.keyClicks(panel.steps["warning_signs"], "Not sleeping")
    replace_text(panel.steps["people_to_ask"], HOSTILE_STEP)
    assert shown.page.flush()
    # One sitting: one revision, brought up to date by each save.
    assert panel.history.topLevelItemCount() == 1
    with db.session() as s:
        (revision,) = plan_revisions(s, shown.case_id)
    steps = dict(revision.steps)
    assert steps["warning_signs"] == "Not sleeping" and steps["people_to_ask"] == HOSTILE_STEP
    # A sitting an hour later (here written by the service) leaves a second revision.
    with db.session(write=True) as s:
        save_safety_plan(
            s, shown.case_id, {"distraction": "The park"}, at=utcnow() + timedelta(hours=1)
        )
    shown.page.refresh()
    assert panel.history.topLevelItemCount() == 2
    panel.history.setCurrentItem(panel.history.topLevelItem(1))  # the older one
    lines = panel.revision.text().splitlines()
    assert lines[0] == "1. My warning signs: Not sleeping"
    assert lines[2] == "3. People and places that take my mind off things: —"
    assert lines[3] == f"4. People I can ask for help: {HOSTILE_STEP}"
    # The step being typed in is not replaced by the refresh.
    assert panel.steps["distraction"].toPlainText() == ""


def test_the_plan_is_printed_through_the_save_dialog(
    qtbot: QtBot, db: Database, shown: Shown, tmp_path: Path
) -> None:
    panel = shown.page.plan
    failures: list[str] = []
    shown.page.state.failed.connect(failures.append)
    for key, _title, _hint in STEPS:
        replace_text(panel.steps[key], f"{key}: {HOSTILE_STEP}")
    panel.with_reference.setChecked(True)
    target = tmp_path / "plan for the client"
    offered: list[str] = []
    answer_next_save_dialog(target, offered)  # typed without .pdf: the page adds it
    with qtbot.waitSignal(panel.printed, timeout=20_000) as printed:
        panel.print_plan()
    assert offered == ["safety-plan.pdf"]
    written = tmp_path / "plan for the client.pdf"
    assert printed.args == [True, str(written)]
    assert panel.print_status.text() == f"Saved the safety plan to {written}."
    reader = PdfReader(written)
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for key, _title, _hint in STEPS:
        assert f"{key}: Call Mia <b>&amp;</b>" in text
    assert shown.reference in text and "Robin" not in text  # the reference only, as chosen
    assert "988" in text
    with db.session() as s:
        actions = [e.action for e in audit.events_for_case(s, shown.case_id)]
    assert "export.safety_plan" in actions
    assert failures == []


def test_an_empty_plan_is_not_printed_and_says_why(
    qtbot: QtBot, shown: Shown, tmp_path: Path
) -> None:
    panel = shown.page.plan
    with qtbot.waitSignal(panel.printed, timeout=20_000) as printed:
        panel.print_to(tmp_path / "empty.pdf")
    assert printed.args[0] is False
    assert panel.print_status.text() == (
        "This case has no safety plan to print yet; fill in its steps first."
    )
    assert not (tmp_path / "empty.pdf").exists()
    assert panel.print_button.isEnabled()

"""File › Receive cases…: a file from the laptop merged in the window, conflicts decided."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from interventiondesk.gui.dialogs.transfer_conflicts import ConflictsDialog
from interventiondesk.gui.dialogs.transfer_in import receive
from interventiondesk.gui.dialogs.transfer_out import send
from interventiondesk.gui.shell.case_list import STATUS
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.model import Case
from interventiondesk.services import transfer_state, transfers
from interventiondesk.services.merge import set_field
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE, TEST_KDF
from tests.gui.shell.test_main_window import add_cases

WORDS = "lantern orchard seventy copper kites"


def laptop_round(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, template: Path, case_id: str
) -> Path:
    """The window sends the case; the laptop receives it, changes the goals, sends it back."""
    out = tmp_path / "out.idtransfer"
    job = send(window, [case_id], out, WORDS)
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    shutil.copytree(template, tmp_path / "laptop")
    laptop = Workspace(tmp_path / "laptop")
    db = laptop.unlock(PASSPHRASE)
    try:
        with db.session(write=True) as session:
            transfer_state.set_workspace_name(session, "laptop")
        transfers.transfer_in(laptop, db, out, WORDS)
        with db.session(write=True) as session:
            set_field(session, "case", case_id, "goals", "goals from the kitchen table")
            set_field(session, "case", case_id, "seating_notes", "laptop seating")
        back = tmp_path / "back.idtransfer"
        transfers.transfer_out(db, [case_id], back, WORDS, kdf=TEST_KDF)
    finally:
        db.close()
    return back


def goals(window: MainWindow, case_id: str) -> tuple[str, str]:
    case = window.state.read(lambda s: s.get_one(Case, case_id))
    return case.goals, case.seating_notes


def test_receiving_merges_and_clears_the_mark(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, _template_workspace: tuple[Path, str]
) -> None:
    (case_id,) = add_cases(window, "Round Trip")
    window.open_case(case_id)
    back = laptop_round(window, tmp_path, qtbot, _template_workspace[0], case_id)
    job = receive(window, back, WORDS)
    assert job is not None
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    assert "Received 1 case(s) from" in window.statusBar().currentMessage()
    assert goals(window, case_id) == ("goals from the kitchen table", "laptop seating")
    qtbot.waitUntil(lambda: not window.case_view.transfer_banner.isVisible())
    assert not window.case_view.read_only


def test_a_conflict_is_shown_side_by_side_and_decided(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, _template_workspace: tuple[Path, str]
) -> None:
    (case_id,) = add_cases(window, "Both Changed")
    window.open_case(case_id)
    back = laptop_round(window, tmp_path, qtbot, _template_workspace[0], case_id)
    window.state.write(lambda s: set_field(s, "case", case_id, "goals", "goals from the office"))
    job = receive(window, back, WORDS)
    assert job is not None
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    assert "1 conflict(s) wait" in window.statusBar().currentMessage()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ConflictsDialog))
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    assert dialog.mine.toPlainText() == "goals from the office"
    assert dialog.theirs.toPlainText() == "goals from the kitchen table"
    assert dialog.theirs_label.text().startswith("laptop (changed ")
    assert dialog.mine_label.text().startswith("This computer (changed ")
    assert dialog.keep_both.isEnabled()
    # Merged meanwhile: the other field, and this computer's goals kept until decided.
    assert goals(window, case_id) == ("goals from the office", "laptop seating")
    banner = window.case_view.transfer_banner
    qtbot.waitUntil(banner.isVisible)
    assert banner.text.text() == "Has conflicts to decide." and banner.decide.isVisible()
    assert window.case_model.index(0, STATUS).data().endswith(" · has conflicts")
    window.search.setText("conflicts")  # the list finds what its Status column says
    assert window.listed_case_ids() == [case_id]
    window.search.clear()
    dialog.take_theirs.click()
    assert goals(window, case_id)[0] == "goals from the kitchen table"
    # The open case shows the value taken, so that typing on starts from it.
    assert window.case_view.current_page() is not None
    plan_goals = next(p for p in window.case_view.pages if hasattr(p, "case_fields")).case_fields[
        "goals"
    ]
    assert plan_goals.toPlainText() == "goals from the kitchen table"
    assert dialog.list.count() == 0 and "Every conflict is decided" in dialog.done_label.text()
    qtbot.waitUntil(lambda: not banner.isVisible())

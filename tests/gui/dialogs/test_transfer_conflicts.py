"""The conflicts dialog: values side by side, and each choice applied to the case."""

from __future__ import annotations

import json

import pytest
from pytestqt.qtbot import QtBot

from interventiondesk.gui.dialogs.transfer_conflicts import ConflictsDialog
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import Case, TransferConflict
from interventiondesk.services.cases import create_case


def case_with_conflict(state: AppState, field: str, mine: object, theirs: object) -> str:
    def make(session: object) -> str:
        case = create_case(session, client_name="Conflicted", kind="planned", model="johnson")  # type: ignore[arg-type]
        setattr(case, field, mine)
        session.add(  # type: ignore[attr-defined]
            TransferConflict(
                case_id=case.id,
                peer_name="Laptop",
                part="case",
                record_id=case.id,
                field=field,
                mine=json.dumps(mine),
                theirs=json.dumps(theirs),
                mine_changed_at="2026-12-01T09:00:00Z",
                theirs_changed_at="2026-12-01T10:00:00Z",
            )
        )
        return case.id

    case_id = state.write(make)
    assert case_id is not None
    return case_id


def test_free_text_can_be_kept_as_both(app_state: AppState, qtbot: QtBot) -> None:
    case_id = case_with_conflict(app_state, "goals", "office", "laptop")
    dialog = ConflictsDialog(app_state, case_id)
    qtbot.addWidget(dialog)
    assert (dialog.mine.toPlainText(), dialog.theirs.toPlainText()) == ("office", "laptop")
    assert dialog.theirs_label.text().startswith("Laptop (changed ")
    assert dialog.keep_both.isEnabled()
    dialog.keep_both.click()
    assert app_state.read(lambda s: s.get_one(Case, case_id).goals) == "office\n\nlaptop"
    assert dialog.list.count() == 0


@pytest.mark.parametrize(("button", "expected"), [("keep_mine", True), ("take_theirs", False)])
def test_a_yes_or_no_field_is_one_side_or_the_other(
    app_state: AppState, qtbot: QtBot, button: str, expected: bool
) -> None:
    case_id = case_with_conflict(app_state, "naloxone_on_hand", True, False)
    dialog = ConflictsDialog(app_state, case_id)
    qtbot.addWidget(dialog)
    assert (dialog.mine.toPlainText(), dialog.theirs.toPlainText()) == ("Yes", "No")
    assert not dialog.keep_both.isEnabled()
    getattr(dialog, button).click()
    assert app_state.read(lambda s: s.get_one(Case, case_id).naloxone_on_hand) is expected
    assert "Every conflict is decided" in dialog.done_label.text()

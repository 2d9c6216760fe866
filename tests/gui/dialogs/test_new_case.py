"""The new case dialog keeps the typing and stays open when something unexpected goes wrong."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import text

from interventiondesk.gui.dialogs.new_case import NewCaseDialog
from interventiondesk.gui.shell.state import AppState
from interventiondesk.services.cases import create_case, list_cases
from interventiondesk.storage.database import Database


def test_an_unexpected_error_is_shown_politely_and_the_typing_kept(
    qtbot: QtBot, db: Database
) -> None:
    with db.session() as s:
        create_case(s, client_name="Robin", kind="planned", model="johnson")
        # A damaged audit trail: reading its last entry fails in a way no service expects.
        s.execute(text("UPDATE audit_events SET at = 'not a time'"))
    dialog = NewCaseDialog(AppState(db))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.ui.clientName, "Nia <b>Owens</b>")
    dialog.open_case()  # before the fix the exception escaped the dialog
    assert dialog.case_id is None
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert "unexpected" in dialog.ui.error.text()
    assert "Nia" not in dialog.ui.error.text()  # no client text in the message
    assert dialog.ui.clientName.text() == "Nia <b>Owens</b>"
    with db.session() as s:
        assert len(list_cases(s)) == 1  # nothing half-written

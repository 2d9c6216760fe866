"""The unlock dialog at start-up slows wrong passphrases down like the command line: the wait is
counted down with the Unlock button disabled, and the failures reach the audit trail."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from interventiondesk.gui.dialogs.unlock import UnlockDialog
from interventiondesk.services import audit
from interventiondesk.services.unlocking import FREE_ATTEMPTS, delay_after
from interventiondesk.storage.unlock_failures import add_failure, read_failures
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE


def test_wrong_passphrases_make_the_next_try_wait_and_are_recorded(
    workspace: Workspace, qtbot: QtBot
) -> None:
    dialog = UnlockDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    for attempt in range(FREE_ATTEMPTS):
        dialog.ui.passphrase.setText(f"not it {attempt}")
        dialog.unlock()
        assert dialog.unlock_button.isEnabled()  # the free tries cost no wait
        assert not dialog.form.wait_note.isVisible()
    dialog.ui.passphrase.setText("not it either")
    dialog.unlock()
    assert read_failures(workspace.folder).count == FREE_ATTEMPTS + 1
    assert dialog.form.wait_note.isVisible() and not dialog.unlock_button.isEnabled()
    assert dialog.form.wait_note.text().endswith("in 1 second.")
    dialog.ui.passphrase.setText(PASSPHRASE)
    dialog.unlock()  # refused while waiting: nothing is tried, nothing counted
    assert dialog.database is None
    assert read_failures(workspace.folder).count == FREE_ATTEMPTS + 1
    qtbot.waitUntil(dialog.unlock_button.isEnabled, timeout=3000)
    dialog.unlock_button.click()
    assert dialog.database is not None
    try:
        with dialog.database.session() as s:
            entries = [(e.action, e.detail) for e in audit.events(s)]
    finally:
        dialog.database.close()
    assert entries[0][0] == "workspace.unlock_failed"
    assert entries[0][1].startswith(f"{FREE_ATTEMPTS + 1} failed attempts between ")
    assert entries[1] == ("workspace.unlocked", "window")
    assert read_failures(workspace.folder).count == 0


def test_a_wait_owed_from_earlier_tries_is_shown_when_the_dialog_opens(
    workspace: Workspace, qtbot: QtBot
) -> None:
    just_now = datetime.now(UTC) - timedelta(seconds=1)
    failures = FREE_ATTEMPTS + 6
    for _ in range(failures):
        add_failure(workspace.folder, just_now)
    owed = round(delay_after(failures)) - 1  # counted from the last failure, a second ago
    assert owed == 31
    dialog = UnlockDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.form.wait_note.isVisible, timeout=2000)
    assert not dialog.unlock_button.isEnabled()
    first = dialog.form.wait_note.text()
    assert first.endswith(f"in {owed} seconds.") or first.endswith(f"in {owed + 1} seconds.")
    qtbot.waitUntil(lambda: dialog.form.wait_note.text() != first, timeout=3000)  # counting down
    assert not dialog.unlock_button.isEnabled()

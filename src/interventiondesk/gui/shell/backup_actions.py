"""The File menu's backup items: back up now, the list of backups (and restore), and the
backup folder."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interventiondesk.gui.shell.window_protocol import CaseWindow


def back_up_now(window: CaseWindow) -> None:
    if window.lock is None or window.workspace is None:
        return
    from interventiondesk.gui.dialogs.backups import BackUpNowDialog

    BackUpNowDialog(window.state, window.workspace, window.window()).exec()


def show_backups(window: CaseWindow) -> None:
    """The backups; after a restore the window reads everything again and says what happened."""
    if window.lock is None or window.workspace is None:
        return
    from interventiondesk.gui.dialogs.backups import BackupsDialog
    from interventiondesk.gui.shell.backup_schedule import remember_backup_folder
    from interventiondesk.services.backups import backup_folder

    dialog = BackupsDialog(window.state, window.workspace, window.window())
    dialog.before_restore = lambda: _close_the_open_case(window)
    dialog.exec()
    remember_backup_folder(window.workspace, backup_folder(window.state.db, window.workspace))
    restored = dialog.restored
    if restored is None:
        return
    window.after_restore()
    upgraded = window.tr(" and upgraded") if restored.upgraded else ""
    kept = restored.safety_copy.name if restored.safety_copy is not None else ""
    window.statusBar().showMessage(
        window.tr("Restored {cases} cases{upgraded}. What it replaced is kept as {name}.").format(
            cases=restored.contents.cases, upgraded=upgraded, name=kept
        ),
        15000,
    )


def _close_the_open_case(window: CaseWindow) -> bool:
    """Before a restore: save and close the open case (it may not exist in the backup); False
    when its edits could not be saved (then it stays open, and nothing is restored)."""
    window.close_case()
    return window.open_case_id is None


def choose_folder(window: CaseWindow) -> None:
    if window.lock is None or window.workspace is None:
        return
    from interventiondesk.gui.dialogs.backups import choose_backup_folder
    from interventiondesk.gui.shell.backup_schedule import remember_backup_folder

    chosen = choose_backup_folder(window.state, window.workspace, window.window())
    if chosen is not None:
        remember_backup_folder(window.workspace, chosen)
        window.statusBar().showMessage(
            window.tr("Backups go to {folder} from now on.").format(folder=chosen), 8000
        )

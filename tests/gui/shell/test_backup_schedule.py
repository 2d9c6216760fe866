"""The running window takes the daily backup in the background, once a day, and remembers
(outside the database) where backups go."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from interventiondesk.gui.shell.backup_schedule import BackupSchedule, remembered_backup_folders
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.services import audit, backups
from interventiondesk.storage.backup import find_backups
from interventiondesk.storage.workspace import Workspace


def test_the_daily_backup_is_taken_in_the_background_once_a_day(
    window: MainWindow, workspace: Workspace, tmp_path: Path, qtbot: QtBot
) -> None:
    chosen = backups.set_backup_folder(window.state.db, workspace, tmp_path / "usb")
    schedule = BackupSchedule(window, workspace, window)
    schedule.start()
    assert schedule.timer.isActive()
    qtbot.waitUntil(lambda: not schedule.running, timeout=10_000)
    (daily,) = find_backups(chosen)
    assert daily.reason == "daily" and daily.key_path.is_file()
    with window.state.db.session() as s:
        last = audit.events(s)[-1]
    assert (last.action, last.detail) == ("workspace.backup", f"daily: {daily.path.name}")
    assert window.statusBar().currentMessage() == "Daily backup taken."
    assert remembered_backup_folders(workspace) == [chosen]

    schedule.look()  # a few hours later: the newest is not a day old, so nothing is taken
    qtbot.waitUntil(lambda: not schedule.running, timeout=10_000)
    assert len(find_backups(chosen)) == 1

"""Backups while the window runs: the daily one just after the unlock, and a look every few
hours after that (a backup when the newest is older than a day), always in the background."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QTimer

from interventiondesk.errors import InterventionDeskError
from interventiondesk.gui.shared.background import Background
from interventiondesk.gui.shell.stored_settings import app_settings
from interventiondesk.logs import log_unexpected

if TYPE_CHECKING:
    from interventiondesk.gui.shell.window_protocol import CaseWindow
    from interventiondesk.services.backups import BackupDone
    from interventiondesk.storage.workspace import Workspace

LOOK_EVERY_MS = 3 * 60 * 60 * 1000
"""How often the running window asks whether the daily backup is due."""


def _settings_key(workspace: Workspace) -> str:
    """One QSettings key per workspace folder, by its hash (the settings name no folder)."""
    digest = hashlib.sha256(str(workspace.folder.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"backups/folder-{digest}"


def remember_backup_folder(workspace: Workspace, folder: Path) -> None:
    """Keep, outside the database, where this workspace's backups go: when the database is
    found damaged, the choice kept inside it cannot be read."""
    app_settings().setValue(_settings_key(workspace), str(folder))


def remembered_backup_folders(workspace: Workspace) -> list[Path]:
    value = app_settings().value(_settings_key(workspace))
    return [Path(value)] if isinstance(value, str) and value else []


class BackupSchedule(QObject):
    """Takes the daily backup in the background now and whenever it falls due later."""

    def __init__(self, window: CaseWindow, workspace: Workspace, parent: QObject) -> None:
        super().__init__(parent)
        self.window = window
        self.workspace = workspace
        self._job: Background | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(LOOK_EVERY_MS)
        self.timer.timeout.connect(self.look)

    def start(self) -> None:
        self.look()
        self.timer.start()

    @property
    def running(self) -> bool:
        return self._job is not None and self._job.running

    def look(self) -> None:
        """A backup now if the newest is older than a day (off the GUI thread)."""
        from interventiondesk.services import backups

        if self.running:
            return
        workspace, db = self.workspace, self.window.state.db

        def work() -> tuple[BackupDone | None, Path]:
            done = backups.backup_if_due(workspace, db, record=True)
            return done, backups.backup_folder(db, workspace)

        self._job = Background(work, self)
        self._job.done.connect(self._done)
        self._job.failed.connect(self._failed)
        self._job.start()

    def _done(self, result: object) -> None:
        done, folder = cast("tuple[BackupDone | None, Path]", result)
        remember_backup_folder(self.workspace, folder)
        if done is None:
            return
        if done.note:
            self.window.show_problem(done.note)
        elif not self.window.locked:
            self.window.statusBar().showMessage(self.window.tr("Daily backup taken."), 5000)

    def _failed(self, exc: object) -> None:
        if isinstance(exc, InterventionDeskError):
            text = self.window.tr("The daily backup was not made: {reason}").format(reason=exc)
        else:
            log_unexpected(exc if isinstance(exc, BaseException) else RuntimeError())
            text = self.window.tr(
                "The daily backup was not made because of an unexpected problem; it is tried "
                "again in a few hours. The details (without client information) are in the log."
            )
        self.window.show_problem(text)

"""Backups in the window: take one now (into the backup folder or a file of your choice), see
them all (dates, sizes, case counts), restore one, and choose where they go."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from interventiondesk.errors import InterventionDeskError
from interventiondesk.gui.shared.background import Background, wait_for
from interventiondesk.gui.shared.date_fields import format_age, format_moment
from interventiondesk.gui.shared.widgets import ask_save_path, clear_problem, show_problem
from interventiondesk.gui.shell.state import AppState

if TYPE_CHECKING:
    from interventiondesk.services.backups import BackupDone, BackupEntry, Restored
    from interventiondesk.storage.workspace import Workspace

REASONS = {
    "daily": "Daily",
    "manual": "Asked for",
    "before-restore": "Before a restore",
    "before-upgrade": "Before an upgrade",
    "damaged": "Damaged, moved aside",
}
"""What each kind of backup is called in the list (a backup's name says why it was taken)."""


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _problem(label: QLabel, exc: BaseException) -> None:
    if isinstance(exc, InterventionDeskError):
        show_problem(label, str(exc))
        return
    from interventiondesk.logs import log_unexpected

    log_unexpected(exc)
    show_problem(
        label,
        label.tr(
            "That could not be done because of an unexpected problem; nothing was changed. "
            "The details (without client information) are in the log."
        ),
    )


def choose_backup_folder(state: AppState, workspace: Workspace, parent: QWidget) -> Path | None:
    """Ask for the folder backups go to from now on (a USB drive, a synced folder); the folder
    chosen, or None when cancelled or refused (said in a message)."""
    from interventiondesk.services import backups

    current = backups.backup_folder(state.db, workspace)
    chosen = QFileDialog.getExistingDirectory(
        parent, parent.tr("Choose the folder for backups"), str(current)
    )
    if not chosen:
        return None
    try:
        return backups.set_backup_folder(state.db, workspace, Path(chosen))
    except InterventionDeskError as exc:
        QMessageBox.warning(parent, parent.tr("Backup folder"), str(exc))
        return None


class BackUpNowDialog(QDialog):
    """A backup now, into the backup folder or to a file; says where it went."""

    def __init__(self, state: AppState, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        from interventiondesk.services import backups

        self.state = state
        self.workspace = workspace
        self.done_backup: BackupDone | None = None
        self._job: Background | None = None
        self.setWindowTitle(self.tr("Back up now"))
        layout = QVBoxLayout(self)
        self.folder = backups.backup_folder(state.db, workspace)
        intro = QLabel(
            self.tr(
                "A backup is a copy of the whole workspace, encrypted like it, with its key file "
                "beside it: it opens with your passphrase of today or the recovery key. "
                "Backups go to {folder}."
            ).format(folder=self.folder),
            self,
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)
        self.result_text = QLabel(self)
        self.result_text.setWordWrap(True)
        self.result_text.setTextFormat(Qt.TextFormat.PlainText)
        self.result_text.setAccessibleName(self.tr("Backup result"))
        layout.addWidget(self.result_text)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("Problem"))
        clear_problem(self.error)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(self)
        self.to_folder = self.buttons.addButton(
            self.tr("&Back up"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.to_file = self.buttons.addButton(
            self.tr("Back up to a &file…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.to_folder.clicked.connect(lambda: self.back_up(None))
        self.to_file.clicked.connect(self.ask_file)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def ask_file(self) -> None:
        from interventiondesk.storage.backup import key_path_for

        suggested = Path.home() / f"interventiondesk-{datetime.now().strftime('%Y-%m-%d')}.db"
        path = ask_save_path(
            self, self.tr("Back up to a file"), suggested, self.tr("Backups (*.db)"), ".db"
        )
        if path is None:
            return
        inside = self.workspace.folder.resolve()
        if path.resolve() == inside or inside in path.resolve().parents:
            show_problem(
                self.error,
                self.tr(
                    "That place is inside the workspace folder; choose another folder (a USB "
                    "drive, for example). Nothing was written."
                ),
            )
            return
        key_file = key_path_for(path)
        if key_file.exists():
            answer = QMessageBox.question(
                self,
                self.tr("Back up to a file"),
                self.tr("{name} already exists beside it. Replace it?").format(name=key_file.name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.back_up(path)

    def back_up(self, to_file: Path | None) -> None:
        from interventiondesk.services import backups

        if self._job is not None and self._job.running:
            return
        clear_problem(self.error)
        self.result_text.setText(self.tr("Backing up…"))
        for button in (self.to_folder, self.to_file, self.close_button):
            button.setEnabled(False)
        workspace, db = self.workspace, self.state.db
        self._job = Background(
            lambda: backups.make_backup(workspace, db, "manual", to_file=to_file), self
        )
        self._job.done.connect(self._done)
        self._job.failed.connect(self._failed)
        self._job.start()

    def _finished(self) -> None:
        for button in (self.to_folder, self.to_file, self.close_button):
            button.setEnabled(True)

    def _done(self, done: object) -> None:
        from interventiondesk.storage.backup import key_path_for

        self._finished()
        assert not isinstance(done, BaseException)
        self.done_backup = done  # type: ignore[assignment]
        path = self.done_backup.path  # type: ignore[union-attr]
        text = self.tr("Backup written: {path}. Its key file is beside it: {key}.").format(
            path=path, key=key_path_for(path).name
        )
        note = self.done_backup.note  # type: ignore[union-attr]
        self.result_text.setText(f"{text} {note}" if note else text)
        self.close_button.setFocus()

    def _failed(self, exc: object) -> None:
        self._finished()
        self.result_text.clear()
        _problem(self.error, exc if isinstance(exc, BaseException) else RuntimeError())

    def reject(self) -> None:
        if self._job is not None and self._job.running:
            return  # the backup finishes in a moment
        super().reject()


class BackupsDialog(QDialog):
    """The backups, newest first, each read whole (a damaged one says so); restore one."""

    def __init__(self, state: AppState, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.workspace = workspace
        self.entries: list[BackupEntry] = []
        self.restored: Restored | None = None
        self.before_restore: Callable[[], bool] = _nothing_to_save
        """Called before a restore (the window saves and closes the open case); False stops."""
        self._job: Background | None = None
        self.setWindowTitle(self.tr("Backups"))
        layout = QVBoxLayout(self)
        self.folder_text = QLabel(self)
        self.folder_text.setWordWrap(True)
        self.folder_text.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.folder_text)
        self.table = QTreeWidget(self)
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.setHeaderLabels(
            [
                self.tr("Taken"),
                self.tr("Age"),
                self.tr("Kind"),
                self.tr("Size"),
                self.tr("Cases"),
                self.tr("State"),
            ]
        )
        self.table.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.header().setStretchLastSection(True)
        self.table.currentItemChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.table, 1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("What happened"))
        layout.addWidget(self.status)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("Problem"))
        clear_problem(self.error)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        self.restore_button = QPushButton(self.tr("&Restore…"), self)
        self.restore_button.setAccessibleName(self.tr("Restore the chosen backup"))
        self.restore_button.clicked.connect(self.restore_chosen)
        self.restore_file_button = QPushButton(self.tr("Restore from a &file…"), self)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.folder_button = QPushButton(self.tr("Choose &folder…"), self)
        self.folder_button.setAccessibleName(self.tr("Choose the backup folder"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.close_button = QPushButton(self.tr("&Close"), self)
        self.close_button.clicked.connect(self.reject)
        for button in (self.restore_button, self.restore_file_button, self.folder_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.resize(760, 420)
        self.load()

    # Listing ---------------------------------------------------------------------------

    def load(self) -> None:
        """Read every backup whole, off the GUI thread, then list them."""
        from interventiondesk.services import backups

        workspace, db = self.workspace, self.state.db
        folder = backups.backup_folder(db, workspace)
        self.folder_text.setText(self.tr("Backups go to {folder}.").format(folder=folder))
        self.status.setText(self.tr("Reading the backups…"))
        self.table.clear()
        self.entries = []
        self._update_buttons()
        self._job = Background(lambda: backups.list_backups(workspace, db, db.data_key), self)
        self._job.done.connect(self._listed)
        self._job.failed.connect(self._not_listed)
        self._job.start()

    @property
    def loading(self) -> bool:
        return self._job is not None and self._job.running

    def _listed(self, entries: object) -> None:
        self.entries = list(entries)  # type: ignore[call-overload]
        now = datetime.now(UTC)
        for entry in self.entries:
            backup = entry.file
            if entry.problem:
                state = entry.problem
            elif not entry.has_key_file:
                state = self.tr("Sound; no key file beside it")
            else:
                state = self.tr("Sound")
            item = QTreeWidgetItem(
                [
                    format_moment(backup.taken_at),
                    format_age(now - backup.taken_at),
                    self.tr(REASONS.get(backup.reason, backup.reason)),
                    size_text(backup.size),
                    "" if entry.cases is None else str(entry.cases),
                    state,
                ]
            )
            for column in (3, 4):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
            self.table.addTopLevelItem(item)
        first = self.table.topLevelItem(0)
        if first is not None:
            self.table.setCurrentItem(first)
            count = len(self.entries)
            self.status.setText(
                self.tr("1 backup.")
                if count == 1
                else self.tr("{count} backups, newest first.").format(count=count)
            )
        else:
            self.status.setText(self.tr("No backups yet."))
        self._update_buttons()

    def _not_listed(self, exc: object) -> None:
        self.status.clear()
        _problem(self.error, exc if isinstance(exc, BaseException) else RuntimeError())

    def chosen(self) -> BackupEntry | None:
        item = self.table.currentItem()
        index = -1 if item is None else self.table.indexOfTopLevelItem(item)
        return self.entries[index] if 0 <= index < len(self.entries) else None

    def _update_buttons(self) -> None:
        entry = self.chosen()
        self.restore_button.setEnabled(not self.loading and entry is not None and not entry.problem)

    def choose_folder(self) -> None:
        if choose_backup_folder(self.state, self.workspace, self) is not None:
            self.load()

    # Restoring ---------------------------------------------------------------------------

    def restore_chosen(self) -> None:
        entry = self.chosen()
        if entry is None or entry.problem or entry.cases is None:
            return
        self.restore(entry.file.path, entry.file.taken_at, entry.cases)

    def restore_from_file(self) -> None:
        from interventiondesk.services import backups

        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Restore from a file"), str(Path.home()), self.tr("Backups (*.db)")
        )
        if not chosen:
            return
        path = Path(chosen)
        clear_problem(self.error)
        db, workspace = self.state.db, self.workspace
        try:
            contents = wait_for(
                lambda: backups.check_backup(workspace, path, db.data_key),
                self,
                self.tr("Reading the backup…"),
            )
        except Exception as exc:
            _problem(self.error, exc)
            return
        taken = _taken_at(path)
        self.restore(path, taken, contents.cases)

    def restore(self, path: Path, taken: datetime, cases: int) -> None:
        """Ask, naming the date and age; then restore (what it replaces is backed up first).
        A file that is not a sound backup is refused in words and nothing is changed."""
        from interventiondesk.services import backups

        clear_problem(self.error)
        age = format_age(datetime.now(UTC) - taken)
        question = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Restore a backup"),
            self.tr(
                "Restore the backup taken on {when}, {age} ago, holding {cases} cases? "
                "Everything in the workspace is replaced by it, and what was saved since is no "
                "longer shown. What it replaces is backed up first, so this can be undone by "
                "restoring that backup."
            ).format(when=format_moment(taken), age=age, cases=cases),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        question.button(QMessageBox.StandardButton.Yes).setText(self.tr("&Restore"))
        question.button(QMessageBox.StandardButton.No).setText(self.tr("&Keep things as they are"))
        question.setDefaultButton(QMessageBox.StandardButton.No)
        if question.exec() != QMessageBox.StandardButton.Yes:
            return
        if not self.before_restore():
            show_problem(
                self.error,
                self.tr(
                    "Some changes in the open case could not be saved, so nothing was "
                    "restored. Correct them first."
                ),
            )
            return
        db, workspace = self.state.db, self.workspace
        try:
            self.restored = wait_for(
                lambda: backups.restore_into(workspace, db, path, db.data_key),
                self,
                self.tr("Restoring the backup…"),
            )
        except Exception as exc:
            _problem(self.error, exc)
            return
        self.accept()


def _nothing_to_save() -> bool:
    return True


def _taken_at(path: Path) -> datetime:
    """When a backup was taken: from its name if this program named it, else the file's time."""
    from interventiondesk.storage.backup import find_backups

    for backup in find_backups(path.parent):
        if backup.path.name == path.name:
            return backup.taken_at
    return datetime.fromtimestamp(os.stat(path).st_mtime, UTC)

"""Backups and restore as use cases: when to take one, where it goes, what a folder holds, and
a restore that first backs up what it replaces (for the command line and the window)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from interventiondesk.errors import DamagedWorkspace, InterventionDeskError
from interventiondesk.services import audit, settings
from interventiondesk.storage import migrate
from interventiondesk.storage.backup import (
    BackupFile,
    backup_database,
    find_backups,
    key_path_for,
    newest_backup_age,
    rotate,
    timestamped_backup,
)
from interventiondesk.storage.database import Database
from interventiondesk.storage.files import make_private_dir, write_private_atomically
from interventiondesk.storage.keys import KeyFile
from interventiondesk.storage.restore import (
    BackupContents,
    RefusedBackup,
    copy_backup_into,
    create_database_from,
    inspect_backup,
)
from interventiondesk.storage.workspace import Workspace

BACKUP_FOLDER = "backup_folder"
"""The setting naming the folder automatic and manual backups go to (empty: backups/)."""
BACKUP_EVERY = timedelta(days=1)
DAMAGED_REASON = "damaged"
"""A damaged database moved aside by a restore is named like a backup with this reason."""


def backup_folder(db: Database, workspace: Workspace) -> Path:
    """Where backups go: the folder the counselor chose, else the workspace's backups/."""
    with db.session() as session:
        chosen = settings.get(session, BACKUP_FOLDER)
    return Path(chosen).expanduser() if chosen else workspace.backup_folder


def set_backup_folder(db: Database, workspace: Workspace, folder: Path | None) -> Path:
    """Choose the backup folder (None: back to the workspace's own backups/). The folder is
    created if needed; a place inside the workspace other than backups/ is refused."""
    if folder is None:
        with db.session(write=True) as session:
            settings.put(session, BACKUP_FOLDER, "")
        return workspace.backup_folder
    target = folder.expanduser().resolve()
    inside = workspace.folder.resolve()
    own = workspace.backup_folder.resolve()
    if (target == inside or inside in target.parents) and target != own:
        raise InterventionDeskError(
            "That folder is inside the workspace folder; choose a place outside it (another "
            "drive or a synced folder), or the workspace's own backups folder."
        )
    try:
        make_private_dir(target)
    except OSError as exc:
        raise InterventionDeskError(
            "That backup folder cannot be created or written to; nothing was changed."
        ) from exc
    with db.session(write=True) as session:
        settings.put(session, BACKUP_FOLDER, str(target))
        audit.record(session, "workspace.backup_folder_set")
    return target


@dataclass(frozen=True)
class BackupDone:
    path: Path
    note: str = ""
    """Said to the counselor when the backup could not go where it should have."""


def make_backup(
    workspace: Workspace,
    db: Database,
    reason: str,
    *,
    to_file: Path | None = None,
    prune: bool = True,
    record: bool = True,
) -> BackupDone:
    """A backup now, with the key file beside it, recorded in the audit trail; the folder is
    then rotated (unless ``prune`` is False). ``to_file``: a file the counselor named (never
    rotated). ``record=False`` for the automatic backups that another entry names."""
    key_bytes = workspace.key_file_bytes()
    note = ""
    if to_file is not None:
        path = backup_database(db, to_file, key_file=key_bytes)
    else:
        folder = backup_folder(db, workspace)
        try:
            path = timestamped_backup(db, folder, reason, key_file=key_bytes)
        except InterventionDeskError:
            if folder == workspace.backup_folder:
                raise
            # The chosen folder is away (a USB drive not plugged in): a backup anyway.
            path = timestamped_backup(db, workspace.backup_folder, reason, key_file=key_bytes)
            note = (
                "The backup folder could not be written to (is the drive connected?), so the "
                "backup was written to the workspace's own backups folder."
            )
        if prune:
            rotate(path.parent)
    if record:
        where = "a file the counselor chose" if to_file is not None else path.name
        with db.session(write=True) as session:
            audit.record(session, "workspace.backup", detail=f"{reason}: {where}")
    return BackupDone(path, note)


def backup_if_due(
    workspace: Workspace, db: Database, now: datetime | None = None, *, record: bool = False
) -> BackupDone | None:
    """At unlock: a backup when the newest one is older than a day (or there is none). On the
    command line it has no audit entry of its own (the unlock's entry names it); the window,
    which takes it in the background after the unlock and again every few hours while it
    runs, asks for one (``record``)."""
    folders = [backup_folder(db, workspace), workspace.backup_folder]
    age = newest_backup_age(folders, now)
    if age is not None and age < BACKUP_EVERY:
        return None
    return make_backup(workspace, db, "daily", record=record)


@dataclass(frozen=True)
class BackupEntry:
    """One backup as the list shows it."""

    file: BackupFile
    has_key_file: bool
    cases: int | None
    problem: str = ""


def list_backups(workspace: Workspace, db: Database, data_key: bytes) -> list[BackupEntry]:
    """The backups in the backup folder and in backups/, newest first, each read whole."""
    folders = [backup_folder(db, workspace)]
    if workspace.backup_folder.resolve() != folders[0].resolve():
        folders.append(workspace.backup_folder)
    found = [b for folder in folders for b in find_backups(folder)]
    found.sort(key=lambda b: (b.taken_at, b.sequence, b.path.name), reverse=True)
    entries: list[BackupEntry] = []
    for backup in found:
        try:
            contents = inspect_backup(backup.path, data_key)
            cases: int | None = contents.cases
            problem = ""
        except InterventionDeskError as exc:
            cases, problem = None, str(exc).split(" It was not restored")[0]
        entries.append(BackupEntry(backup, backup.key_path.is_file(), cases, problem))
    return entries


def newest_sound_backup(
    workspace: Workspace, data_key: bytes, folders: list[Path] | None = None
) -> tuple[BackupFile, BackupContents] | None:
    """The newest backup that reads whole under ``data_key``, for a workspace whose own
    database is damaged (so the backup folder chosen inside it cannot be read): looked for in
    ``folders`` (the folder the window last knew) and in backups/. Reads nothing else."""
    places = [*(folders or []), workspace.backup_folder]
    seen: set[Path] = set()
    found: list[BackupFile] = []
    for folder in places:
        try:
            resolved = folder.resolve()
        except OSError:
            continue
        if resolved in seen:
            continue
        seen.add(resolved)
        found += [b for b in find_backups(folder) if b.reason != DAMAGED_REASON]
    found.sort(key=lambda b: (b.taken_at, b.sequence, b.path.name), reverse=True)
    for backup in found:
        try:
            return backup, inspect_backup(backup.path, data_key)
        except InterventionDeskError:
            continue
    return None


# Restore --------------------------------------------------------------------------------------


def _foreign(backup: Path, workspace: Workspace) -> bool:
    """Whether the key file beside ``backup`` belongs to another workspace (its recovery wrap,
    which no passphrase change alters, differs from this workspace's)."""
    beside = key_path_for(backup)
    if not beside.is_file() or not workspace.exists():
        return False
    try:
        theirs = KeyFile.read(beside)[0]
        ours = KeyFile.read(workspace.key_path)[0]
    except (InterventionDeskError, OSError):
        return False
    return theirs.recovery != ours.recovery or theirs.demo_key != ours.demo_key


def check_backup(workspace: Workspace, backup: Path, data_key: bytes) -> BackupContents:
    """Read the backup whole under the workspace's key; refused in words (nothing written)."""
    try:
        return inspect_backup(backup, data_key)
    except RefusedBackup:
        if _foreign(backup, workspace):
            raise RefusedBackup(
                "That backup belongs to another workspace (its key file is not this "
                "workspace's). It was not restored; the workspace was not changed."
            ) from None
        raise


def backup_key_file(backup: Path) -> KeyFile:
    """The key file kept beside a backup, for restoring where no workspace is."""
    beside = key_path_for(backup)
    if not os.path.lexists(beside):
        raise RefusedBackup(
            f"There is no workspace here, and the backup's key file ({beside.name}) is not "
            "beside it, so it cannot be unlocked. Put the key file beside the backup; nothing "
            "was changed."
        )
    try:
        return KeyFile.read(beside)[0]
    except DamagedWorkspace as exc:
        raise RefusedBackup(
            f"The backup's key file ({beside.name}) is damaged; nothing was changed."
        ) from exc


@dataclass(frozen=True)
class Restored:
    contents: BackupContents
    safety_copy: Path | None
    """The backup of what the restore replaced (None when there was no workspace)."""
    upgraded: bool


def restore_into(workspace: Workspace, db: Database, backup: Path, data_key: bytes) -> Restored:
    """Replace the open workspace's content by ``backup``: checked first, then the current
    content is backed up, then copied over in one transaction, then upgraded if older."""
    contents = check_backup(workspace, backup, data_key)
    # Rotation waits until the copy is made: it could remove the very backup being restored.
    # No entry of its own: it would land in the content being replaced. The restore's names it.
    safety = make_backup(workspace, db, "before-restore", prune=False, record=False).path
    copy_backup_into(backup, data_key, db)
    upgraded = _upgrade_and_record(db, contents, safety)
    rotate(safety.parent)
    return Restored(contents, safety, upgraded)


def restore_where_none(
    workspace: Workspace, backup: Path, data_key: bytes, key_bytes: bytes
) -> tuple[Database, Restored]:
    """Make a workspace from ``backup`` and its key file in a folder with no workspace, or in
    place of a damaged database (which is first moved aside into backups/, never deleted)."""
    contents = inspect_backup(backup, data_key)
    make_private_dir(workspace.folder)
    make_private_dir(workspace.backup_folder)
    moved: Path | None = None
    if os.path.lexists(workspace.database_path):
        moved = _move_damaged_aside(workspace)
    create_database_from(backup, data_key, workspace.database_path)
    if not workspace.key_path.is_file():
        write_private_atomically(workspace.key_path, key_bytes, workspace_file=True)
        write_private_atomically(workspace.key_copy_path, key_bytes, workspace_file=True)
    db = workspace.open_with_data_key(data_key)
    upgraded = _upgrade_and_record(db, contents, moved)
    return db, Restored(contents, moved, upgraded)


def _move_damaged_aside(workspace: Workspace) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = workspace.backup_folder / f"{stamp}-{DAMAGED_REASON}.db"
    for suffix in ("", "-wal", "-shm"):
        source = Path(str(workspace.database_path) + suffix)
        if os.path.lexists(source):
            os.replace(source, Path(str(target) + suffix))
    return target


def _upgrade_and_record(db: Database, contents: BackupContents, replaced: Path | None) -> bool:
    """Upgrade a restored older schema, and record the restore in the restored trail (which
    is the backup's own trail: the entries since the backup live on in the copy of what was
    replaced, which the entry names)."""
    needed, _ = migrate.needs_upgrade(db)
    if needed:
        migrate.upgrade(db)
    upgraded = contents.revision != migrate.HEAD_REVISION
    with db.session(write=True) as session:
        audit.record(
            session,
            "workspace.restored",
            detail=f"from a backup of schema {contents.revision} with {contents.cases} cases"
            + ("; upgraded" if upgraded else "")
            + (f"; what it replaced is kept as {replaced.name}" if replaced else ""),
        )
    return upgraded

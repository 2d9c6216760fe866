"""A workspace: one private folder holding the encrypted database, its key file and backups."""

from __future__ import annotations

import os
from pathlib import Path

from filelock import FileLock, Timeout

from interventiondesk import APP_NAME
from interventiondesk.errors import (
    DamagedWorkspace,
    InterventionDeskError,
    WorkspaceExists,
    WorkspaceLocked,
    WorkspaceMissing,
)
from interventiondesk.storage import migrate
from interventiondesk.storage.backup import timestamped_backup
from interventiondesk.storage.database import Database
from interventiondesk.storage.files import (
    disk_error,
    make_private_dir,
    protect_folder,
    tighten_permissions,
)
from interventiondesk.storage.keys import (
    KdfParams,
    KeyFile,
    check_passphrase_strength,
    new_data_key,
    new_recovery_key,
)

DATA_DIR_ENV = "INTERVENTIONDESK_DATA_DIR"
PASSPHRASE_ENV = "INTERVENTIONDESK_PASSPHRASE"
DATABASE_FILE = "workspace.db"
KEY_FILE = "keys.json"
BACKUP_DIR = "backups"
LOCK_FILE = "workspace.lock"
KEY_BACKUP_FILE = "keys-copy.json"
"""A copy of the current key file: keys.json is the only way in, so it is kept twice."""


def default_folder(*, demo: bool = False) -> Path:
    """The real workspace lives in the user data folder; the demo one beside it, never inside."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / ("demo" if demo else "workspace")


def resolve_folder(data_dir: str | os.PathLike[str] | None, *, demo: bool = False) -> Path:
    """``--data-dir`` wins, then ``INTERVENTIONDESK_DATA_DIR``, then the platform default."""
    if data_dir is not None:
        if not str(data_dir).strip():
            raise InterventionDeskError("The data folder is empty; name a folder.")
        return _expand(data_dir)
    env = os.environ.get(DATA_DIR_ENV)
    if not env:
        return default_folder(demo=demo)
    folder = _expand(env)
    # The demo workspace sits beside the real one, never inside it.
    return folder.with_name(folder.name + "-demo") if demo else folder


def _expand(path: str | os.PathLike[str]) -> Path:
    try:
        return Path(path).expanduser()
    except RuntimeError as exc:  # "~nosuchuser/x"
        raise InterventionDeskError(
            "That folder names a user this computer does not know."
        ) from exc


class Workspace:
    """The folder of one workspace. Opening it returns an unlocked ``Database``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock: FileLock | None = None

    @property
    def database_path(self) -> Path:
        return self.folder / DATABASE_FILE

    @property
    def key_path(self) -> Path:
        return self.folder / KEY_FILE

    @property
    def backup_folder(self) -> Path:
        return self.folder / BACKUP_DIR

    @property
    def key_copy_path(self) -> Path:
        return self.backup_folder / KEY_BACKUP_FILE

    def own_files(self) -> list[Path]:
        """The files and folders InterventionDesk made here (and may make private)."""
        db = str(self.database_path)
        files = [self.folder, self.key_path, self.backup_folder, self.folder / LOCK_FILE]
        files += [Path(db), Path(db + "-wal"), Path(db + "-shm"), self.key_copy_path]
        if self.backup_folder.is_dir() and not self.backup_folder.is_symlink():
            files += [p for p in self.backup_folder.glob("*.db") if not p.is_symlink()]
        return files

    def _save_keys(self, key_file: KeyFile) -> None:
        key_file.save(self.key_path)
        make_private_dir(self.backup_folder)
        key_file.save(self.key_copy_path)

    def exists(self) -> bool:
        return self.key_path.exists()

    def is_demo(self) -> bool:
        return self.exists() and KeyFile.load(self.key_path).is_demo

    # Creating ---------------------------------------------------------------------------

    def create(
        self, passphrase: str, *, kdf: KdfParams | None = None, check_strength: bool = True
    ) -> tuple[Database, str]:
        """Create a new encrypted workspace. Returns it open, and the recovery key to print."""
        if check_strength:
            check_passphrase_strength(passphrase)
        data_key = new_data_key()
        recovery_key = new_recovery_key()
        key_file = KeyFile.for_new_workspace(data_key, passphrase, recovery_key, kdf or KdfParams())
        return self._create(data_key, key_file), recovery_key

    def create_demo(self) -> Database:
        data_key = new_data_key()
        return self._create(data_key, KeyFile.for_demo(data_key))

    def _create(self, data_key: bytes, key_file: KeyFile) -> Database:
        if self.exists():
            raise WorkspaceExists()
        if self.folder.exists() and not self.folder.is_dir():
            raise InterventionDeskError("That place is a file, not a folder. Choose a folder.")
        ours = {LOCK_FILE, BACKUP_DIR}
        foreign = self.folder.is_dir() and any(p.name not in ours for p in self.folder.iterdir())
        if foreign and not self.database_path.exists():
            raise InterventionDeskError(
                "That folder already holds other files. Choose an empty or new folder for "
                "the workspace; nothing was changed."
            )
        if self.database_path.exists():
            raise DamagedWorkspace(
                "This folder holds a workspace database without its key file. Put the key "
                "file back (from a backup), or choose an empty folder; nothing was changed."
            )
        try:
            make_private_dir(self.folder)
            make_private_dir(self.backup_folder)
        except OSError as exc:
            raise disk_error(exc) from exc
        db = Database(self.database_path, data_key)
        try:
            migrate.upgrade(db)
            # The key file is written last: until it exists, the workspace does not exist.
            self._save_keys(key_file)
        except BaseException:
            db.close()
            for suffix in ("", "-wal", "-shm"):
                Path(str(self.database_path) + suffix).unlink(missing_ok=True)
            raise
        tighten_permissions(self.own_files())
        protect_folder(self.folder)
        return db

    # Opening ----------------------------------------------------------------------------

    def _key_file(self) -> KeyFile:
        if not self.exists():
            if self.database_path.exists():
                raise DamagedWorkspace(
                    "The workspace's key file is missing, so the database cannot be unlocked. "
                    "Restore keys.json from a backup."
                )
            raise WorkspaceMissing()
        try:
            return KeyFile.load(self.key_path)
        except DamagedWorkspace:
            if not self.key_copy_path.exists():
                raise
            # keys.json was damaged or replaced: the copy beside the backups still opens it.
            key_file = KeyFile.load(self.key_copy_path)
            key_file.save(self.key_path)
            return key_file

    def unlock(self, passphrase: str) -> Database:
        return self._open(self._key_file().unlock_with_passphrase(passphrase))

    def unlock_with_recovery_key(self, recovery_key: str) -> Database:
        return self._open(self._key_file().unlock_with_recovery_key(recovery_key))

    def open_demo(self) -> Database:
        key_file = self._key_file()
        if not key_file.is_demo:
            raise InterventionDeskError("This is not a demo workspace; it needs its passphrase.")
        return self._open(bytes.fromhex(key_file.demo_key))

    def _open(self, data_key: bytes) -> Database:
        if not self.database_path.exists():
            raise DamagedWorkspace(
                "The workspace database file is missing. Restore it from a backup."
            )
        db = Database(self.database_path, data_key)
        try:
            needed, has_data = migrate.needs_upgrade(db)
            if needed:
                if has_data:
                    timestamped_backup(db, self.backup_folder, "before-upgrade")
                migrate.upgrade(db)
            tighten_permissions(self.own_files())
        except BaseException:
            db.close()
            raise
        protect_folder(self.folder)
        return db

    # Keys ---------------------------------------------------------------------------------

    def change_passphrase(
        self, current: str, new: str, *, kdf: KdfParams | None = None, check_strength: bool = True
    ) -> None:
        """Rewrap the data key under a new passphrase; the database file is not touched."""
        key_file = self._key_file()
        if key_file.is_demo:
            raise InterventionDeskError(
                "The demo workspace has no passphrase; it holds only fictional cases."
            )
        data_key = key_file.unlock_with_passphrase(current)
        if new == current:
            raise InterventionDeskError("The new passphrase is the same as the current one.")
        if check_strength:
            check_passphrase_strength(new)
        key_file.rewrap_passphrase(data_key, new, kdf or KdfParams())
        self._save_keys(key_file)

    def reset_passphrase(
        self, recovery_key: str, new: str, *, kdf: KdfParams | None = None
    ) -> None:
        """A forgotten passphrase is not lost data: the recovery key sets a new one."""
        key_file = self._key_file()
        if key_file.is_demo:
            raise InterventionDeskError(
                "The demo workspace has no passphrase; it holds only fictional cases."
            )
        data_key = key_file.unlock_with_recovery_key(recovery_key)
        check_passphrase_strength(new)
        key_file.rewrap_passphrase(data_key, new, kdf or KdfParams())
        self._save_keys(key_file)

    # One window per workspace ------------------------------------------------------------

    def acquire_lock(self) -> None:
        """Claim the workspace for this process; a second window is refused in words."""
        make_private_dir(self.folder)
        lock = FileLock(str(self.folder / LOCK_FILE), timeout=0)
        try:
            lock.acquire()
        except Timeout as exc:
            raise WorkspaceLocked() from exc
        self._lock = lock

    def release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

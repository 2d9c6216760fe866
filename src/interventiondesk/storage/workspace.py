"""A workspace: one private folder holding the encrypted database, its key file and backups."""

from __future__ import annotations

import enum
import os
import stat
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy.exc import DatabaseError

from interventiondesk import APP_NAME
from interventiondesk.errors import (
    DamagedWorkspace,
    InterventionDeskError,
    ReadOnlyWorkspace,
    WorkspaceExists,
    WorkspaceLocked,
    WorkspaceMissing,
)
from interventiondesk.storage import migrate
from interventiondesk.storage.backup import KEY_SUFFIX, rotate, timestamped_backup
from interventiondesk.storage.database import Database, open_error
from interventiondesk.storage.files import (
    disk_error,
    make_private_dir,
    protect_folder,
    read_small_regular_file,
    remove_stale_temporary_files,
    tighten_permissions,
    write_private_atomically,
)
from interventiondesk.storage.keys import (
    MAX_KEY_FILE_BYTES,
    KdfParams,
    KeyFile,
    check_passphrase_strength,
    new_data_key,
    new_recovery_key,
    passphrase_bytes,
)
from interventiondesk.storage.unlock_failures import FAILURES_FILE

DATA_DIR_ENV = "INTERVENTIONDESK_DATA_DIR"
PASSPHRASE_ENV = "INTERVENTIONDESK_PASSPHRASE"
DATABASE_FILE = "workspace.db"
KEY_FILE = "keys.json"
BACKUP_DIR = "backups"
LOCK_FILE = "workspace.lock"
KEY_BACKUP_FILE = "keys-copy.json"

SMALLEST_DATABASE_BYTES = 4096
"""One page of SQLCipher 4 (its default page size). SQLite takes a shorter file for a new,
empty database, and would write a schema into it: beside a key file, it is a cut-short one."""
"""A copy of the current key file: keys.json is the only way in, so it is kept twice."""


class KeyRepair(enum.Enum):
    """What happened to a missing or damaged ``keys.json`` when its copy opened the workspace."""

    RESTORED = "restored"
    """keys.json was rewritten from backups/keys-copy.json."""
    NOT_RESTORED = "not-restored"
    """The copy opened the workspace, but keys.json could not be rewritten."""


KEY_REPAIR_NOTES = {
    KeyRepair.RESTORED: "keys.json was missing or damaged, so the workspace was unlocked with "
    "its copy (backups/keys-copy.json), and keys.json was restored from it.",
    KeyRepair.NOT_RESTORED: "keys.json is missing or damaged, so the workspace was unlocked "
    "with its copy (backups/keys-copy.json); keys.json could not be restored from it.",
}
"""The notes the command line prints (the window words its own, translatably)."""


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
        self.key_repair: KeyRepair | None = None
        """Set when keys.json was missing or damaged and its copy was used (say so)."""

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
        files.append(self.folder / FAILURES_FILE)
        files += [Path(db), Path(db + "-wal"), Path(db + "-shm"), self.key_copy_path]
        if self.backup_folder.is_dir() and not self.backup_folder.is_symlink():
            for pattern in ("*.db", f"*{KEY_SUFFIX}"):
                files += [p for p in self.backup_folder.glob(pattern) if not p.is_symlink()]
        return files

    def _save_keys(self, key_file: KeyFile) -> None:
        key_file.save(self.key_path)
        make_private_dir(self.backup_folder)
        key_file.save(self.key_copy_path)

    def exists(self) -> bool:
        """Whether this folder holds a workspace or what is left of one: its key file, the
        key file's copy or its database. A new workspace is never created over any of them."""
        return any(
            os.path.lexists(path)
            for path in (self.key_path, self.key_copy_path, self.database_path)
        )

    def is_demo(self) -> bool:
        return self.exists() and self._load_keys()[0].is_demo

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

    def check_can_create(self) -> None:
        """Refuse in words to create a workspace where one is, or where other files are."""
        if os.path.lexists(self.key_path) or os.path.lexists(self.key_copy_path):
            raise WorkspaceExists()
        if os.path.lexists(self.database_path):
            raise DamagedWorkspace(
                "This folder holds a workspace database without its key file, so a new "
                "workspace is not created over it. Put keys.json back (from a backup), or "
                "choose an empty folder; nothing was changed."
            )
        if self.folder.exists() and not self.folder.is_dir():
            raise InterventionDeskError("That place is a file, not a folder. Choose a folder.")
        ours = {LOCK_FILE, BACKUP_DIR, FAILURES_FILE}
        if self.folder.is_dir() and any(p.name not in ours for p in self.folder.iterdir()):
            raise InterventionDeskError(
                "That folder already holds other files. Choose an empty or new folder for "
                "the workspace; nothing was changed."
            )

    def _create(self, data_key: bytes, key_file: KeyFile) -> Database:
        self.check_can_create()
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

    def _load_keys(self) -> tuple[KeyFile, bytes | None]:
        """The key file, and its bytes when it had to come from the copy. Writes nothing.

        ``keys.json`` is the way in; when it is missing or damaged, ``backups/keys-copy.json``
        takes its place (and is written back once the workspace has opened).
        """
        damage: DamagedWorkspace | None = None
        if os.path.lexists(self.key_path):
            try:
                return KeyFile.read(self.key_path)[0], None
            except DamagedWorkspace as exc:
                damage = exc
        if os.path.lexists(self.key_copy_path):
            try:
                return KeyFile.read(self.key_copy_path)
            except DamagedWorkspace as exc:
                if damage is None:
                    raise DamagedWorkspace(
                        "The workspace's key file is missing and its copy in the backups folder "
                        "is damaged, so the database cannot be unlocked. Restore keys.json from "
                        "a backup; nothing was changed."
                    ) from exc
                raise DamagedWorkspace(
                    "The workspace's key file and its copy in the backups folder are both "
                    "damaged, so the database cannot be unlocked. Restore keys.json from a "
                    "backup; nothing was changed."
                ) from exc
        if damage is not None:
            raise damage
        if os.path.lexists(self.database_path):
            raise DamagedWorkspace(
                "The workspace's key file is missing, so the database cannot be unlocked. "
                "Restore keys.json from a backup; nothing was changed."
            )
        raise WorkspaceMissing()

    def unlock(self, passphrase: str) -> Database:
        passphrase_bytes(passphrase)
        key_file, from_copy = self._load_keys()
        return self._open(key_file.unlock_with_passphrase(passphrase), key_file, from_copy)

    def data_key(self, secret: str, *, recovery: bool = False) -> bytes:
        """The data key from the passphrase (or the recovery key), without opening anything."""
        key_file, _ = self._load_keys()
        if key_file.is_demo:
            return bytes.fromhex(key_file.demo_key)
        if recovery:
            return key_file.unlock_with_recovery_key(secret)
        return key_file.unlock_with_passphrase(secret)

    def open_with_data_key(self, data_key: bytes) -> Database:
        """Open with a data key already unwrapped from this workspace's key file."""
        key_file, from_copy = self._load_keys()
        return self._open(data_key, key_file, from_copy)

    def key_file_bytes(self) -> bytes:
        """The bytes of the key file in use (keys.json, or its copy when keys.json is
        missing or damaged): what a backup keeps beside it."""
        key_file, from_copy = self._load_keys()
        return from_copy if from_copy is not None else key_file.to_bytes()

    def unlock_with_recovery_key(self, recovery_key: str) -> Database:
        key_file, from_copy = self._load_keys()
        return self._open(key_file.unlock_with_recovery_key(recovery_key), key_file, from_copy)

    def open_demo(self) -> Database:
        key_file, from_copy = self._load_keys()
        if not key_file.is_demo:
            raise InterventionDeskError("This is not a demo workspace; it needs its passphrase.")
        return self._open(bytes.fromhex(key_file.demo_key), key_file, from_copy)

    def _check_database_file(self) -> None:
        """Refuse, before SQLite sees it, a database file that cannot be this workspace's.

        A key file is written only after the schema, so beside a key file an absent or empty
        database means damage: never open it as an empty workspace or write a schema over it.
        """
        try:
            info = os.stat(self.database_path)
        except FileNotFoundError:
            raise DamagedWorkspace(
                "The workspace database file (workspace.db) is missing. Restore it from a "
                "backup; nothing was changed."
            ) from None
        except OSError as exc:
            raise disk_error(exc) from exc
        if stat.S_ISDIR(info.st_mode):
            raise DamagedWorkspace(
                "The workspace database (workspace.db) is a folder, not a file, so the "
                "workspace cannot be opened. Move that folder away and restore workspace.db "
                "from a backup; nothing was changed."
            )
        if not stat.S_ISREG(info.st_mode):
            raise DamagedWorkspace(
                "The workspace database (workspace.db) is not a regular file, so the workspace "
                "cannot be opened. Restore workspace.db from a backup; nothing was changed."
            )
        if info.st_size == 0:
            raise DamagedWorkspace(
                "The workspace database (workspace.db) is empty although its key file exists: "
                "it was cut short or replaced. Restore it from a backup; nothing was changed, "
                "and the empty file was left as it is."
            )
        if info.st_size < SMALLEST_DATABASE_BYTES:
            raise DamagedWorkspace(
                "The workspace database (workspace.db) is cut short (smaller than its first "
                "page), so it cannot hold the workspace. Restore it from a backup; nothing was "
                "changed, and the file was left as it is."
            )

    def _check_writable(self) -> None:
        """A read-only folder or file is said as such, not taken for damage.

        ``os.access`` sees read-only permissions, a read-only mount and an immutable file or
        folder (the superuser is refused only by the last two).
        """
        db = str(self.database_path)
        for path in (self.folder, self.database_path, Path(db + "-wal"), Path(db + "-shm")):
            if os.path.lexists(path) and not os.access(path, os.W_OK):
                raise ReadOnlyWorkspace()

    def _open(self, data_key: bytes, key_file: KeyFile, from_copy: bytes | None) -> Database:
        self._check_database_file()
        self._check_writable()
        db = Database(self.database_path, data_key)
        try:
            # Nothing is written before the whole file has been read and found sound.
            _check_integrity(db)
            needed, has_data = migrate.needs_upgrade(db)
            self._repair_keys(key_file, from_copy)
            remove_stale_temporary_files(self.folder)
            remove_stale_temporary_files(self.backup_folder)
            if needed:
                # A database without tables that opened under this key (so it is ours, and
                # not a file cut to nothing, refused above) has nothing to lose: it gets the
                # schema, with no backup to take.
                if has_data:
                    key_bytes = from_copy if from_copy is not None else key_file.to_bytes()
                    timestamped_backup(db, self.backup_folder, "before-upgrade", key_file=key_bytes)
                    rotate(self.backup_folder)
                migrate.upgrade(db)
            tighten_permissions(self.own_files())
        except BaseException:
            db.close()
            raise
        protect_folder(self.folder)
        return db

    def _repair_keys(self, key_file: KeyFile, from_copy: bytes | None) -> None:
        """Once the database has opened with it, make keys.json and its copy whole and equal.

        From the copy: keys.json is written back. From keys.json: the copy is brought up to date
        when it is missing, damaged or older (a passphrase change killed between its two
        writes). A failure here does not stop the workspace from opening.
        """
        if from_copy is not None:
            try:
                make_private_dir(self.folder)
                _write_key_bytes(self.key_path, from_copy)
                self.key_repair = KeyRepair.RESTORED
            except (InterventionDeskError, OSError):
                self.key_repair = KeyRepair.NOT_RESTORED
            return
        current = key_file.to_bytes()
        try:
            current = read_small_regular_file(self.key_path, MAX_KEY_FILE_BYTES)
            copy: bytes | None = read_small_regular_file(self.key_copy_path, MAX_KEY_FILE_BYTES)
        except (OSError, ValueError):
            copy = None
        if copy == current:
            return
        try:
            make_private_dir(self.backup_folder)
            _write_key_bytes(self.key_copy_path, current)
        except (InterventionDeskError, OSError):
            return  # the next open tries again

    # Keys ---------------------------------------------------------------------------------

    def change_passphrase(
        self, current: str, new: str, *, kdf: KdfParams | None = None, check_strength: bool = True
    ) -> None:
        """Rewrap the data key under a new passphrase; the database file is not touched."""
        key_file, from_copy = self._load_keys()
        if key_file.is_demo:
            raise InterventionDeskError(
                "The demo workspace has no passphrase; it holds only fictional cases."
            )
        data_key = key_file.unlock_with_passphrase(current)
        if new == current:
            raise InterventionDeskError("The new passphrase is the same as the current one.")
        if check_strength:
            check_passphrase_strength(new)
        passphrase_bytes(new)
        key_file.rewrap_passphrase(data_key, new, kdf or KdfParams())
        self._save_keys(key_file)
        if from_copy is not None:
            self.key_repair = KeyRepair.RESTORED  # keys.json was written anew from the copy

    def reset_passphrase(
        self, recovery_key: str, new: str, *, kdf: KdfParams | None = None
    ) -> None:
        """A forgotten passphrase is not lost data: the recovery key sets a new one."""
        key_file, from_copy = self._load_keys()
        if key_file.is_demo:
            raise InterventionDeskError(
                "The demo workspace has no passphrase; it holds only fictional cases."
            )
        data_key = key_file.unlock_with_recovery_key(recovery_key)
        check_passphrase_strength(new)
        passphrase_bytes(new)
        key_file.rewrap_passphrase(data_key, new, kdf or KdfParams())
        self._save_keys(key_file)
        if from_copy is not None:
            self.key_repair = KeyRepair.RESTORED  # keys.json was written anew from the copy

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


def _write_key_bytes(path: Path, data: bytes) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        raise InterventionDeskError("A folder stands where a key file belongs.")
    write_private_atomically(path, data, workspace_file=True)


def _check_integrity(db: Database) -> None:
    """Read the whole database once (SQLite's quick check, which also makes SQLCipher verify
    every page it reads): a damaged file is refused before anything is written to it."""
    try:
        with db.engine.connect() as conn:
            rows = [row[0] for row in conn.exec_driver_sql("PRAGMA quick_check").fetchall()]
    except DatabaseError as exc:
        raise open_error(exc.orig or exc) from exc
    if rows != ["ok"]:
        raise DamagedWorkspace(
            "The workspace database is damaged (its integrity check failed). Restore it from "
            "a backup; nothing was changed."
        )

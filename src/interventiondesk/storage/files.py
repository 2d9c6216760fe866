"""Private files and folders (0600 / 0700 on POSIX), written atomically, never half-written."""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path

from interventiondesk.errors import DiskFull, InterventionDeskError

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
TEMPORARY_PREFIX = ".tmp-"
STALE_TEMPORARY_SECONDS = 10 * 60
"""A temporary file of ours older than this belongs to a run that was killed, not to a write
in progress (which takes milliseconds)."""
_OUR_TEMPORARY_NAME = re.compile(r"\.tmp-[a-z0-9_]{8}\.json")
"""What ``tempfile.mkstemp(prefix=".tmp-", suffix=".json")`` names: keys.json on its way."""

_protected_folders: set[Path] = set()
"""Open workspace folders: an export must never land in one (e.g. over keys.json)."""


def protect_folder(folder: Path) -> None:
    """Refuse, from now on, to write an export into ``folder`` (an open workspace)."""
    _protected_folders.add(folder.resolve())


def is_inside_protected_folder(path: Path) -> bool:
    resolved = path.resolve()
    return any(resolved == f or f in resolved.parents for f in _protected_folders)


def make_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed; the folder itself is made owner-only."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    if os.name == "posix" and not path.is_symlink():
        path.chmod(PRIVATE_DIR)
    return path


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable: on POSIX the folder entry must reach the disk too."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_private_atomically(path: Path, data: bytes, *, workspace_file: bool = False) -> None:
    """Write ``data`` to ``path`` so that the file is either the old one or the whole new one.

    The file is readable by its owner only. The folder must exist and is left as it is: an
    export to a folder the user chose must not change that folder's permissions. Only the
    workspace itself (``workspace_file=True``) may write inside an open workspace's folder.
    """
    staged = stage_private(path, data, workspace_file=workspace_file)
    try:
        place_staged(staged, path)
    except BaseException:
        discard_staged(staged)
        raise


def stage_private(path: Path, data: bytes, *, workspace_file: bool = False) -> Path:
    """Write ``data`` to a private temporary file beside ``path``, flushed to the disk; returns
    it. ``place_staged`` then puts it in place; ``discard_staged`` removes it."""
    if not workspace_file and is_inside_protected_folder(path):
        raise InterventionDeskError(
            "That place is inside the workspace folder, where an export could overwrite the "
            "workspace itself. Choose another folder."
        )
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=TEMPORARY_PREFIX, suffix=path.suffix, dir=path.parent
        )
    except OSError as exc:
        raise disk_error(exc) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            if os.name == "posix":
                os.fchmod(handle.fileno(), PRIVATE_FILE)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise disk_error(exc) from exc
    return tmp


def place_staged(staged: Path, path: Path) -> None:
    """Rename a staged file over ``path`` and make the rename durable."""
    try:
        os.replace(staged, path)
        _fsync_folder(path.parent)
    except OSError as exc:
        raise disk_error(exc) from exc


def discard_staged(staged: Path) -> None:
    staged.unlink(missing_ok=True)


def disk_error(exc: OSError) -> InterventionDeskError:
    """Turn an operating-system error into a message in words."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return DiskFull()
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return InterventionDeskError(
            "The folder for that file does not exist (or is a file). Choose an existing folder."
        )
    if exc.errno == errno.EEXIST:
        return InterventionDeskError("That place is a file, not a folder. Choose a folder.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return InterventionDeskError(
            "InterventionDesk may not write there (the folder is read-only or belongs to "
            "someone else). Choose another place."
        )
    if exc.errno == errno.EISDIR:
        return InterventionDeskError("That is a folder; choose a file name.")
    return InterventionDeskError(f"The file could not be written ({exc.strerror or 'I/O error'}).")


def tighten_permissions(files: list[Path]) -> None:
    """Make the workspace's own files owner-only (SQLite creates -wal/-shm files itself).

    Only the named files are touched, never through a symbolic link; a file that cannot be
    changed is left as it is rather than failing the open.
    """
    if os.name != "posix":
        return
    for entry in files:
        try:
            if entry.is_symlink() or not entry.exists():
                continue
            entry.chmod(PRIVATE_DIR if entry.is_dir() else PRIVATE_FILE)
        except OSError:
            continue


def read_small_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    Anything else (a folder, a named pipe, a device, a file too large) raises ``ValueError``
    without blocking: the type is checked before opening, and the file is opened non-blocking
    and checked again (it may have been swapped in between). A missing file raises OSError.
    """
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise ValueError("not a regular file")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            raise ValueError("not a small regular file")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > limit:
        raise ValueError("file too large")
    return b"".join(chunks)


def remove_stale_temporary_files(folder: Path, *, now: float | None = None) -> list[str]:
    """Remove our own temporary key files that a killed run left in ``folder``.

    Only names of the exact pattern ``write_private_atomically`` uses for ``.json`` files, only
    regular files (never through a link), and only those older than ``STALE_TEMPORARY_SECONDS``
    (a younger one may belong to a write in progress). Returns the names removed.
    """
    removed: list[str] = []
    limit = (time.time() if now is None else now) - STALE_TEMPORARY_SECONDS
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _OUR_TEMPORARY_NAME.fullmatch(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and info.st_mtime < limit:
                os.unlink(entry.path)
                removed.append(entry.name)
        except OSError:
            continue
    return removed

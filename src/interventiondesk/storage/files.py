"""Private files and folders (0600 / 0700 on POSIX), written atomically, never half-written."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from interventiondesk.errors import DiskFull, InterventionDeskError

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def make_private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    if os.name == "posix":
        path.chmod(PRIVATE_DIR)
    return path


def write_private_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that the file is either the old one or the whole new one.

    The file is readable by its owner only. The folder must exist and is left as it is: an
    export to a folder the user chose must not change that folder's permissions.
    """
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=path.parent)
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
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise disk_error(exc) from exc


def disk_error(exc: OSError) -> InterventionDeskError:
    """Turn an operating-system error into a message in words."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return DiskFull()
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return InterventionDeskError(
            "The folder for that file does not exist (or is a file). Choose an existing folder."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return InterventionDeskError(
            "InterventionDesk may not write there (the folder is read-only or belongs to "
            "someone else). Choose another place."
        )
    return InterventionDeskError(f"The file could not be written ({exc.strerror or 'I/O error'}).")


def tighten_permissions(folder: Path) -> None:
    """Make every file in the workspace owner-only (SQLite creates -wal/-shm files itself)."""
    if os.name != "posix":
        return
    for entry in folder.rglob("*"):
        entry.chmod(PRIVATE_DIR if entry.is_dir() else PRIVATE_FILE)

"""Logging that never records client data: unexpected errors are logged by type and place only."""

from __future__ import annotations

import logging
import os
import traceback
from pathlib import Path

log = logging.getLogger("interventiondesk")


def log_folder() -> Path:
    from platformdirs import user_log_path

    return user_log_path("InterventionDesk", appauthor=False)


def setup_logging(folder: Path | None = None) -> Path | None:
    """Log warnings and errors to a file in the user log folder; returns its path."""
    target = folder or log_folder()
    log_file = target / "interventiondesk.log"
    for existing in log.handlers:
        if isinstance(existing, logging.FileHandler) and Path(existing.baseFilename) == log_file:
            return log_file  # already set up: one handler per file, however often called
    try:
        target.mkdir(parents=True, exist_ok=True, mode=0o700)
        log_file.touch(mode=0o600, exist_ok=True)  # private from the first line on
        if os.name == "posix":  # also when an older version made them readable by others
            target.chmod(0o700)
            log_file.chmod(0o600)
        handler = logging.FileHandler(log_file)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return log_file


def scrubbed_traceback(exc: BaseException) -> str:
    """The stack of an exception without its message, which might quote client text."""
    frames = traceback.extract_tb(exc.__traceback__)
    lines = [f"{type(exc).__module__}.{type(exc).__qualname__}"]
    lines += [f"  {f.filename}:{f.lineno} in {f.name}" for f in frames]
    cause = exc.__cause__ or exc.__context__
    if cause is not None and cause is not exc:
        lines.append("caused by " + scrubbed_traceback(cause))
    return "\n".join(lines)


def log_unexpected(exc: BaseException) -> None:
    log.error("unexpected error\n%s", scrubbed_traceback(exc))

"""Logging: unexpected errors are recorded by type and place, never by message."""

from __future__ import annotations

import logging
from pathlib import Path

from interventiondesk.logs import log, log_unexpected, scrubbed_traceback, setup_logging


def _raise_with_client_text() -> None:
    try:
        raise KeyError("Client Secretname relapsed on Tuesday")
    except KeyError as inner:
        raise ValueError("note for Client Secretname") from inner


def test_unexpected_errors_are_logged_without_their_messages(tmp_path: Path) -> None:
    log_file = setup_logging(tmp_path)
    assert log_file is not None
    try:
        _raise_with_client_text()
    except ValueError as exc:
        log_unexpected(exc)
        scrubbed = scrubbed_traceback(exc)
    for handler in log.handlers:
        handler.flush()
    written = log_file.read_text()
    assert "builtins.ValueError" in written and "caused by builtins.KeyError" in written
    assert "_raise_with_client_text" in written
    assert "Secretname" not in written and "Secretname" not in scrubbed


def test_setup_is_idempotent(tmp_path: Path) -> None:
    first = setup_logging(tmp_path)
    second = setup_logging(tmp_path)
    assert first == second
    handlers = [
        h
        for h in log.handlers
        if isinstance(h, logging.FileHandler) and Path(h.baseFilename) == first
    ]
    assert len(handlers) == 1


def test_the_log_file_is_private(tmp_path: Path) -> None:
    import os
    import stat

    log_file = setup_logging(tmp_path / "fresh")
    assert log_file is not None
    if os.name == "posix":
        assert stat.S_IMODE(log_file.stat().st_mode) == 0o600

"""Private, atomic file writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from interventiondesk.errors import InterventionDeskError
from interventiondesk.storage.files import write_private_atomically


def test_atomic_write_where_a_file_blocks_the_folder(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("a file where a folder should be")
    with pytest.raises(InterventionDeskError, match="could not be written"):
        write_private_atomically(tmp_path / "blocker" / "out.json", b"{}")


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_written_files_are_private_and_complete(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "folder" / "out.json"
    write_private_atomically(target, b"first")
    write_private_atomically(target, b"second")
    assert target.read_bytes() == b"second"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    assert [p.name for p in target.parent.iterdir()] == ["out.json"]

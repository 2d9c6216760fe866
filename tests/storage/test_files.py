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
    with pytest.raises(InterventionDeskError, match="does not exist \\(or is a file\\)"):
        write_private_atomically(tmp_path / "blocker" / "out.json", b"{}")


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_written_files_are_private_and_the_folder_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "Documents"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    target = folder / "out.json"
    write_private_atomically(target, b"first")
    write_private_atomically(target, b"second")
    assert target.read_bytes() == b"second"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert [p.name for p in folder.iterdir()] == ["out.json"]


def test_missing_folder_is_reported_in_words(tmp_path: Path) -> None:
    with pytest.raises(InterventionDeskError, match="folder for that file does not exist"):
        write_private_atomically(tmp_path / "not-there" / "out.json", b"{}")

"""A full disk: every write path says so in words and leaves no half-written file behind.

Each scenario runs in a child process whose file-size limit (RLIMIT_FSIZE) is tiny, so writes
fail part-way exactly as they do on a full disk, without needing a special file system.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from interventiondesk.services.cases import create_case
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses POSIX resource limits")

_PRELUDE = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
from interventiondesk.errors import InterventionDeskError
try:
{body}
except InterventionDeskError as exc:
    print("MESSAGE:", exc)
    sys.exit(3)
"""


def _run_limited(body: str, limit: int) -> subprocess.CompletedProcess[str]:
    code = _PRELUDE.format(limit=limit, body=textwrap.indent(textwrap.dedent(body), "    "))
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )


def test_backup_on_a_full_disk(workspace: Workspace, tmp_path: Path) -> None:
    db = workspace.unlock(PASSPHRASE)
    with db.session() as session:
        for n in range(30):
            create_case(
                session,
                client_name=f"Person {n}",
                kind="planned",
                model="johnson",
                counselor_notes="x" * 2000,
            )
    db.close()
    target = tmp_path / "out" / "copy.db"
    target.parent.mkdir()
    result = _run_limited(
        f"""
        from pathlib import Path
        from interventiondesk.storage.workspace import Workspace
        from interventiondesk.storage.backup import backup_database
        db = Workspace(Path({str(workspace.folder)!r})).unlock({PASSPHRASE!r})
        backup_database(db, Path({str(target)!r}))
        """,
        limit=64 * 1024,
    )
    assert result.returncode == 3, result.stderr
    assert "disk" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert list(target.parent.iterdir()) == []


def test_atomic_write_on_a_full_disk_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "keys.json"
    target.write_bytes(b"old content")
    result = _run_limited(
        f"""
        from pathlib import Path
        from interventiondesk.storage.files import write_private_atomically
        write_private_atomically(Path({str(target)!r}), b"n" * 200_000)
        """,
        limit=16 * 1024,
    )
    assert result.returncode == 3, result.stderr
    assert "The disk is full" in result.stdout
    assert target.read_bytes() == b"old content"
    assert [p.name for p in tmp_path.iterdir()] == ["keys.json"]


def test_saving_a_case_on_a_full_disk_loses_nothing_saved_before(workspace: Workspace) -> None:
    db = workspace.unlock(PASSPHRASE)
    with db.session() as session:
        case = create_case(session, client_name="Kept Person", kind="crisis", model="johnson")
        case_id = case.id
    db.close()
    size = sum(p.stat().st_size for p in workspace.folder.iterdir() if p.is_file())
    result = _run_limited(
        f"""
        from pathlib import Path
        from interventiondesk.storage.workspace import Workspace
        from interventiondesk.services.cases import update_case
        db = Workspace(Path({str(workspace.folder)!r})).unlock({PASSPHRASE!r})
        with db.session() as session:
            update_case(session, {case_id!r}, {{"counselor_notes": "y" * 3_000_000}})
        """,
        limit=size + 256 * 1024,
    )
    assert result.returncode == 3, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    db = workspace.unlock(PASSPHRASE)
    with db.session() as session:
        from interventiondesk.services.cases import find_case

        assert find_case(session, case_id).client.full_name == "Kept Person"
        assert find_case(session, case_id).counselor_notes == ""
    db.close()

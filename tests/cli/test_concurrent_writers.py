"""Commands that write wait for another program's write to finish instead of failing "busy"."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from interventiondesk.cli import main
from interventiondesk.services import settings
from interventiondesk.services.cases import list_cases
from interventiondesk.services.demo import create_demo_workspace
from interventiondesk.storage.database import Database
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.services.test_interchange import build_full_case

RUNS = 8
WRITE_EVERY_S = 0.1
HOLD_S = 0.05
"""The other program commits every 100 ms and holds the write lock half of that time, so that
nearly every run of a command meets it."""


class OtherProgram:
    """Another program on the same workspace: its own Database (its own connections), which
    holds the write lock ``HOLD_S`` seconds and commits, every ``WRITE_EVERY_S`` seconds."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.commits = 0
        self.errors: list[BaseException] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                with self.db.session(write=True) as session:
                    settings.put(session, settings.COUNSELOR_NAME, f"Counselor {self.commits}")
                    self._stop.wait(HOLD_S)  # a transaction that takes a moment
                self.commits += 1
            except BaseException as exc:  # reported by the test
                self.errors.append(exc)
            self._stop.wait(WRITE_EVERY_S - HOLD_S)

    def __enter__(self) -> OtherProgram:
        self._thread.start()
        deadline = time.monotonic() + 5
        while self.commits == 0 and time.monotonic() < deadline:  # it is writing before we start
            time.sleep(0.01)
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        self.db.close()


@pytest.fixture
def case_file(workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    db = workspace.unlock(PASSPHRASE)
    with db.session(write=True) as session:
        reference = build_full_case(session, "concurrency").reference
    db.close()
    target = tmp_path / "case.json"
    code = main(["--data-dir", str(workspace.folder), "export-case", reference, "-o", str(target)])
    assert code == 0
    return target


def _count_cases(db: Database) -> int:
    with db.session() as session:
        return len(list_cases(session, include_archived=True))


def test_import_case_beside_a_writing_program_always_succeeds(
    workspace: Workspace, case_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with OtherProgram(workspace.unlock(PASSPHRASE)) as other:
        codes = [
            main(["--data-dir", str(workspace.folder), "import-case", str(case_file)])
            for _ in range(RUNS)
        ]
    err = capsys.readouterr().err
    assert codes == [0] * RUNS, err
    assert "busy" not in err
    assert other.errors == [] and other.commits >= 2  # it wrote meanwhile
    db = workspace.unlock(PASSPHRASE)
    try:
        assert _count_cases(db) == RUNS + 1  # the original and one copy per run
    finally:
        db.close()


@pytest.fixture
def demo_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "demo"
    create_demo_workspace(Workspace(folder)).close()
    yield folder


def test_demo_beside_a_writing_program_always_succeeds(
    demo_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace = Workspace(demo_folder)
    db = workspace.open_demo()
    try:
        before = _count_cases(db)
    finally:
        db.close()
    with OtherProgram(workspace.open_demo()) as other:
        codes = [main(["--demo", "--data-dir", str(demo_folder), "demo"]) for _ in range(RUNS)]
    err = capsys.readouterr().err
    assert codes == [0] * RUNS, err
    assert other.errors == [] and other.commits >= 2
    db = workspace.open_demo()
    try:
        assert _count_cases(db) == before * (RUNS + 1)
    finally:
        db.close()

"""Shared fixtures: every test gets its own real, encrypted workspace under tmp_path."""

from __future__ import annotations

import os

# Qt must see the offscreen platform before it loads anywhere in the test process.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from interventiondesk.storage.database import Database
from interventiondesk.storage.keys import KdfParams
from interventiondesk.storage.workspace import DATA_DIR_ENV, PASSPHRASE_ENV, Workspace

PASSPHRASE = "quiet harbour lantern 42 walnut"
"""The passphrase of every test workspace (strong enough to pass the strength check)."""

TEST_KDF = KdfParams(time_cost=1, memory_cost_kib=8192, parallelism=1)
"""Real Argon2id, with a lighter cost so that the suite stays quick."""


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test may touch the real user data folder or inherit a passphrase from the shell."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path_factory.mktemp("default-data")))
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("xdg-state")))


@pytest.fixture(scope="session")
def _template_workspace(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One freshly created workspace, copied for each test that needs one."""
    folder = tmp_path_factory.mktemp("template") / "workspace"
    db, recovery_key = Workspace(folder).create(PASSPHRASE, kdf=TEST_KDF)
    db.close()
    return folder, recovery_key


@pytest.fixture
def workspace(tmp_path: Path, _template_workspace: tuple[Path, str]) -> Workspace:
    """A new, empty, encrypted workspace (passphrase ``PASSPHRASE``)."""
    folder = tmp_path / "workspace"
    shutil.copytree(_template_workspace[0], folder)
    return Workspace(folder)


@pytest.fixture
def recovery_key(_template_workspace: tuple[Path, str]) -> str:
    return _template_workspace[1]


@pytest.fixture
def db(workspace: Workspace) -> Iterator[Database]:
    """The unlocked database of a fresh workspace."""
    database = workspace.unlock(PASSPHRASE)
    yield database
    database.close()

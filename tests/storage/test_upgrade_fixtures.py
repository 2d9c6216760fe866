"""Every released schema's workspace (tests/fixtures/workspace-<rev>) opens with today's code."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from sqlalchemy import func, select

from interventiondesk.model import Case, Letter, Participant
from interventiondesk.services.interchange import export_case
from interventiondesk.storage import migrate
from interventiondesk.storage.workspace import Workspace
from tests.fixtures.make_workspace_fixture import FIXTURE_PASSPHRASE

FIXTURES = sorted((Path(__file__).resolve().parent.parent / "fixtures").glob("workspace-*"))


def test_there_is_a_fixture_for_every_released_schema() -> None:
    assert [f.name.removeprefix("workspace-") for f in FIXTURES] == list(migrate.SCHEMA_REVISIONS)


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_old_workspace_opens_upgrades_and_keeps_every_case(fixture: Path, tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    shutil.copytree(fixture, folder)
    revision = fixture.name.removeprefix("workspace-")
    db = Workspace(folder).unlock(FIXTURE_PASSPHRASE)
    with db.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.HEAD_REVISION
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Case)) >= 6
        assert session.scalar(select(func.count()).select_from(Participant)) > 10
        assert session.scalar(select(func.count()).select_from(Letter)) > 5
        for case in session.scalars(select(Case)):
            export_case(session, case)  # every upgraded case is whole enough to export
    db.close()
    backups = (
        list((folder / "backups").glob("*-before-upgrade.db"))
        if (folder / "backups").exists()
        else []
    )
    # An upgrade takes a backup first; opening a workspace already at the newest schema does not.
    assert bool(backups) == (revision != migrate.HEAD_REVISION)
    if os.name == "posix":  # git does not keep 0600: opening tightens the permissions again
        for path in folder.rglob("*"):
            assert stat.S_IMODE(path.stat().st_mode) in (0o600, 0o700), path.name

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


def test_a_0001_workspace_gains_the_history_tables_and_shows_its_records_through_them(
    tmp_path: Path,
) -> None:
    from interventiondesk.services.outcomes import bottom_line_rows
    from interventiondesk.services.safety import safety_view

    folder = tmp_path / "copy"
    shutil.copytree(FIXTURES[0].parent / "workspace-0001", folder)
    db = Workspace(folder).unlock(FIXTURE_PASSPHRASE)
    with db.session() as session:
        for case in session.scalars(select(Case)):
            assert case.bottom_line_checks == case.safety_plan_revisions == []
            assert case.asam_history == []
            view = safety_view(session, case.id)
            if case.safety_plan is not None:  # the plan stands as its own first revision
                assert [r.id for r in view.plan_revisions] == [case.safety_plan.id]
            rated = [row for row in view.asam if row.current is not None]
            assert len(rated) == len(case.asam_ratings)
            assert all(row.previous is None for row in view.asam)
            for row in bottom_line_rows(session, case.id):  # the old yes/no flag still shows
                person = next(p for p in case.participants if p.id == row.participant_id)
                assert (row.status is None) == (person.bottom_line_kept is None)
    db.close()

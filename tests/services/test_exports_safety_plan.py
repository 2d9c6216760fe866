"""The safety plan export as a use case: read, render, save with its audit entry."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from interventiondesk.errors import InvalidInput
from interventiondesk.model import AuditEvent
from interventiondesk.services.cases import add_concern, create_case
from interventiondesk.services.exports import export_safety_plan, read_safety_plan
from interventiondesk.services.safety import save_safety_plan
from interventiondesk.storage.database import Database
from interventiondesk.storage.workspace import Workspace
from tests.writers import Committer


def _case_with_plan(db: Database) -> str:
    with db.session() as s:
        case = create_case(s, client_name="Zephyrine Quillfeather", kind="crisis", model="craft")
        add_concern(s, case.id, "mental_health", "Depression")
        save_safety_plan(s, case.id, {"warning_signs": "Not sleeping", "professionals": "Dr. Lee"})
        return case.id


def test_the_plan_is_written_and_audited_without_identifying_details(
    db: Database, tmp_path: Path
) -> None:
    case_id = _case_with_plan(db)
    target = tmp_path / "plan.pdf"
    summary = export_safety_plan(db, case_id, target)
    assert summary.pages == 1 and summary.steps_filled == 2
    text = " ".join(PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text().split())
    assert "Not sleeping" in text and "Dr. Lee" in text
    assert "Quillfeather" not in text and "Depression" not in text and "IN-" not in text
    with db.session() as s:
        entry = s.scalars(select(AuditEvent).where(AuditEvent.action == "export.safety_plan")).one()
        assert entry.case_id == case_id
        assert "Quillfeather" not in entry.detail and "name=no" in entry.detail


def test_chosen_details_are_read(db: Database) -> None:
    case_id = _case_with_plan(db)
    with db.session() as s:
        _id, content = read_safety_plan(
            s, case_id, show_name=True, show_reference=True, show_concerns=True
        )
    assert content.name == "Zephyrine Quillfeather"
    assert content.reference.startswith("IN-") and content.concerns == ("Depression",)


def test_no_plan_is_refused_in_words_and_writes_nothing(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        case_id = create_case(s, client_name="A", kind="crisis", model="craft").id
    with pytest.raises(InvalidInput, match="no safety plan"):
        export_safety_plan(db, case_id, tmp_path / "plan.pdf")
    assert list(tmp_path.iterdir()) == [tmp_path / "workspace"]


def test_the_export_succeeds_while_another_program_commits(
    db: Database, workspace: Workspace, tmp_path: Path
) -> None:
    case_id = _case_with_plan(db)
    with Committer(workspace) as other:
        for number in range(5):
            export_safety_plan(db, case_id, tmp_path / f"plan-{number}.pdf")
    assert other.commits > 0
    assert all((tmp_path / f"plan-{n}.pdf").stat().st_size > 0 for n in range(5))

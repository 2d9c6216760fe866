"""``outcomes``, ``tasks``, ``timeline``, ``safety-plan`` and ``stats`` on a real workspace."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from interventiondesk.cli import main
from interventiondesk.services.cases import create_case
from interventiondesk.services.follow_ups import accept_suggestions, add_task
from interventiondesk.services.outcomes import record_outcome
from interventiondesk.services.safety import save_safety_plan, save_screen
from interventiondesk.storage.workspace import PASSPHRASE_ENV, Workspace
from tests.conftest import PASSPHRASE

TODAY = date.today()
NOTHING = {"wish_to_be_dead": False, "suicidal_thoughts": False, "recent_behaviour": False}


@pytest.fixture
def filled(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A case admitted after a refusal, with its suggested tasks accepted, a screen and a plan;
    and a second case with one overdue task."""
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    db = workspace.unlock(PASSPHRASE)
    with db.session() as s:
        case = create_case(s, client_name="Rosalind Achterberg", kind="planned", model="johnson")
        record_outcome(s, case.id, "refused", occurred_on=TODAY - timedelta(days=10))
        record_outcome(
            s,
            case.id,
            "admitted",
            occurred_on=TODAY - timedelta(days=3),
            admitted_to="Cedar <House>",
        )
        accept_suggestions(s, case.id)
        save_screen(s, case.id, NOTHING, at=datetime.now(UTC) - timedelta(hours=1))
        save_safety_plan(s, case.id, {"warning_signs": "Pacing <at> night & more"})
        other = create_case(s, client_name="Teodor Vance", kind="family", model="systemic")
        add_task(s, other.id, "Ring the aunt", due_on=TODAY - timedelta(days=1))
        ids = {"ref": case.reference, "id": case.id, "other_ref": other.reference}
    db.close()
    return ids


def _run(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    code = main(["--data-dir", str(workspace.folder), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_outcomes_speak_the_windows_words_and_json_keeps_codes(
    workspace: Workspace, filled: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(workspace, capsys, "outcomes", filled["ref"])
    assert code == 0
    assert "Refused" in out and "Accepted and admitted, Cedar <House>" in out
    assert "calls for the status Follow-up (now Intake)" in out
    code, out, _ = _run(workspace, capsys, "outcomes", filled["ref"], "--json")
    data = json.loads(out)
    assert [o["result"] for o in data["outcomes"]] == ["refused", "admitted"]
    assert data["status"] == "intake" and data["proposed_status"] == "follow_up"
    assert data["suggested_tasks"] == []  # accepted already


def test_tasks_filter_by_case_overdue_and_days(
    workspace: Workspace, filled: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(workspace, capsys, "tasks", "--json", "--overdue")
    overdue = json.loads(out)
    assert code == 0
    # The family meeting (7 days ago), the 24-hour call (2 days ago) and the other case's task.
    assert sorted(t["reference"] for t in overdue) == sorted(
        [filled["ref"], filled["ref"], filled["other_ref"]]
    )
    assert all(t["overdue"] for t in overdue)
    _, out, _ = _run(workspace, capsys, "tasks", "--case", filled["ref"], "--json")
    every = json.loads(out)
    assert len(every) == 4 and {t["reference"] for t in every} == {filled["ref"]}
    _, out, _ = _run(
        workspace, capsys, "tasks", "--case", filled["ref"], "--due-within", "5", "--json"
    )
    assert len(json.loads(out)) == 3  # two overdue, and the 7-day call due in 4 days
    _, out, _ = _run(workspace, capsys, "tasks", "--overdue")
    assert "OVERDUE" in out and "Ring the aunt" in out
    code, _, err = _run(workspace, capsys, "tasks", "--due-within", "-1")
    assert code == 1 and err.count("\n") == 1 and "0 or more" in err


def test_timeline_in_order_with_labels(
    workspace: Workspace, filled: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(workspace, capsys, "timeline", filled["ref"], "--json")
    entries = json.loads(out)
    assert code == 0
    moments = [datetime.fromisoformat(e["at"]) for e in entries]
    assert moments == sorted(moments) and all(m.tzinfo is not None for m in moments)
    kinds = {e["kind"] for e in entries}
    assert {"plan_created", "outcome", "task_due", "risk_screen", "safety_plan"} <= kinds
    _, out, _ = _run(workspace, capsys, "timeline", filled["ref"], "--kind", "outcome")
    lines = out.strip().splitlines()
    assert len(lines) == 2
    assert "Outcome (Refused)" in lines[0] and "Outcome (Accepted and admitted)" in lines[1]


def test_safety_plan_is_written_once_and_not_replaced_unasked(
    workspace: Workspace, filled: dict[str, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "plan.pdf"
    code, out, _ = _run(workspace, capsys, "safety-plan", filled["ref"], "-o", str(target))
    assert code == 0 and "1 page" in out
    text = " ".join(PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text().split())
    assert "Pacing <at> night & more" in text and filled["ref"] not in text
    before = target.read_bytes()
    code, _, err = _run(workspace, capsys, "safety-plan", filled["ref"], "-o", str(target))
    assert code == 1 and "--yes" in err and err.count("\n") == 1
    assert target.read_bytes() == before
    code, _, _ = _run(
        workspace, capsys, "safety-plan", filled["ref"], "-o", str(target), "--yes", "--reference"
    )
    assert code == 0
    assert filled["ref"] in PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text()
    code, _, err = _run(
        workspace, capsys, "safety-plan", filled["other_ref"], "-o", str(tmp_path / "x.pdf")
    )
    assert code == 1 and "no safety plan" in err and not (tmp_path / "x.pdf").exists()


def test_stats_over_a_period(
    workspace: Workspace, filled: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(workspace, capsys, "stats", "--json")
    data = json.loads(out)
    assert code == 0
    assert (data["held"], data["refused"], data["admitted_within_30_days"]) == (1, 1, 1)
    assert data["cases"]["held"] == [filled["ref"]]
    later = (TODAY + timedelta(days=1)).isoformat()
    _, out, _ = _run(workspace, capsys, "stats", "--from", later, "--to", later, "--json")
    assert json.loads(out)["held"] == 0
    _, out, _ = _run(workspace, capsys, "stats")
    assert "Interventions held" in out and "Admitted within 30 days" in out
    code, _, err = _run(workspace, capsys, "stats", "--from", "yesterday")
    assert code == 1 and "YYYY-MM-DD" in err and err.count("\n") == 1
    code, _, err = _run(workspace, capsys, "stats", "--from", later, "--to", TODAY.isoformat())
    assert code == 1 and "on or after" in err

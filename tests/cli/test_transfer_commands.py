"""``transfer-out``, ``transfer-in``, ``transfer-name`` and ``edit`` as a counselor's scripts use them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pexpect
import pytest
from sqlalchemy import select

from interventiondesk.model import AuditEvent, Base, Case
from interventiondesk.storage.workspace import Workspace
from tests.cli.running import run, spawn
from tests.conftest import PASSPHRASE
from tests.services.test_interchange import SECRET, build_full_case

WORDS = "lantern orchard seventy copper kites"


@pytest.fixture
def computers(
    tmp_path: Path, _template_workspace: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> tuple[str, str, str]:
    """The office (with one whole case) and the laptop (empty); the case's reference."""
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("INTERVENTIONDESK_TRANSFER_PASSPHRASE", WORDS)
    for name in ("office", "laptop"):
        shutil.copytree(_template_workspace[0], tmp_path / name)
    db = Workspace(tmp_path / "office").unlock(PASSPHRASE)
    with db.session(write=True) as session:
        case = build_full_case(session, "plain words")
        case.client.full_name = SECRET
        reference = case.reference
    db.close()
    return str(tmp_path / "office"), str(tmp_path / "laptop"), reference


def read_case(folder: str, reference: str) -> tuple[str, str, str]:
    db = Workspace(Path(folder)).unlock(PASSPHRASE)
    with db.session() as session:
        case = session.scalars(select(Case).where(Case.reference == reference)).one()
        values = (case.goals, case.seating_notes, case.client.phone)
    db.close()
    return values


def content(folder: str) -> dict[str, list[str]]:
    """Every row of every table but the audit trail (each command's unlock adds an entry)."""
    db = Workspace(Path(folder)).unlock(PASSPHRASE)
    with db.engine.connect() as conn:
        rows = {
            table.name: sorted(repr(tuple(row)) for row in conn.execute(table.select()))
            for table in Base.metadata.sorted_tables
            if table.name != "audit_events"
        }
    db.close()
    return rows


def go_and_come_back(
    capsys: pytest.CaptureFixture[str], office: str, laptop: str, reference: str, tmp_path: Path
) -> Path:
    out = tmp_path / "usb" / "transfer-2026-12-01-a1b2c3d4.idtransfer"
    out.parent.mkdir(exist_ok=True)
    code, said, err = run(capsys, "--data-dir", office, "transfer-out", reference, "-o", str(out))
    assert code == 0, err
    assert reference in said and "marked as at the other computer" in said
    code, said, err = run(capsys, "--data-dir", laptop, "transfer-in", str(out))
    assert code == 0, err
    assert f"{reference}: added" in said and "backup" in said
    return out


def test_a_home_visit_round_trip(
    computers: tuple[str, str, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    office, laptop, reference = computers
    go_and_come_back(capsys, office, laptop, reference, tmp_path)
    assert run(capsys, "--data-dir", office, "transfer-name", "Office desk")[0] == 0
    code, said, err = run(
        capsys,
        "--data-dir",
        laptop,
        "edit",
        reference,
        "--set",
        "seating_notes=Mum by the window",
        "--set",
        "client.phone=555 0199",
    )
    assert code == 0, err
    assert said.strip() == f"Saved 2 field(s) of case {reference}."
    code, said, err = run(capsys, "--data-dir", office, "edit", reference, "--set", "goals=Detox")
    assert code == 0 and "this case is at another computer since" in err
    back = tmp_path / "back.idtransfer"
    assert run(capsys, "--data-dir", laptop, "transfer-out", reference, "-o", str(back))[0] == 0
    code, said, err = run(capsys, "--data-dir", office, "transfer-in", str(back), "--json")
    assert code == 0, err
    result = json.loads(said)
    assert result["applied"] and not result["already_received"]
    [case] = result["cases"]
    assert (case["reference"], case["new"], case["changed"], case["conflicts"]) == (
        reference,
        False,
        2,
        [],
    )
    assert read_case(office, reference) == ("Detox", "Mum by the window", "555 0199")
    assert SECRET.encode() not in back.read_bytes()
    db = Workspace(Path(office)).unlock(PASSPHRASE)
    with db.session() as session:
        actions = [e.action for e in session.scalars(select(AuditEvent))]
    db.close()
    assert actions.count("transfer.out") == 1 and actions.count("transfer.in") == 1


def test_conflicts_are_listed_and_change_nothing_until_a_side_is_preferred(
    computers: tuple[str, str, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    office, laptop, reference = computers
    go_and_come_back(capsys, office, laptop, reference, tmp_path)
    run(capsys, "--data-dir", office, "edit", reference, "--set", "goals=office goals")
    run(capsys, "--data-dir", laptop, "edit", reference, "--set", "goals=laptop goals")
    back = tmp_path / "back.idtransfer"
    assert run(capsys, "--data-dir", laptop, "transfer-out", reference, "-o", str(back))[0] == 0
    before = content(office)
    code, said, err = run(capsys, "--data-dir", office, "transfer-in", str(back))
    assert code == 1 and said == ""
    assert "nothing was changed" in err and f"{reference}  case.goals" in err
    assert "office goals" in err and "laptop goals" in err and "--prefer" in err
    code, said, _ = run(capsys, "--data-dir", office, "transfer-in", str(back), "--json")
    assert code == 1
    [conflict] = json.loads(said)["cases"][0]["conflicts"]
    assert (conflict["field"], conflict["mine"], conflict["theirs"]) == (
        "goals",
        "office goals",
        "laptop goals",
    )
    assert content(office) == before
    code, said, err = run(
        capsys, "--data-dir", office, "transfer-in", str(back), "--prefer", "theirs"
    )
    assert code == 0, err
    assert "1 conflict(s) settled" in said
    assert read_case(office, reference)[0] == "laptop goals"
    code, said, _ = run(capsys, "--data-dir", office, "transfer-in", str(back))
    assert code == 0 and "already received; nothing was changed" in said


@pytest.mark.parametrize(
    ("passphrase", "words"),
    [("wrong words entirely", "passphrase is wrong"), (WORDS, "not an InterventionDesk transfer")],
)
def test_a_wrong_passphrase_or_a_foreign_file_is_one_line_and_changes_nothing(
    computers: tuple[str, str, str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    passphrase: str,
    words: str,
) -> None:
    office, laptop, reference = computers
    out = tmp_path / "out.idtransfer"
    assert run(capsys, "--data-dir", office, "transfer-out", reference, "-o", str(out))[0] == 0
    if passphrase == WORDS:
        out.write_bytes(b"%PDF-1.7\n" + out.read_bytes())
    monkeypatch.setenv("INTERVENTIONDESK_TRANSFER_PASSPHRASE", passphrase)
    before = content(laptop)
    code, said, err = run(capsys, "--data-dir", laptop, "transfer-in", str(out))
    assert code == 1 and said == ""
    assert words in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert content(laptop) == before


@pytest.mark.parametrize(
    ("assignment", "words"),
    [
        ("colour=blue", "There is no field 'colour'"),
        ("id=x", "There is no field 'id'"),
        ("reading_minutes_limit=many", "whole number"),
        ("naloxone_on_hand=perhaps", "yes or no"),
        ("intake_timezone=Mars/Olympus", "time zone"),
        ("client.date_of_birth=1899-13-01", "not allowed"),
        ("status=lost", "not allowed"),
        ("nothing", "FIELD=VALUE"),
    ],
)
def test_edit_refuses_what_import_refuses_and_changes_nothing(
    computers: tuple[str, str, str],
    capsys: pytest.CaptureFixture[str],
    assignment: str,
    words: str,
) -> None:
    office, _laptop, reference = computers
    before = read_case(office, reference)
    code, said, err = run(capsys, "--data-dir", office, "edit", reference, "--set", assignment)
    assert code == 1 and said == ""
    assert words in err and "Traceback" not in err
    assert read_case(office, reference) == before


def test_edit_takes_null_and_yes_no_as_the_case_file_does(
    computers: tuple[str, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    office, _laptop, reference = computers
    code, _said, err = run(
        capsys,
        "--data-dir",
        office,
        "edit",
        reference,
        "--set",
        "naloxone_on_hand=yes",
        "--set",
        "reading_minutes_limit=12",
        "--set",
        "intake_at=null",
    )
    assert code == 0, err
    db = Workspace(Path(office)).unlock(PASSPHRASE)
    with db.session() as session:
        case = session.scalars(select(Case).where(Case.reference == reference)).one()
        assert (case.naloxone_on_hand, case.reading_minutes_limit) == (True, 12)
        assert case.intake_at is None
    db.close()


def test_transfer_out_at_a_terminal_asks_for_the_passphrase_twice(
    computers: tuple[str, str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    office, _laptop, reference = computers
    monkeypatch.delenv("INTERVENTIONDESK_TRANSFER_PASSPHRASE")
    out = tmp_path / "typed.idtransfer"
    child = spawn("--data-dir", office, "transfer-out", reference, "-o", str(out))
    child.expect("Passphrase")
    child.sendline(PASSPHRASE)
    child.expect("Choose a transfer passphrase")
    child.sendline(WORDS)
    child.expect("again")
    child.sendline(WORDS + " but different")
    child.expect("differ; nothing was written")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1 and not out.exists()

"""``export-case`` and ``import-case`` from the command line, as a counselor or a script uses them."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pexpect
import pytest
from sqlalchemy import select

from interventiondesk.cli import main
from interventiondesk.model import AuditEvent
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE, TEST_KDF
from tests.services.test_interchange import HOSTILE, SECRET, build_full_case, row_counts


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def reference(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> str:
    """A whole case with hostile text in the test workspace; the passphrase comes from the env."""
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    db = workspace.unlock(PASSPHRASE)
    with db.session() as session:
        case = build_full_case(session, HOSTILE["markup"] + HOSTILE["rtl"] + SECRET)
        case.client.full_name = SECRET
        ref = case.reference
    db.close()
    return ref


def test_export_then_import_on_another_machine(
    workspace: Workspace, reference: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "handover" / "case.json"
    target.parent.mkdir()
    code, out, err = run(
        capsys,
        "--data-dir",
        str(workspace.folder),
        "export-case",
        reference.lower(),
        "-o",
        str(target),
    )
    assert code == 0, err
    assert f"Exported case {reference}" in out and "not encrypted" in out
    assert json.loads(target.read_text(encoding="utf-8"))["case"]["reference"] == reference

    other = tmp_path / "colleague"
    Workspace(other).create(PASSPHRASE, kdf=TEST_KDF)[0].close()
    code, out, err = run(capsys, "--data-dir", str(other), "import-case", str(target))
    assert code == 0, err
    assert out.strip() == f"Imported case {reference}."
    code, out, _ = run(capsys, "--data-dir", str(other), "cases", "--all", "--json")
    (row,) = json.loads(out)
    assert (row["reference"], row["client_name"]) == (reference, SECRET)


def test_importing_into_the_same_workspace_says_a_copy_was_made(
    workspace: Workspace, reference: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "case.json"
    assert (
        run(
            capsys, "--data-dir", str(workspace.folder), "export-case", reference, "-o", str(target)
        )[0]
        == 0
    )
    code, out, err = run(capsys, "--data-dir", str(workspace.folder), "import-case", str(target))
    assert code == 0, err
    assert "a copy was imported" in out and "not changed" in out
    code, out, _ = run(capsys, "--data-dir", str(workspace.folder), "cases", "--all", "--json")
    references = sorted(row["reference"] for row in json.loads(out))
    assert len(references) == 2 and reference in references


def test_an_existing_file_is_kept_unless_the_script_says_yes(
    workspace: Workspace, reference: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "case.json"
    target.write_text("an older export")
    base = ("--data-dir", str(workspace.folder), "export-case", reference, "-o", str(target))
    code, _out, err = run(capsys, *base)
    assert code == 1
    assert err.strip() == (
        "interventiondesk: case.json already exists; nothing was written. Add --yes to replace it."
    )
    assert target.read_text() == "an older export"
    code, _out, err = run(capsys, *base, "--yes")
    assert code == 0, err
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "interventiondesk-case"


@pytest.mark.parametrize(("answer", "replaced"), [("n", False), ("y", True)])
def test_at_a_terminal_replacing_a_file_is_asked(
    workspace: Workspace, reference: str, tmp_path: Path, answer: str, replaced: bool
) -> None:
    target = tmp_path / "case.json"
    target.write_text("an older export")
    env = {**os.environ, "INTERVENTIONDESK_PASSPHRASE": PASSPHRASE}
    child = pexpect.spawn(
        sys.executable,
        [
            "-m",
            "interventiondesk",
            "--data-dir",
            str(workspace.folder),
            "export-case",
            reference,
            "-o",
            str(target),
        ],
        env=env,
        encoding="utf-8",
        timeout=60,
    )
    child.expect(r"case\.json already exists\. Replace it\? \[y/N\] ")
    child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == (0 if replaced else 1)
    assert (target.read_text(encoding="utf-8") != "an older export") is replaced


DAMAGED = {
    "truncated JSON": b'{"format": "interventiondesk-case", "version": "1.0", "case": {',
    "binary junk": bytes(range(256)) * 4,
    "unknown version": b'{"format": "interventiondesk-case", "version": "9.0"}',
    "wrong types": b'{"format": "interventiondesk-case", "version": "1.0", "case": []}',
}


@pytest.mark.parametrize("damage", sorted(DAMAGED))
def test_a_damaged_file_gives_one_clear_line_and_changes_nothing(
    workspace: Workspace,
    reference: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    damage: str,
) -> None:
    target = tmp_path / "damaged.json"
    target.write_bytes(DAMAGED[damage])
    db = workspace.unlock(PASSPHRASE)
    before = row_counts(db)
    db.close()
    code, out, err = run(capsys, "--data-dir", str(workspace.folder), "import-case", str(target))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("interventiondesk: ") and "nothing was imported" in err
    assert "Traceback" not in err
    db = workspace.unlock(PASSPHRASE)
    after = row_counts(db)
    # The only trace is the audited access itself (the command unlocked the workspace).
    assert after.pop("audit_events") == before.pop("audit_events") + 1
    assert after == before
    with db.session() as s:
        assert [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.seq))][-1] == (
            "workspace.unlocked"
        )
    db.close()


def test_unknown_case_and_missing_file(
    workspace: Workspace, reference: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(
        capsys,
        "--data-dir",
        str(workspace.folder),
        "export-case",
        "IN-NOPE0",
        "-o",
        str(tmp_path / "x.json"),
    )
    assert code == 1 and "No case has the reference" in err
    assert not (tmp_path / "x.json").exists()
    code, _out, err = run(
        capsys, "--data-dir", str(workspace.folder), "import-case", str(tmp_path / "missing.json")
    )
    assert code == 1 and "no case file" in err

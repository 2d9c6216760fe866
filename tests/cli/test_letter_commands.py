"""``interventiondesk letters``: reading order on screen and the rehearsal packet as a file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from interventiondesk.cli import main
from interventiondesk.services import audit
from interventiondesk.services.cases import create_case
from interventiondesk.services.letters import add_letter, set_status, update_letter
from interventiondesk.services.participants import add_participant
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE


def _fill(workspace: Workspace) -> tuple[str, str]:
    db = workspace.unlock(PASSPHRASE)
    with db.session() as s:
        case = create_case(s, client_name="Robin Client", kind="planned", model="johnson")
        ann = add_participant(s, case.id, "Ann <b>&amp;</b>")
        ben = add_participant(s, case.id, "Ben 😂", role="closer")
        absent = add_participant(s, case.id, "Dee", role="letter_only")
        for person, words in ((ben, "Closing words."), (ann, "Ann's <i>words</i> & more.")):
            letter = add_letter(s, person.id)
            update_letter(s, letter.id, {"connection": words})
            set_status(s, letter.id, "reviewed")
            set_status(s, letter.id, "final")
        draft = add_letter(s, absent.id)
        update_letter(s, draft.id, {"connection": "Draft only."})
        reference, case_id = case.reference, case.id
    db.close()
    return reference, case_id


def _run(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, *argv: str
) -> tuple[int, str, str]:
    code = main(["--data-dir", str(workspace.folder), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)


def test_packet_is_written_and_audited(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference, case_id = _fill(workspace)
    target = tmp_path / "packet.pdf"
    code, out, err = _run(
        capsys, workspace, "letters", reference.lower(), "-o", str(target), "--final-only"
    )
    assert code == 0, err
    assert "2 letters; 1 not final and left out" in out
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(target).pages).split())
    assert "Ann's <i>words</i> & more." in text and "Closing words." in text
    assert "Draft only." not in text
    db = workspace.unlock(PASSPHRASE)
    with db.session() as s:
        assert audit.events_for_case(s, case_id)[-1].action == "export.rehearsal_packet"
    db.close()


def test_drafts_json_and_encryption(
    workspace: Workspace,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _reference, case_id = _fill(workspace)
    monkeypatch.setenv("INTERVENTIONDESK_PDF_PASSWORD", "harbour kite 5")
    target = tmp_path / "locked.pdf"
    code, out, err = _run(
        capsys, workspace, "letters", case_id, "-o", str(target), "--drafts", "--encrypt", "--json"
    )
    assert code == 0, err
    assert json.loads(out) == {"file": str(target), "letters": 3, "left_out": 0, "objections": 0}
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    assert reader.is_encrypted
    reader.decrypt("harbour kite 5")
    assert "Draft only." in " ".join(p.extract_text() or "" for p in reader.pages)


def test_reading_order_listing(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    reference, _ = _fill(workspace)
    code, out, err = _run(capsys, workspace, "letters", reference)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith(" 1. Ann <b>&amp;</b>: final")
    assert "Dee, read by NO READER YET: draft" in lines[1]
    assert lines[2].startswith(" 3. Ben 😂 (closer): final")
    code, out, _ = _run(capsys, workspace, "letters", reference, "--json")
    rows = json.loads(out)
    assert [r["author"] for r in rows] == ["Ann <b>&amp;</b>", "Dee", "Ben 😂"]
    assert rows[1]["reader"] is None and rows[2]["closer"] is True


def test_errors_are_one_clear_line(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference, _ = _fill(workspace)
    code, _out, err = _run(capsys, workspace, "letters", "IN-NOPE0")
    assert code == 1 and err.startswith("interventiondesk: No case has") and err.count("\n") == 1
    code, _out, err = _run(
        capsys, workspace, "letters", reference, "-o", str(tmp_path / "no" / "such" / "x.pdf")
    )
    assert code == 1 and "does not exist" in err
    assert not (tmp_path / "no").exists()
    code, _out, err = _run(capsys, workspace, "letters", reference, "-o", "x.pdf", "--encrypt")
    assert code == 1 and "INTERVENTIONDESK_PDF_PASSWORD" in err


def test_drafts_are_included_by_default_and_marked(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference, _case_id = _fill(workspace)
    target = tmp_path / "packet.pdf"
    code, out, err = _run(capsys, workspace, "letters", reference, "-o", str(target))
    assert code == 0, err
    assert "(3 letters; 1 marked as draft)" in out
    pages = [page.extract_text() or "" for page in PdfReader(target).pages]
    drafts = [n for n, page in enumerate(pages) if "Draft only." in page]
    assert len(drafts) == 1 and "DRAFT:" in pages[drafts[0]]
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))
    with pytest.raises(SystemExit) as stopped:
        main(
            ["--data-dir", str(workspace.folder), "letters", reference, "--drafts", "--final-only"]
        )
    assert stopped.value.code == 2 and "not allowed with argument" in capsys.readouterr().err


def test_reading_copies_one_file_per_reader(
    workspace: Workspace,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reference, _case_id = _fill(workspace)
    folder = tmp_path / "copies"
    folder.mkdir()
    code, out, err = _run(capsys, workspace, "letters", reference, "--reading-copies", str(folder))
    assert code == 0, err
    # Ann reads her own letter, Ben his; Dee's letter has no reader yet.
    first, second = (f"reading-copy-{reference}-{n}.pdf" for n in (1, 2))
    assert f"Wrote {first} for Ann <b>&amp;</b> (1 letter)." in out
    assert f"Wrote {second} for Ben 😂 (1 letter)." in out
    assert "1 letter has no reader yet and is in no reading copy." in out
    assert sorted(p.name for p in folder.iterdir()) == [first, second]
    ann = " ".join(p.extract_text() or "" for p in PdfReader(folder / first).pages)
    assert "Ann's <i>words</i> & more." in ann and "Closing words." not in ann
    # Existing copies are not replaced unasked; with --yes they are, and --json lists them.
    code, _out, err = _run(capsys, workspace, "letters", reference, "--reading-copies", str(folder))
    assert code == 1 and "already exists" in err and "--yes" in err
    monkeypatch.setenv("INTERVENTIONDESK_PDF_PASSWORD", "harbour kite 5")
    code, out, err = _run(
        capsys,
        workspace,
        "letters",
        reference,
        "-o",
        str(tmp_path / "packet.pdf"),
        "--reading-copies",
        str(folder),
        "--final-only",
        "--encrypt",
        "--yes",
        "--json",
    )
    assert code == 0, err
    report = json.loads(out)
    assert [(c["reader"], c["letters"]) for c in report["reading_copies"]] == [
        ("Ann <b>&amp;</b>", 1),
        ("Ben 😂", 1),
    ]
    assert PdfReader(folder / first).is_encrypted
    code, _out, err = _run(
        capsys, workspace, "letters", reference, "--reading-copies", str(tmp_path / "none")
    )
    assert code == 1 and "does not exist" in err


def test_a_case_without_letters_writes_nothing_and_says_why(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = workspace.unlock(PASSPHRASE)
    with db.session() as s:
        reference = create_case(s, client_name="R", kind="planned", model="johnson").reference
    db.close()
    target = tmp_path / "packet.pdf"
    code, _out, err = _run(capsys, workspace, "letters", reference, "-o", str(target))
    assert code == 1 and "no letters yet" in err and err.count("\n") == 1
    assert not target.exists()

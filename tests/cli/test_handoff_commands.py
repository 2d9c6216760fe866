"""``interventiondesk handoff`` and ``interventiondesk disclosures`` through the real command
line, on a real workspace."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from interventiondesk.cli import main
from interventiondesk.model import HandoffSection
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.handoff_case import (
    MARKERS,
    OTHER_RECIPIENT,
    RECIPIENT,
    TODAY,
    add_consent,
    make_case,
)

REASON = "The client's psychiatrist at the hospital asked for the history before discharge."


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)


def _run(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, *argv: str
) -> tuple[int, str, str]:
    code = main(["--data-dir", str(workspace.folder), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _case(workspace: Workspace, *recipients: str, **consent: object) -> str:
    db = workspace.unlock(PASSPHRASE)
    with db.session() as s:
        case = make_case(s)
        for recipient in recipients:
            add_consent(s, case.case_id, recipients=recipient, **consent)  # type: ignore[arg-type]
    db.close()
    return case.reference


def _text(path: Path, password: str | None = None) -> str:
    reader = PdfReader(path)
    if password is not None:
        reader.decrypt(password)
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_handoff_to_the_one_recipient_with_every_covered_section(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = _case(workspace, RECIPIENT)
    target = tmp_path / "handoff.pdf"
    code, out, err = _run(capsys, workspace, "handoff", reference, "-o", str(target))
    assert (code, err) == (0, "")
    assert f"Wrote the handoff for {RECIPIENT} to {target}." in out
    text = _text(target)
    for section, marker in MARKERS.items():
        assert (marker in text) == (section is not HandoffSection.COUNSELING_NOTES), section
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    assert f"(SHA-256 {digest})" in out
    code, out, _err = _run(capsys, workspace, "disclosures", reference, "--json")
    (row,) = json.loads(out)
    assert row["sha256"] == digest and row["recipient"] == RECIPIENT
    assert row["override_reason"] is None and row["consent_id"]
    assert row["sections"] == [s.value for s in HandoffSection if s in MARKERS][:-1]


def test_several_recipients_are_listed_and_one_must_be_chosen(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = _case(workspace, RECIPIENT, OTHER_RECIPIENT)
    target = tmp_path / "handoff.pdf"
    code, out, err = _run(capsys, workspace, "handoff", reference, "-o", str(target))
    assert code == 1 and out == ""
    assert f"name 2 recipients: {RECIPIENT}; {OTHER_RECIPIENT}. Choose one with --recipient." in err
    assert not target.exists()
    code, out, err = _run(
        capsys,
        workspace,
        "handoff",
        reference,
        "-o",
        str(target),
        "--recipient",
        OTHER_RECIPIENT,
        "--sections",
        "referral, asam",
    )
    assert code == 0, err
    text = _text(target)
    assert MARKERS[HandoffSection.REFERRAL] in text and MARKERS[HandoffSection.ASAM] in text
    assert MARKERS[HandoffSection.HISTORY] not in text


def test_refused_with_an_expired_consent_saying_why(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expired = TODAY - timedelta(days=1)
    reference = _case(
        workspace, RECIPIENT, signed_on=TODAY - timedelta(days=60), expires_on=expired
    )
    target = tmp_path / "handoff.pdf"
    code, out, err = _run(
        capsys, workspace, "handoff", reference, "-o", str(target), "--recipient", RECIPIENT
    )
    assert code == 1 and not target.exists()
    assert f"the consent expired on {expired:%Y-%m-%d}" in err
    assert len(err.strip().splitlines()) == 1
    code, out, _err = _run(capsys, workspace, "disclosures", reference)
    assert "has been disclosed" in out


def test_the_override_is_recorded_and_listed(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = _case(workspace)
    target = tmp_path / "handoff.pdf"
    argv = ["handoff", reference, "-o", str(target), "--recipient", OTHER_RECIPIENT]
    code, _out, err = _run(capsys, workspace, *argv, "--sections", "history")
    assert code == 1 and "no consent of the right kind is on file" in err
    code, _out, err = _run(
        capsys, workspace, *argv, "--sections", "history", "--override-reason", "ok"
    )
    assert code == 1 and "at least a few words" in err
    code, out, err = _run(
        capsys, workspace, *argv, "--sections", "history", "--override-reason", REASON
    )
    assert code == 0, err
    assert "Sent under an override" in out
    code, out, _err = _run(capsys, workspace, "disclosures", reference)
    assert f"to {OTHER_RECIPIENT}" in out and "override: The client's psychiatrist" in out
    assert "sections: history" in out


def test_a_password_file_protects_the_handoff(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = _case(workspace, RECIPIENT)
    secret = tmp_path / "secret.txt"
    secret.write_text("correct horse 42\n", encoding="utf-8")
    target = tmp_path / "handoff.pdf"
    code, _out, err = _run(
        capsys, workspace, "handoff", reference, "-o", str(target), "--password-file", str(secret)
    )
    assert code == 0, err
    assert PdfReader(target).is_encrypted
    assert MARKERS[HandoffSection.HISTORY] in _text(target, "correct horse 42")
    secret.write_text("short\n", encoding="utf-8")
    code, _out, err = _run(
        capsys,
        workspace,
        "handoff",
        reference,
        "-o",
        str(target),
        "--password-file",
        str(secret),
        "--yes",
    )
    assert code == 1 and "at least 8 characters" in err


def test_encrypt_reads_the_pdf_password_variable(
    workspace: Workspace,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reference = _case(workspace, RECIPIENT)
    monkeypatch.setenv("INTERVENTIONDESK_PDF_PASSWORD", "staple battery 7")
    target = tmp_path / "handoff.pdf"
    code, _out, err = _run(capsys, workspace, "handoff", reference, "-o", str(target), "--encrypt")
    assert code == 0, err
    assert MARKERS[HandoffSection.REFERRAL] in _text(target, "staple battery 7")


def test_an_existing_file_is_not_replaced_unasked(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = _case(workspace, RECIPIENT)
    target = tmp_path / "handoff.pdf"
    target.write_bytes(b"older")
    code, _out, err = _run(capsys, workspace, "handoff", reference, "-o", str(target))
    assert code == 1 and "Add --yes" in err and target.read_bytes() == b"older"
    code, _out, err = _run(
        capsys,
        workspace,
        "handoff",
        reference,
        "-o",
        str(target),
        "--sections",
        "nonsense",
        "--yes",
    )
    assert code == 1 and "Unknown section 'nonsense'" in err


def test_disclosures_as_a_pdf_for_the_client(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = _case(workspace, RECIPIENT)
    for name in ("one.pdf", "two.pdf"):
        assert _run(capsys, workspace, "handoff", reference, "-o", str(tmp_path / name))[0] == 0
    target = tmp_path / "accounting.pdf"
    code, out, err = _run(capsys, workspace, "disclosures", reference, "-o", str(target))
    assert code == 0, err
    assert "(2 disclosures)" in out
    text = _text(target)
    for name in ("one.pdf", "two.pdf"):
        assert hashlib.sha256((tmp_path / name).read_bytes()).hexdigest() in text

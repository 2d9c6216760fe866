"""``consents`` on a real workspace: the window's words for people, stable codes for scripts."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from interventiondesk.model import ConsentKind, Disclosure
from interventiondesk.services.cases import create_case
from interventiondesk.services.consents import add_consent, revoke_consent
from interventiondesk.storage.workspace import PASSPHRASE_ENV, Workspace
from tests.cli.running import run
from tests.conftest import PASSPHRASE

TODAY = date.today()


@pytest.fixture
def case(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A case with an active consent expiring in 12 days (one disclosure made under it), an
    unfinished one for counseling notes and a revoked one."""
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    db = workspace.unlock(PASSPHRASE)
    with db.session() as s:
        made = create_case(s, client_name="Rowan Ashgrove", kind="planned", model="johnson")
        active = add_consent(
            s,
            made.id,
            changes={
                "discloser": "Cedar Counseling",
                "information": "Referral and history",
                "recipients": "Dr. Imani <b>Okafor</b>\nLakeside Recovery Center",
                "purpose": "continuity of treatment",
                "revocation_explained": True,
                "expires_on": TODAY + timedelta(days=12),
                "signed_by": "Rowan Ashgrove",
                "signed_on": TODAY - timedelta(days=3),
                "signature_method": "electronic signature",
                "sections": ["referral", "history"],
            },
        )
        notes = add_consent(
            s, made.id, kind=ConsentKind.COUNSELING_NOTES, changes={"purpose": "therapy"}
        )
        revoked = add_consent(s, made.id, changes={"signed_on": TODAY - timedelta(days=9)})
        revoke_consent(s, revoked.id, TODAY - timedelta(days=1))
        s.add(
            Disclosure(
                case_id=made.id,
                consent_id=active.id,
                recipient="Lakeside Recovery Center",
                disclosed_at=datetime.now(UTC),
            )
        )
        ids = {
            "ref": made.reference,
            "case": made.id,
            "active": active.id,
            "notes": notes.id,
            "revoked": revoked.id,
        }
    db.close()
    return ids


def test_consents_in_words(
    workspace: Workspace, case: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--data-dir", str(workspace.folder), "consents", case["ref"])
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"Case {case['ref']}: 3 consents"
    expires = TODAY + timedelta(days=12)
    assert lines[1] == (
        f"1. Substance-use records (42 CFR Part 2): Active, expires {expires} (in 12 days)"
    )
    assert "   Recipients: Dr. Imani <b>Okafor</b>; Lakeside Recovery Center" in lines
    assert (
        "   Covers: Reason for referral and presenting concerns, "
        "Substance-use and mental-health history"
    ) in lines
    signed = TODAY - timedelta(days=3)
    assert f"   Signed by Rowan Ashgrove on {signed} (electronic signature)" in lines
    assert "   1 disclosure made under it" in lines
    assert "2. Counseling notes: Not yet signed, no expiry given" in lines
    assert (
        "   Does not yet name: who may disclose, what information may be disclosed, "
        "who may receive it, that the right to revoke was explained, "
        "an expiry date, event or condition, a signature and its date"
    ) in lines
    revoked_on = TODAY - timedelta(days=1)
    assert (
        f"3. Substance-use records (42 CFR Part 2): Revoked on {revoked_on}, no expiry given"
        in (lines)
    )
    assert (
        lines[-1]
        == "Warning: consent 1 (Substance-use records (42 CFR Part 2)) expires in 12 days."
    )


def test_consents_as_json_keep_codes(
    workspace: Workspace, case: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(
        capsys, "--data-dir", str(workspace.folder), "consents", case["case"], "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["case"] == case["case"] and data["reference"] == case["ref"]
    assert data["today"] == TODAY.isoformat()
    active, notes, revoked = data["consents"]
    assert list(active) == [
        "id",
        "kind",
        "status",
        "patient",
        "discloser",
        "information",
        "recipients",
        "purpose",
        "revocation_explained",
        "expires_on",
        "expiry_event",
        "days_left",
        "expiry_warning",
        "signed_by",
        "signed_on",
        "signature_method",
        "revoked_on",
        "sections",
        "missing",
        "disclosures",
    ]
    assert active["id"] == case["active"] and active["status"] == "active"
    assert active["recipients"] == ["Dr. Imani <b>Okafor</b>", "Lakeside Recovery Center"]
    assert active["sections"] == ["referral", "history"]
    assert active["days_left"] == 12 and active["expiry_warning"] == 14
    assert active["missing"] == [] and active["disclosures"] == 1
    assert notes["kind"] == "counseling_notes" and notes["status"] == "unsigned"
    assert notes["missing"][0] == "discloser" and "purpose" not in notes["missing"]
    assert revoked["status"] == "revoked"
    assert revoked["revoked_on"] == (TODAY - timedelta(days=1)).isoformat()


def test_an_unknown_case_is_one_line(
    workspace: Workspace, case: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--data-dir", str(workspace.folder), "consents", "IN-NOPE")
    assert code == 1 and out == ""
    assert err == "interventiondesk: No case has the reference or identity 'IN-NOPE'.\n"


def test_a_case_without_consents_says_nothing_may_be_disclosed(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    db = workspace.unlock(PASSPHRASE)
    with db.session() as s:
        reference = create_case(s, client_name="A B", kind="crisis", model="craft").reference
    db.close()
    code, out, _err = run(capsys, "--data-dir", str(workspace.folder), "consents", reference)
    assert code == 0
    assert out.splitlines() == [
        f"Case {reference}: 0 consents",
        "No consent is on file: nothing may be disclosed yet.",
    ]

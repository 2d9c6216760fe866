"""The handoff as a use case: refused without a covering consent (saying which element is
missing), the override with its reason, and the file and its disclosure together or not at all."""

from __future__ import annotations

import errno
import hashlib
import os
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from interventiondesk.errors import DiskFull, InterventionDeskError, InvalidInput
from interventiondesk.model import Consent, ConsentKind, Disclosure, HandoffSection
from interventiondesk.services import audit
from interventiondesk.services.disclosures import disclosure_rows
from interventiondesk.services.handoff import (
    HandoffRequest,
    check_handoff,
    check_override_reason,
    export_handoff,
    handoff_choices,
    prepare_handoff,
    save_handoff,
)
from interventiondesk.storage.database import Database
from interventiondesk.storage.workspace import Workspace
from tests.handoff_case import (
    COUNSELOR,
    COVERED,
    OTHER_RECIPIENT,
    RECIPIENT,
    TODAY,
    HandoffCase,
    add_consent,
    make_case,
)
from tests.services.test_interchange import row_counts
from tests.writers import Committer

REASON = "The client is in the emergency room and the attending psychiatrist asked for it now."


@pytest.fixture
def case(db: Database) -> HandoffCase:
    with db.session() as s:
        return make_case(s)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _consent(db: Database, case: HandoffCase, **fields: object) -> str:
    with db.session() as s:
        return add_consent(s, case.case_id, **fields).id  # type: ignore[arg-type]


def _disclosures(db: Database, case_id: str) -> list[Disclosure]:
    with db.session() as s:
        rows = list(s.scalars(select(Disclosure).where(Disclosure.case_id == case_id)))
        s.expunge_all()
    return rows


def _audit(db: Database, case_id: str) -> list[str]:
    with db.session() as s:
        return [e.detail for e in audit.events_for_case(s, case_id) if e.action == "export.handoff"]


def _refused(
    db: Database, case: HandoffCase, out: Path, request: HandoffRequest, words: str
) -> None:
    before = row_counts(db)
    with pytest.raises(InvalidInput, match=words):
        export_handoff(db, case.case_id, out / "handoff.pdf", request)
    assert list(out.iterdir()) == []
    assert row_counts(db) == before


def test_a_covered_handoff_is_written_with_its_disclosure(
    db: Database, case: HandoffCase, out: Path
) -> None:
    consent_id = _consent(db, case)
    target = out / "handoff.pdf"
    sections = frozenset({HandoffSection.HISTORY, HandoffSection.ASAM})
    row = export_handoff(db, case.case_id, target, HandoffRequest(RECIPIENT, sections))
    data = target.read_bytes()
    assert hashlib.sha256(data).hexdigest() == row.sha256
    (disclosure,) = _disclosures(db, case.case_id)
    assert disclosure.document_sha256 == hashlib.sha256(data).hexdigest()
    assert disclosure.consent_id == consent_id
    assert disclosure.recipient == RECIPIENT
    assert disclosure.disclosed_by == COUNSELOR
    assert disclosure.sent_sections == sections
    assert disclosure.override_reason == ""
    assert disclosure.purpose == "Continuity of care after residential treatment."
    assert "ASAM dimensions" in disclosure.information
    (detail,) = _audit(db, case.case_id)
    assert f"disclosure {disclosure.id}" in detail and "override=no" in detail
    assert "Whitcombe" not in detail and "Osei" not in detail
    assert len(PdfReader(target).pages) >= 2


def test_refused_without_any_consent(db: Database, case: HandoffCase, out: Path) -> None:
    _refused(
        db,
        case,
        out,
        HandoffRequest(RECIPIENT, frozenset()),
        "No active consent covers this handoff: no consent of the right kind is on file",
    )


def test_refused_with_an_expired_consent(db: Database, case: HandoffCase, out: Path) -> None:
    _consent(db, case, signed_on=TODAY - timedelta(days=90), expires_on=TODAY - timedelta(days=1))
    expired = f"{TODAY - timedelta(days=1):%Y-%m-%d}"
    _refused(db, case, out, HandoffRequest(RECIPIENT, frozenset()), f"expired on {expired}")


def test_refused_with_a_revoked_consent(db: Database, case: HandoffCase, out: Path) -> None:
    _consent(db, case, revoked_on=TODAY - timedelta(days=3))
    revoked = f"{TODAY - timedelta(days=3):%Y-%m-%d}"
    _refused(db, case, out, HandoffRequest(RECIPIENT, COVERED), f"revoked on {revoked}")


def test_refused_for_a_recipient_the_consent_does_not_name(
    db: Database, case: HandoffCase, out: Path
) -> None:
    _consent(db, case)
    _refused(
        db, case, out, HandoffRequest(OTHER_RECIPIENT, frozenset()), "does not name this recipient"
    )


def test_refused_when_a_consent_lacks_an_element(
    db: Database, case: HandoffCase, out: Path
) -> None:
    consent_id = _consent(db, case)
    with db.session() as s:
        s.get_one(Consent, consent_id).revocation_explained = False
    _refused(
        db,
        case,
        out,
        HandoffRequest(RECIPIENT, frozenset()),
        "does not name that the right to revoke was explained",
    )


def test_counseling_notes_need_their_own_consent(
    db: Database, case: HandoffCase, out: Path
) -> None:
    main_consent = _consent(db, case)
    notes = frozenset({HandoffSection.COUNSELING_NOTES})
    _refused(
        db,
        case,
        out,
        HandoffRequest(RECIPIENT, notes),
        "counseling notes: no consent of the right kind is on file",
    )
    notes_consent = _consent(db, case, kind=ConsentKind.COUNSELING_NOTES, sections=frozenset(notes))
    export_handoff(db, case.case_id, out / "handoff.pdf", HandoffRequest(RECIPIENT, notes))
    assert f"consents={main_consent},{notes_consent}" in _audit(db, case.case_id)[0]
    (disclosure,) = _disclosures(db, case.case_id)
    assert (disclosure.consent_id, disclosure.notes_consent_id) == (main_consent, notes_consent)
    with db.session() as s:
        (row,) = disclosure_rows(s, case.case_id)
    main_words, notes_words = row.consent.split("; ")
    assert main_words.startswith("Substance-use records (42 CFR Part 2)")
    assert notes_words.startswith("counseling notes under Counseling notes, signed")


def test_sections_the_consent_does_not_cover_are_not_allowed(
    db: Database, case: HandoffCase
) -> None:
    _consent(db, case, sections=frozenset({HandoffSection.REFERRAL, HandoffSection.HISTORY}))
    with db.session() as s:
        check = check_handoff(s, case.case_id, RECIPIENT, frozenset({HandoffSection.ASAM}))
        other = check_handoff(s, case.case_id, OTHER_RECIPIENT, frozenset())
    assert check.allowed == {HandoffSection.REFERRAL, HandoffSection.HISTORY}
    assert check.problems == ("the consent does not cover: asam",)
    assert other.allowed == frozenset() and not other.covered


def test_the_override_needs_a_meaningful_reason_and_is_recorded(
    db: Database, case: HandoffCase, out: Path
) -> None:
    for weak in ("", "   ", "n/a", "urgent", "doctor asked"):
        if weak.strip():
            with pytest.raises(InvalidInput, match="at least a few words"):
                check_override_reason(weak)
        request = HandoffRequest(OTHER_RECIPIENT, frozenset(), override_reason=weak)
        with pytest.raises(InvalidInput, match="Nothing was written"):
            export_handoff(db, case.case_id, out / "handoff.pdf", request)
    assert list(out.iterdir()) == []
    request = HandoffRequest(OTHER_RECIPIENT, frozenset({HandoffSection.HISTORY}), REASON)
    row = export_handoff(db, case.case_id, out / "handoff.pdf", request)
    assert row.override_reason == REASON and row.consent_id is None
    (disclosure,) = _disclosures(db, case.case_id)
    assert disclosure.override_reason == REASON
    (detail,) = _audit(db, case.case_id)
    assert "override=yes" in detail and "emergency" not in detail
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(out / "handoff.pdf").pages
    )
    assert "Sent without a consent covering all of it" in text
    assert "no consent of the right kind is on file" in text
    assert "attending psychiatrist" in text


def test_a_covered_handoff_records_no_override_reason(
    db: Database, case: HandoffCase, out: Path
) -> None:
    _consent(db, case)
    request = HandoffRequest(RECIPIENT, frozenset({HandoffSection.REFERRAL}), REASON)
    row = export_handoff(db, case.case_id, out / "handoff.pdf", request)
    assert row.override_reason == "" and row.consent_id is not None


def test_a_consent_revoked_after_the_preview_stops_the_save(
    db: Database, case: HandoffCase, out: Path
) -> None:
    consent_id = _consent(db, case)
    prepared = prepare_handoff(db, case.case_id, HandoffRequest(RECIPIENT, COVERED))
    with db.session() as s:
        s.get_one(Consent, consent_id).revoked_on = TODAY
    before = row_counts(db)
    with pytest.raises(InvalidInput, match="revoked"):
        save_handoff(db, prepared, out / "handoff.pdf")
    assert list(out.iterdir()) == [] and row_counts(db) == before


def test_the_saved_file_is_exactly_the_prepared_bytes(
    db: Database, case: HandoffCase, out: Path
) -> None:
    _consent(db, case)
    prepared = prepare_handoff(
        db, case.case_id, HandoffRequest(RECIPIENT, COVERED, password="correct horse 42")
    )
    row = save_handoff(db, prepared, out / "handoff.pdf")
    assert (out / "handoff.pdf").read_bytes() == prepared.data
    assert row.sha256 == prepared.sha256
    assert PdfReader(out / "handoff.pdf").is_encrypted
    assert "encrypted=yes" in _audit(db, case.case_id)[0]


def test_a_short_password_is_refused_before_anything_is_read(
    db: Database, case: HandoffCase
) -> None:
    _consent(db, case)
    with pytest.raises(InvalidInput, match="at least 8 characters"):
        prepare_handoff(db, case.case_id, HandoffRequest(RECIPIENT, COVERED, password="short"))


def test_a_failing_write_leaves_no_record(
    db: Database, case: HandoffCase, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _consent(db, case)
    prepared = prepare_handoff(db, case.case_id, HandoffRequest(RECIPIENT, COVERED))
    before = row_counts(db)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(DiskFull):
        save_handoff(db, prepared, out / "handoff.pdf")
    monkeypatch.undo()
    assert list(out.iterdir()) == [] and row_counts(db) == before


def test_a_failing_commit_leaves_no_file(db: Database, case: HandoffCase, out: Path) -> None:
    _consent(db, case)
    prepared = prepare_handoff(db, case.case_id, HandoffRequest(RECIPIENT, COVERED))
    (out / "handoff.pdf").write_bytes(b"an older file")
    before = row_counts(db)

    def refuse(_session: Session) -> None:  # as a database on a failing disk does
        raise InterventionDeskError("The disk refused the write.")

    event.listen(Session, "before_commit", refuse)
    try:
        with pytest.raises(InterventionDeskError, match="refused the write"):
            save_handoff(db, prepared, out / "new.pdf")
    finally:
        event.remove(Session, "before_commit", refuse)
    assert sorted(p.name for p in out.iterdir()) == ["handoff.pdf"]
    assert (out / "handoff.pdf").read_bytes() == b"an older file"
    assert row_counts(db) == before


def test_the_choices_name_the_recipients_of_active_consents(
    db: Database, case: HandoffCase
) -> None:
    _consent(db, case, recipients=f"{RECIPIENT}; {OTHER_RECIPIENT}")
    _consent(db, case, recipients="Old Clinic", revoked_on=TODAY - timedelta(days=1))
    _consent(db, case, recipients=RECIPIENT.upper())
    with db.session() as s:
        choices = handoff_choices(s, case.case_id)
    assert choices.recipients == (RECIPIENT, OTHER_RECIPIENT)
    assert choices.consents_on_file == 3


def test_handoffs_succeed_while_another_connection_commits(
    workspace: Workspace, db: Database, case: HandoffCase, out: Path
) -> None:
    _consent(db, case)
    with Committer(workspace) as other:
        for number in range(3):
            export_handoff(
                db, case.case_id, out / f"h{number}.pdf", HandoffRequest(RECIPIENT, COVERED)
            )
    assert other.commits > 3
    assert len(_disclosures(db, case.case_id)) == 3

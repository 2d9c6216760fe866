"""The accounting of disclosures: every handoff listed with who, to whom, when, what, under which
consent or override, and its hash; and the PDF for the client, read back."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pypdf import PdfReader

from interventiondesk.errors import InvalidInput
from interventiondesk.model import HandoffSection
from interventiondesk.services import audit
from interventiondesk.services.disclosures import (
    disclosure_rows,
    disclosures_view,
    export_accounting,
)
from interventiondesk.services.handoff import HandoffRequest, export_handoff
from interventiondesk.storage.database import Database
from tests.handoff_case import CLIENT, COUNSELOR, OTHER_RECIPIENT, RECIPIENT, add_consent, make_case

REASON = "The hospital's crisis team needs the history tonight; the client agreed by phone."


def _two_handoffs(db: Database, folder: Path) -> tuple[str, list[Path]]:
    with db.session() as s:
        case = make_case(s)
        add_consent(s, case.case_id)
    files = [folder / "first.pdf", folder / "second.pdf"]
    export_handoff(
        db, case.case_id, files[0], HandoffRequest(RECIPIENT, frozenset({HandoffSection.ASAM}))
    )
    export_handoff(
        db,
        case.case_id,
        files[1],
        HandoffRequest(OTHER_RECIPIENT, frozenset({HandoffSection.HISTORY}), REASON),
    )
    return case.case_id, files


def test_rows_list_every_disclosure_oldest_first(db: Database, tmp_path: Path) -> None:
    case_id, files = _two_handoffs(db, tmp_path)
    with db.session() as s:
        rows = disclosure_rows(s, case_id)
        view = disclosures_view(s, case_id)
    assert view.rows == tuple(rows)
    first, second = rows
    assert first.disclosed_at <= second.disclosed_at
    assert (first.recipient, second.recipient) == (RECIPIENT, OTHER_RECIPIENT)
    assert first.sections == (HandoffSection.ASAM,)
    assert second.sections == (HandoffSection.HISTORY,)
    assert first.consent.startswith("Substance-use records (42 CFR Part 2), signed ")
    assert (first.override_reason, second.override_reason) == ("", REASON)
    assert second.consent == "" and second.consent_id is None
    assert first.disclosed_by == second.disclosed_by == COUNSELOR
    for row, path in zip(rows, files, strict=True):
        assert row.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_accounting_pdf_lists_them_for_the_client(db: Database, tmp_path: Path) -> None:
    case_id, _files = _two_handoffs(db, tmp_path)
    target = tmp_path / "accounting.pdf"
    assert export_accounting(db, case_id, target) == 2
    reader = PdfReader(target)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    with db.session() as s:
        rows = disclosure_rows(s, case_id)
        actions = [e.action for e in audit.events_for_case(s, case_id)]
    assert f"For {CLIENT}" in text
    for row in rows:
        assert row.sha256 in text
        assert f"{row.disclosed_at:%Y-%m-%d %H:%M} UTC" in text
    assert f"to {RECIPIENT}" in text and f"to {OTHER_RECIPIENT}" in text
    assert "An override (no covering consent)" in text and "crisis team needs" in text
    assert "Client identifiers; ASAM dimensions; a description of the consent." in text
    assert "Page 1 of" in text
    metadata = reader.metadata
    assert metadata is not None and CLIENT not in (metadata.title or "")
    assert actions.count("export.accounting_of_disclosures") == 1


def test_an_accounting_without_disclosures_says_so(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        case_id = make_case(s).case_id
    export_accounting(db, case_id, tmp_path / "a.pdf")
    text = " ".join(PdfReader(tmp_path / "a.pdf").pages[0].extract_text().split())
    assert "Nothing from this record has been disclosed." in text


def test_a_folder_is_not_a_file_name(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        case_id = make_case(s).case_id
    with pytest.raises(InvalidInput, match="That is a folder"):
        export_accounting(db, case_id, tmp_path)

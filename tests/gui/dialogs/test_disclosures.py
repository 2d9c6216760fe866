"""Case › Accounting of disclosures… in the real main window: the list, one in full, the PDF."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from interventiondesk.gui.dialogs.disclosures import DisclosuresDialog
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.model import HandoffSection
from interventiondesk.services.handoff import HandoffRequest, export_handoff
from interventiondesk.storage.database import Database
from tests.handoff_case import OTHER_RECIPIENT, RECIPIENT, add_consent, make_case

REASON = "The hospital's crisis team asked for the history before the client's discharge."


def test_the_accounting_lists_each_disclosure_and_exports_it(
    window: MainWindow, db: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    with db.session() as s:
        case = make_case(s)
        add_consent(s, case.case_id)
    rows = [
        export_handoff(
            db, case.case_id, tmp_path / "a.pdf", HandoffRequest(RECIPIENT, frozenset())
        ),
        export_handoff(
            db,
            case.case_id,
            tmp_path / "b.pdf",
            HandoffRequest(OTHER_RECIPIENT, frozenset({HandoffSection.HISTORY}), REASON),
        ),
    ]
    window.reload_cases()
    window.open_case(case.case_id)
    window.actions_by_name["disclosures"].trigger()
    dialog = window.findChild(DisclosuresDialog)
    assert isinstance(dialog, DisclosuresDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.summary.text() == "2 disclosures, oldest first."
    assert dialog.list.topLevelItemCount() == 2
    first, second = (dialog.list.topLevelItem(n) for n in range(2))
    assert first is not None and second is not None
    assert first.text(1) == RECIPIENT and second.text(1) == OTHER_RECIPIENT
    assert second.text(2) == "Override"
    assert rows[0].sha256 in dialog.details.toPlainText()
    dialog.list.setCurrentItem(second)
    details = dialog.details.toPlainText()
    assert f"Sent under an override. Reason: {REASON}" in details
    assert "Sections: Substance-use and mental-health history" in details
    assert rows[1].sha256 in details
    target = tmp_path / "accounting.pdf"
    assert dialog.export_to(target)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(target).pages)
    assert all(row.sha256 in text for row in rows)
    assert dialog.export_to(tmp_path) is False
    assert "That is a folder" in dialog.problem.text()


def test_a_case_without_disclosures_says_so(window: MainWindow, db: Database, qtbot: QtBot) -> None:
    with db.session() as s:
        case_id = make_case(s).case_id
    window.reload_cases()
    window.open_case(case_id)
    window.actions_by_name["disclosures"].trigger()
    dialog = window.findChild(DisclosuresDialog)
    assert isinstance(dialog, DisclosuresDialog)
    assert dialog.summary.text() == "Nothing from this case has been disclosed."
    assert dialog.details.toPlainText() == ""

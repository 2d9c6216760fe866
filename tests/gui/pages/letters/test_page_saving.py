"""The Letters page keeps unsaved text, follows saves made elsewhere, and exports in the background
without mixing up cases."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem
from pytestqt.qtbot import QtBot

from interventiondesk.model import Letter, LetterStatus
from interventiondesk.services.cases import create_case, update_case
from interventiondesk.services.letters import add_letter, set_status, update_letter
from interventiondesk.services.participants import (
    add_participant,
    remove_participant,
    update_participant,
)
from interventiondesk.services.records import get_record
from interventiondesk.storage.database import Database
from tests.gui.pages.letters.test_page import HOSTILE, guidance_text, make_page

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


def click_item(qtbot: QtBot, view: QListWidget, item: QListWidgetItem) -> None:
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualItemRect(item).center()
    )


def item_named(view: QListWidget, name: str) -> QListWidgetItem:
    return next(view.item(i) for i in range(view.count()) if view.item(i).text().startswith(name))


def texts(combo: object) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]  # type: ignore[attr-defined]


def letter(db: Database, letter_id: str) -> Letter:
    with db.session() as s:
        found = get_record(s, Letter, letter_id, "letter")
        s.expunge(found)
        return found


def test_a_letter_whose_text_cannot_be_saved_stays_on_screen(qtbot: QtBot, db: Database) -> None:
    page, case_id, ids = make_page(qtbot, db)
    with db.session() as s:
        ann = add_letter(s, ids["Ann"]).id
        cy = add_letter(s, ids["Cy"]).id
        update_letter(s, ann, {"connection": "Words of Ann.", "impact": "Ann's impact."})
        update_letter(s, cy, {"connection": "Words of Cy.", "impact": "Cy's impact."})
    page.load_case(case_id)
    messages: list[str] = []
    page.state.failed.connect(messages.append)
    click_item(qtbot, page.letter_list, item_named(page.letter_list, "Ann"))
    assert page.editor.letter_id == ann
    connection = page.editor.section_edits["connection"]
    connection.setFocus()
    connection.moveCursor(connection.textCursor().MoveOperation.End)
    qtbot.keyClicks(connection, " I remember the lake")
    # Meanwhile the letter is made final elsewhere (the command line): the typing is refused.
    with db.session() as s:
        set_status(s, ann, "reviewed")
        set_status(s, ann, "final")
    click_item(qtbot, page.letter_list, item_named(page.letter_list, "Cy"))
    assert messages and "final" in messages[-1]
    assert page.editor.letter_id == ann
    assert page.letter_list.currentItem().data(Qt.ItemDataRole.UserRole) == ann
    assert connection.toPlainText() == "Words of Ann. I remember the lake"
    assert page.editor.section_edits["impact"].toPlainText() == "Ann's impact."
    # Reopened as a draft, the typing is saved to Ann's letter on the next click, not Cy's.
    with db.session() as s:
        set_status(s, ann, "draft")
    click_item(qtbot, page.letter_list, item_named(page.letter_list, "Cy"))
    assert page.editor.letter_id == cy
    assert connection.toPlainText() == "Words of Cy."
    assert letter(db, ann).connection == "Words of Ann. I remember the lake"
    assert letter(db, cy).connection == "Words of Cy."


def test_editing_a_reviewed_letter_shows_it_as_a_draft_again(qtbot: QtBot, db: Database) -> None:
    page, case_id, ids = make_page(qtbot, db)
    with db.session() as s:
        ann = add_letter(s, ids["Ann"]).id
        update_letter(s, ann, {"connection": "I love you.", "request": "Will you go today?"})
        set_status(s, ann, "reviewed")
    page.load_case(case_id)
    editor = page.editor
    assert editor.status_label.text().startswith("Reviewed · reviewed by")
    assert editor.final_button.isEnabled() and not editor.review_button.isEnabled()
    impact = editor.section_edits["impact"]
    impact.setFocus()
    qtbot.keyClicks(impact, "I was scared")
    assert page.flush()
    qtbot.keyClicks(impact, " and alone")  # typed before the page catches up
    qtbot.waitUntil(lambda: editor.status_label.text() == "Draft")
    assert not editor.final_button.isEnabled() and editor.review_button.isEnabled()
    assert page.letter_list.currentItem().text().endswith("Draft")
    assert impact.toPlainText() == "I was scared and alone"
    assert impact.hasFocus()
    assert page.flush()
    assert letter(db, ann).impact == "I was scared and alone"
    assert letter(db, ann).status is LetterStatus.DRAFT


def test_the_page_follows_team_changes_made_elsewhere(qtbot: QtBot, db: Database) -> None:
    page, case_id, ids = make_page(qtbot, db)
    with db.session() as s:
        ann = add_letter(s, ids["Ann"]).id
        update_letter(s, ann, {"connection": "Grandma Zorbalene came."})
    page.load_case(case_id)
    page.objection_rows.add()
    who = page.objection_rows.row_widgets(page.objection_rows.record_ids()[0])[2]
    who.setCurrentIndex(who.findData(ids["Cy"]))  # type: ignore[attr-defined]
    assert page.flush()
    assert "Spelling" in guidance_text(page)
    state = page.state
    # Saved on the Participants page while the Letters page is on screen.
    state.write(lambda s: add_participant(s, case_id, "Zorbalene " + HOSTILE).id, case_id=case_id)
    state.write(lambda s: remove_participant(s, ids["Cy"]).id, case_id=case_id)
    state.write(lambda s: update_participant(s, ids["Ann"], {"name": "Annie"}).id, case_id=case_id)
    qtbot.waitUntil(lambda: "Zorbalene " + HOSTILE in texts(page.author))
    assert "Cy" not in texts(page.author) and "Annie" in texts(page.author)
    assert texts(who) == ["(anyone)", "Annie", "Ben", "Dee", "Zorbalene " + HOSTILE]
    assert who.currentData() is None  # type: ignore[attr-defined]
    assert page.letter_list.item(0).text().startswith("Annie ·")
    assert page.editor.heading.text() == "Letter by Annie"
    assert "Zorbalene " + HOSTILE in texts(page.reader)
    assert "Spelling" not in guidance_text(page)
    assert not page.saver.has_pending
    # While another page is shown, nothing is read; the change shows when it comes back.
    page.hide()
    state.write(lambda s: update_case(s, case_id, {"model": "invitational"}).id, case_id=case_id)
    assert page.stale and texts(page.kind) == ["Letter", "Bottom-line letter"]
    page.show()
    qtbot.waitUntil(lambda: texts(page.kind) == ["Letter"])


def test_export_jobs_outlive_a_case_switch(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    page, case_id, ids = make_page(qtbot, db)
    with db.session() as s:
        other = create_case(s, client_name="Other Client", kind="planned", model="johnson").id
        # A packet needs a letter to print (a case without one is refused, issue 9).
        add_letter(s, ids["Ann"])
        add_letter(s, add_participant(s, other, "Olive").id)
    page.load_case(case_id)
    reports: list[tuple[bool, str]] = []
    page.exportFinished.connect(lambda ok, message: reports.append((ok, message)))
    page.export_to(tmp_path / "first.pdf")
    page.export_to(tmp_path / "second.pdf")  # one at a time: not started
    assert not page.export_button.isEnabled()
    page.set_read_only(False)  # every case switch does this
    assert not page.export_button.isEnabled()
    page.load_case(other)
    assert page.export_status.text() == ""
    assert not page.export_button.isEnabled()
    qtbot.waitUntil(lambda: len(reports) == 1, timeout=20_000)
    assert reports == [(True, str(tmp_path / "first.pdf"))]
    assert not (tmp_path / "second.pdf").exists()
    assert page.export_status.text().startswith("The case you had open before: Saved")
    assert page.export_button.isEnabled()
    # An archived case can still be exported, and the button comes back after it.
    page.set_read_only(True)
    assert page.export_button.isEnabled()
    with qtbot.waitSignal(page.exportFinished, timeout=20_000) as blocker:
        page.export_to(tmp_path / "archived.pdf")
    assert blocker.args == [True, str(tmp_path / "archived.pdf")]
    assert page.export_status.text().startswith("Saved the rehearsal packet to")
    assert page.export_button.isEnabled()

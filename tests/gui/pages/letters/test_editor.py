"""The letter editor: dictionary words, guidance that is out of date, localised dates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QLocale, Qt
from pytestqt.qtbot import QtBot

from interventiondesk.services.letters import add_letter, dictionary_words, set_status
from interventiondesk.services.letters import update_letter as write_letter
from interventiondesk.storage.database import Database
from tests.gui.pages.letters.test_page import guidance_text, make_page

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


@pytest.fixture
def german() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        yield
    finally:
        QLocale.setDefault(before)


def test_adding_a_word_saves_no_letter_text(qtbot: QtBot, db: Database) -> None:
    page, _case_id, ids = make_page(qtbot, db)
    page.author.setCurrentIndex(page.author.findData(ids["Ann"]))
    page.start_letter()
    editor = page.editor
    editor.section_edits["impact"].setPlainText("Grandma Zorbalene came.")
    editor.section_edits["request"].setPlainText("Grandpa Quimbleton too.")
    assert page.flush()
    editor.refresh_guidance()
    row = next(i for i, f in enumerate(editor.findings) if f.rule_id == "spelling")
    editor.guidance.setCurrentRow(row)
    saves: list[None] = []
    page.state.saved.connect(lambda: saves.append(None))
    editor.add_word.click()
    assert not page.saver.has_pending
    assert len(saves) == 1  # the word only, no letter section
    with db.session() as s:
        assert dictionary_words(s) == ["Zorbalene"]
    assert [f.section for f in editor.findings if f.rule_id == "spelling"] == ["request"]


def test_guidance_typed_past_is_checked_again_before_use(qtbot: QtBot, db: Database) -> None:
    page, _case_id, ids = make_page(qtbot, db)
    page.author.setCurrentIndex(page.author.findData(ids["Ann"]))
    page.start_letter()
    editor = page.editor
    impact = editor.section_edits["impact"]
    impact.setPlainText("We all hope that Grandma Zorbalene came.")
    editor.refresh_guidance()
    row = next(i for i, f in enumerate(editor.findings) if f.rule_id == "spelling")
    editor.guidance.setCurrentRow(row)
    impact.setPlainText("Hi")  # shorter than where the finding was; not checked again yet
    editor.guidance.setFocus()
    qtbot.keyClick(editor.guidance, Qt.Key.Key_Return)  # jump to the finding
    assert impact.toPlainText() == "Hi" and not impact.textCursor().hasSelection()
    assert "Spelling" not in guidance_text(page)  # checked again instead
    editor.add_selected_word()
    with db.session() as s:
        assert dictionary_words(s) == []


def test_review_dates_follow_the_users_locale(qtbot: QtBot, db: Database, german: None) -> None:
    page, case_id, ids = make_page(qtbot, db)
    with db.session() as s:
        letter = add_letter(s, ids["Ann"]).id
        write_letter(s, letter, {"connection": "I love you."})
        set_status(
            s, letter, "reviewed", reviewer="Sam", now=datetime(2026, 11, 28, 13, 5, tzinfo=UTC)
        )
    page.load_case(case_id)
    text = page.editor.status_label.text()
    assert text.startswith("Reviewed · reviewed by Sam on 28.11.2026 "), text  # year in full

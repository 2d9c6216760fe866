"""The Letters page's letter list: removing asks first and can be undone, names are readable,
and every access key on screen is unique."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.services.letters import add_letter, letters_for_case, update_letter
from interventiondesk.storage.database import Database
from tests.gui.pages.letters.test_page import HOSTILE, make_page

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


def answer_when_asked(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        try:
            assert isinstance(box, QMessageBox)
            seen.append(box.text())
            box.button(button).click()
        finally:  # never leave the test waiting on an open dialog
            if box is not None and box.isVisible():
                box.reject()

    QTimer.singleShot(50, answer)


def test_remove_a_letter_after_asking_and_restore_it(qtbot: QtBot, db: Database) -> None:
    page, case_id, ids = make_page(qtbot, db)
    with db.session() as s:
        ann = add_letter(s, ids["Ann"]).id
        update_letter(s, ann, {"connection": HOSTILE})
    page.load_case(case_id)
    assert page.editor.letter_id == ann
    assert not page.restore_button.isEnabled()
    asked: list[str] = []
    answer_when_asked(QMessageBox.StandardButton.No, asked)
    page.remove_button.click()
    assert asked and "Restore letter" in asked[0]
    assert page.letter_list.count() == 1 and page.editor.letter_id == ann
    answer_when_asked(QMessageBox.StandardButton.Yes, asked)
    page.remove_button.click()
    assert page.letter_list.count() == 0 and page.editor.letter_id is None
    assert page.removed.currentText() == "Ann · Letter"
    assert page.restore_button.isEnabled()
    with db.session() as s:
        assert letters_for_case(s, case_id) == []
    page.restore_button.click()
    assert page.letter_list.count() == 1 and page.removed.count() == 0
    assert page.editor.letter_id == ann
    assert page.editor.section_edits["connection"].toPlainText() == HOSTILE
    assert page.letter_list.currentItem().text() == "Ann · Letter · Draft"
    # An archived case shows its removed letters but cannot bring them back.
    answer_when_asked(QMessageBox.StandardButton.Yes, asked)
    page.remove_button.click()
    page.set_read_only(True)
    assert not page.restore_button.isEnabled()
    assert not page.remove_letter(confirmed=True)


def test_the_letter_list_shows_whole_names(qtbot: QtBot, db: Database) -> None:
    page, case_id, ids = make_page(qtbot, db)
    with db.session() as s:
        add_letter(s, ids["Dee"])
    page.load_case(case_id)
    item = page.letter_list.item(0)
    width = QFontMetrics(page.letter_list.font()).horizontalAdvance(item.text())
    assert page.letter_list.viewport().width() > width
    assert item.toolTip() == item.text()


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text)
    return found.group(1).lower() if found else None


def test_access_keys_are_unique_on_every_tab(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    menu_keys = {mnemonic(action.text()) for action in window.menuBar().actions()} - {None}
    assert menu_keys
    page, case_id, ids = make_page(qtbot, db)
    with db.session() as s:
        add_letter(s, ids["Ann"])
    page.load_case(case_id)
    page.objection_rows.add()
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        keys: list[str | None] = [mnemonic(page.tabs.tabText(i)) for i in range(page.tabs.count())]
        for widget in page.findChildren(QWidget):
            if widget.isVisible() and isinstance(widget, QLabel | QAbstractButton):
                keys.append(mnemonic(widget.text()))
        used = [key for key in keys if key]
        assert len(used) == len(set(used)), (tab, sorted(used))
        assert not set(used) & menu_keys, (tab, set(used) & menu_keys)

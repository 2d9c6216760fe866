"""The Participants page driven with qtbot: add, type, warnings, reorder, remove and restore."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
)
from pytestqt.qtbot import QtBot

from interventiondesk.gui.pages.participants.page import ParticipantsPage
from interventiondesk.gui.shell.state import AppState
from interventiondesk.services.cases import create_case
from interventiondesk.services.participants import add_participant, roster
from interventiondesk.storage.database import Database
from tests.gui.conftest import replace_text

HOSTILE_NOTE = '<b>&amp;</b> <script>x</script> "may go off script" — مريم 😂\n' + "z" * 100_000


def make_page(
    qtbot: QtBot, db: Database, model: str = "love_first"
) -> tuple[ParticipantsPage, str]:
    with db.session() as s:
        case_id = create_case(s, client_name="Robin", kind="planned", model=model).id
    page = ParticipantsPage(AppState(db))
    qtbot.addWidget(page)
    page.show()
    page.load_case(case_id)
    return page, case_id


def names(db: Database, case_id: str) -> list[str]:
    with db.session() as s:
        return [p.name for p in roster(s, case_id)]


def field(page: ParticipantsPage, name: str) -> object:
    return page.fields[name]


def test_add_type_and_save_hostile_text(qtbot: QtBot, db: Database) -> None:
    page, case_id = make_page(qtbot, db)
    page.add()
    name = field(page, "name")
    assert isinstance(name, QLineEdit)
    assert name.hasFocus() or name.selectedText() == name.text()
    name.clear()
    qtbot.keyClicks(name, "Ann O'Neil <b>")
    notes = field(page, "counselor_notes")
    assert isinstance(notes, QPlainTextEdit)
    notes.setPlainText(HOSTILE_NOTE)
    assert page.flush()
    with db.session() as s:
        person = roster(s, case_id)[0]
        assert person.name == "Ann O'Neil <b>"
        assert person.counselor_notes == HOSTILE_NOTE
    assert page.people.item(0).text().startswith("Ann O'Neil <b>")


def test_warnings_follow_the_roster(qtbot: QtBot, db: Database) -> None:
    page, _case_id = make_page(qtbot, db)
    assert "chairperson" in page.warnings.text()
    assert "Team size: 0 attending members; this model suggests 3 to 7." in page.warnings.text()
    for count, role in enumerate(("chairperson", "detail_person", "closer"), start=1):
        page.add()
        combo = field(page, "role")
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(role))
        assert page.flush()
        if count == 1:
            assert "Team size: 1 attending member; this model" in page.warnings.text()
        elif count == 2:
            assert "Team size: 2 attending members; this model" in page.warnings.text()
    assert page.warnings.text() == "No warnings about the team."
    minor = field(page, "is_minor")
    assert isinstance(minor, QCheckBox)
    minor.setChecked(True)
    assert page.flush()
    assert "minor is marked as attending" in page.warnings.text()
    combo = field(page, "role")
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("letter_only"))
    assert page.flush()
    attending = field(page, "attending")
    assert isinstance(attending, QCheckBox)
    assert not attending.isChecked()  # "letter only" means not in the room


def test_reorder_remove_and_restore(qtbot: QtBot, db: Database) -> None:
    page, case_id = make_page(qtbot, db)
    for text in ("A", "B", "C"):
        page.add()
        name = field(page, "name")
        assert isinstance(name, QLineEdit)
        name.clear()
        qtbot.keyClicks(name, text)
    assert page.flush()
    assert names(db, case_id) == ["A", "B", "C"]
    page.people.setCurrentRow(2)
    page.people.setFocus()
    qtbot.keyClick(page.people, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert names(db, case_id) == ["A", "C", "B"]
    page.move_person(-1)
    assert names(db, case_id) == ["C", "A", "B"]
    assert page.people.currentItem().text().startswith("C")
    page.remove()
    assert names(db, case_id) == ["A", "B"]
    assert page.removed.count() == 1 and page.restore_button.isEnabled()
    page.restore()
    assert names(db, case_id) == ["A", "B", "C"]
    assert page.people.currentItem().text().startswith("C")


def test_an_empty_name_is_refused_in_words(qtbot: QtBot, db: Database) -> None:
    page, case_id = make_page(qtbot, db)
    messages: list[str] = []
    page.state.failed.connect(messages.append)
    page.add()
    name = field(page, "name")
    assert isinstance(name, QLineEdit)
    name.clear()
    qtbot.keyClicks(name, "x")
    qtbot.keyClick(name, Qt.Key.Key_Backspace)
    assert not page.flush()
    assert messages == ["A participant's name cannot be empty."]
    assert names(db, case_id) == ["New person"]


def click_person(qtbot: QtBot, page: ParticipantsPage, row: int) -> None:
    """Click a person in the roster as the user would."""
    item = page.people.item(row)
    rect = page.people.visualItemRect(item)
    qtbot.mouseClick(page.people.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_failed_save_keeps_the_person_selected_and_their_typing(
    qtbot: QtBot, db: Database
) -> None:
    with db.session() as s:
        case_id = create_case(s, client_name="Robin", kind="planned", model="love_first").id
        ann = add_participant(s, case_id, "Ann").id
        bob = add_participant(s, case_id, "Bob").id
    page = ParticipantsPage(AppState(db))
    qtbot.addWidget(page)
    page.show()
    page.load_case(case_id)
    assert page.participant_id == ann
    notes = field(page, "counselor_notes")
    name = field(page, "name")
    assert isinstance(notes, QPlainTextEdit) and isinstance(name, QLineEdit)
    notes.setFocus()
    qtbot.keyClicks(notes, "may go off script")
    replace_text(name, "")  # refused: a participant needs a name
    click_person(qtbot, page, 1)  # Bob
    assert page.participant_id == ann  # still Ann, with what was typed for her
    assert page.people.currentRow() == 0
    assert name.text() == "" and notes.toPlainText() == "may go off script"
    with db.session() as s:
        people = {p.id: p for p in roster(s, case_id)}
        assert people[ann].counselor_notes == "may go off script"  # saved on its own
        assert people[bob].counselor_notes == ""
    replace_text(name, "Ann Marie")
    click_person(qtbot, page, 1)
    assert page.participant_id == bob
    assert name.text() == "Bob" and notes.toPlainText() == ""
    assert names(db, case_id) == ["Ann Marie", "Bob"]


def test_mnemonics_are_unique_and_clear_of_the_menus(qtbot: QtBot, db: Database) -> None:
    page, _case_id = make_page(qtbot, db)
    page.add()
    page.availability.add()
    keys: dict[str, list[str]] = {}
    for widget in page.findChildren(QLabel) + page.findChildren(QAbstractButton):
        found = re.search(r"&([^&])", widget.text())
        if found:
            keys.setdefault(found.group(1).lower(), []).append(widget.text())
    clashes = {k: v for k, v in keys.items() if len(v) > 1 or k in "fevch"}
    assert clashes == {}
    assert len(keys) >= 14

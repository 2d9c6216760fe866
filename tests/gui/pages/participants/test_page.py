"""The Participants page driven with qtbot: add, type, warnings, reorder, remove and restore."""

from __future__ import annotations

import re
from datetime import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
)
from pytestqt.qtbot import QtBot

from interventiondesk.gui.pages.participants.page import ParticipantsPage
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.gui.shell.state import AppState
from interventiondesk.services.availability import add_window
from interventiondesk.services.cases import create_case, update_case
from interventiondesk.services.demo import add_demo_cases
from interventiondesk.services.participants import (
    add_participant,
    remove_participant,
    roster,
    update_participant,
)
from interventiondesk.storage.database import Database
from tests.gui.conftest import replace_text
from tests.reads import Reads, orm_objects_of

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
    assert page.people.texts(0)[0] == "Ann O'Neil <b>"


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
    assert page.people.texts(page.people.currentRow())[0] == "C"
    assert page.removed_row.isHidden()  # nobody removed: no empty list, no greyed button
    page.remove()
    assert names(db, case_id) == ["A", "B"]
    assert page.removed.count() == 1 and page.restore_button.isEnabled()
    assert page.removed_row.isVisibleTo(page) and page.removed_label.text()
    page.restore()
    assert names(db, case_id) == ["A", "B", "C"]
    assert page.people.texts(page.people.currentRow())[0] == "C"
    assert page.removed_row.isHidden()


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
    item = page.people.item(row, 0)
    assert item is not None
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


def realistic_roster(db: Database) -> tuple[str, list[str]]:
    """A CRAFT case with four people (two with weekly windows) and a removed closer."""
    with db.session(write=True) as s:
        case_id = create_case(s, client_name="Robin", kind="planned", model="craft").id
        ids = [
            add_participant(s, case_id, name, role=role, relationship_to_client="family").id
            for name, role in (
                ("Maryam", "chairperson"),
                ("Ben", "detail_person"),
                ("Ana", "reader"),
                ("Teo", "reader"),
            )
        ]
        for person_id in ids[:2]:
            add_window(s, person_id, weekday=2, starts=time(18), ends=time(21), timezone="UTC")
        remove_participant(s, add_participant(s, case_id, "Ray", role="closer").id)
    return case_id, ids


def test_loading_a_case_is_one_read_and_leaves_no_orm_object_behind(
    qtbot: QtBot, db: Database
) -> None:
    case_id, ids = realistic_roster(db)
    page = ParticipantsPage(AppState(db))
    qtbot.addWidget(page)
    page.show()
    with Reads(db) as reads:
        page.load_case(case_id)
    # Before roster_view: 5 transactions and 15 statements (BEGIN included).
    assert reads.transactions == 1
    assert reads.statements <= 4  # BEGIN, the case, the participants, their windows
    assert page.people.count() == 4 and page.removed.count() == 1
    assert page.people.texts(0) == ["Maryam", "family", "Chairperson", "Yes"]
    assert page.participant_id == ids[0] and len(page.availability.rows) == 1
    assert "CRAFT" in page.model_note.text.text()
    assert "Team size: 4 attending members" in page.warnings.text()
    with Reads(db) as reads:
        page.people.setCurrentRow(2)  # choosing someone else: one read of that person
    assert reads.transactions == 1 and page.participant_id == ids[2]
    assert page.availability.rows == {}
    assert orm_objects_of({case_id, *ids, *page.availability.rows}) == []


def test_a_save_makes_one_read_while_shown_and_none_while_hidden(
    qtbot: QtBot, db: Database
) -> None:
    case_id, ids = realistic_roster(db)
    state = AppState(db)
    page = ParticipantsPage(state)
    qtbot.addWidget(page)
    page.show()
    page.load_case(case_id)
    with Reads(db) as reads:
        state.write(lambda s: update_participant(s, ids[1], {"name": "Benny"}), case_id=case_id)
    # The write, then one read for captions, warnings and the model note together.
    assert reads.transactions == 2
    assert page.people.texts(1)[0] == "Benny"
    assert "this model suggests 1 to 2" in page.warnings.text()  # CRAFT
    page.hide()
    with Reads(db) as reads:
        state.write(lambda s: update_case(s, case_id, {"model": "johnson"}), case_id=case_id)
    assert reads.transactions == 1 and page.stale and page.model_note.stale
    assert page.model_note.text.text() != ""  # not read while hidden
    with Reads(db) as reads:
        page.show()
    assert reads.transactions == 1
    assert page.model_note.isHidden() and not page.model_note.stale
    assert page.warnings.text() == "No warnings about the team."  # four suit Johnson


def test_the_page_fits_a_laptop_screen_and_the_roster_reads_whole(
    db: Database, window: MainWindow, qtbot: QtBot
) -> None:
    """At 1280×650 (a 1280×720 screen less its panel and title bar), with the case list at its
    default width, the page never scrolls sideways and fits in height, so that the roster's
    buttons are always on screen (the details scroll inside their own area). The roster's role
    and "Attends" columns are never cut, and a name or relationship only wraps between words."""
    with db.session(write=True) as session:
        add_demo_cases(session)
        letter_only = create_case(session, client_name="Robin", kind="planned", model="johnson")
        long_named = add_participant(
            session,
            letter_only.id,
            "Bartholomew Featherstonehaugh",
            relationship_to_client="grandmother's oldest friend from the choir",
            role="letter_only",
        )
        for day in (2, 6):  # the person shown first, with windows in a long-named zone
            add_window(
                session,
                long_named.id,
                weekday=day,
                starts=time(18),
                ends=time(21),
                timezone="America/Argentina/ComodRivadavia",
            )
    window.reload_cases()
    window.resize(1280, 650)
    roles_seen = set()
    windows_seen = 0
    for row in range(window.case_model.rowCount()):
        window.open_case(window.case_model.case_row(row).id)
        window.case_view.show_page(1)
        QApplication.processEvents()
        page = window.case_view.current_page()
        assert isinstance(page, ParticipantsPage)
        tab = window.case_view.tabs.currentWidget()
        assert isinstance(tab, QScrollArea)
        wanted = page.minimumSizeHint()
        assert wanted.width() <= tab.viewport().width(), (row, wanted)
        assert wanted.height() <= tab.viewport().height(), (row, wanted)
        assert page.add_button.visibleRegion().boundingRect().size() == page.add_button.size()
        details = page.details_area
        assert details.widget().minimumSizeHint().width() <= details.viewport().width()
        table = page.people
        metrics = table.fontMetrics()
        for line in range(table.count()):
            role, attends = table.texts(line)[2:]
            roles_seen.add(role)
            for column, text in ((2, role), (3, attends)):
                assert metrics.horizontalAdvance(text) <= table.columnWidth(column), (row, text)
            for column in (0, 1):  # whole words, each line given its height
                if table.isColumnHidden(column):
                    assert table.merged and column == 1  # shown under the name instead
                    assert table.texts(line)[1] in table.texts(line)[0]
                    continue
                text = table.texts(line)[column]
                longest = max((metrics.horizontalAdvance(w) for w in text.split()), default=0)
                assert longest <= table.columnWidth(column), (row, text)
                lines = sum(
                    max(1, -(-metrics.horizontalAdvance(part) // table.columnWidth(column)))
                    for part in text.split("\n")
                )
                assert table.rowHeight(line) >= min(lines, 2) * metrics.lineSpacing(), text
        assert page.removed_row.isHidden() == (page.removed.count() == 0)
        for window_row in page.availability.rows.values():  # every window's row on screen
            right = window_row.remove.mapTo(page, window_row.remove.rect().bottomRight())
            assert right.x() <= tab.viewport().width() and right.y() <= tab.viewport().height()
            windows_seen += 1
    assert "Letter only (not attending)" in roles_seen and windows_seen == 2

"""The Logistics page driven with qtbot: facility fields, the checklist table and readiness."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QLineEdit
from pytestqt.qtbot import QtBot

from interventiondesk.gui.pages.logistics.checklist import COLUMNS, CellDateField
from interventiondesk.gui.pages.logistics.page import NOT_READY_EDGE, READY_EDGE, LogisticsPage
from interventiondesk.gui.shared.date_fields import format_date
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import LogisticsStatus
from interventiondesk.services import logistics
from interventiondesk.services.cases import archive_case, create_case, find_case
from interventiondesk.services.logistics import ChecklistRow
from interventiondesk.storage.database import Database
from tests.gui.conftest import HOSTILE, replace_text
from tests.gui.pages.laptop import every_demo_case_on, seen_without_scrolling
from tests.gui.pages.schedule.test_page import MENU_LETTERS, mnemonics, type_date, type_time
from tests.reads import Reads, orm_objects_of

HEBREW_FACILITY = "בית החלמה <Cedar> & “Sons”"


def column(name: str) -> int:
    return [c[0] for c in COLUMNS].index(name)


def make_page(qtbot: QtBot, db: Database) -> tuple[LogisticsPage, str]:
    with db.session() as s:
        case_id = create_case(s, client_name="Jordan Lee", kind="planned", model="johnson").id
    page = LogisticsPage(AppState(db))
    qtbot.addWidget(page)
    page.show()
    page.load_case(case_id)
    return page, case_id


def open_cell(qtbot: QtBot, page: LogisticsPage, row: int, field: str) -> QLineEdit:
    """Choose a cell and start editing it with F2, as a keyboard user does."""
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(row, column(field)))
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    editor = page.delegate.open_editor
    if isinstance(editor, CellDateField):  # the due date: typed into its text field
        editor = editor.edit
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    return editor


def test_banner_says_what_is_missing_until_ready(qtbot: QtBot, db: Database) -> None:
    page, case_id = make_page(qtbot, db)
    assert page.banner.text().startswith("Not ready yet")
    assert "The treatment facility is not named yet." in page.banner.text()
    assert page.model.rowCount() == len(logistics.DEFAULT_CHECKLIST)

    qtbot.keyClicks(page.facility["facility_contact"], "Dr. Ortiz")
    replace_text(page.facility["facility_name"], HEBREW_FACILITY)
    page.intake_zone.setCurrentIndex(page.intake_zone.findData("Europe/Berlin"))
    page.intake_set.setChecked(True)
    type_date(qtbot, page.intake.date_field, "2026-12-06")
    type_time(qtbot, page.intake.time_field, "9:30")
    assert page.flush()
    status = column("status")
    for row, item in enumerate(list(page.model.items)):
        if item.required:
            index = page.model.index(row, status)
            assert page.model.setData(index, LogisticsStatus.DONE, Qt.ItemDataRole.EditRole)
    qtbot.waitUntil(lambda: page.banner.text().startswith("Ready"))
    with db.session() as s:
        case = logistics.case_readiness(s, case_id)
        assert case.ready
        stored = find_case(s, case_id)
        assert stored.facility_name == HEBREW_FACILITY
        assert stored.facility_contact == "Dr. Ortiz"
        assert stored.intake_at == datetime(2026, 12, 6, 8, 30, tzinfo=UTC)
        assert stored.intake_timezone == "Europe/Berlin"
    # Marking detox as needed makes the (not required) detox item count again.
    page.detox.setChecked(True)
    assert page.flush()
    qtbot.waitUntil(lambda: page.banner.text().startswith("Not ready"))
    assert "Medically supervised detox booked (not started)." in page.banner.text()


def test_table_edits_add_remove_and_reorder(qtbot: QtBot, db: Database) -> None:
    page, case_id = make_page(qtbot, db)
    page.add_item()
    last = page.model.rowCount() - 1
    assert page.model.items[last].title == "New item"
    title = page.model.index(last, column("title"))
    assert page.model.setData(title, "Hide the car keys; <b>call</b> 💙", Qt.ItemDataRole.EditRole)
    due = page.model.index(last, column("due_on"))
    assert page.model.setData(due, "2026-12-04", Qt.ItemDataRole.EditRole)
    assert not page.model.setData(due, "next Tuesday", Qt.ItemDataRole.EditRole)
    required = page.model.index(last, column("required"))
    page.model.setData(required, False, Qt.ItemDataRole.EditRole)
    assert page.model.data(required) == "Optional"
    assert page.model.data(required, Qt.ItemDataRole.CheckStateRole) is None  # no tick box
    assert page.model.data(due) == format_date(date(2026, 12, 4))
    page.table.setCurrentIndex(title)
    page.move_item(-1)
    assert page.model.items[last - 1].title == "Hide the car keys; <b>call</b> 💙"
    page.remove_item()
    assert page.model.rowCount() == len(logistics.DEFAULT_CHECKLIST)
    with db.session() as s:
        titles = [i.title for i in logistics.checklist(s, case_id)]
        assert "Hide the car keys; <b>call</b> 💙" not in titles


def test_standard_checklist_can_be_added_back(qtbot: QtBot, db: Database) -> None:
    page, case_id = make_page(qtbot, db)
    while page.model.rowCount():
        page.table.setCurrentIndex(page.model.index(0, 0))
        page.remove_item()
    page.load_case(case_id)
    assert not page.defaults_button.isHidden()
    page.add_defaults()
    assert page.model.rowCount() == len(logistics.DEFAULT_CHECKLIST)
    assert page.defaults_button.isHidden()


def test_an_open_cell_is_saved_before_the_case_changes(qtbot: QtBot, db: Database) -> None:
    page, case_id = make_page(qtbot, db)
    with db.session() as s:
        other = create_case(s, client_name="Casey Other", kind="crisis", model="craft").id
    editor = open_cell(qtbot, page, 0, "notes")
    qtbot.keyClicks(editor, "call intake at 9")
    assert page.load_case(other)
    with db.session() as s:
        assert logistics.checklist(s, case_id)[0].notes == "call intake at 9"
        assert logistics.checklist(s, other)[0].notes == ""


def test_reordering_with_alt_arrows_keeps_the_cell_being_typed(qtbot: QtBot, db: Database) -> None:
    page, case_id = make_page(qtbot, db)
    page.activateWindow()  # shortcuts work in the active window only
    qtbot.waitUntil(page.isActiveWindow)
    editor = open_cell(qtbot, page, 1, "title")
    qtbot.keyClicks(editor, "Insurance: cover confirmed")
    qtbot.keyClick(editor, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert page.delegate.open_editor is None
    assert page.table.currentIndex().row() == 0
    with db.session() as s:
        titles = [i.title for i in logistics.checklist(s, case_id)]
    assert titles[0] == "Insurance: cover confirmed"
    qtbot.keyClick(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert page.table.currentIndex().row() == 1
    with db.session() as s:
        assert logistics.checklist(s, case_id)[1].title == "Insurance: cover confirmed"


@pytest.mark.parametrize("kind", ["markup", "rtl", "emoji", "quotes"])
def test_hostile_text_typed_in_a_cell_round_trips(qtbot: QtBot, db: Database, kind: str) -> None:
    page, case_id = make_page(qtbot, db)
    editor = open_cell(qtbot, page, 2, "responsible")
    replace_text(editor, HOSTILE[kind])
    assert page.flush()  # as when switching to another page
    with db.session() as s:
        assert logistics.checklist(s, case_id)[2].responsible == HOSTILE[kind]


def test_a_refused_cell_stays_open_with_its_text(qtbot: QtBot, db: Database) -> None:
    page, case_id = make_page(qtbot, db)
    failures: list[str] = []
    page.state.failed.connect(failures.append)
    editor = open_cell(qtbot, page, 0, "due_on")
    cell = page.delegate.open_editor  # the date field holding ``editor``
    qtbot.keyClicks(editor, "next Tuesday")
    assert not page.flush()
    assert failures
    assert failures[-1].startswith("“next Tuesday” is not a date.")  # said in words
    assert page.delegate.open_editor is cell and editor.text() == "next Tuesday"
    page.move_item(1)  # refused too: nothing is reloaded over the text
    assert page.delegate.open_editor is cell
    replace_text(editor, "2026-12-04")
    assert page.flush()
    assert page.delegate.open_editor is None
    with db.session() as s:
        assert logistics.checklist(s, case_id)[0].due_on.isoformat() == "2026-12-04"


def test_an_archived_checklist_cannot_be_changed(qtbot: QtBot, db: Database) -> None:
    page, case_id = make_page(qtbot, db)
    with db.session() as s:
        archive_case(s, case_id)
    page.load_case(case_id)
    page.set_read_only(True)
    page.activateWindow()  # so that Alt+Down below would reach its shortcut
    qtbot.waitUntil(page.isActiveWindow)
    assert page.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    title = page.model.index(0, column("title"))
    assert not page.model.flags(title) & Qt.ItemFlag.ItemIsEditable
    required = page.model.index(0, column("required"))
    assert not page.model.flags(required) & Qt.ItemFlag.ItemIsEditable
    page.table.setFocus()
    page.table.setCurrentIndex(title)
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    assert page.delegate.open_editor is None
    assert not page.model.setData(title, "changed", Qt.ItemDataRole.EditRole)
    qtbot.keyClick(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert not page.add_button.isEnabled() and not page.remove_button.isEnabled()
    with db.session() as s:
        items = logistics.checklist(s, case_id)
    assert items[0].title == logistics.DEFAULT_CHECKLIST[0].title
    assert items[1].title == logistics.DEFAULT_CHECKLIST[1].title
    # Restored, it can be edited again.
    page.set_read_only(False)
    assert page.model.flags(title) & Qt.ItemFlag.ItemIsEditable


def left_edge(page: LogisticsPage) -> set[str]:
    image = page.banner_box.grab().toImage()
    return {image.pixelColor(x, image.height() // 2).name() for x in range(0, 6)}


def test_the_readiness_bar_is_drawn_with_a_sign(qtbot: QtBot, db: Database) -> None:
    page, case_id = make_page(qtbot, db)
    page.resize(900, 700)
    assert QColor(NOT_READY_EDGE).name() in left_edge(page)
    assert not page.banner_icon.pixmap().isNull()
    not_ready_sign = page.banner_icon.pixmap().toImage()
    with db.session() as s:
        case = find_case(s, case_id)
        case.facility_name = "Cedar House"
        logistics.set_intake(s, case_id, datetime(2026, 12, 6, 9), "UTC")
        for item in logistics.checklist(s, case_id):
            logistics.update_item(s, item.id, {"status": LogisticsStatus.DONE})
    page.load_case(case_id)
    assert page.banner.text().startswith("Ready")
    assert QColor(READY_EDGE).name() in left_edge(page)
    assert page.banner_icon.pixmap().toImage() != not_ready_sign


def test_alt_letters_are_unique_and_names_are_whole(qtbot: QtBot, db: Database) -> None:
    page, _case_id = make_page(qtbot, db)
    letters = mnemonics(page)
    assert len(letters) >= 9
    assert sorted(letters) == sorted(set(letters))
    assert not set(letters) & MENU_LETTERS
    names = [edit.accessibleName() for edit in page.facility.values()]
    assert names == ["Facility name", "Contact at the facility", "Facility phone"]


def test_loading_a_case_is_one_read_and_keeps_no_records(qtbot: QtBot, db: Database) -> None:
    page, case_id = make_page(qtbot, db)
    with db.session() as s:
        logistics.update_facility(s, case_id, {"facility_name": "Cedar House"})
        logistics.set_intake(s, case_id, datetime(2026, 12, 6, 9, 30), "Europe/Berlin")
    with Reads(db) as load:
        page.load_case(case_id)
    assert load.transactions == 1
    assert load.statements == 3  # BEGIN, the case, its checklist
    assert page.facility["facility_name"].text() == "Cedar House"
    assert page.intake_set.isChecked() and page.intake_zone.currentData() == "Europe/Berlin"
    assert page.model.rowCount() == len(logistics.DEFAULT_CHECKLIST)
    assert "The intake time at the facility is not set." not in page.banner.text()
    assert page.banner.text().startswith("Not ready yet")
    with Reads(db) as refresh:
        page.refresh()
    assert refresh.transactions == 1
    # An edit in the table keeps a plain row too.
    status = page.model.index(0, column("status"))
    assert page.model.setData(status, LogisticsStatus.DONE, Qt.ItemDataRole.EditRole)
    assert page.model.data(status) == "✔ Done"
    assert all(isinstance(row, ChecklistRow) for row in page.model.items)
    ids = {case_id, *(row.id for row in page.model.items)}
    assert orm_objects_of(ids) == []


def test_the_intake_is_saved_only_as_typed_and_whole(qtbot: QtBot, db: Database) -> None:
    page, case_id = make_page(qtbot, db)
    page.set_read_only(False)  # as the window does when it opens a case
    assert page.intake.date_field.edit.text() == "" and page.flush()  # not agreed: not read
    failures: list[str] = []
    page.state.failed.connect(failures.append)
    page.intake_zone.setCurrentIndex(page.intake_zone.findData("Europe/Berlin"))
    page.intake_set.setChecked(True)
    type_date(qtbot, page.intake.date_field, format_date(date(2026, 12, 6)))
    type_time(qtbot, page.intake.time_field, "9:30")
    assert page.flush()

    def saved() -> datetime | None:
        with db.session() as s:
            return find_case(s, case_id).intake_at

    assert saved() == datetime(2026, 12, 6, 8, 30, tzinfo=UTC)
    type_date(qtbot, page.intake.date_field, "2026-12-01 22:00")
    assert page.intake.problem().startswith("“2026-12-01 22:00” is not a date.")
    assert not page.flush() and failures[-1] == page.intake.problem()
    assert saved() == datetime(2026, 12, 6, 8, 30, tzinfo=UTC)  # nothing saved
    type_date(qtbot, page.intake.date_field, "2026-12-01")
    assert page.flush()
    assert saved() == datetime(2026, 12, 1, 8, 30, tzinfo=UTC)


def test_a_due_date_is_typed_in_the_locale_format(qtbot: QtBot, db: Database) -> None:
    page, case_id = make_page(qtbot, db)
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))]
    assert "Due" in headers and not any("YYYY" in h for h in headers)
    editor = open_cell(qtbot, page, 1, "due_on")
    qtbot.keyClicks(editor, format_date(date(2026, 12, 4)))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert page.delegate.open_editor is None
    with db.session() as s:
        assert logistics.checklist(s, case_id)[1].due_on == date(2026, 12, 4)
    due = page.model.index(1, column("due_on"))
    assert page.model.data(due) == format_date(date(2026, 12, 4))
    # A date and a time typed into it: refused in words, the cell stays open, nothing saved.
    failures: list[str] = []
    page.state.failed.connect(failures.append)
    editor = open_cell(qtbot, page, 1, "due_on")
    qtbot.keyClicks(editor, "2026-12-01 22:00")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert failures and "is not a date" in failures[-1]
    assert page.delegate.open_editor is not None and editor.text() == "2026-12-01 22:00"
    with db.session() as s:
        assert logistics.checklist(s, case_id)[1].due_on == date(2026, 12, 4)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)


def test_each_row_says_its_state_first(qtbot: QtBot, db: Database) -> None:
    page, _case_id = make_page(qtbot, db)
    assert COLUMNS[0][0] == "status"
    status, required = column("status"), column("required")
    for state, shown in (
        (LogisticsStatus.OPEN, "○ Open"),
        (LogisticsStatus.DONE, "✔ Done"),
        (LogisticsStatus.NOT_NEEDED, "– Not needed"),
    ):
        assert page.model.setData(page.model.index(0, status), state, Qt.ItemDataRole.EditRole)
        assert page.model.data(page.model.index(0, status)) == shown
    # Not one tick box in the table: "Required" is a word, not a box that reads as "done".
    for row in range(page.model.rowCount()):
        for col in range(len(COLUMNS)):
            assert (
                page.model.data(page.model.index(row, col), Qt.ItemDataRole.CheckStateRole) is None
            )
    assert page.model.data(page.model.index(0, required)) == "Required"
    assert page.model.data(page.model.index(2, required)) == "Optional"


def test_the_page_fits_a_laptop_screen_and_titles_are_whole(
    db: Database, window: MainWindow
) -> None:
    """No sideways scrolling, and the page fits in height too (the checklist scrolls inside
    its table), so its buttons are in sight; no title or kind is cut off."""
    shown = []
    for page, area, where in every_demo_case_on(db, window, LogisticsPage):
        assert isinstance(page, LogisticsPage)
        shown.append(where)
        assert page.minimumSizeHint().width() <= area.viewport().width(), where
        assert area.horizontalScrollBar().maximum() == 0, where
        table = page.table
        title = column("title")
        assert table.horizontalScrollBar().maximum() == 0, where
        for row in range(page.model.rowCount()):
            hint = table.sizeHintForIndex(page.model.index(row, title))
            assert table.rowHeight(row) >= hint.height() - 1, (where, row)
        assert table.columnWidth(title) >= table.columnWidth(column("notes")), where
        # Height: the whole page fits (the table shrinks to about four rows and scrolls
        # inside), so the checklist's buttons are in sight without scrolling the page.
        assert page.minimumSizeHint().height() <= area.viewport().height(), where
        for button in (page.add_button, page.remove_button, page.up_button, page.down_button):
            assert seen_without_scrolling(button, area), (where, button.text())
    assert len(shown) >= 5

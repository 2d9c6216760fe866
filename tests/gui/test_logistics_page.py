"""The Logistics page driven with qtbot: facility fields, the checklist table and readiness."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interventiondesk.gui.pages.logistics import LogisticsPage
from interventiondesk.gui.pages.logistics_table import COLUMNS
from interventiondesk.gui.pages.schedule_parts import set_wall_clock
from interventiondesk.gui.state import AppState
from interventiondesk.model import LogisticsStatus
from interventiondesk.services import logistics
from interventiondesk.services.cases import create_case, find_case
from interventiondesk.storage.database import Database

HEBREW_FACILITY = "בית החלמה <Cedar> & “Sons”"


def column(name: str) -> int:
    return [c[0] for c in COLUMNS].index(name)


def make_page(qtbot: QtBot, db: Database) -> tuple[LogisticsPage, str]:
    with db.session() as s:
        case_id = create_case(s, client_name="Jordan Lee", kind="planned", model="johnson").id
    page = LogisticsPage(AppState(db))
    qtbot.addWidget(page)
    page.load_case(case_id)
    return page, case_id


def test_banner_says_what_is_missing_until_ready(qtbot: QtBot, db: Database) -> None:
    page, case_id = make_page(qtbot, db)
    assert page.banner.text().startswith("Not ready yet")
    assert "The treatment facility is not named yet." in page.banner.text()
    assert page.model.rowCount() == len(logistics.DEFAULT_CHECKLIST)

    qtbot.keyClicks(page.facility["facility_contact"], "Dr. Ortiz")
    page.facility["facility_name"].setText(HEBREW_FACILITY)
    page.facility["facility_name"].textEdited.emit(HEBREW_FACILITY)
    page.intake_zone.setCurrentIndex(page.intake_zone.findData("Europe/Berlin"))
    set_wall_clock(page.intake, datetime(2026, 12, 6, 9, 30))
    page.intake_set.setChecked(True)
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
    page.model.setData(required, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert page.model.data(required, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert page.model.data(due) == "2026-12-04"
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

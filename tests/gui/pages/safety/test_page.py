"""The Safety page as a whole: one read per load, plain values kept, Alt+letters, an archived
case, and a laptop's screen for every demo case and inner tab."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QScrollArea

from interventiondesk.gui.pages.safety.page import SafetyPage
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.services.cases import archive_case
from interventiondesk.services.safety import rate_asam, save_safety_plan, save_screen
from interventiondesk.storage.database import Database
from tests.gui.pages.laptop import every_demo_case_on, seen_without_scrolling
from tests.gui.pages.safety.conftest import Shown
from tests.gui.pages.schedule.test_page import MENU_LETTERS, mnemonics
from tests.reads import Reads, orm_objects_of

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

NO = {"wish_to_be_dead": False, "suicidal_thoughts": False, "recent_behaviour": False}


def test_loading_a_case_is_one_read_and_keeps_no_records(db: Database, shown: Shown) -> None:
    with db.session(write=True) as s:
        ids = {
            shown.case_id,
            save_screen(s, shown.case_id, NO).id,
            save_safety_plan(s, shown.case_id, {"warning_signs": "Not sleeping"}).id,
            *(r.id for r in rate_asam(s, shown.case_id, {"biomedical": (2, "")})),
        }
    page = shown.page
    page.load_case(None)
    with Reads(db) as load:
        page.load_case(shown.case_id)
    assert load.transactions == 1
    assert page.risk_screen.history.topLevelItemCount() == 1
    assert page.plan.steps["warning_signs"].toPlainText() == "Not sleeping"
    assert page.plan.history.topLevelItemCount() == 1
    assert page.asam.ratings[next(iter(page.asam.ratings))].currentData() == -1
    with Reads(db) as refresh:
        page.refresh()
    assert refresh.transactions == 1
    with Reads(db) as choose:  # choosing a saved screen or a revision reads nothing
        page.plan.history.setCurrentItem(page.plan.history.topLevelItem(0))
        page.risk_screen.history.setCurrentItem(page.risk_screen.history.topLevelItem(0))
    assert choose.transactions == 0
    assert orm_objects_of(ids) == []


def test_alt_letters_are_unique_and_leave_the_menus_alone(shown: Shown) -> None:
    letters = mnemonics(shown.page)
    assert len(letters) >= 10
    assert sorted(letters) == sorted(set(letters))
    assert not set(letters) & MENU_LETTERS


def test_an_archived_case_is_shown_but_not_changed(
    db: Database, window: MainWindow, shown: Shown
) -> None:
    with db.session(write=True) as s:
        archive_case(s, shown.case_id)
    window.reload_cases()
    window.case_view.load_case(None)
    shown.page.load_case(shown.case_id)
    shown.page.set_read_only(True)
    page = shown.page
    assert page.plan.steps["warning_signs"].isReadOnly()
    assert not page.risk_screen.topics["wish_to_be_dead"].yes.isEnabled()
    assert not page.risk_screen.save_button.isEnabled()
    assert not page.flags.checks["overdose_history"].isEnabled()
    assert not page.asam.save_button.isEnabled()
    assert page.plan.print_button.isEnabled()  # an archived case's plan can still be printed


def test_the_page_fits_a_laptop_screen_in_every_inner_tab(db: Database, window: MainWindow) -> None:
    """No sideways scrolling; the page fits in height (each inner tab scrolls on its own)."""
    shown = []
    for page, area, where in every_demo_case_on(db, window, SafetyPage):
        assert isinstance(page, SafetyPage)
        shown.append(where)
        assert page.minimumSizeHint().width() <= area.viewport().width(), where
        assert area.horizontalScrollBar().maximum() == 0, where
        assert page.minimumSizeHint().height() <= area.viewport().height(), where
        inner = page.tabs.currentWidget()
        assert isinstance(inner, QScrollArea)
        assert inner.horizontalScrollBar().maximum() == 0, where
        content = inner.widget()
        first = {
            page.risk_screen: page.risk_screen.topics["wish_to_be_dead"],
            page.plan: page.plan.steps["warning_signs"],
        }.get(content, page.flags)
        assert seen_without_scrolling(first, inner), where
    assert len(shown) >= 5 * 3

"""The Outcome & follow-up page as a whole: one read per load, plain values kept, Alt+letters,
and a laptop's screen for every demo case and inner tab."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QScrollArea

from interventiondesk.gui.pages.outcome.page import OutcomePage
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.services.follow_ups import add_task
from interventiondesk.services.outcomes import record_bottom_line, record_outcome
from interventiondesk.storage.database import Database
from tests.gui.pages.laptop import every_demo_case_on, seen_without_scrolling
from tests.gui.pages.outcome.conftest import Shown
from tests.gui.pages.schedule.test_page import MENU_LETTERS, mnemonics
from tests.reads import Reads, orm_objects_of

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_loading_a_case_is_one_read_and_keeps_no_records(db: Database, shown: Shown) -> None:
    with db.session(write=True) as s:
        ids = {
            shown.case_id,
            shown.mother,
            shown.brother,
            record_outcome(s, shown.case_id, "refused", occurred_on=date(2026, 11, 20)).id,
            add_task(s, shown.case_id, "Call Ana", due_on=date(2026, 11, 23)).id,
            record_bottom_line(s, shown.mother, "kept", noted_on=date(2026, 11, 21)).id,
        }
    page = shown.page
    page.load_case(None)
    with Reads(db) as load:
        page.load_case(shown.case_id)
    assert load.transactions == 1
    assert page.outcomes.list.count() == 1
    assert page.tasks.list.topLevelItemCount() == 1
    assert len(page.bottom_lines.boxes) == 2
    assert page.timeline.list.topLevelItemCount() >= 4
    with Reads(db) as refresh:
        page.refresh()
    assert refresh.transactions == 1
    # Filtering the timeline and choosing an outcome read nothing.
    with Reads(db) as choose:
        page.timeline.kind.setCurrentIndex(2)
        page.outcomes.list.setCurrentRow(0)
    assert choose.transactions == 0
    assert orm_objects_of(ids) == []


def test_alt_letters_are_unique_and_leave_the_menus_alone(shown: Shown) -> None:
    letters = mnemonics(shown.page)
    assert len(letters) >= 12
    assert sorted(letters) == sorted(set(letters))
    assert not set(letters) & MENU_LETTERS


def test_the_page_fits_a_laptop_screen_in_every_inner_tab(db: Database, window: MainWindow) -> None:
    """No sideways scrolling; the page fits in height (each inner tab scrolls on its own), so
    the tabs are in sight, and each tab's main buttons too."""
    shown = []
    for page, area, where in every_demo_case_on(db, window, OutcomePage):
        assert isinstance(page, OutcomePage)
        shown.append(where)
        assert page.minimumSizeHint().width() <= area.viewport().width(), where
        assert area.horizontalScrollBar().maximum() == 0, where
        assert page.minimumSizeHint().height() <= area.viewport().height(), where
        assert area.verticalScrollBar().maximum() == 0, where
        inner = page.tabs.currentWidget()
        assert isinstance(inner, QScrollArea)
        assert inner.horizontalScrollBar().maximum() == 0, where
        content = inner.widget()
        buttons = {
            page.outcomes: [page.outcomes.new_button],
            page.tasks: [page.tasks.accept_button, page.tasks.done_button, page.tasks.add_button],
            page.timeline: [page.timeline.kind],
        }.get(content, [])
        for button in buttons:
            if not button.isHidden() and button.isVisibleTo(content):
                assert seen_without_scrolling(button, inner), (where, button)
    assert len(shown) >= 5 * 4


def test_an_archived_case_is_shown_but_not_changed(
    db: Database, window: MainWindow, shown: Shown
) -> None:
    from interventiondesk.services.cases import archive_case

    with db.session(write=True) as s:
        record_outcome(s, shown.case_id, "refused", occurred_on=date(2026, 11, 20))
        archive_case(s, shown.case_id)
    page = shown.page
    page.load_case(shown.case_id)
    page.set_read_only(True)
    assert page.outcomes.list.count() == 1
    assert page.outcomes.banner.isHidden()  # an archived case is proposed no status
    assert not page.outcomes.new_button.isEnabled()
    assert not page.outcomes.remove_button.isEnabled()
    assert page.outcomes.admitted_to.isReadOnly()
    assert not page.tasks.add_button.isEnabled() and not page.tasks.accept_button.isEnabled()
    assert all(not box.note_button.isEnabled() for box in page.bottom_lines.boxes.values())
    assert page.flush()  # nothing to keep: leaving is never held up
    page.set_read_only(False)
    assert page.outcomes.new_button.isEnabled() and page.tasks.add_button.isEnabled()

"""The Letters page reads what it shows at once: one transaction of a few statements."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from interventiondesk.gui.pages.letters.page import LettersPage
from interventiondesk.gui.shell.state import AppState
from interventiondesk.storage.database import Database
from tests.services.test_letters_view import realistic_case

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

LOAD_STATEMENTS = 9
"""What loading a case costs, however many letters and people it has: the case, the roster,
the letters with their writers and readers (three), objections, dictionary, templates, and the
transaction's BEGIN."""


@dataclass
class Reads:
    transactions: int = 0
    statements: int = 0


@contextmanager
def counting(db: Database) -> Iterator[Reads]:
    """Count the transactions begun and the statements sent on the workspace's engine."""
    reads = Reads()

    def begun(_conn: Any) -> None:
        reads.transactions += 1

    def sent(*_args: Any) -> None:
        reads.statements += 1

    event.listen(db.engine, "begin", begun)
    event.listen(db.engine, "before_cursor_execute", sent)
    try:
        yield reads
    finally:
        event.remove(db.engine, "begin", begun)
        event.remove(db.engine, "before_cursor_execute", sent)


def open_page(qtbot: QtBot, db: Database) -> LettersPage:
    page = LettersPage(AppState(db))
    page.resize(1200, 800)
    qtbot.addWidget(page)
    page.show()
    return page


def test_loading_a_case_is_one_read_of_a_few_statements(qtbot: QtBot, db: Database) -> None:
    family = realistic_case(db)
    bigger = realistic_case(db, more_readers=12)
    page = open_page(qtbot, db)
    with counting(db) as reads:
        assert page.load_case(family.case_id)
    assert (reads.transactions, reads.statements) == (1, LOAD_STATEMENTS)
    # What the page shows came with it: the list (ids in the items), the editor, the order.
    items = [page.letter_list.item(i) for i in range(page.letter_list.count())]
    assert [item.data(Qt.ItemDataRole.UserRole) for item in items][:2] == [
        family.letters["Ann/bottom"],
        family.letters["Ann"],
    ]
    assert page.letter_list.currentItem() is items[0]
    assert page.editor.letter_id == family.letters["Ann/bottom"]
    assert page.editor.section_edits["bottom_line"].toPlainText() == "No more rent."
    assert page.removed.count() == 1 and page.limit.value() == 4
    assert [e.author for e in page.order_model.entries] == ["Ann", "Cy", "Mary-Jo Dee", "Ben"]
    assert page.objection_rows.record_ids() == family.objections
    # Twelve more people and letters cost no more statements.
    with counting(db) as reads:
        assert page.load_case(bigger.case_id)
    assert (reads.transactions, reads.statements) == (1, LOAD_STATEMENTS)
    assert page.letter_list.count() == 6 + 12


def test_later_reads_are_one_each_and_showing_reads_nothing(qtbot: QtBot, db: Database) -> None:
    family = realistic_case(db)
    page = open_page(qtbot, db)
    page.load_case(family.case_id)
    with counting(db) as reads:  # the counselor chooses another letter
        page.letter_list.setCurrentRow(3)
    assert reads.transactions == 1
    assert page.editor.letter_id == family.letters["Ben"]
    assert page.editor.heading.text() == "Letter by Ben"
    with counting(db) as reads:  # a save elsewhere
        page.refresh()
        qtbot.waitUntil(lambda: reads.transactions > 0)
        qtbot.wait(20)
    assert reads.transactions == 1
    with counting(db) as reads:  # what was read is enough for these
        page.tabs.setCurrentIndex(1)
        page.order_tab.order_kind.setCurrentIndex(1)
        page.set_read_only(True)
        page.set_read_only(False)
    assert (reads.transactions, reads.statements) == (0, 0)
    assert [e.author for e in page.order_model.entries] == ["Ann", "Ben"]

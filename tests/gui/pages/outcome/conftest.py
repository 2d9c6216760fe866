"""The Outcome & follow-up page in the real window, on a case with a team and bottom lines."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QApplication

from interventiondesk.gui.pages.outcome.page import OutcomePage
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.model import CaseStatus, LetterKind
from interventiondesk.services.cases import create_case, update_case
from interventiondesk.services.letters import add_letter, update_letter
from interventiondesk.services.participants import add_participant
from interventiondesk.storage.database import Database


@dataclass
class Shown:
    page: OutcomePage
    case_id: str
    mother: str
    brother: str


def show_page(window: MainWindow, case_id: str) -> OutcomePage:
    """Open ``case_id`` in the window and show its Outcome & follow-up page."""
    window.reload_cases()
    window.open_case(case_id)
    index = next(i for i, p in enumerate(window.case_view.pages) if isinstance(p, OutcomePage))
    window.case_view.show_page(index)
    QApplication.processEvents()
    page = window.case_view.pages[index]
    assert isinstance(page, OutcomePage)
    return page


@pytest.fixture
def shown(db: Database, window: MainWindow) -> Shown:
    """A ready case (Love First-style: bottom-line letters) with a mother and a brother who
    wrote one each, and a friend who did not; its page shown in the window."""
    with db.session(write=True) as s:
        case = create_case(s, client_name="Robin Example", kind="planned", model="love_first")
        update_case(s, case.id, {"status": CaseStatus.READY})
        mother = add_participant(s, case.id, "Ana Example", relationship_to_client="mother")
        brother = add_participant(s, case.id, "Ben Example")
        add_participant(s, case.id, "Friend without a bottom line")
        for person, text in ((mother, "No more money <b>"), (brother, "You cannot stay here")):
            letter = add_letter(s, person.id, LetterKind.BOTTOM_LINE)
            update_letter(s, letter.id, {"bottom_line": text})
        ids = case.id, mother.id, brother.id
    return Shown(show_page(window, ids[0]), *ids)

"""The Safety page in the real window, on a new case."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QApplication

from interventiondesk.gui.pages.safety.page import SafetyPage
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.services.cases import create_case
from interventiondesk.storage.database import Database


@dataclass
class Shown:
    page: SafetyPage
    case_id: str
    reference: str


@pytest.fixture
def shown(db: Database, window: MainWindow) -> Shown:
    with db.session(write=True) as s:
        case = create_case(s, client_name="Robin Example", kind="crisis", model="johnson")
        case_id, reference = case.id, case.reference
    window.reload_cases()
    window.open_case(case_id)
    index = next(i for i, p in enumerate(window.case_view.pages) if isinstance(p, SafetyPage))
    window.case_view.show_page(index)
    QApplication.processEvents()
    page = window.case_view.pages[index]
    assert isinstance(page, SafetyPage)
    return Shown(page, case_id, reference)

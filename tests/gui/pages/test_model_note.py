"""The model note on the Letters and Participants pages: shown for CRAFT and systemic cases only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interventiondesk.gui.pages.letters.page import LettersPage
from interventiondesk.gui.pages.participants.page import ParticipantsPage
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import InterventionModel
from interventiondesk.services.cases import create_case, update_case
from interventiondesk.services.letters import letters_for_case
from interventiondesk.services.participants import add_participant
from interventiondesk.storage.database import Database

PageClass = type[LettersPage] | type[ParticipantsPage]


def new_case(db: Database, model: str, name: str = "Robin Quillfeather") -> str:
    with db.session() as s:
        case = create_case(s, client_name=name, kind="family", model=model)
        add_participant(s, case.id, "Ann", role="reader")
        return case.id


@pytest.mark.parametrize("page_class", [LettersPage, ParticipantsPage])
@pytest.mark.parametrize(
    ("model", "words"),
    [("craft", "CRAFT-style"), ("systemic", "systemic family")],
)
def test_models_without_letters_or_confrontation_explain_the_page(
    page_class: PageClass, model: str, words: str, db: Database, qtbot: QtBot
) -> None:
    case_id = new_case(db, model)
    page = page_class(AppState(db))
    qtbot.addWidget(page)
    page.show()
    page.load_case(case_id)
    assert page.model_note.isVisible()
    assert words in page.model_note.text.text()
    assert page.model_note.text.textFormat() == Qt.TextFormat.PlainText


@pytest.mark.parametrize("page_class", [LettersPage, ParticipantsPage])
@pytest.mark.parametrize("model", ["johnson", "love_first", "invitational"])
def test_models_with_a_team_and_letters_show_no_note(
    page_class: PageClass, model: str, db: Database, qtbot: QtBot
) -> None:
    page = page_class(AppState(db))
    qtbot.addWidget(page)
    page.show()
    page.load_case(new_case(db, model))
    assert page.model_note.isHidden()
    page.load_case(None)
    assert page.model_note.isHidden()


def test_the_note_follows_a_change_of_model_and_another_case(db: Database, qtbot: QtBot) -> None:
    state = AppState(db)
    johnson = new_case(db, "johnson")
    craft = new_case(db, "craft", name="سمير حداد 🙂 <b>&amp;</b>")
    page = ParticipantsPage(state)
    qtbot.addWidget(page)
    page.show()
    page.load_case(johnson)
    assert page.model_note.isHidden()
    state.write(
        lambda s: update_case(s, johnson, {"model": InterventionModel.CRAFT}), case_id=johnson
    )
    assert page.model_note.isVisible()
    state.write(
        lambda s: update_case(s, craft, {"model": InterventionModel.JOHNSON}), case_id=craft
    )
    assert page.model_note.isVisible()  # another case's change is not this page's business
    page.load_case(craft)
    assert page.model_note.isHidden()


def test_a_craft_case_can_still_have_a_letter(db: Database, qtbot: QtBot) -> None:
    case_id = new_case(db, "craft")
    page = LettersPage(AppState(db))
    page.resize(1200, 800)
    qtbot.addWidget(page)
    page.show()
    page.load_case(case_id)
    assert page.model_note.isVisible()
    assert page.start_button.isEnabled()
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    letters = page.state.read(lambda s: [letter.id for letter in letters_for_case(s, case_id)])
    assert len(letters) == 1
    assert page.letter_list.count() == 1

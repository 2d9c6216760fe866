"""The case view: pages are left only once their edits are saved; hidden pages refresh when shown."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from interventiondesk.gui.pages.base import CasePage
from interventiondesk.gui.pages.participants.page import ParticipantsPage
from interventiondesk.gui.pages.plan.page import PlanPage
from interventiondesk.gui.shell.case_view import CaseView
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import Case, InterventionModel
from interventiondesk.services.cases import create_case
from interventiondesk.services.records import get_record
from interventiondesk.storage.database import Database
from tests.gui.conftest import replace_text


def make_view(qtbot: QtBot, db: Database) -> tuple[CaseView, str, str]:
    with db.session() as s:
        first = create_case(s, client_name="Robin", kind="planned", model="johnson").id
        second = create_case(s, client_name="Sam", kind="planned", model="johnson").id
    view = CaseView(AppState(db))
    qtbot.addWidget(view)
    view.show()
    assert view.load_case(first)
    return view, first, second


P = TypeVar("P", bound=CasePage)


def page_of(view: CaseView, kind: type[P]) -> P:
    return next(p for p in view.pages if isinstance(p, kind))


def client_name(db: Database, case_id: str) -> str:
    with db.session() as s:
        return get_record(s, Case, case_id, "case").client.full_name


def test_a_case_is_not_left_while_its_edits_cannot_be_saved(qtbot: QtBot, db: Database) -> None:
    view, first, second = make_view(qtbot, db)
    plan = page_of(view, PlanPage)
    name = plan.client_fields["full_name"]
    goals = plan.case_fields["goals"]
    assert isinstance(name, QLineEdit) and isinstance(goals, QPlainTextEdit)
    replace_text(goals, "Accept a bed at Hillside")
    replace_text(name, "")  # refused
    assert not view.load_case(second)
    assert view.case_id == first and plan.case_id == first
    assert name.text() == "" and goals.toPlainText() == "Accept a bed at Hillside"
    assert view.header.name.text() == "Robin"
    assert not view.load_case(None)
    replace_text(name, "Robin Hale")
    assert view.load_case(second)
    assert view.header.name.text() == "Sam" and name.text() == "Sam"
    assert client_name(db, first) == "Robin Hale"
    assert view.load_case(None)
    assert view.header.name.text() == ""  # no client's name left behind


def test_a_page_is_not_left_while_its_edits_cannot_be_saved(qtbot: QtBot, db: Database) -> None:
    view, _first, _second = make_view(qtbot, db)
    plan = page_of(view, PlanPage)
    name = plan.client_fields["full_name"]
    assert isinstance(name, QLineEdit)
    assert view.current_page() is plan
    replace_text(name, "")
    view.tabs.setCurrentIndex(1)
    assert view.current_page() is plan and name.text() == ""
    replace_text(name, "Robin Hale")
    view.tabs.setCurrentIndex(1)
    assert view.current_page() is page_of(view, ParticipantsPage)


def test_hidden_pages_refresh_when_shown_not_on_every_save(qtbot: QtBot, db: Database) -> None:
    view, _first, _second = make_view(qtbot, db)
    plan = page_of(view, PlanPage)
    people = page_of(view, ParticipantsPage)
    before = people.warnings.text()
    assert "Team size: 0 attending members; this model suggests 4 to 6." in before
    model = plan.case_fields["model"]
    assert isinstance(model, QComboBox)
    model.setCurrentIndex(model.findData(InterventionModel.CRAFT))
    assert plan.flush()
    assert people.stale and people.model_note.stale
    assert people.warnings.text() == before  # not read while hidden
    assert not people.model_note.isVisibleTo(people)
    view.show_page(view.pages.index(people))
    assert not people.stale
    assert people.warnings.text() != before
    assert people.model_note.isVisibleTo(people)
    assert "CRAFT" in people.model_note.text.text()


def test_the_header_says_when_the_soonest_consent_expires(qtbot: QtBot, db: Database) -> None:
    from datetime import date, timedelta

    from interventiondesk.services.consents import add_consent

    view, first, second = make_view(qtbot, db)
    chip = view.header.consent_warning
    assert chip.isHidden()
    today = date.today()
    signed = {
        "signed_by": "Robin",
        "signed_on": today - timedelta(days=2),
        "purpose": "continuity",
    }
    with db.session() as s:
        add_consent(s, first, changes={**signed, "expires_on": today + timedelta(days=1)})
        add_consent(s, first, changes={**signed, "expires_on": today + timedelta(days=20)})
        add_consent(s, second, changes={**signed, "expires_on": today})
    assert view.load_case(first)
    assert chip.text() == "⚠ Consent expires tomorrow (and 1 more soon)"
    assert not chip.isHidden()
    assert view.load_case(second)
    assert chip.text() == "⚠ Consent expires today"
    assert view.load_case(None)
    assert chip.isHidden() and chip.text() == ""


def test_the_header_shows_risk_chips_in_words_and_follows_changes(
    qtbot: QtBot, db: Database
) -> None:
    from datetime import date, timedelta

    from interventiondesk.model import FollowUpTask
    from interventiondesk.services.safety import set_flags

    view, first, second = make_view(qtbot, db)
    chips = view.header.chips
    assert chips.isHidden() and chips.texts() == []
    view.state.write(
        lambda s: set_flags(s, first, {"overdose_history": True, "co_occurring_illness": True}),
        case_id=first,
    )
    assert chips.isVisible()
    assert chips.texts() == ["Overdose history", "Co-occurring illness", "No naloxone"]
    assert "get some" in chips.chips[2].toolTip()
    assert chips.chips[0].accessibleName() == "Overdose history"

    def overdue(s: object) -> None:
        s.add(  # type: ignore[attr-defined]
            FollowUpTask(case_id=first, title="Call", due_on=date.today() - timedelta(days=1))
        )

    view.state.write(lambda s: set_flags(s, first, {"naloxone_on_hand": True}))
    view.state.write(overdue, case_id=first)
    assert chips.texts() == ["Overdose history", "Co-occurring illness", "1 overdue task"]
    assert view.load_case(second)
    assert chips.isHidden() and chips.texts() == []


def test_a_case_changed_beside_its_pages_is_shown_again_whole(qtbot: QtBot, db: Database) -> None:
    # A conflict decided or a transfer received changes the case's own fields: the open case
    # shows them again (what was being typed is saved first), so that typing on goes on from
    # the new value instead of saving the old one over it.
    from interventiondesk.services.cases import update_case

    view, first, _second = make_view(qtbot, db)
    goals = page_of(view, PlanPage).case_fields["goals"]
    assert isinstance(goals, QPlainTextEdit)
    with db.session() as s:
        update_case(s, first, {"goals": "Agreed at the kitchen table"})
    view.state.caseChanged.emit(first)
    assert goals.toPlainText() == ""  # the fields are never refilled behind a typing hand
    view.state.caseReplaced.emit(first)
    assert goals.toPlainText() == "Agreed at the kitchen table"


def test_a_case_removed_by_another_program_is_closed(qtbot: QtBot, db: Database) -> None:
    from sqlalchemy import delete

    view, first, _second = make_view(qtbot, db)
    closed: list[bool] = []
    view.closed.connect(lambda: closed.append(True))
    with db.session() as s:  # what a restore of an older backup does to a newer case
        s.execute(delete(Case).where(Case.id == first))
    view.state.caseChanged.emit(first)
    assert closed == [True]
    assert view.case_id is None and view.header.name.text() == ""

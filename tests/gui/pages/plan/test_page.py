"""The Plan page driven with qtbot: every field saves itself, lists add and remove rows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from interventiondesk.gui.pages.plan.page import PlanPage
from interventiondesk.gui.shared.date_fields import DateField
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import (
    Case,
    CaseStatus,
    ConcernKind,
    InterventionModel,
    Observation,
    PresentingConcern,
    WarningSign,
)
from interventiondesk.services.cases import (
    add_concern,
    add_observation,
    create_case,
    update_case,
    update_client,
)
from interventiondesk.services.demo import add_demo_cases
from interventiondesk.services.records import get_record
from interventiondesk.storage.database import Database
from tests.gui.conftest import HOSTILE, replace_text
from tests.reads import Reads, orm_objects_of


def new_case(state: AppState, name: str = "Jordan Lee") -> str:
    return (
        state.write(lambda s: create_case(s, client_name=name, kind="planned", model="johnson").id)
        or ""
    )


def saved_case(state: AppState, case_id: str) -> Case:
    def read(session: object) -> Case:
        case = get_record(session, Case, case_id, "case")  # type: ignore[arg-type]
        _ = case.client.full_name, list(case.concerns), list(case.observations)
        return case

    return state.read(read)  # type: ignore[arg-type]


@pytest.fixture
def british() -> Iterator[None]:
    """Dates typed and shown as a British counselor does (DD/MM/YYYY)."""
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(previous)


def type_date(qtbot: QtBot, field: QWidget, text: str) -> None:
    """Select what the date field holds, type ``text`` over it and press Return."""
    assert isinstance(field, DateField)
    field.edit.setFocus()
    field.edit.selectAll()
    if text:
        qtbot.keyClicks(field.edit, text)
    else:
        qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)


@pytest.fixture
def page(app_state: AppState, qtbot: QtBot) -> PlanPage:
    plan = PlanPage(app_state)
    qtbot.addWidget(plan)
    plan.show()
    return plan


def test_loads_every_field_of_the_case(page: PlanPage, app_state: AppState) -> None:
    case_id = new_case(app_state, "Ana <b>Ruiz</b>")
    app_state.write(lambda s: add_concern(s, case_id, "substance", "Alcohol", "daily"))
    app_state.write(
        lambda s: add_observation(
            s, case_id, "missed work", sign="decline", observed_on=date(2026, 11, 2)
        )
    )
    page.load_case(case_id)
    assert page.client_fields["full_name"].text() == "Ana <b>Ruiz</b>"  # type: ignore[attr-defined]
    kind = page.case_fields["kind"]
    assert isinstance(kind, QComboBox) and kind.currentData() == "planned"
    assert len(page.concerns.record_ids()) == 1
    concern_widgets = page.concerns.row_widgets(page.concerns.record_ids()[0])
    assert concern_widgets[1].text() == "Alcohol"  # type: ignore[attr-defined]
    observation = page.observations.row_widgets(page.observations.record_ids()[0])
    assert observation[0].value() == date(2026, 11, 2)  # type: ignore[attr-defined]
    assert observation[2].toPlainText() == "missed work"  # type: ignore[attr-defined]


def test_typing_is_saved_after_a_pause_without_any_flush(
    page: PlanPage, app_state: AppState, qtbot: QtBot
) -> None:
    case_id = new_case(app_state)
    page.load_case(case_id)
    goals = page.case_fields["goals"]
    assert isinstance(goals, QPlainTextEdit)
    qtbot.keyClicks(goals, "Enter treatment this week")
    qtbot.waitUntil(lambda: saved_case(app_state, case_id).goals == "Enter treatment this week")
    assert not page.saver.has_pending


def test_every_kind_of_field_saves(
    page: PlanPage, app_state: AppState, qtbot: QtBot, british: None
) -> None:
    case_id = new_case(app_state)
    page.load_case(case_id)
    name = page.client_fields["full_name"]
    assert isinstance(name, QLineEdit)
    qtbot.keyClicks(name, " Jr")
    model = page.case_fields["model"]
    assert isinstance(model, QComboBox)
    model.setCurrentIndex(model.findData(InterventionModel.CRAFT))
    status = page.case_fields["status"]
    assert isinstance(status, QComboBox)
    status.setCurrentIndex(status.findData(CaseStatus.READY))
    sign = page.case_fields["sign_safety"]
    assert isinstance(sign, QCheckBox)
    qtbot.keyClick(sign, Qt.Key.Key_Space)
    birth = page.client_fields["date_of_birth"]
    type_date(qtbot, birth, "17/05/1990")
    assert page.flush()
    case = saved_case(app_state, case_id)
    assert case.client.full_name == "Jordan Lee Jr"
    assert case.model == InterventionModel.CRAFT
    assert case.status == CaseStatus.READY
    assert case.sign_safety is True
    assert case.client.date_of_birth == date(1990, 5, 17)
    assert birth.edit.text() == "17/05/1990"  # type: ignore[attr-defined]
    type_date(qtbot, birth, "")  # an empty field means "not recorded"
    assert page.flush()
    assert saved_case(app_state, case_id).client.date_of_birth is None


def test_an_empty_client_name_is_refused_in_words_and_kept_on_screen(
    page: PlanPage, app_state: AppState, qtbot: QtBot
) -> None:
    case_id = new_case(app_state)
    page.load_case(case_id)
    name = page.client_fields["full_name"]
    assert isinstance(name, QLineEdit)
    with qtbot.waitSignal(app_state.failed) as failed:
        replace_text(name, "")
        assert not page.flush()
    assert failed.args == ["The client's name cannot be empty."]
    assert saved_case(app_state, case_id).client.full_name == "Jordan Lee"
    assert page.saver.has_pending  # retried with the next edit
    qtbot.keyClicks(name, "Jordan L.")
    assert page.flush()
    assert saved_case(app_state, case_id).client.full_name == "Jordan L."


def test_switching_case_saves_the_edit_to_the_case_it_was_made_in(
    page: PlanPage, app_state: AppState, qtbot: QtBot
) -> None:
    first = new_case(app_state, "First Client")
    second = new_case(app_state, "Second Client")
    page.load_case(first)
    notes = page.case_fields["counselor_notes"]
    qtbot.keyClicks(notes, "note for the first case")
    page.load_case(second)  # no pause: the pending edit must go to the first case
    assert saved_case(app_state, first).counselor_notes == "note for the first case"
    assert saved_case(app_state, second).counselor_notes == ""
    assert notes.toPlainText() == ""  # type: ignore[attr-defined]


def test_concerns_can_be_added_edited_and_removed(
    page: PlanPage, app_state: AppState, qtbot: QtBot
) -> None:
    case_id = new_case(app_state)
    page.load_case(case_id)
    assert page.concerns.empty_label.isVisible()
    assert not any(h.isVisible() for h in page.concerns.heading_labels)
    qtbot.mouseClick(page.concerns.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.concerns.add_button, Qt.MouseButton.LeftButton)
    # Columns are named once, above the rows, as long as there are rows.
    headings = page.concerns.heading_labels
    assert [h.text() for h in headings] == ["Kind", "Concern", "Details"]
    assert all(h.isVisible() for h in headings)
    first, second = page.concerns.record_ids()
    kind, name, details, _remove = page.concerns.row_widgets(first)
    assert isinstance(kind, QComboBox) and isinstance(name, QLineEdit)
    kind.setCurrentIndex(kind.findData(ConcernKind.MENTAL_HEALTH))
    qtbot.keyClicks(name, "Depression")
    replace_text(details, HOSTILE["rtl"])  # type: ignore[arg-type]
    assert page.flush()
    concern = app_state.read(lambda s: get_record(s, PresentingConcern, first, "concern"))
    assert (concern.concern, concern.name, concern.details) == (
        ConcernKind.MENTAL_HEALTH,
        "Depression",
        HOSTILE["rtl"],
    )
    remove = page.concerns.row_widgets(second)[-1]
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert page.concerns.record_ids() == [first]
    assert [c.id for c in saved_case(app_state, case_id).concerns] == [first]


def test_observations_can_be_added_dated_and_removed(
    page: PlanPage, app_state: AppState, qtbot: QtBot
) -> None:
    case_id = new_case(app_state)
    page.load_case(case_id)
    qtbot.mouseClick(page.observations.add_button, Qt.MouseButton.LeftButton)
    (record_id,) = page.observations.record_ids()
    when, sign, text, remove = page.observations.row_widgets(record_id)
    assert isinstance(when, DateField) and isinstance(sign, QComboBox)
    assert when.value() == date.today()
    type_date(qtbot, when, "2026-10-30")  # ISO is read in every locale
    sign.setCurrentIndex(sign.findData(WarningSign.DENIAL))
    qtbot.keyClicks(text, "Said there is no problem")
    assert page.flush()
    row = app_state.read(lambda s: get_record(s, Observation, record_id, "observation"))
    assert (row.observed_on, row.sign, row.text) == (
        date(2026, 10, 30),
        WarningSign.DENIAL,
        "Said there is no problem",
    )
    headings = page.observations.heading_labels
    assert [h.text() for h in headings] == ["Date", "Warning sign", "What was observed"]
    assert all(h.isVisible() for h in headings)
    qtbot.keyClicks(text, " (again)")  # pending when removed: saved first, then removed
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert page.observations.record_ids() == []
    assert not any(h.isVisible() for h in headings)
    assert saved_case(app_state, case_id).observations == []


def test_read_only_shows_text_but_allows_no_change(page: PlanPage, app_state: AppState) -> None:
    case_id = new_case(app_state)
    app_state.write(lambda s: add_concern(s, case_id, "substance", "Opioids"))
    page.load_case(case_id)
    page.set_read_only(True)
    name = page.client_fields["full_name"]
    assert isinstance(name, QLineEdit) and name.isReadOnly()
    assert not page.case_fields["kind"].isEnabled()
    assert not page.concerns.add_button.isEnabled()
    assert page.concerns.row_widgets(page.concerns.record_ids()[0])[1].isReadOnly()  # type: ignore[attr-defined]
    page.set_read_only(False)
    assert not name.isReadOnly() and page.concerns.add_button.isEnabled()


def test_line_fields_are_capped_at_the_stored_length(page: PlanPage, app_state: AppState) -> None:
    case_id = new_case(app_state)
    page.load_case(case_id)
    pronouns = page.client_fields["pronouns"]
    assert isinstance(pronouns, QLineEdit)
    replace_text(pronouns, "x" * 1000)
    assert pronouns.text() == "x" * 60
    assert page.flush()
    assert saved_case(app_state, case_id).client.pronouns == "x" * 60


def tab_from(qtbot: QtBot, widget: QWidget) -> QWidget | None:
    """Press Tab in ``widget``; the widget that has the focus afterwards."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return QApplication.focusWidget()


def test_new_concern_takes_the_focus_and_rows_sit_in_tab_order(
    page: PlanPage, app_state: AppState, qtbot: QtBot
) -> None:
    case_id = new_case(app_state)
    first = app_state.write(lambda s: add_concern(s, case_id, ConcernKind.SUBSTANCE, "alcohol").id)
    page.load_case(case_id)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.mouseClick(page.concerns.add_button, Qt.MouseButton.LeftButton)
    assert first is not None
    second = page.concerns.record_ids()[1]
    kind, name, details, remove = page.concerns.row_widgets(second)
    assert QApplication.focusWidget() is kind  # ready to type the new concern
    assert tab_from(qtbot, kind) is name
    assert tab_from(qtbot, name) is details
    assert tab_from(qtbot, details) is remove
    assert tab_from(qtbot, remove) is page.concerns.add_button
    assert tab_from(qtbot, page.concerns.add_button) is page.case_fields["concerns_notes"]
    first_remove = page.concerns.row_widgets(first)[-1]
    assert tab_from(qtbot, first_remove) is kind  # the rows follow one another
    counselor = page.case_fields["counselor"]
    assert tab_from(qtbot, counselor) is page.concerns.row_widgets(first)[0]


def test_mnemonics_are_unique_and_clear_of_the_menus(page: PlanPage) -> None:
    keys: dict[str, list[str]] = {}
    for widget in page.findChildren(QLabel) + page.findChildren(QAbstractButton):
        found = re.search(r"&([^&])", widget.text())
        if found:
            keys.setdefault(found.group(1).lower(), []).append(widget.text())
    clashes = {k: v for k, v in keys.items() if len(v) > 1 or k in "fevch"}
    assert clashes == {}
    assert len(keys) >= 10


def test_observation_rows_sit_between_the_signs_and_their_add_button(
    page: PlanPage, app_state: AppState, qtbot: QtBot
) -> None:
    case_id = new_case(app_state)
    page.load_case(case_id)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.mouseClick(page.observations.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.observations.add_button, Qt.MouseButton.LeftButton)
    first, second = page.observations.record_ids()
    when = page.observations.row_widgets(second)[0]
    assert when.isAncestorOf(QApplication.focusWidget()) or QApplication.focusWidget() is when
    last_sign = page.case_fields["sign_safety"]
    first_when = page.observations.row_widgets(first)[0]
    after_sign = tab_from(qtbot, last_sign)
    assert after_sign is first_when or first_when.isAncestorOf(after_sign)
    assert tab_from(qtbot, page.observations.row_widgets(second)[-1]) is (
        page.observations.add_button
    )


def realistic_case(state: AppState) -> str:
    """A case with a filled-in client, three concerns and three observations."""
    case_id = new_case(state, "Dana <b>Whitfield</b>")

    def fill(session: Session) -> None:
        update_case(session, case_id, {"goals": "Enter treatment", "sign_denial": True})
        update_client(session, case_id, {"preferred_name": "Dee", "pronouns": "she/her"})
        for name in ("Alcohol", "Opioids", "Depression"):
            add_concern(session, case_id, "substance", name, HOSTILE["rtl"])
        for day in (3, 1, 2):
            add_observation(session, case_id, f"day {day}", observed_on=date(2026, 2, day))

    state.write(fill)
    return case_id


def test_loading_a_case_is_one_read_and_leaves_no_orm_object_behind(
    page: PlanPage, app_state: AppState, db: Database
) -> None:
    first = realistic_case(app_state)
    second = realistic_case(app_state)
    with Reads(db) as reads:
        page.load_case(first)
    # Before the page read through plan_view: 1 transaction, 5 statements (BEGIN included).
    assert reads.transactions == 1
    assert reads.statements <= 4  # BEGIN, the case with its client, concerns, observations
    assert page.client_fields["preferred_name"].text() == "Dee"  # type: ignore[attr-defined]
    assert page.case_fields["goals"].toPlainText() == "Enter treatment"  # type: ignore[attr-defined]
    assert len(page.concerns.record_ids()) == 3 and len(page.observations.record_ids()) == 3
    dates = [page.observations.row_widgets(i)[0] for i in page.observations.record_ids()]
    assert [d.value() for d in dates] == [  # type: ignore[attr-defined]
        date(2026, 2, 1),
        date(2026, 2, 2),
        date(2026, 2, 3),
    ]
    ids = {first, *page.concerns.record_ids(), *page.observations.record_ids()}
    assert orm_objects_of(ids) == []
    with Reads(db) as reads:
        page.load_case(second)  # switching case: one read again
    assert reads.transactions == 1
    assert orm_objects_of(ids | {second}) == []


def test_a_new_row_is_one_write_and_one_read(
    page: PlanPage, app_state: AppState, qtbot: QtBot, db: Database
) -> None:
    page.load_case(realistic_case(app_state))
    with Reads(db) as reads:
        qtbot.mouseClick(page.concerns.add_button, Qt.MouseButton.LeftButton)
    assert reads.transactions == 2  # the new concern, then its row read back as plain values
    assert len(page.concerns.record_ids()) == 4
    assert orm_objects_of(set(page.concerns.record_ids())) == []


def test_a_date_that_cannot_be_read_is_refused_in_words_and_never_saved(
    page: PlanPage, app_state: AppState, qtbot: QtBot, british: None
) -> None:
    case_id = new_case(app_state)
    app_state.write(lambda s: update_client(s, case_id, {"date_of_birth": date(1990, 5, 17)}))
    page.load_case(case_id)
    birth = page.client_fields["date_of_birth"]
    assert isinstance(birth, DateField) and birth.edit.text() == "17/05/1990"
    messages: list[str] = []
    app_state.failed.connect(messages.append)
    type_date(qtbot, birth, "31/02/1990")  # no such day
    assert "is not a date" in birth.problem() and birth.problem_label.isVisible()
    assert not page.flush()  # the page is kept while the date cannot be read
    assert messages and "is not a date" in messages[-1]
    assert saved_case(app_state, case_id).client.date_of_birth == date(1990, 5, 17)
    qtbot.keyClicks(birth.edit, "")  # half-typed: nothing is saved on the way
    birth.edit.selectAll()
    qtbot.keyClicks(birth.edit, "1/3/19")
    assert not page.saver.has_pending
    qtbot.keyClicks(birth.edit, "91")
    qtbot.keyClick(birth.edit, Qt.Key.Key_Tab)  # leaving the field reads it
    assert birth.problem() == ""
    assert page.flush()
    assert saved_case(app_state, case_id).client.date_of_birth == date(1991, 3, 1)
    assert birth.edit.text() == "01/03/1991"  # shown back in the one format of the screen


def test_an_observation_date_typed_in_the_locale_is_saved_and_can_be_emptied(
    page: PlanPage, app_state: AppState, qtbot: QtBot, british: None
) -> None:
    case_id = new_case(app_state)
    page.load_case(case_id)
    qtbot.mouseClick(page.observations.add_button, Qt.MouseButton.LeftButton)
    (record_id,) = page.observations.record_ids()
    when = page.observations.row_widgets(record_id)[0]
    type_date(qtbot, when, "2/11/2026")
    assert page.flush()
    row = app_state.read(lambda s: get_record(s, Observation, record_id, "observation"))
    assert row.observed_on == date(2026, 11, 2)
    type_date(qtbot, when, "")  # no date
    assert page.flush()
    row = app_state.read(lambda s: get_record(s, Observation, record_id, "observation"))
    assert row.observed_on is None


def test_the_page_fits_a_laptop_screen_for_every_demo_case(
    db: Database, window: MainWindow, qtbot: QtBot
) -> None:
    """At 1280×650 (a 1280×720 screen less its panel and title bar), with the case list at its
    default width, the Plan page never scrolls sideways. Its height is its own scroll area's
    business: the page is a long form with no buttons of its own at the foot (each list's Add
    button sits under its rows), so it scrolls vertically inside the tab."""
    with db.session(write=True) as session:
        add_demo_cases(session)
    window.reload_cases()
    window.resize(1280, 650)
    shown = 0
    for row in range(window.case_model.rowCount()):
        window.open_case(window.case_model.case_row(row).id)
        window.case_view.show_page(0)
        QApplication.processEvents()
        page = window.case_view.current_page()
        assert isinstance(page, PlanPage)
        tab = window.case_view.tabs.currentWidget()
        assert isinstance(tab, QScrollArea)
        assert tab.viewport().width() >= 700  # the case pane at this size (about 730 to 900)
        assert page.minimumSizeHint().width() <= tab.viewport().width()
        inner = page.findChild(QScrollArea)
        assert inner is not None and inner.widget() is not None
        content = inner.widget().minimumSizeHint()
        assert content.width() <= inner.viewport().width(), (row, content)
        assert not inner.horizontalScrollBar().isVisible()
        shown += 1
    assert shown == window.case_model.rowCount() >= 5


def test_a_date_of_birth_in_the_future_is_refused_and_kept_to_be_put_right(
    page: PlanPage, app_state: AppState, qtbot: QtBot
) -> None:
    case_id = new_case(app_state)
    page.load_case(case_id)
    birth = page.client_fields["date_of_birth"]
    messages: list[str] = []
    app_state.failed.connect(messages.append)
    type_date(qtbot, birth, (date.today() + timedelta(days=2)).isoformat())
    assert not page.flush()
    assert messages[-1] == "A date of birth cannot be in the future."
    assert saved_case(app_state, case_id).client.date_of_birth is None
    type_date(qtbot, birth, "2001-09-30")
    assert page.flush()
    assert saved_case(app_state, case_id).client.date_of_birth == date(2001, 9, 30)

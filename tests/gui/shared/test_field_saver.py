"""FieldSaver driven with real widgets and real services: savepoints, retries, focus-out."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from interventiondesk.gui.shared.field_saver import RETRY_FIRST_MS, FieldSaver
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import Case
from interventiondesk.services.cases import create_case, update_case, update_client
from interventiondesk.services.records import get_record
from interventiondesk.storage.database import Database
from tests.gui.conftest import HOSTILE, replace_text

LONG_DELAY = 60_000  # the debounce never fires within a test: only flush and focus-out save


class Form(QWidget):
    """A client name, goals and notes, each saved through its service."""

    def __init__(self, state: AppState, case_id: str) -> None:
        super().__init__()
        self.saver = FieldSaver(state, parent=self, delay_ms=LONG_DELAY)
        self.saver.case_id = case_id
        layout = QVBoxLayout(self)
        self.name = QLineEdit("Robin", self)
        self.goals = QPlainTextEdit(self)
        self.notes = QPlainTextEdit(self)
        for widget in (self.name, self.goals, self.notes):
            layout.addWidget(widget)
        self.saver.watch(self.name, lambda s, v: update_client(s, case_id, {"full_name": v}))
        self.saver.watch(self.goals, lambda s, v: update_case(s, case_id, {"goals": v}))
        self.saver.watch(self.notes, lambda s, v: update_case(s, case_id, {"counselor_notes": v}))


def make_form(qtbot: QtBot, db: Database) -> tuple[Form, AppState, str, list[str]]:
    with db.session() as s:
        case_id = create_case(s, client_name="Robin", kind="planned", model="johnson").id
    state = AppState(db)
    problems: list[str] = []
    state.failed.connect(problems.append)
    form = Form(state, case_id)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)  # focus moves only in the active window
    return form, state, case_id, problems


def stored(db: Database, case_id: str) -> Case:
    with db.session() as s:
        case = get_record(s, Case, case_id, "case")
        _ = case.client.full_name
        return case


def test_one_refused_field_does_not_hold_back_the_others(qtbot: QtBot, db: Database) -> None:
    form, _state, case_id, problems = make_form(qtbot, db)
    replace_text(form.name, "")  # an empty client name is refused
    form.goals.setPlainText(HOSTILE["rtl"] + HOSTILE["markup"])
    form.notes.setPlainText(HOSTILE["long"])
    assert not form.saver.flush()
    case = stored(db, case_id)
    assert case.goals == HOSTILE["rtl"] + HOSTILE["markup"]
    assert case.counselor_notes == HOSTILE["long"]
    assert case.client.full_name == "Robin"
    assert form.saver.pending() == [form.name]  # only the refused field waits, text on screen
    assert form.name.text() == ""
    assert problems and "name" in problems[-1]
    replace_text(form.name, HOSTILE["emoji"])
    assert form.saver.flush()
    assert stored(db, case_id).client.full_name == HOSTILE["emoji"]
    assert not form.saver.has_pending


def test_when_every_field_is_refused_nothing_is_reported_as_saved(
    qtbot: QtBot, db: Database
) -> None:
    form, state, _case_id, problems = make_form(qtbot, db)
    saves: list[bool] = []
    state.saved.connect(lambda: saves.append(True))
    replace_text(form.name, "")
    assert not form.saver.flush()
    assert saves == []
    assert len(problems) == 1


def test_a_refused_value_waits_for_the_user_instead_of_repeating_itself(
    qtbot: QtBot, db: Database
) -> None:
    form, _state, _case_id, problems = make_form(qtbot, db)
    replace_text(form.name, "")
    assert not form.saver.flush()
    reads_before = len(problems)
    qtbot.wait(RETRY_FIRST_MS + 300)
    assert len(problems) == reads_before == 1  # no retry timer for the user's own mistake
    assert form.saver.has_pending


def test_an_unexpected_failure_is_retried_after_a_pause(qtbot: QtBot, db: Database) -> None:
    form, _state, case_id, problems = make_form(qtbot, db)
    attempts: list[str] = []

    def flaky_save(session: Session, value: object) -> None:
        attempts.append(str(value))
        if len(attempts) == 1:
            raise OSError("the disk blinked")  # not the user's to put right
        update_case(session, case_id, {"treatment_options": str(value)})

    extra = QLineEdit(form)
    form.saver.watch(extra, flaky_save)
    replace_text(extra, "Bed at Hillside on Monday")
    replace_text(form.name, "Robin Hale")
    assert not form.saver.flush()
    assert stored(db, case_id).client.full_name == "Robin Hale"  # the other field went in
    assert "unexpected" in problems[-1]
    assert form.saver.pending() == [extra]
    qtbot.waitUntil(lambda: not form.saver.has_pending, timeout=RETRY_FIRST_MS * 3)
    assert attempts == ["Bed at Hillside on Monday"] * 2
    assert stored(db, case_id).treatment_options == "Bed at Hillside on Monday"


def test_leaving_a_field_saves_it_without_waiting(qtbot: QtBot, db: Database) -> None:
    form, _state, case_id, _problems = make_form(qtbot, db)
    form.goals.setFocus()
    qtbot.keyClicks(form.goals, "Accept treatment today")
    assert form.saver.has_pending
    form.notes.setFocus()  # Tab or a click elsewhere
    qtbot.waitUntil(lambda: not form.saver.has_pending, timeout=1000)
    assert stored(db, case_id).goals == "Accept treatment today"


def test_unwatch_keeps_an_edit_that_cannot_be_saved(qtbot: QtBot, db: Database) -> None:
    form, _state, case_id, _problems = make_form(qtbot, db)
    replace_text(form.name, "")
    assert not form.saver.unwatch(form.name)
    assert form.saver.pending() == [form.name]  # still watched, still waiting
    replace_text(form.name, "Robin Hale")
    assert form.saver.unwatch(form.name)
    assert stored(db, case_id).client.full_name == "Robin Hale"
    replace_text(form.name, "typed after unwatching")
    assert not form.saver.has_pending


def test_a_date_is_saved_only_once_it_reads_and_unreadable_typing_keeps_the_page(
    qtbot: QtBot, db: Database
) -> None:
    from datetime import date

    from interventiondesk.gui.shared.date_fields import DateField

    form, _state, case_id, problems = make_form(qtbot, db)
    birth = DateField(form, "Date of birth")
    form.layout().addWidget(birth)
    form.saver.watch(birth, lambda s, v: update_client(s, case_id, {"date_of_birth": v}))
    birth.edit.setFocus()
    qtbot.keyClicks(birth.edit, "1990-04-0")  # half typed: nothing is saved
    assert not form.saver.flush()  # the typing is kept on screen, and the page is not left
    assert "is not a date" in problems[-1]
    assert stored(db, case_id).client.date_of_birth is None
    qtbot.keyClicks(birth.edit, "5")
    assert form.saver.flush()  # now it reads: saved on the way out
    assert stored(db, case_id).client.date_of_birth == date(1990, 4, 5)

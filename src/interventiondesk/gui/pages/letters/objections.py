"""The objections the client may raise and the team's answers, as rows on the Letters page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QToolButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from interventiondesk.gui.shared.field_saver import FieldSaver
from interventiondesk.gui.shared.record_rows import RecordRows, small_text
from interventiondesk.gui.shell.state import AppState
from interventiondesk.services.letters import (
    add_objection,
    move_objection,
    remove_objection,
    update_objection,
)
from interventiondesk.services.letters_view import (
    ObjectionRow,
    ObjectionsView,
    PersonRow,
    objection_row,
    objections_view,
)

ROW_ID = "objection_id"  # widget property: which objection a field belongs to


class ObjectionRows(RecordRows):
    """The client's likely objections: what they may say, the answer, and who gives it.

    Move up / Move down (or Alt+Up / Alt+Down in a row's fields) change the order."""

    def __init__(self, state: AppState, saver: FieldSaver, parent: QWidget | None = None):
        super().__init__(state, saver, parent)
        self.add_button.setText(self.tr("&Add objection"))
        self.empty_label.setText(
            self.tr(
                "No objections yet. Add what the client is likely to say, and prepare "
                "a calm answer."
            )
        )
        self.people: tuple[PersonRow, ...] = ()
        self.read_only = False

    def show_objections(self, case_id: str | None, view: ObjectionsView) -> None:
        """Show the objections and offer the people in every "who answers" list."""
        self.people = view.people
        self.load(case_id, list(view.rows))

    def refresh_people(self, people: tuple[PersonRow, ...]) -> None:
        """Offer the team as it is now in every "who answers" list (people renamed, added or
        removed on the Participants page), keeping each row's choice and any unsaved text."""
        if self.case_id is None:
            return
        self.people = people
        with self.saver.loading():
            for record_id in self.record_ids():
                who = self.row_widgets(record_id)[2]
                if isinstance(who, QComboBox):
                    self._fill_people(who, who.currentData())

    def _fill_people(self, who: QComboBox, chosen: str | None) -> None:
        who.clear()
        who.addItem(self.tr("(anyone)"), None)
        for person in self.people:
            who.addItem(person.name, person.id)
        who.setCurrentIndex(max(0, who.findData(chosen)))

    def build_row(self, record: ObjectionRow) -> list[QWidget]:
        said = small_text(self, self.tr("Objection"))
        said.setPlaceholderText(self.tr("What the client may say"))
        said.setPlainText(record.objection)
        answer = small_text(self, self.tr("Prepared answer"))
        answer.setPlaceholderText(self.tr("The prepared answer"))
        answer.setPlainText(record.answer)
        who = QComboBox(self)
        who.setAccessibleName(self.tr("Who answers"))
        self._fill_people(who, record.answered_by_id)
        record_id = record.id
        for widget, field in ((said, "objection"), (answer, "answer"), (who, "answered_by_id")):
            self.saver.watch(widget, _saving(record_id, field))
            widget.setProperty(ROW_ID, record_id)
            widget.installEventFilter(self)
        return [said, answer, who, self._mover(record_id)]

    def _mover(self, record_id: str) -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        for arrow, step, name, tip in (
            (
                Qt.ArrowType.UpArrow,
                -1,
                self.tr("Move this objection up"),
                self.tr("Move up (Alt+Up)"),
            ),
            (
                Qt.ArrowType.DownArrow,
                1,
                self.tr("Move this objection down"),
                self.tr("Move down (Alt+Down)"),
            ),
        ):
            button = QToolButton(box)
            button.setArrowType(arrow)
            button.setAccessibleName(name)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, by=step: self.move_by(record_id, by))
            column.addWidget(button)
        return box

    def move_by(self, record_id: str, step: int) -> None:
        """Move an objection ``step`` places, keeping the focus on the same field of it."""
        case_id = self.case_id
        if case_id is None or self.read_only or not self.saver.flush():
            return
        focused = self.focusWidget()
        old = self.row_widgets(record_id) if record_id in self.record_ids() else []
        column = next(
            (i for i, w in enumerate(old) if focused and (w is focused or w.isAncestorOf(focused))),
            0,
        )
        moved = self.state.write(lambda s: move_objection(s, record_id, step), case_id=case_id)
        if moved is None:
            return
        self.show_objections(case_id, self.state.read(lambda s: objections_view(s, case_id)))
        for cell in self.row_widgets(record_id):
            cell.setVisible(True)  # at once (a layout shows new rows later), to take the focus
        widget = self.row_widgets(record_id)[column]
        buttons = widget.findChildren(QToolButton)
        (buttons[0 if step < 0 else 1] if buttons else widget).setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.modifiers() == Qt.KeyboardModifier.AltModifier
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
            and watched.property(ROW_ID)
        ):
            self.move_by(str(watched.property(ROW_ID)), -1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)

    def create_record(self, session: Session, case_id: str) -> str:
        return add_objection(session, case_id).id

    def remove_record(self, session: Session, record_id: str) -> None:
        remove_objection(session, record_id)

    def load_record(self, session: Session, record_id: str) -> ObjectionRow:
        return objection_row(session, record_id)


def _saving(record_id: str, field: str) -> Callable[[Session, Any], object]:
    def save(session: Session, value: Any) -> object:
        return update_objection(session, record_id, {field: value})

    return save

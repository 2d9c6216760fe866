"""The objections the client may raise and the team's answers, as rows on the Letters page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
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
TEXT_HEIGHT = 96  # five lines of an answer, read without scrolling


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
        self._cards: dict[str, QFrame] = {}
        self._numbers: dict[str, QLabel] = {}
        # One card per row, as wide as the list; the room left over stays below them.
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 0)
        self.grid.setColumnStretch(2, 0)
        self.grid.setVerticalSpacing(8)
        outer = self.layout()
        if isinstance(outer, QVBoxLayout):
            outer.addStretch(1)

    def tab(self) -> QWidget:
        """The Objections tab: what it is for and "Add objection" always on screen, the cards
        scrolling under them (a long list never pushes the button off a laptop screen)."""
        tab = QWidget()
        column = QVBoxLayout(tab)
        header = QHBoxLayout()
        intro = QLabel(
            self.tr(
                "What the client may say to refuse help, and the calm answer the team has "
                "ready. Order them as they are likely to come up."
            ),
            tab,
        )
        intro.setWordWrap(True)
        header.addWidget(intro, 1)
        header.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(header)
        area = QScrollArea(tab)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setWidget(self)
        area.viewport().setAutoFillBackground(False)  # the tab's own background, not a well
        self.setAutoFillBackground(False)
        column.addWidget(area, 1)
        self.scroll_area = area
        return tab

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
        said = small_text(self, self.tr("What the client may say"))
        said.setPlaceholderText(self.tr("What the client may say"))
        said.setPlainText(record.objection)
        answer = small_text(self, self.tr("Prepared answer"))
        answer.setPlaceholderText(self.tr("The calm answer the team has prepared"))
        answer.setPlainText(record.answer)
        for text in (said, answer):
            text.setFixedHeight(TEXT_HEIGHT)
        who = QComboBox(self)
        who.setAccessibleName(self.tr("Who answers"))
        who.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._fill_people(who, record.answered_by_id)
        record_id = record.id
        for widget, field in ((said, "objection"), (answer, "answer"), (who, "answered_by_id")):
            self.saver.watch(widget, _saving(record_id, field))
            widget.setProperty(ROW_ID, record_id)
            widget.installEventFilter(self)
        return [said, answer, who, self._mover(record_id)]

    def _mover(self, record_id: str) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        for arrow, step, text, name, tip in (
            (
                Qt.ArrowType.UpArrow,
                -1,
                self.tr("Up"),
                self.tr("Move this objection up"),
                self.tr("Move this objection up (Alt+Up)"),
            ),
            (
                Qt.ArrowType.DownArrow,
                1,
                self.tr("Down"),
                self.tr("Move this objection down"),
                self.tr("Move this objection down (Alt+Down)"),
            ),
        ):
            button = QToolButton(box)
            button.setArrowType(arrow)
            button.setText(text)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAccessibleName(name)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, by=step: self.move_by(record_id, by))
            row.addWidget(button)
        return box

    # Layout: one card per objection ---------------------------------------------------------

    def _append(self, record: ObjectionRow) -> list[QWidget]:
        """The base class lays a row's widgets out in grid columns; an objection and its answer
        are read side by side instead, each under its heading, in a card of their own (the
        widgets stay the row's, in the same order, for saving and the tab order)."""
        widgets = super()._append(record)
        said, answer, who, mover, remove = widgets
        for widget in widgets:
            self.grid.removeWidget(widget)
        assert isinstance(remove, QAbstractButton)
        remove.setText(self.tr("Remove"))
        remove.setAccessibleName(self.tr("Remove this objection"))
        remove.setToolTip(self.tr("Remove this objection and its answer"))
        card = QFrame(self)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(card)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        number = QLabel(card)
        bold = number.font()
        bold.setBold(True)
        number.setFont(bold)
        who_label = QLabel(self.tr("Who answers:"), card)
        who_label.setBuddy(who)
        top = QHBoxLayout()
        top.addWidget(number)
        top.addSpacing(12)
        top.addWidget(who_label)
        top.addWidget(who)
        top.addStretch(1)
        top.addWidget(mover)
        top.addWidget(remove)
        grid.addLayout(top, 0, 0, 1, 2)
        for column, (heading, field) in enumerate(
            ((self.tr("The client may say"), said), (self.tr("Our answer"), answer))
        ):
            caption = QLabel(heading, card)
            caption.setBuddy(field)
            grid.addWidget(caption, 1, column)
            grid.addWidget(field, 2, column)
            grid.setColumnStretch(column, 1)
        self.grid.addWidget(card, self._next_line - 1, 0)
        for widget in (card, *widgets):
            widget.show()  # at once, so that a new row can take the focus
        self._cards[record.id] = card
        self._numbers[record.id] = number
        return widgets

    def add(self) -> None:
        """Add an objection and bring its card into view, ready to type in."""
        super().add()
        ids = self.record_ids()
        area = getattr(self, "scroll_area", None)
        if ids and isinstance(area, QScrollArea):
            card = self._cards[ids[-1]]
            # Once the new card is laid out (a zero timer runs after the layout's own).
            QTimer.singleShot(0, lambda: area.ensureWidgetVisible(card))

    def _drop(self, record_id: str) -> None:
        super()._drop(record_id)
        self._numbers.pop(record_id, None)
        card = self._cards.pop(record_id, None)
        if card is not None:
            self.grid.removeWidget(card)
            card.hide()
            card.setParent(None)  # gone from the list at once, deleted once Qt is idle
            card.deleteLater()

    def _update_empty(self) -> None:
        """Number the objections as they stand (after an add, a removal or a move)."""
        super()._update_empty()
        for place, record_id in enumerate(self.record_ids(), start=1):
            self._numbers[record_id].setText(self.tr("Objection %1").replace("%1", str(place)))

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

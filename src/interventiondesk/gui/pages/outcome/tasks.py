"""Follow-up tasks: the list (overdue ones marked in colour and in words), the tasks the
outcomes suggest with one button to accept them, and a row to add a task by hand."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from interventiondesk.gui.shared.date_fields import DateField, format_date
from interventiondesk.gui.shared.widgets import Banner
from interventiondesk.gui.shell.state import AppState
from interventiondesk.services import follow_ups
from interventiondesk.services.follow_ups import SuggestedTask, TaskRow
from interventiondesk.services.outcomes import OutcomeView

ID_ROLE = Qt.ItemDataRole.UserRole
OVERDUE_COLOUR = "#c62828"
"""A red that reads on light and dark backgrounds; always beside the word "Overdue"."""
STATE, TITLE, DUE, OWNER = range(4)


class TasksPanel(QWidget):
    """The case's tasks: open ones by due day, then those done."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.case_id: str | None = None
        self.rows: tuple[TaskRow, ...] = ()
        self.suggestions: tuple[SuggestedTask, ...] = ()
        layout = QVBoxLayout(self)
        layout.addWidget(self._suggestions_banner())
        self.overdue_line = QLabel(self)
        self.overdue_line.setTextFormat(Qt.TextFormat.PlainText)
        self.overdue_line.setAccessibleName(self.tr("Overdue tasks"))
        self.overdue_line.setStyleSheet(f"color: {OVERDUE_COLOUR}; font-weight: bold;")
        layout.addWidget(self.overdue_line)
        self.list = QTreeWidget(self)
        self.list.setAccessibleName(self.tr("Follow-up tasks"))
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(False)
        self.list.setWordWrap(True)
        self.list.setHeaderLabels(
            [self.tr("State"), self.tr("Task"), self.tr("Due"), self.tr("Who")]
        )
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMinimumHeight(120)
        self.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(STATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DUE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(OWNER, QHeaderView.ResizeMode.ResizeToContents)
        self.list.currentItemChanged.connect(lambda *_: self.update_buttons())
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.done_button = QPushButton(self.tr("&Mark done"), self)
        self.done_button.clicked.connect(self.toggle_done)
        self.remove_button = QPushButton(self.tr("Rem&ove task"), self)
        self.remove_button.clicked.connect(self.remove_task)
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self._add_box())

    def _suggestions_banner(self) -> Banner:
        self.suggested = Banner(self)
        self.suggested.text.setTextFormat(Qt.TextFormat.PlainText)
        self.suggested.text.setAccessibleName(self.tr("Suggested tasks"))
        self.accept_button = QPushButton(self.tr("Accept su&ggestions"), self.suggested)
        self.accept_button.setToolTip(self.tr("Add every suggested task to the list at once"))
        self.accept_button.clicked.connect(self.accept_suggestions)
        self.suggested.row.addWidget(self.accept_button, 0, Qt.AlignmentFlag.AlignTop)
        self.suggested.hide()
        return self.suggested

    def _add_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Add a task"), self)
        row = QHBoxLayout(box)
        self.new_title = QLineEdit(box)
        self.new_title.setMaxLength(200)
        self.new_title.setAccessibleName(self.tr("New task"))
        self.new_title.setPlaceholderText(self.tr("What is to be done"))
        self.new_title.returnPressed.connect(self.add_task)
        self.new_due = DateField(box, self.tr("Due day of the new task"), empty_text=self.tr("Due"))
        self.new_owner = QComboBox(box)
        self.new_owner.setAccessibleName(self.tr("Who does the new task"))
        self.new_owner.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.new_owner.setMinimumContentsLength(12)
        self.add_button = QPushButton(self.tr("Add tas&k"), box)
        self.add_button.clicked.connect(self.add_task)
        row.addWidget(self.new_title, 3)
        row.addWidget(self.new_due, 1)
        row.addWidget(self.new_owner, 1)
        row.addWidget(self.add_button)
        return box

    # Showing ------------------------------------------------------------------------------

    def show_view(self, view: OutcomeView | None) -> None:
        self.case_id = view.case_id if view else None
        self.rows = view.tasks if view else ()
        self.suggestions = view.suggestions if view else ()
        chosen = self.chosen_task()
        with QSignalBlocker(self.list):
            self.list.clear()
            for row in self.rows:
                item = QTreeWidgetItem(self.list, self._texts(row))
                item.setData(STATE, ID_ROLE, row.id)
                item.setToolTip(TITLE, row.title + (f"\n{row.notes}" if row.notes else ""))
                if row.overdue:
                    for column in range(4):
                        item.setForeground(column, QBrush(QColor(OVERDUE_COLOUR)))
                    bold = QFont(item.font(STATE))
                    bold.setBold(True)
                    item.setFont(STATE, bold)
                elif row.done_at is not None:
                    done = QFont(item.font(TITLE))
                    done.setStrikeOut(True)
                    item.setFont(TITLE, done)
                if row.id == chosen:
                    self.list.setCurrentItem(item)
        overdue = sum(1 for row in self.rows if row.overdue)
        self.overdue_line.setVisible(bool(overdue))
        self.overdue_line.setText(
            self.tr("⚠ 1 task is overdue.")
            if overdue == 1
            else self.tr("⚠ %1 tasks are overdue.").replace("%1", str(overdue))
        )
        self._show_suggestions()
        owner = self.new_owner.currentData()
        with QSignalBlocker(self.new_owner):
            self.new_owner.clear()
            self.new_owner.addItem(self.tr("Me (the counselor)"), None)
            for person_id, name in view.owners if view else ():
                self.new_owner.addItem(name, person_id)
            self.new_owner.setCurrentIndex(max(0, self.new_owner.findData(owner)))
        self.update_buttons()

    def _texts(self, row: TaskRow) -> list[str]:
        if row.overdue:
            state = self.tr("⚠ Overdue")
        elif row.done_at is not None:
            state = self.tr("✔ Done")
        else:
            state = self.tr("○ Open")
        due = format_date(row.due_on) if row.due_on else self.tr("no day")
        return [state, row.title, due, row.owner or self.tr("Me")]

    def _show_suggestions(self) -> None:
        self.suggested.setVisible(bool(self.suggestions))
        lines = "\n".join(f"• {s.title} — {format_date(s.due_on)}" for s in self.suggestions)
        self.suggested.text.setText(
            self.tr("The outcomes suggest these tasks:") + "\n" + lines if lines else ""
        )

    def chosen_task(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(STATE, ID_ROLE)) if item is not None else None

    def _chosen_row(self) -> TaskRow | None:
        chosen = self.chosen_task()
        return next((row for row in self.rows if row.id == chosen), None)

    def update_buttons(self) -> None:
        row = self._chosen_row()
        writable = self.case_id is not None and not self.new_title.isReadOnly()
        self.done_button.setText(
            self.tr("&Mark open again")
            if row is not None and row.done_at
            else self.tr("&Mark done")
        )
        self.done_button.setEnabled(row is not None and writable)
        self.remove_button.setEnabled(row is not None and writable)
        self.accept_button.setEnabled(writable)
        self.add_button.setEnabled(writable)

    # Actions ------------------------------------------------------------------------------

    def accept_suggestions(self) -> None:
        case_id = self.case_id
        if case_id is None:
            return
        self.state.write(lambda s: len(follow_ups.accept_suggestions(s, case_id)), case_id=case_id)

    def add_task(self) -> None:
        case_id = self.case_id
        if case_id is None:
            return
        self.new_due.commit()
        if self.new_due.problem():
            self.state.failed.emit(self.new_due.problem())
            return
        title, due_on, owner = (
            self.new_title.text(),
            self.new_due.value(),
            self.new_owner.currentData(),
        )
        added = self.state.write(
            lambda s: follow_ups.add_task(s, case_id, title, due_on=due_on, owner_id=owner).id,
            case_id=case_id,
        )
        if added is not None:
            self.new_title.clear()
            self.new_due.set_value(None)

    def toggle_done(self) -> None:
        row = self._chosen_row()
        if row is None:
            return
        done = row.done_at is None
        self.state.write(
            lambda s: follow_ups.complete_task(s, row.id, done=done).id, case_id=self.case_id
        )

    def remove_task(self) -> None:
        row = self._chosen_row()
        if row is None:
            return

        def remove(session: Session) -> bool:
            follow_ups.remove_task(session, row.id)
            return True

        self.state.write(remove, case_id=self.case_id)

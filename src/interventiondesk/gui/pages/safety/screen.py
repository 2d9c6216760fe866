"""The risk screen: a new screen walked topic by topic (later questions only where earlier
answers call for them), its triage and next step as the answers come, and the saved screens
as a history that is only read (a new screen supersedes the last)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QSignalBlocker, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from interventiondesk.gui.shared.date_fields import format_moment
from interventiondesk.gui.shared.icons import icon
from interventiondesk.gui.shared.labels import label
from interventiondesk.gui.shared.record_rows import small_text
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import RiskLevel
from interventiondesk.services import safety
from interventiondesk.services.risk_screen import TOPICS, Topic, asked, next_step, triage
from interventiondesk.services.safety import ScreenRow

LEVEL_EDGE = {RiskLevel.LOW: "#43a047", RiskLevel.MODERATE: "#f9a825", RiskLevel.HIGH: "#e53935"}
"""The triage's edge colour; the level is always written beside it in words."""
LEVEL_SIGN = {RiskLevel.LOW: "●", RiskLevel.MODERATE: "▲", RiskLevel.HIGH: "■"}
ID_ROLE = Qt.ItemDataRole.UserRole


def tr_screen(text: str) -> str:
    """The screen's wording (English source in ``services.risk_screen``), translated."""
    return QCoreApplication.translate("risk_screen", text)


def answer_word(value: bool | None) -> str:
    if value is None:
        return QCoreApplication.translate("ScreenPanel", "not asked")
    return QCoreApplication.translate("ScreenPanel", "Yes" if value else "No")


def level_text(level: RiskLevel) -> str:
    return f"{LEVEL_SIGN[level]} {label(level)}"


class TopicRow(QFrame):
    """One topic: its title, the question, and Yes / No."""

    def __init__(self, topic: Topic, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.topic = topic
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(0)
        top = QHBoxLayout()
        self.title = title = QLabel(f"{number}. {tr_screen(topic.title)}", self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        top.addWidget(title)
        top.addSpacing(16)
        self.yes = QRadioButton(QCoreApplication.translate("ScreenPanel", "Yes"), self)
        self.no = QRadioButton(QCoreApplication.translate("ScreenPanel", "No"), self)
        for button, word in ((self.yes, "yes"), (self.no, "no")):
            button.setAccessibleName(f"{tr_screen(topic.title)}: {word}")
            top.addWidget(button)
        top.addStretch(1)  # the answers right after the topic, not across a wide screen
        layout.addLayout(top)
        question = QLabel(tr_screen(topic.question), self)
        question.setWordWrap(True)
        layout.addWidget(question)
        self.group = QButtonGroup(self)
        self.group.addButton(self.yes)
        self.group.addButton(self.no)

    def answer(self) -> bool | None:
        if self.yes.isChecked():
            return True
        if self.no.isChecked():
            return False
        return None

    def clear(self) -> None:
        self.group.setExclusive(False)  # an exclusive group keeps one button checked
        for button in (self.yes, self.no):
            with QSignalBlocker(button):
                button.setChecked(False)
        self.group.setExclusive(True)


class TriageBox(QFrame):
    """The triage and the next step, framed with the level's colour, a sign and words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("triage")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 8, 8)
        self.sign = QLabel(self)
        self.sign.setAlignment(Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.sign)
        column = QVBoxLayout()
        self.level = QLabel(self)
        self.level.setAccessibleName(QCoreApplication.translate("ScreenPanel", "Triage"))
        font = self.level.font()
        font.setBold(True)
        self.level.setFont(font)
        self.step = QLabel(self)
        self.step.setWordWrap(True)
        self.step.setAccessibleName(QCoreApplication.translate("ScreenPanel", "Next step"))
        column.addWidget(self.level)
        column.addWidget(self.step)
        row.addLayout(column, 1)

    def show_triage(self, answers: Mapping[str, bool | None], complete: bool) -> None:
        if all(value is None for value in answers.values()):
            self.level.setText(
                QCoreApplication.translate(
                    "ScreenPanel",
                    "No answer yet: the triage and the next step appear as you answer.",
                )
            )
            self.step.clear()
            self.step.hide()
            self.sign.clear()
            self.setStyleSheet("QFrame#triage { border: 1px solid palette(mid); }")
            return
        self.step.show()
        level = triage(answers)
        words = level_text(level)
        if complete:
            text = QCoreApplication.translate("ScreenPanel", "Triage: %1").replace("%1", words)
        else:
            text = QCoreApplication.translate(
                "ScreenPanel", "Triage so far: %1 (answer every question shown)"
            ).replace("%1", words)
        self.level.setText(text)
        self.step.setText(
            QCoreApplication.translate("ScreenPanel", "Next step: %1").replace(
                "%1", tr_screen(next_step(answers))
            )
        )
        size = self.level.fontMetrics().height() + 4
        self.sign.setPixmap(
            icon("warning" if level is not RiskLevel.LOW else "saved").pixmap(QSize(size, size))
        )
        self.setStyleSheet(
            "QFrame#triage { border: 1px solid palette(mid); border-left: 6px solid "
            + LEVEL_EDGE[level]
            + "; }"
        )


class ScreenPanel(QWidget):
    """A new screen, then the history of saved ones."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.case_id: str | None = None
        self.screens: tuple[ScreenRow, ...] = ()
        layout = QVBoxLayout(self)
        layout.addWidget(self._new_screen_box())
        layout.addWidget(self._history_box())
        layout.addStretch(1)

    def _new_screen_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("New screen"), self)
        layout = QVBoxLayout(box)
        intro = QLabel(
            self.tr(
                "Ask in order. The questions about a method, intent and a plan appear only "
                "after a yes to thoughts of suicide. Once saved, a screen is not changed; a "
                "new one supersedes it."
            ),
            box,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.topics: dict[str, TopicRow] = {}
        for number, topic in enumerate(TOPICS, start=1):
            row = TopicRow(topic, number, box)
            row.group.buttonToggled.connect(lambda *_: self.update_form())
            layout.addWidget(row)
            self.topics[topic.key] = row
        widest = max(row.title.sizeHint().width() for row in self.topics.values())
        for row in self.topics.values():
            row.title.setMinimumWidth(widest)  # every Yes and No in one column
        self.triage = TriageBox(box)
        layout.addWidget(self.triage)
        self.notes = small_text(box, self.tr("Notes on the screen"))
        self.notes.setPlaceholderText(self.tr("Notes (optional)"))
        layout.addWidget(self.notes)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save screen"), box)
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(self.tr("Start a&gain"), box)
        self.clear_button.clicked.connect(self.clear)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.update_form()
        return box

    def _history_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Saved screens (newest first, not editable)"), self)
        layout = QVBoxLayout(box)
        self.history = QTreeWidget(box)
        self.history.setAccessibleName(self.tr("Saved screens"))
        self.history.setRootIsDecorated(False)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history.setHeaderLabels([self.tr("When"), self.tr("By"), self.tr("Triage")])
        self.history.setMinimumHeight(90)
        self.history.setMaximumHeight(160)
        header = self.history.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.history.currentItemChanged.connect(lambda *_: self._show_chosen())
        layout.addWidget(self.history)
        self.details = QLabel(box)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName(self.tr("The chosen screen"))
        layout.addWidget(self.details)
        return box

    # The new screen -----------------------------------------------------------------------

    def answers(self) -> dict[str, bool | None]:
        """The answers given to the questions shown (None for the rest)."""
        given = {key: row.answer() for key, row in self.topics.items()}
        shown = asked(given)
        return {key: (value if key in shown else None) for key, value in given.items()}

    def is_complete(self) -> bool:
        given = self.answers()
        return all(given[key] is not None for key in asked(given))

    def update_form(self) -> None:
        """Show the questions the answers so far call for; the triage and next step live."""
        given = {key: row.answer() for key, row in self.topics.items()}
        shown = asked(given)
        for key, row in self.topics.items():
            row.setVisible(key in shown)
            if key not in shown and row.answer() is not None:
                row.clear()  # a skipped topic is never saved with an old answer
        complete = self.is_complete()
        self.triage.show_triage(self.answers(), complete)
        writable = self.case_id is not None and not self.notes.isReadOnly()
        self.save_button.setEnabled(complete and writable)
        self.save_button.setToolTip(
            "" if complete else self.tr("Answer every question shown, then save the screen.")
        )

    def clear(self) -> None:
        for row in self.topics.values():
            row.clear()
        self.notes.clear()
        self.update_form()

    def save(self) -> None:
        case_id = self.case_id
        if case_id is None or not self.is_complete():
            return
        answers, notes = self.answers(), self.notes.toPlainText()
        saved = self.state.write(
            lambda s: safety.save_screen(s, case_id, answers, notes=notes).id, case_id=case_id
        )
        if saved is not None:
            self.clear()

    # The history --------------------------------------------------------------------------

    def show_screens(self, case_id: str | None, screens: tuple[ScreenRow, ...]) -> None:
        self.case_id = case_id
        self.screens = screens
        with QSignalBlocker(self.history):
            self.history.clear()
            for screen in screens:
                level = level_text(screen.triage) if screen.triage else ""
                if screen.superseded:
                    level = self.tr("%1 (superseded)").replace("%1", level)
                item = QTreeWidgetItem(
                    self.history, [format_moment(screen.screened_at), screen.screened_by, level]
                )
                item.setData(0, ID_ROLE, screen.id)
        first = self.history.topLevelItem(0)
        if first is not None:
            self.history.setCurrentItem(first)
        self._show_chosen()
        self.update_form()

    def _show_chosen(self) -> None:
        item = self.history.currentItem()
        chosen = item.data(0, ID_ROLE) if item is not None else None
        screen = next((s for s in self.screens if s.id == chosen), None)
        if screen is None:
            self.details.setText(self.tr("No screen saved for this case yet."))
            return
        lines = [
            f"{tr_screen(topic.title)}: {answer_word(value)}"
            for topic, (_key, value) in zip(TOPICS, screen.answers, strict=True)
        ]
        if screen.triage is not None:
            lines.append(self.tr("Triage: %1").replace("%1", level_text(screen.triage)))
        lines.append(self.tr("Next step: %1").replace("%1", tr_screen(screen.next_step)))
        if screen.notes:
            lines.append(self.tr("Notes: %1").replace("%1", screen.notes))
        self.details.setText("\n".join(lines))

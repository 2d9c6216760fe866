"""Bottom-line follow-through: for each participant who wrote a bottom-line letter, what it
says, whether they kept it (noted on a day, kept as history), and a way to note it again."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from interventiondesk.gui.shared.date_fields import DateField, format_date
from interventiondesk.gui.shared.labels import choices, label
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import FollowThrough
from interventiondesk.services import outcomes
from interventiondesk.services.outcomes import BottomLineRow

MARKS = {
    FollowThrough.KEPT: "✔",
    FollowThrough.NOT_KEPT: "✘",
    FollowThrough.NOT_APPLICABLE: "–",
}
"""A sign beside each word, so that the state is never told by colour alone."""


def standing_text(row: BottomLineRow) -> str:
    """Where the participant stands now, in words: the latest note and its day."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("ParticipantBottomLine", text)

    if row.status is None:
        return tr("Not noted yet.")
    text = f"{MARKS[row.status]} {label(row.status)}"
    if row.noted_on is None:
        return text
    return (
        tr("{state}, noted {day}")
        .replace("{state}", text)
        .replace("{day}", format_date(row.noted_on))
    )


class ParticipantBottomLine(QGroupBox):
    """One participant: the bottom lines of their letters, the latest note and the history,
    and the fields to note how it stands today."""

    def __init__(self, row: BottomLineRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.participant_id = row.participant_id
        layout = QVBoxLayout(self)
        self.letters = QLabel(self)
        self.letters.setWordWrap(True)
        self.letters.setTextFormat(Qt.TextFormat.PlainText)
        self.letters.setAccessibleName(self.tr("Bottom lines from this person's letters"))
        layout.addWidget(self.letters)
        self.standing = QLabel(self)
        self.standing.setTextFormat(Qt.TextFormat.PlainText)
        self.standing.setAccessibleName(self.tr("Follow-through now"))
        font = self.standing.font()
        font.setBold(True)
        self.standing.setFont(font)
        layout.addWidget(self.standing)
        self.history = QLabel(self)
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.PlainText)
        self.history.setAccessibleName(self.tr("Earlier notes"))
        layout.addWidget(self.history)
        entry = QHBoxLayout()
        self.status = QComboBox(self)
        for text, value in choices(FollowThrough):
            self.status.addItem(f"{MARKS[FollowThrough(value)]} {text}", value)
        self.noted_on = DateField(self, self.tr("Day noted"))
        self.noted_on.set_value(date.today())
        self.notes = QLineEdit(self)
        self.notes.setMaxLength(500)
        self.notes.setPlaceholderText(self.tr("Notes (optional)"))
        self.note_button = QPushButton(self.tr("Note it"), self)
        entry.addWidget(self.status)
        entry.addWidget(self.noted_on)
        entry.addWidget(self.notes, 1)
        entry.addWidget(self.note_button)
        layout.addLayout(entry)
        self.update_row(row)

    def update_row(self, row: BottomLineRow) -> None:
        name = row.name if not row.relationship else f"{row.name} ({row.relationship})"
        self.setTitle(name.replace("&", "&&"))  # a name is never a mnemonic
        self.status.setAccessibleName(self.tr("Follow-through of %1").replace("%1", row.name))
        self.noted_on.edit.setAccessibleName(self.tr("Day noted for %1").replace("%1", row.name))
        self.notes.setAccessibleName(self.tr("Notes for %1").replace("%1", row.name))
        self.note_button.setAccessibleName(self.tr("Note it for %1").replace("%1", row.name))
        lines = [line.strip() for line in row.bottom_lines if line.strip()]
        if len(row.bottom_lines) == 1:
            source = self.tr("From their bottom-line letter:")
        else:
            source = self.tr("From their %1 bottom-line letters:").replace(
                "%1", str(len(row.bottom_lines))
            )
        body = "\n".join(f"“{line}”" for line in lines) or self.tr(
            "(the letter does not state its bottom line yet)"
        )
        self.letters.setText(f"{source}\n{body}")
        self.standing.setText(standing_text(row))
        earlier = row.history[1:]
        self.history.setVisible(bool(earlier))
        self.history.setText(
            self.tr("Before:")
            + "\n"
            + "\n".join(
                f"{format_date(c.noted_on)}: {MARKS[c.status]} {label(c.status)}"
                + (f" — {c.notes}" if c.notes else "")
                for c in earlier
            )
        )
        if row.status is not None:
            self.status.setCurrentIndex(max(0, self.status.findData(row.status)))


class BottomLinesPanel(QWidget):
    """Every participant with a bottom-line letter, in team order."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.case_id: str | None = None
        self.boxes: dict[str, ParticipantBottomLine] = {}
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Whether each person who wrote a bottom line has kept it. A new note is kept "
                "beside the earlier ones; the latest is the one that stands."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.empty = QLabel(
            self.tr(
                "Nobody in this case has written a bottom-line letter, so there is nothing to "
                "follow through here."
            ),
            self,
        )
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.rows_layout = QVBoxLayout()
        layout.addLayout(self.rows_layout)
        layout.addStretch(1)

    def show_rows(self, case_id: str | None, rows: tuple[BottomLineRow, ...]) -> None:
        """Update the boxes in place (a field being typed in keeps its text); rebuilt only when
        the people change."""
        self.case_id = case_id
        if [r.participant_id for r in rows] != list(self.boxes):
            for box in self.boxes.values():
                self.rows_layout.removeWidget(box)
                box.deleteLater()
            self.boxes = {}
            for row in rows:
                box = ParticipantBottomLine(row, self)
                box.note_button.clicked.connect(
                    lambda _checked=False, pid=row.participant_id: self.note(pid)
                )
                self.rows_layout.addWidget(box)
                self.boxes[row.participant_id] = box
        else:
            for row in rows:
                self.boxes[row.participant_id].update_row(row)
        self.empty.setVisible(not rows)

    def note(self, participant_id: str) -> None:
        box = self.boxes[participant_id]
        box.noted_on.commit()
        if box.noted_on.problem():
            self.state.failed.emit(box.noted_on.problem())
            return
        noted_on = box.noted_on.value()
        if noted_on is None:
            self.state.failed.emit(self.tr("Enter the day this was noted."))
            return
        status = box.status.currentData()
        notes = box.notes.text()
        done = self.state.write(
            lambda s: (
                outcomes.record_bottom_line(
                    s, participant_id, status, noted_on=noted_on, notes=notes
                ).id
            ),
            case_id=self.case_id,
        )
        if done is not None:
            box.notes.clear()

"""ASAM ratings: each of the six dimensions rated 0 to 4 with a note, saved together as one
rating, with the rating before it shown beside."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from interventiondesk.gui.shared.date_fields import format_moment
from interventiondesk.gui.shared.labels import label
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import AsamDimension
from interventiondesk.services.safety import AsamGiven, AsamRow, rate_asam

NOT_RATED = -1
DIMENSION, NOW, NOTE, BEFORE = range(4)


def given_text(given: AsamGiven | None, empty: str) -> str:
    """A rating as the history shows it: the number, the day, and the note."""
    if given is None:
        return empty
    text = f"{given.rating} · {format_moment(given.rated_at)}"
    return f"{text}\n{given.notes}" if given.notes else text


class AsamPanel(QGroupBox):
    """The six dimensions in a grid: the rating now (editable), its note, and the one before."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("ASAM ratings (0 = no risk, 4 = severe)"))
        self.state = state
        self.case_id: str | None = None
        self.rows: dict[AsamDimension, AsamRow] = {}
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        grid.setColumnStretch(NOTE, 2)
        grid.setColumnStretch(BEFORE, 2)
        grid.setColumnStretch(DIMENSION, 2)
        for column, text in (
            (DIMENSION, self.tr("Dimension")),
            (NOW, self.tr("Rating")),
            (NOTE, self.tr("Note")),
            (BEFORE, self.tr("Previous rating")),
        ):
            heading = QLabel(text, self)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            grid.addWidget(heading, 0, column)
        self.ratings: dict[AsamDimension, QComboBox] = {}
        self.notes: dict[AsamDimension, QLineEdit] = {}
        self.before: dict[AsamDimension, QLabel] = {}
        for line, dimension in enumerate(AsamDimension, start=1):
            name = QLabel(label(dimension), self)
            name.setWordWrap(True)
            rating = QComboBox(self)
            rating.setAccessibleName(self.tr("Rating: %1").replace("%1", label(dimension)))
            rating.addItem(self.tr("—"), NOT_RATED)
            for value in range(5):
                rating.addItem(str(value), value)
            note = QLineEdit(self)
            note.setMaxLength(500)
            note.setAccessibleName(self.tr("Note: %1").replace("%1", label(dimension)))
            before = QLabel(self)
            before.setWordWrap(True)
            before.setTextFormat(Qt.TextFormat.PlainText)
            before.setAccessibleName(self.tr("Previous rating: %1").replace("%1", label(dimension)))
            grid.addWidget(name, line, DIMENSION)
            grid.addWidget(rating, line, NOW, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(note, line, NOTE, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(before, line, BEFORE)
            self.ratings[dimension] = rating
            self.notes[dimension] = note
            self.before[dimension] = before
        layout.addLayout(grid)
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save r&atings"), self)
        self.save_button.setToolTip(
            self.tr("Keep the ratings shown as a new rating; the earlier ones stay beside them.")
        )
        self.save_button.clicked.connect(self.save)
        self.last_rated = QLabel(self)
        self.last_rated.setWordWrap(True)
        self.last_rated.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.save_button)
        row.addWidget(self.last_rated, 1)
        layout.addLayout(row)

    def show_rows(
        self, case_id: str | None, rows: tuple[AsamRow, ...], *, reload_fields: bool
    ) -> None:
        """The current ratings in the fields, and the previous ones beside them. After a save
        elsewhere on the page, a dimension being changed here keeps what was chosen."""
        editing = set() if reload_fields else set(self.changed())
        self.case_id = case_id
        self.rows = {row.dimension: row for row in rows}
        for dimension in AsamDimension:
            row = self.rows.get(dimension)
            current = row.current if row else None
            self.before[dimension].setText(
                given_text(row.previous if row else None, self.tr("none before"))
            )
            if dimension in editing:
                continue
            rating = self.ratings[dimension]
            rating.setCurrentIndex(
                max(0, rating.findData(current.rating if current else NOT_RATED))
            )
            self.notes[dimension].setText(current.notes if current else "")
        latest = max(
            (row.current.rated_at for row in rows if row.current is not None), default=None
        )
        self.last_rated.setText(
            self.tr("Last rated %1").replace("%1", format_moment(latest))
            if latest
            else self.tr("Not rated yet.")
        )

    def changed(self) -> dict[AsamDimension | str, tuple[int, str]]:
        """The dimensions whose rating or note differ from the current ones."""
        found: dict[AsamDimension | str, tuple[int, str]] = {}
        for dimension in AsamDimension:
            value = int(self.ratings[dimension].currentData())
            note = self.notes[dimension].text()
            row = self.rows.get(dimension)
            current = row.current if row else None
            if value == NOT_RATED:
                continue
            if current is None or (current.rating, current.notes) != (value, note):
                found[dimension] = (value, note)
        return found

    def save(self) -> None:
        case_id = self.case_id
        if case_id is None:
            return
        ratings = self.changed()
        if not ratings:
            self.last_rated.setText(self.tr("Nothing changed since the last rating."))
            return
        self.state.write(lambda s: len(rate_asam(s, case_id, ratings)), case_id=case_id)

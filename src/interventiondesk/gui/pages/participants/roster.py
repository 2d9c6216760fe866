"""The Participants page's roster: one row per person, in roster order, with the columns that
say who they are (name, relationship, role, whether they are in the room). Long roles such as
"Letter only (not attending)" and long names wrap onto a second line instead of being cut off."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from interventiondesk.gui.shared.labels import label
from interventiondesk.services.participants import PersonView

ID_ROLE = Qt.ItemDataRole.UserRole
NAME, RELATIONSHIP, ROLE, ATTENDS = range(4)


class RosterTable(QTableWidget):
    """The roster as a table of plain values; the person's id sits on the name cell."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self._people: list[PersonView] = []
        self.merged = False
        """True when the table is too narrow for a relationship column: each relationship is
        then shown on a second line under the name."""
        self.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Relationship"), self.tr("Role"), self.tr("Attends")]
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the roster for the buttons and details
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # see fit_columns
        header.setStretchLastSection(False)

    def fill(self, people: Sequence[PersonView]) -> None:
        """Show ``people`` in order (signals blocked: the caller chooses whom to select)."""
        blocked = self.blockSignals(True)
        self._people = list(people)
        self.setRowCount(0)
        self.setRowCount(len(people))
        for row, person in enumerate(people):
            self.show_person(row, person)
        self.blockSignals(blocked)
        self.fit_columns()

    def show_person(self, row: int, person: PersonView) -> None:
        """Put ``person``'s values in ``row`` (a refresh after a save changes only the texts)."""
        if 0 <= row < len(self._people):
            self._people[row] = person
        name = person.name or self.tr("(no name)")
        if self.merged and person.relationship_to_client:
            name += "\n" + person.relationship_to_client
        texts = {
            NAME: name,
            RELATIONSHIP: person.relationship_to_client,
            ROLE: label(person.role),
            ATTENDS: self.tr("Yes") if person.attending else self.tr("No"),
        }
        for column, text in texts.items():
            item = self.item(row, column)
            if item is None:
                item = QTableWidgetItem()
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.setItem(row, column, item)
            item.setText(text)
        cell = self.item(row, NAME)
        assert cell is not None
        cell.setData(ID_ROLE, person.id)

    def fit_columns(self) -> None:
        """Share the width so that the columns that carry the meaning are read whole.

        Every column gets the width of its longest text when they all fit, the spare width
        shared by the name, relationship and role. When they do not, "Attends" and the role
        keep theirs (the role's labels are short and fixed), and the name and relationship
        share the rest in proportion to their texts, each wide enough for its longest word:
        they wrap between words onto a second line rather than being cut off. A table too
        narrow for that shows each relationship under the name, in one column; only one too
        narrow even then squeezes the role to two fifths.
        """
        available = self.viewport().width()
        if available <= 0:
            return
        header = self.horizontalHeader()
        pad = 2 * self.style().pixelMetric(self.style().PixelMetric.PM_FocusFrameHMargin) + 8
        wanted = [
            max(self.sizeHintForColumn(column), header.sectionSizeHint(column)) + pad
            for column in range(self.columnCount())
        ]
        floor = {column: self._longest_word(column) + pad for column in (NAME, RELATIONSHIP)}
        separate = wanted[ATTENDS] + wanted[ROLE] + floor[NAME] + floor[RELATIONSHIP]
        self._merge(available < separate)
        widths = list(wanted)
        if self.merged:
            # One column for the person: the name, and the relationship under it.
            widths[RELATIONSHIP] = 0
            floor[NAME] = max(floor.values())
            widths[ROLE] = min(
                wanted[ROLE], max(available - wanted[ATTENDS] - floor[NAME], available * 2 // 5)
            )
            widths[NAME] = max(0, available - widths[ATTENDS] - widths[ROLE])
        elif sum(wanted) <= available:
            # Spare width goes to the name, relationship and role in proportion, so that the
            # role is not pushed far from the name on a wide screen.
            spare = available - sum(wanted)
            shares = (NAME, RELATIONSHIP, ROLE)
            total = sum(wanted[c] for c in shares)
            for column in shares:
                widths[column] += spare * wanted[column] // total
            widths[RELATIONSHIP] += available - sum(widths)
        else:
            room = available - widths[ATTENDS] - floor[NAME] - floor[RELATIONSHIP]
            widths[ROLE] = min(wanted[ROLE], max(room, available * 2 // 5))
            rest = max(0, available - widths[ATTENDS] - widths[ROLE])
            both = max(1, wanted[NAME] + wanted[RELATIONSHIP])
            name = max(floor[NAME], min(wanted[NAME], rest * wanted[NAME] // both))
            name = max(min(name, rest - floor[RELATIONSHIP]), min(floor[NAME], rest))
            widths[NAME] = name
            widths[RELATIONSHIP] = max(0, rest - name)
        for column, width in enumerate(widths):
            header.resizeSection(column, width)
        self.resizeRowsToContents()

    def _merge(self, merged: bool) -> None:
        if merged == self.merged:
            return
        self.merged = merged
        self.setColumnHidden(RELATIONSHIP, merged)
        self.model().setHeaderData(
            NAME,
            Qt.Orientation.Horizontal,
            self.tr("Name and relationship") if merged else self.tr("Name"),
        )
        for row, person in enumerate(self._people):
            self.show_person(row, person)

    def _longest_word(self, column: int) -> int:
        metrics = self.fontMetrics()
        return max(
            (
                metrics.horizontalAdvance(word)
                for row in range(self.rowCount())
                if (item := self.item(row, column)) is not None
                for word in item.text().split()
            ),
            default=0,
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def count(self) -> int:
        return self.rowCount()

    def person_id(self, row: int) -> str | None:
        item = self.item(row, NAME) if 0 <= row < self.rowCount() else None
        value = item.data(ID_ROLE) if item is not None else None
        return str(value) if value is not None else None

    def ids(self) -> list[str]:
        return [pid for row in range(self.rowCount()) if (pid := self.person_id(row))]

    def texts(self, row: int) -> list[str]:
        """What row ``row`` shows, column by column."""
        return [
            item.text() if (item := self.item(row, column)) is not None else ""
            for column in range(self.columnCount())
        ]

    def setCurrentRow(self, row: int) -> None:
        if 0 <= row < self.rowCount():
            self.setCurrentCell(row, NAME)
        else:
            self.setCurrentCell(-1, -1)
            self.clearSelection()

"""The case list as a Qt table model: sorting and type-to-filter done in the model, for speed.

``set_rows`` computes one lowercase "haystack" per row, so that one keystroke over 10,000 cases is
a plain substring scan of short strings. Display texts are made only when the view asks for a
cell (it asks for the few dozen rows on screen), and each kind, model and status is translated
once per value, not once per row. A ``CaseSelection`` (risk flags, high triage, overdue tasks,
or the cases behind a number of the dashboard) narrows the list beside the typed words.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimeZone,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from interventiondesk.gui.shared.date_fields import (
    format_moment,
)
from interventiondesk.gui.shared.labels import label
from interventiondesk.services.risk_flags import RAISED_WORDS  # plain words: no data layer

if TYPE_CHECKING:  # the list paints before the data layer is imported
    from interventiondesk.services.cases import CaseRow

Index = QModelIndex | QPersistentModelIndex


def _t(text: str) -> str:
    return text  # marks a header for translation in the "CaseListModel" context


CLIENT, REFERENCE, KIND, MODEL, STATUS, NEXT_DATE, COUNSELOR, RISK, OVERDUE = range(9)
HEADERS = (
    _t("Client"),
    _t("Reference"),
    _t("Kind"),
    _t("Model"),
    _t("Status"),
    _t("Next date"),
    _t("Counselor"),
    _t("Risk"),
    _t("Overdue"),
)
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""``index.data(CASE_ID_ROLE)`` is the case's identity, whatever the column."""
HIGH = "high"
"""``RiskLevel.HIGH``'s value (the model is not imported before the list paints)."""


def _risk_word(text: str) -> str:
    return QCoreApplication.translate("risk_flags", text)


def risk_words(triage: str | None, flags: Sequence[str]) -> list[tuple[str, str]]:
    """(short word, sentence) for a high triage and each raised flag, in that order."""
    words = []
    if triage == HIGH:
        words.append(
            (
                _risk_word("High triage"),
                _risk_word("The latest risk screen gave a high triage."),
            )
        )
    for flag in flags:
        short, sentence = RAISED_WORDS[flag]
        words.append((_risk_word(short), _risk_word(sentence)))
    return words


class CaseSelection:
    """Which cases the list keeps besides the typed words: ``keep`` says it for a row.

    ``case_ids`` is set when the selection is a fixed set of cases (the cases behind a number
    of the dashboard); archived cases may be among them.
    """

    __slots__ = ("case_ids", "keep", "title")

    def __init__(
        self,
        title: str,
        keep: Callable[[CaseRow], bool],
        case_ids: frozenset[str] | None = None,
    ) -> None:
        self.title = title
        self.keep = keep
        self.case_ids = case_ids

    @classmethod
    def of_cases(cls, title: str, case_ids: Collection[str]) -> CaseSelection:
        ids = frozenset(case_ids)
        return cls(title, lambda row: row.id in ids, ids)


def with_risk_flag(row: CaseRow) -> bool:
    return bool(row.flags)


def with_high_triage(row: CaseRow) -> bool:
    return row.triage == HIGH


def with_overdue_tasks(row: CaseRow) -> bool:
    return row.overdue_tasks > 0


class _Line:
    """One row with its search text (a plain class: the dataclasses module costs start-up time)."""

    __slots__ = ("haystack", "next_date_text", "risk", "row")

    def __init__(self, row: CaseRow, haystack: str) -> None:
        self.row = row
        self.haystack = haystack
        self.next_date_text: str | None = None  # made when first shown
        self.risk: list[tuple[str, str]] | None = None  # made when first shown


def _local(moment: datetime) -> QDateTime:
    stamp = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), QTimeZone.utc())
    return stamp.toLocalTime()


class CaseListModel(QAbstractTableModel):
    """Rows are ``CaseRow`` projections; ``set_filter`` keeps rows whose texts hold every word."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: list[_Line] = []
        self._order: list[int] = []  # all rows, in the current sort order
        self._visible: list[int] = []  # rows passing the filter, in sort order
        self._filter = ""
        self._selection: CaseSelection | None = None
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._locale = QLocale()
        self._labels: dict[StrEnum, str] = {}

    # Filling --------------------------------------------------------------------------

    def _label(self, value: StrEnum) -> str:
        """The translated label, looked up once per value (there are a handful, not 10,000)."""
        text = self._labels.get(value)
        if text is None:
            text = self._labels[value] = label(value)
        return text

    def _line(self, row: CaseRow) -> _Line:
        words = (
            row.client_name,
            row.preferred_name,
            row.reference,
            row.counselor,
            self._label(row.kind),
            self._label(row.model),
            self._label(row.status),
            self._transfer_state(row),  # "at <computer>", "has conflicts": as the list shows
        )
        return _Line(row, "\x1f".join(words).casefold())

    def _text(self, line: _Line, column: int) -> str:
        row = line.row
        if column == CLIENT:
            return row.client_name
        if column == REFERENCE:
            return row.reference
        if column == KIND:
            return self._label(row.kind)
        if column == MODEL:
            return self._label(row.model)
        if column == STATUS:
            return self._label(row.status) + self._transfer_state(row)
        if column == NEXT_DATE:
            if line.next_date_text is None:
                moment = row.next_date
                line.next_date_text = "" if moment is None else format_moment(moment, self._locale)
            return line.next_date_text
        if column == RISK:
            return ", ".join(short for short, _sentence in self._risk(line))
        if column == OVERDUE:
            count = row.overdue_tasks
            return self.tr("%1 overdue").replace("%1", str(count)) if count else ""
        return row.counselor

    def _transfer_state(self, row: CaseRow) -> str:
        """ " · away" and " · has conflicts" after the status (docs/transfers.md)."""
        text = ""
        if row.away_since is not None:
            text += " · " + self.tr("at {where}").format(
                where=row.away_at or self.tr("another computer")
            )
        if row.has_conflicts:
            text += " · " + self.tr("has conflicts")
        return text

    def _risk(self, line: _Line) -> list[tuple[str, str]]:
        if line.risk is None:
            line.risk = risk_words(line.row.triage, line.row.flags)
        return line.risk

    def _tooltip(self, line: _Line, column: int) -> str:
        if column == RISK:
            return "\n".join(sentence for _short, sentence in self._risk(line))
        if column == OVERDUE and line.row.overdue_tasks:
            count = line.row.overdue_tasks
            if count == 1:
                return self.tr("1 follow-up task of this case is past its due date.")
            return self.tr("%1 follow-up tasks of this case are past their due date.").replace(
                "%1", str(count)
            )
        return self._text(line, column)

    def set_rows(self, rows: Sequence[CaseRow]) -> None:
        """Replace every row (keeps the current sort and filter)."""
        self.beginResetModel()
        self._labels.clear()  # a new language shows from the next reload
        self._lines = [self._line(row) for row in rows]
        self._order = list(range(len(self._lines)))
        self._sort_lines()
        self._visible = self._matching(self._order, self._filter)
        self.endResetModel()

    def update_row(self, row: CaseRow) -> None:
        """Refresh one case's line after an edit; it keeps its place until the next sort."""
        for position, line in enumerate(self._lines):
            if line.row.id == row.id:
                self._lines[position] = self._line(row)
                if position in self._visible:
                    visible_row = self._visible.index(position)
                    self.dataChanged.emit(
                        self.index(visible_row, 0), self.index(visible_row, len(HEADERS) - 1)
                    )
                return

    # Filtering ------------------------------------------------------------------------

    def _matching(self, candidates: list[int], text: str) -> list[int]:
        lines = self._lines
        selection = self._selection
        if selection is not None:
            keep = selection.keep
            candidates = [i for i in candidates if keep(lines[i].row)]
        words = text.casefold().split()
        if not words:
            return list(candidates)
        if len(words) == 1:
            word = words[0]
            return [i for i in candidates if word in lines[i].haystack]
        return [i for i in candidates if all(w in lines[i].haystack for w in words)]

    def set_filter(self, text: str) -> None:
        """Show only cases whose name, reference, counselor, kind, model or status match."""
        previous = self._filter
        self._filter = text
        # Typing one more letter can only narrow the list: scan what is shown, not everything.
        narrower = previous.strip() and text.casefold().startswith(previous.casefold())
        candidates = self._visible if narrower else self._order
        self.beginResetModel()
        self._visible = self._matching(candidates, text)
        self.endResetModel()

    @property
    def filter_text(self) -> str:
        return self._filter

    def set_selection(self, selection: CaseSelection | None) -> None:
        """Keep only the cases ``selection`` keeps (None: every case), with the typed words."""
        self._selection = selection
        self.beginResetModel()
        self._visible = self._matching(self._order, self._filter)
        self.endResetModel()

    @property
    def selection(self) -> CaseSelection | None:
        return self._selection

    def listed_ids(self) -> set[str]:
        """Every case read, whether shown or not."""
        return {line.row.id for line in self._lines}

    @property
    def total_count(self) -> int:
        """Every case read, whether the filter shows it or not."""
        return len(self._lines)

    # Sorting --------------------------------------------------------------------------

    def _sort_key(self, column: int) -> Any:
        lines = self._lines
        if column == NEXT_DATE:
            # Cases without a date go last in ascending order.

            def when(i: int) -> float:
                moment = lines[i].row.next_date
                return moment.timestamp() if moment is not None else float("inf")

            return when
        if column == RISK:
            # A high triage first, then the most flags.
            return lambda i: (lines[i].row.triage != HIGH, -len(lines[i].row.flags))
        if column == OVERDUE:
            # Ascending puts the most overdue first: they are what the column is sorted for.
            return lambda i: -lines[i].row.overdue_tasks
        if column == REFERENCE:
            return lambda i: lines[i].row.reference
        text = self._text
        return lambda i: text(lines[i], column).casefold()

    def _sort_lines(self) -> None:
        if self._sort_column < 0:
            return
        self._order.sort(
            key=self._sort_key(self._sort_column),
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        old = [self._visible[index.row()] for index in self.persistentIndexList()]
        columns = [index.column() for index in self.persistentIndexList()]
        self._sort_column = column
        self._sort_order = order
        self._sort_lines()
        visible = set(self._visible)
        self._visible = [i for i in self._order if i in visible]
        where = {line: row for row, line in enumerate(self._visible)}
        self.changePersistentIndexList(
            self.persistentIndexList(),
            [self.index(where[line], column) for line, column in zip(old, columns, strict=True)],
        )
        self.layoutChanged.emit()

    # Reading --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(HEADERS)

    def case_row(self, row: int) -> CaseRow:
        return self._lines[self._visible[row]].row

    def row_of(self, case_id: str) -> int:
        """The shown row of a case, or -1 when it is filtered out or not listed."""
        for row, line in enumerate(self._visible):
            if self._lines[line].row.id == case_id:
                return row
        return -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._lines[self._visible[index.row()]]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line, index.column())
        if role == CASE_ID_ROLE:
            return line.row.id
        if (
            role == Qt.ItemDataRole.FontRole
            and index.column() == OVERDUE
            and line.row.overdue_tasks
        ):
            font = QFont()
            font.setBold(True)
            font.setItalic(line.row.archived)
            return font
        if line.row.archived:
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
            if role == Qt.ItemDataRole.ForegroundRole:
                return QGuiApplication.palette().brush(
                    QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
                )
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and line.row.archived:
            return self.tr("Archived")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("CaseListModel", HEADERS[section])
        return None

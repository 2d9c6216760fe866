"""The case list's filter: every case, those that need care, or the cases behind a number."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from interventiondesk.gui.shell.case_list import (
    CaseSelection,
    with_high_triage,
    with_overdue_tasks,
    with_risk_flag,
)


class CaseListFilter(QComboBox):
    """All cases, With a risk flag, High triage, With overdue tasks; and, after a number of the
    dashboard was pressed, one more entry naming those cases, which goes once another is
    chosen. ``selectionChanged`` is emitted when the counselor chooses."""

    selectionChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Which cases to list"))
        self.setToolTip(self.tr("List every case, or only those that need care"))
        self._fixed: list[CaseSelection | None] = [
            None,
            CaseSelection(self.tr("With a risk flag"), with_risk_flag),
            CaseSelection(self.tr("High triage"), with_high_triage),
            CaseSelection(self.tr("With overdue tasks"), with_overdue_tasks),
        ]
        self._shown: CaseSelection | None = None
        for selection in self._fixed:
            self.addItem(self.tr("All cases") if selection is None else selection.title)
        self.currentIndexChanged.connect(self._chosen)

    @property
    def selection(self) -> CaseSelection | None:
        """What the list keeps now (None: every case)."""
        index = self.currentIndex()
        return self._fixed[index] if index < len(self._fixed) else self._shown

    def show_selection(self, selection: CaseSelection) -> None:
        """Name ``selection`` as the list's filter (without ``selectionChanged``)."""
        self.blockSignals(True)
        self._drop_shown()
        self._shown = selection
        self.addItem(selection.title)
        self.setCurrentIndex(len(self._fixed))
        self.blockSignals(False)

    def _drop_shown(self) -> None:
        if self.count() > len(self._fixed):
            self.removeItem(len(self._fixed))
        self._shown = None

    def _chosen(self, index: int) -> None:
        if index < len(self._fixed):
            self._drop_shown()  # the dashboard's cases, once left, go
        self.selectionChanged.emit()

"""What the case list says when it shows nothing: how to start, or that the search hides all."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyListNote(QWidget):
    """Shown in place of the list when it has no row to show, with the one useful button."""

    newCaseRequested = Signal()
    clearSearchRequested = Signal()
    allCasesRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 24, 16, 16)
        layout.addStretch(1)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # the search text is the user's
        layout.addWidget(self.text)
        self.new_case = QPushButton(self.tr("Start a new case…"), self)
        self.new_case.clicked.connect(self.newCaseRequested)
        self.clear_search = QPushButton(self.tr("Clear the search"), self)
        self.clear_search.clicked.connect(self.clearSearchRequested)
        self.all_cases = QPushButton(self.tr("List all cases"), self)
        self.all_cases.clicked.connect(self.allCasesRequested)
        for button in (self.new_case, self.clear_search, self.all_cases):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def explain(self, *, total: int, search: str, with_archived: bool, selection: str = "") -> None:
        """Say why nothing is shown: no case at all, none that matches ``search``, or none that
        the list's filter (named ``selection``) keeps."""
        searching = bool(search.strip()) and total > 0
        choosing = bool(selection) and total > 0 and not searching
        self.all_cases.setVisible(choosing)
        if choosing:
            self.text.setText(self.tr("No case is listed under “{what}”.").format(what=selection))
            self.new_case.hide()
            self.clear_search.hide()
            return
        if searching:
            self.text.setText(
                self.tr("No case matches “{search}”.").format(search=search.strip()[:80])
            )
        elif with_archived:
            self.text.setText(self.tr("There are no cases in this workspace yet."))
        else:
            self.text.setText(
                self.tr("No open cases. Start a new one, or tick “Show archived” below.")
                if total == 0
                else ""
            )
        self.new_case.setVisible(not searching)
        self.clear_search.setVisible(searching)

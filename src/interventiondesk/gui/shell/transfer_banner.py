"""The open case's transfer state: "at <computer> since <time>", and conflicts to decide.

A case taken to another computer is shown read-only until the counselor chooses to edit it here
anyway (asked once per case, per session); a case with conflicts offers the conflicts dialog.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from interventiondesk.gui.shared.date_fields import format_moment
from interventiondesk.gui.shared.icons import icon
from interventiondesk.gui.shared.widgets import Banner
from interventiondesk.services.cases import CaseRow


def away_text(case: CaseRow, parent: QWidget) -> str:
    """ "At Laptop since 1/12/2026 09:30", or "" when the case is here."""
    if case.away_since is None:
        return ""
    where = case.away_at or parent.tr("another computer")
    return parent.tr("At {where} since {since}").format(
        where=where, since=format_moment(case.away_since)
    )


class TransferBanner(Banner):
    """Says where the case is, or that conflicts wait; offers editing anyway and deciding."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.badge.setPixmap(icon("warning").pixmap(20, 20))
        self.text.setAccessibleName(self.tr("Transfer state"))
        self.edit_anyway = QPushButton(self.tr("&Edit here anyway…"), self)
        self.edit_anyway.setAccessibleName(self.tr("Edit this case here although it is away"))
        self.decide = QPushButton(self.tr("&Decide conflicts…"), self)
        self.decide.setAccessibleName(self.tr("Decide this case's conflicts"))
        self.row.addWidget(self.edit_anyway)
        self.row.addWidget(self.decide)
        self.hide()

    def show_case(self, case: CaseRow | None, *, editing_anyway: bool) -> None:
        if case is None or (case.away_since is None and not case.has_conflicts):
            self.hide()
            return
        parts = []
        if case.away_since is not None:
            parts.append(away_text(case, self))
            if not editing_anyway:
                parts.append(self.tr("it is shown read-only here"))
        if case.has_conflicts:
            parts.append(
                self.tr("has conflicts to decide") if parts else self.tr("Has conflicts to decide")
            )
        self.text.setText(" · ".join(parts) + ".")
        self.edit_anyway.setVisible(case.away_since is not None and not editing_anyway)
        self.decide.setVisible(case.has_conflicts)
        self.show()

    def confirm_editing(self, case: CaseRow) -> bool:
        """Ask before editing a case that is at another computer."""
        answer = QMessageBox.question(
            self.window(),
            self.tr("Edit a case that is away"),
            self.tr(
                "{where}. If you change it here as well, the changes of both computers are "
                "merged when it comes back, and a field changed on both is shown to you to "
                "decide. Edit it here anyway?"
            ).format(where=away_text(case, self)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

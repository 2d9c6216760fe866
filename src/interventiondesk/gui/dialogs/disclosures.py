"""Case › Accounting of disclosures…: every handoff sent from the case, read only, and the PDF
of it for a client who asks who received their records."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from interventiondesk.errors import InterventionDeskError
from interventiondesk.gui.shared.date_fields import format_moment
from interventiondesk.gui.shared.labels import label
from interventiondesk.gui.shared.widgets import ask_save_path, busy_cursor, show_problem
from interventiondesk.logs import log_unexpected
from interventiondesk.services.disclosures import (
    DisclosureRow,
    disclosures_view,
    export_accounting,
)

if TYPE_CHECKING:
    from interventiondesk.gui.shell.state import AppState
    from interventiondesk.gui.shell.window_protocol import CaseWindow


class DisclosuresDialog(QDialog):
    """The accounting of one case's disclosures, oldest first; the selected one in full below."""

    def __init__(self, state: AppState, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        view = state.read(lambda s: disclosures_view(s, case_id))
        self.case_id, self.reference, self.rows = view.case_id, view.reference, view.rows
        self.setWindowTitle(
            self.tr("Accounting of disclosures: case %1").replace("%1", view.reference)
        )
        layout = QVBoxLayout(self)
        count = len(self.rows)
        summary = (
            self.tr("Nothing from this case has been disclosed.")
            if not count
            else (
                self.tr("1 disclosure, oldest first.")
                if count == 1
                else self.tr("%1 disclosures, oldest first.").replace("%1", str(count))
            )
        )
        self.summary = QLabel(summary, self)
        layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.list = QTreeWidget(splitter)
        self.list.setRootIsDecorated(False)
        self.list.setAccessibleName(self.tr("Disclosures"))
        self.list.setHeaderLabels(
            [self.tr("When"), self.tr("To whom"), self.tr("Under"), self.tr("By")]
        )
        for row in self.rows:
            under = (
                self.tr("Override")
                if row.override_reason
                else (row.consent or self.tr("A consent no longer on file"))
            )
            item = QTreeWidgetItem(
                [format_moment(row.disclosed_at), row.recipient, under, row.disclosed_by]
            )
            self.list.addTopLevelItem(item)
        for column, width in enumerate((150, 260, 260)):
            self.list.setColumnWidth(column, width)
        self.details = QPlainTextEdit(splitter)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("The selected disclosure in full"))
        layout.addWidget(splitter, 1)
        self.list.currentItemChanged.connect(self._show_selected)
        first = self.list.topLevelItem(0)
        if first is not None:
            self.list.setCurrentItem(first)

        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setAccessibleName(self.tr("Messages"))
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = QPushButton(self.tr("&Export as PDF for the client…"), self)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self.ask_and_export)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(860, 520)

    def _show_selected(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        index = self.list.indexOfTopLevelItem(current) if current is not None else -1
        self.details.setPlainText(self.describe(self.rows[index]) if index >= 0 else "")

    def describe(self, row: DisclosureRow) -> str:
        """One disclosure in full, as plain text."""
        lines = [
            self.tr("When: %1").replace("%1", format_moment(row.disclosed_at)),
            self.tr("By: %1").replace("%1", row.disclosed_by),
            self.tr("To: %1").replace("%1", row.recipient),
            self.tr("Sections: %1").replace(
                "%1", "; ".join(label(s) for s in row.sections) or self.tr("none beyond the header")
            ),
            self.tr("Purpose: %1").replace("%1", row.purpose),
        ]
        if row.override_reason:
            lines.append(
                self.tr("Sent under an override. Reason: %1").replace("%1", row.override_reason)
            )
        if row.consent:
            lines.append(self.tr("Consent: %1").replace("%1", row.consent))
        lines.append(self.tr("SHA-256 of the file sent: %1").replace("%1", row.sha256))
        return "\n".join(lines)

    def ask_and_export(self) -> None:
        target = ask_save_path(
            self,
            self.tr("Export the accounting of disclosures"),
            Path.home() / f"disclosures-{self.reference}.pdf",
            self.tr("PDF files (*.pdf)"),
            ".pdf",
        )
        if target is not None:
            self.export_to(target)

    def export_to(self, target: Path) -> bool:
        try:
            with busy_cursor():
                export_accounting(self.state.db, self.case_id, target)
        except InterventionDeskError as exc:
            show_problem(self.problem, str(exc))
            return False
        except Exception as exc:
            log_unexpected(exc)
            show_problem(
                self.problem, self.tr("Something unexpected went wrong; nothing was written.")
            )
            return False
        self.problem.setText(self.tr("Written to %1.").replace("%1", target.name))
        return True


def open_disclosures(window: CaseWindow) -> DisclosuresDialog | None:
    """Case › Accounting of disclosures…: the list for the open case."""
    case_id = window.open_case_id
    if case_id is None or not window.flush():
        return None
    for earlier in window.window().findChildren(DisclosuresDialog):
        earlier.deleteLater()
    dialog = DisclosuresDialog(window.state, case_id, window.window())
    dialog.open()
    return dialog

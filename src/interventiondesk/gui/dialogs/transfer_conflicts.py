"""The conflicts of a transfer, side by side: this computer's value, the other's, and a choice.

Reads ``services.transfer_state.conflicts`` (frozen rows) and decides with
``services.transfer_state.resolve_conflict``; nothing is decided without the counselor.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from interventiondesk.gui.shared.date_fields import format_moment
from interventiondesk.gui.shell.state import AppState

if TYPE_CHECKING:
    from interventiondesk.gui.shell.window_protocol import CaseWindow
    from interventiondesk.services.transfer_state import Choice, ConflictRow

PART_NAMES = {
    "case": "Plan",
    "client": "Client",
    "safety_plan": "Safety plan",
    "availability": "Availability",
    "attendees": "Invitation",
    "concerns": "Presenting concern",
    "observations": "Observation",
    "participants": "Participant",
    "consents": "Consent",
    "events": "Event",
    "letters": "Letter",
    "objections": "Objection",
    "logistics": "Checklist item",
    "outcomes": "Outcome",
    "follow_ups": "Follow-up task",
    "risk_screens": "Risk screen",
    "asam_ratings": "ASAM rating",
    "bottom_line_checks": "Bottom-line check",
    "safety_plan_revisions": "Safety-plan revision",
    "asam_history": "ASAM history",
    "disclosures": "Disclosure",
}


class ConflictsDialog(QDialog):
    """Every undecided conflict (of one case, or of all): pick one, then choose a side."""

    def __init__(
        self, state: AppState, case_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.case_id = case_id
        self.rows: list[ConflictRow] = []
        self.setWindowTitle(self.tr("Conflicts to decide"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Both computers changed these fields differently. Nothing was overwritten: "
                "until you decide, each keeps this computer's value."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        body = QHBoxLayout()
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Conflicts"))
        self.list.currentRowChanged.connect(self._show)
        body.addWidget(self.list, 1)
        grid = QGridLayout()
        self.where = QLabel(self)
        self.where.setAccessibleName(self.tr("Case and field"))
        self.where.setWordWrap(True)
        grid.addWidget(self.where, 0, 0, 1, 2)
        self.mine_label, self.theirs_label = QLabel(self), QLabel(self)
        self.mine, self.theirs = QPlainTextEdit(self), QPlainTextEdit(self)
        for column, (heading, text, name) in enumerate(
            (
                (self.mine_label, self.mine, self.tr("This computer's value")),
                (self.theirs_label, self.theirs, self.tr("The other computer's value")),
            )
        ):
            heading.setWordWrap(True)
            text.setReadOnly(True)
            text.setAccessibleName(name)
            grid.addWidget(heading, 1, column)
            grid.addWidget(text, 2, column)
        body.addLayout(grid, 3)
        layout.addLayout(body, 1)
        choices = QHBoxLayout()
        self.keep_mine = QPushButton(self.tr("&Keep this computer's"), self)
        self.take_theirs = QPushButton(self.tr("&Take the other's"), self)
        self.keep_both = QPushButton(self.tr("Keep &both"), self)
        self.keep_both.setToolTip(self.tr("Free text only: this computer's text, then the other's"))
        for button, choice in (
            (self.keep_mine, "mine"),
            (self.take_theirs, "theirs"),
            (self.keep_both, "both"),
        ):
            button.clicked.connect(lambda _checked=False, c=choice: self.decide(c))
            choices.addWidget(button)
        choices.addStretch(1)
        layout.addLayout(choices)
        self.done_label = QLabel(self)
        layout.addWidget(self.done_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 480)
        self.reload()

    def reload(self) -> None:
        from interventiondesk.services.transfer_state import conflicts

        case_id = self.case_id
        self.rows = self.state.read(lambda s: conflicts(s, case_id))
        self.list.clear()
        for row in self.rows:
            what = self.tr(PART_NAMES.get(row.part, row.part))
            field = row.field.replace("_", " ") if row.field else self.tr("the whole record")
            self.list.addItem(f"{row.reference} · {what} · {field}")
        has_rows = bool(self.rows)
        for widget in (self.keep_mine, self.take_theirs, self.keep_both):
            widget.setEnabled(has_rows)
        self.done_label.setText("" if has_rows else self.tr("Every conflict is decided."))
        if has_rows:
            self.list.setCurrentRow(0)
        else:
            self._show(-1)

    def _show(self, index: int) -> None:
        if not 0 <= index < len(self.rows):
            self.where.clear()
            self.mine.clear()
            self.theirs.clear()
            self.mine_label.clear()
            self.theirs_label.clear()
            return
        row = self.rows[index]
        what = self.tr(PART_NAMES.get(row.part, row.part))
        field = row.field.replace("_", " ") if row.field else self.tr("the whole record")
        self.where.setText(
            self.tr("Case {reference}: {what}, {field}").format(
                reference=row.reference, what=what, field=field
            )
        )
        other = row.peer_name or self.tr("the other computer")
        self.mine_label.setText(
            self.tr("This computer (changed {when})").format(when=self._when(row.mine_changed_at))
        )
        self.theirs_label.setText(
            self.tr("{other} (changed {when})").format(
                other=other, when=self._when(row.theirs_changed_at)
            )
        )
        self.mine.setPlainText(self._value(row.mine, removed=row.field == ""))
        self.theirs.setPlainText(self._value(row.theirs, removed=row.field == ""))
        self.keep_both.setEnabled(row.is_text)

    def _when(self, moment: str | None) -> str:
        if moment is None:
            return self.tr("removed")
        return format_moment(datetime.fromisoformat(moment))

    def _value(self, value: Any, *, removed: bool) -> str:
        if removed:
            return self.tr("(removed)") if value is None else self.tr("(kept, with changes)")
        if value is None:
            return self.tr("(empty)")
        if isinstance(value, bool):
            return self.tr("Yes") if value else self.tr("No")
        if isinstance(value, str):
            return value
        return json.dumps(value, ensure_ascii=False)

    def decide(self, choice: Choice) -> None:
        from interventiondesk.services.transfer_state import resolve_conflict

        index = self.list.currentRow()
        if not 0 <= index < len(self.rows):
            return
        row = self.rows[index]
        self.state.write(lambda s: resolve_conflict(s, row.id, choice), case_id=row.case_id)
        self.state.caseReplaced.emit(row.case_id)
        self.state.casesChanged.emit()
        self.reload()


def show_conflicts(window: CaseWindow, case_id: str | None = None) -> ConflictsDialog:
    """Open the conflicts dialog (not modal: the counselor may look at the case meanwhile)."""
    dialog = ConflictsDialog(window.state, case_id, window.window())
    dialog.show()
    return dialog

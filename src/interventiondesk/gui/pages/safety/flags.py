"""The case's risk flags: five tick boxes saved as ticked, and the risks they raise in words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from interventiondesk.errors import InterventionDeskError
from interventiondesk.gui.shared.field_saver import FieldSaver
from interventiondesk.services.safety import FLAGS, NO_NALOXONE, set_flags

NO_NALOXONE_TEXT = "Overdose history without naloxone on hand"
MNEMONICS = {
    "overdose_history": "Over&dose history",
    "naloxone_on_hand": "Na&loxone on hand",
    "detox_needed": "Withdrawal needs medical de&tox",
    "weapons_in_home": "Violence or &weapons in the home",
    "co_occurring_illness": "Co-occurring mental &illness",
}
"""The flags' labels (as in ``services.safety.FLAGS``) with their Alt+letters."""


def flag_label(key: str) -> str:
    """A raised flag's name, translated (``no_naloxone`` included)."""
    english = NO_NALOXONE_TEXT if key == NO_NALOXONE else dict(FLAGS)[key]
    return QCoreApplication.translate("risk_flags", english)


class FlagsPanel(QGroupBox):
    def __init__(self, saver: FieldSaver, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Risk flags"))
        self.saver = saver
        self.case_id: str | None = None
        layout = QVBoxLayout(self)
        self.checks: dict[str, QCheckBox] = {}
        for key, english in FLAGS:
            check = QCheckBox(QCoreApplication.translate("risk_flags", MNEMONICS[key]), self)
            check.setAccessibleName(QCoreApplication.translate("risk_flags", english))
            layout.addWidget(check)
            self.checks[key] = check
            saver.watch(check, self._saver(key))
        self.raised = QLabel(self)
        self.raised.setWordWrap(True)
        self.raised.setTextFormat(Qt.TextFormat.PlainText)
        self.raised.setAccessibleName(self.tr("Risks raised"))
        layout.addWidget(self.raised)

    def _saver(self, key: str) -> Callable[[Session, Any], object]:
        def save(session: Session, value: Any) -> object:
            if self.case_id is None:
                raise InterventionDeskError(self.tr("No case is open."))
            return set_flags(session, self.case_id, {key: bool(value)})

        return save

    def show_flags(
        self,
        case_id: str | None,
        flags: tuple[tuple[str, bool], ...],
        raised: tuple[str, ...],
        *,
        reload_fields: bool,
    ) -> None:
        self.case_id = case_id
        if reload_fields:
            with self.saver.loading():
                for key, value in flags:
                    self.checks[key].setChecked(value)
        if raised:
            text = self.tr("⚠ Risks raised: %1").replace(
                "%1", "; ".join(flag_label(key) for key in raised)
            )
        else:
            text = self.tr("No risk raised by these flags.")
        self.raised.setText(text)

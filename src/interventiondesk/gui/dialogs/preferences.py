"""The counselor's preferences for this workspace: how long the window may stay unused before
it locks itself (kept in the workspace's settings, inside the encrypted database)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from interventiondesk.gui.shell.state import AppState
from interventiondesk.services import settings

LONGEST_MINUTES = 240


class PreferencesDialog(QDialog):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Preferences"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.lock_after = QSpinBox(self)
        self.lock_after.setRange(1, LONGEST_MINUTES)
        self.lock_after.setSuffix(self.tr(" minutes"))
        self.lock_after.setAccessibleName(self.tr("Lock the window after this many minutes"))
        seconds = state.read(settings.lock_after_seconds)
        self.lock_after.setValue(min(LONGEST_MINUTES, max(1, round(seconds / 60))))
        label = QLabel(self.tr("&Lock after:"), self)
        label.setBuddy(self.lock_after)
        form.addRow(label, self.lock_after)
        layout.addLayout(form)
        note = QLabel(
            self.tr(
                "The window locks itself when it has not been used for this long, hiding every "
                "case until your passphrase is typed again. Ctrl+L locks it at once."
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def save(self) -> None:
        value = str(self.lock_after.value() * 60)
        # A failure is said by the window (the state's ``failed`` signal).
        self.state.write(lambda s: settings.put(s, settings.LOCK_AFTER_SECONDS, value))
        self.accept()

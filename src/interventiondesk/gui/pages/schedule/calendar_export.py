"""Writing calendar files of a case's events, with the privacy choices."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from interventiondesk.gui.shared.widgets import ask_save_path, busy_cursor
from interventiondesk.gui.shell.state import AppState


class CalendarExportBox(QGroupBox):
    """The privacy choices and buttons for writing a calendar file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Calendar file (.ics)"))
        layout = QVBoxLayout(self)
        self.full_names = QCheckBox(self.tr("Include full names and event titles"), self)
        self.full_names.setToolTip(
            self.tr(
                "Without this, the file shows only initials and a neutral word for the meeting."
            )
        )
        self.with_notes = QCheckBox(self.tr("Include event notes"), self)
        layout.addWidget(self.full_names)
        layout.addWidget(self.with_notes)
        row = QHBoxLayout()
        self.export_one = QPushButton(self.tr("Export event…"), self)
        self.export_all = QPushButton(self.tr("E&xport all…"), self)
        row.addWidget(self.export_one)
        row.addWidget(self.export_all)
        layout.addLayout(row)

    def ask_for_file(self) -> Path | None:
        """Where to save the calendar file (".ics" added when left out); None if cancelled."""
        return ask_save_path(
            self,
            self.tr("Export calendar file"),
            Path.home() / "meetings.ics",
            self.tr("Calendar files (*.ics)"),
            ".ics",
        )

    def write(
        self, state: AppState, case_id: str, event_id: str | None, target: Path
    ) -> Path | None:
        """Write one event (or, without ``event_id``, all of the case's) as chosen; audited."""
        from interventiondesk.export.ics import Privacy
        from interventiondesk.services.exports import export_calendar

        privacy = Privacy(
            full_names=self.full_names.isChecked(), include_notes=self.with_notes.isChecked()
        )
        # Milliseconds of work, so it runs here; it reads, renders, then saves in its own
        # short sessions (services.exports).
        with busy_cursor():
            done = state.run(
                lambda db: export_calendar(db, case_id, target, event_id=event_id, privacy=privacy),
                case_id=case_id,
            )
        return target if done is not None else None

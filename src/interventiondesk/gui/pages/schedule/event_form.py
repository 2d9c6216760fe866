"""The event editor of the Schedule page: the fields of one event, invitees and conflicts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from interventiondesk.gui.pages.schedule.invitees import InviteeList
from interventiondesk.gui.shared.labels import choices
from interventiondesk.gui.shared.time_fields import timezone_combo, wall_clock_edit
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import EventKind
from interventiondesk.services import scheduling


class EventForm(QWidget):
    """The widgets only; the Schedule page fills them and saves what changes."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # What happens to the event as a whole: cancelling (undone with Restore) at one end,
        # deleting for good at the other, each saying what it does.
        actions = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Cancel event"), self)
        self.cancel_button.setToolTip(
            self.tr(
                "Mark the event as cancelled. It stays in the list, struck through, and in the "
                "case's history; Restore brings it back."
            )
        )
        self.delete_button = QPushButton(self.tr("Delete event…"), self)
        self.delete_button.setToolTip(
            self.tr("Remove the event and its invitations for good (you are asked first).")
        )
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)
        actions.addWidget(self.delete_button)
        self.fields = QWidget(self)
        fields_layout = QVBoxLayout(self.fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form = form
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Kind of event"))
        for text, value in choices(EventKind):
            self.kind.addItem(text, value)
        form.addRow(self.tr("&Kind:"), self.kind)
        self.title_edit = QLineEdit(self)
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.title_edit.setMaxLength(200)
        form.addRow(self.tr("&Title:"), self.title_edit)
        self.starts = wall_clock_edit(self, self.tr("Starts"))
        starts_label = QLabel(self.tr("&Starts:"), self)
        starts_label.setBuddy(self.starts.date_field.edit)
        form.addRow(starts_label, self.starts)
        self.zone = timezone_combo(self, self.tr("Time zone"))
        form.addRow(self.tr("Time &zone:"), self.zone)
        self.duration = QSpinBox(self)
        self.duration.setRange(1, scheduling.MAX_DURATION_MINUTES)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(self.tr(" min"))
        self.duration.setAccessibleName(self.tr("Duration in minutes"))
        form.addRow(self.tr("&Duration:"), self.duration)
        self.place = QPlainTextEdit(self)
        self.place.setAccessibleName(self.tr("Place"))
        self.place.setPlaceholderText(self.tr("Address, or the video link"))
        self.place.setTabChangesFocus(True)
        self.place.setFixedHeight(52)
        form.addRow(self.tr("&Place:"), self.place)
        self.video = QCheckBox(self.tr("V&ideo call"), self)
        form.addRow("", self.video)
        self.notes = QPlainTextEdit(self)
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setTabChangesFocus(True)
        form.addRow(self.tr("N&otes:"), self.notes)
        self.skills = QPlainTextEdit(self)
        self.skills.setAccessibleName(self.tr("Skills practised"))
        self.skills.setPlaceholderText(self.tr("What the family practised in this session"))
        self.skills.setTabChangesFocus(True)
        self.skills.setFixedHeight(52)
        form.addRow(self.tr("Skil&ls practised:"), self.skills)
        fields_layout.addLayout(actions)
        fields_layout.addLayout(form)
        self.override_note = QLabel(self)
        self.override_note.setWordWrap(True)
        fields_layout.addWidget(self.override_note)

        people = QGroupBox(self.tr("Invited"), self)
        self.invitees = InviteeList(state, people)
        QVBoxLayout(people).addWidget(self.invitees)
        fields_layout.addWidget(people)

        warnings = QGroupBox(self.tr("Conflicts"), self)
        warn_layout = QVBoxLayout(warnings)
        self.warnings = QLabel(warnings)
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings.setAccessibleName(self.tr("Conflict warnings"))
        warn_layout.addWidget(self.warnings)
        buffer_row = QHBoxLayout()
        self.buffer = QSpinBox(warnings)
        self.buffer.setRange(0, 720)
        self.buffer.setSingleStep(5)
        self.buffer.setSuffix(self.tr(" min"))
        self.buffer.setAccessibleName(self.tr("Travel buffer in minutes, for all cases"))
        buffer_label = QLabel(self.tr("Travel &buffer between in-person events:"), warnings)
        buffer_label.setBuddy(self.buffer)
        buffer_row.addWidget(buffer_label)
        buffer_row.addWidget(self.buffer)
        buffer_row.addStretch(1)
        warn_layout.addLayout(buffer_row)
        fields_layout.addWidget(warnings)
        fields_layout.addStretch(1)
        layout.addWidget(self.fields, 1)

    def show_fields_for(self, kind: EventKind | None) -> None:
        """Show only the fields that apply to this kind of event."""
        self.form.setRowVisible(self.skills, kind == EventKind.COACHING_SESSION)

"""Who is invited to an event, and their answers."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QWidget,
)

from interventiondesk.gui.shared.labels import choices
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import AttendeeResponse
from interventiondesk.services import scheduling
from interventiondesk.services.schedule_view import EventDetail


class InviteeList(QWidget):
    """One row per person on the roster: invited or not, and their answer. Saves at once."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.event_id: str | None = None
        self.case_id: str | None = None
        self.rows: dict[str, tuple[QCheckBox, QComboBox]] = {}
        self._names: list[tuple[str, str]] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(0, 1)
        self.empty = QLabel(self.tr("Add people on the Participants page to invite them."), self)
        self.empty.setWordWrap(True)
        self.grid.addWidget(self.empty, 0, 0, 1, 2)

    def load(self, event: EventDetail | None) -> None:
        """Show ``event``'s invitations. The same event with the same roster is updated in
        place, so a box the user just ticked keeps the keyboard focus."""
        people = event.invitees if event else ()
        answers = {p.participant_id: p.response for p in people}
        names = [(person.participant_id, person.name or self.tr("(no name)")) for person in people]
        event_id = event.id if event else None
        if event_id is not None and event_id == self.event_id and names == self._names:
            for person_id, (check, combo) in self.rows.items():
                response = answers.get(person_id)
                for widget in (check, combo):
                    widget.blockSignals(True)
                check.setChecked(response is not None)
                combo.setCurrentIndex(combo.findData(response or AttendeeResponse.INVITED))
                combo.setEnabled(response is not None)
                for widget in (check, combo):
                    widget.blockSignals(False)
            return
        for check, combo in self.rows.values():
            check.deleteLater()
            combo.deleteLater()
        self.rows.clear()
        self._names = names
        self.event_id = event_id
        self.case_id = event.case_id if event else None
        self.empty.setVisible(not people)
        for row, (person_id, name) in enumerate(names, start=1):
            check = QCheckBox(name, self)
            check.setAccessibleName(self.tr("Invite %1").replace("%1", name))
            combo = QComboBox(self)
            combo.setAccessibleName(self.tr("Answer of %1").replace("%1", name))
            for text, value in choices(AttendeeResponse):
                combo.addItem(text, value)
            response = answers.get(person_id)
            check.setChecked(response is not None)
            combo.setCurrentIndex(combo.findData(response or AttendeeResponse.INVITED))
            combo.setEnabled(response is not None)
            check.toggled.connect(lambda on, p=person_id: self._invite(p, on))
            combo.currentIndexChanged.connect(lambda _i, p=person_id: self._respond(p))
            self.grid.addWidget(check, row, 0)
            self.grid.addWidget(combo, row, 1)
            self.rows[person_id] = (check, combo)

    def _invite(self, person_id: str, invited: bool) -> None:
        event_id = self.event_id
        if event_id is None:
            return
        combo = self.rows[person_id][1]
        combo.setEnabled(invited)
        if invited:
            response = combo.currentData()
            self.state.write(
                lambda s: scheduling.invite(s, event_id, person_id, response), case_id=self.case_id
            )
        else:
            self.state.write(
                lambda s: scheduling.uninvite(s, event_id, person_id), case_id=self.case_id
            )

    def _respond(self, person_id: str) -> None:
        event_id = self.event_id
        check, combo = self.rows[person_id]
        if event_id is None or not check.isChecked():
            return
        response = combo.currentData()
        self.state.write(
            lambda s: scheduling.respond(s, event_id, person_id, response), case_id=self.case_id
        )

"""The Participants page: the team roster, one person's details, and warnings about the team."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
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
    QScrollArea,
    QSizePolicy,
    QSpacerItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from interventiondesk.gui.pages.base import CasePage
from interventiondesk.gui.pages.model_note import ModelNote, participants_notes
from interventiondesk.gui.pages.participants.availability import AvailabilityEditor
from interventiondesk.gui.pages.participants.roster import RosterTable
from interventiondesk.gui.shared.labels import choices
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import ParticipantRole
from interventiondesk.services.participants import (
    PersonView,
    RosterView,
    RosterWarning,
    add_participant,
    move_participant,
    person_view,
    remove_participant,
    restore_participant,
    roster_view,
    update_participant,
)


def _moved(session: Session, participant_id: str, index: int) -> bool:
    move_participant(session, participant_id, index)
    return True


class ParticipantsPage(CasePage):
    """Select someone on the left; their details on the right save as they are typed."""

    title = str(QT_TRANSLATE_NOOP("CasePage", "Participants"))

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.participant_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        self.model_note = ModelNote(state, participants_notes(), self, page_reads=True)
        layout.addWidget(self.model_note)
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setAccessibleName(self.tr("Team warnings"))
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.warnings)
        splitter = QSplitter(self)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        splitter.addWidget(self._roster_column(splitter))
        details = QScrollArea(splitter)  # on a low window the form scrolls, the roster stays
        details.setWidgetResizable(True)
        details.setFrameShape(QScrollArea.Shape.NoFrame)
        details.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        form = self._details(details)
        details.setWidget(form)
        # Never narrower than the form can be (it scrolls only up and down).
        scrollbar = details.style().pixelMetric(details.style().PixelMetric.PM_ScrollBarExtent)
        details.setMinimumWidth(form.minimumSizeHint().width() + scrollbar)
        self.details_area = details
        splitter.addWidget(details)
        # The roster's four columns take three fifths of the width; the details form puts
        # its captions above the fields when it is narrow.
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([1200, 800])
        self.splitter = splitter

    # Building ----------------------------------------------------------------------------

    def _roster_column(self, parent: QWidget) -> QWidget:
        column = QWidget(parent)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        self.people = RosterTable(column)
        self.people.setAccessibleName(self.tr("Participants"))
        self.people.currentCellChanged.connect(lambda *_: self._selection_changed())
        layout.addWidget(self.people, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add person"), column)
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(self.tr("&Remove"), column)
        self.remove_button.setAccessibleName(self.tr("Remove the selected person"))
        self.remove_button.clicked.connect(self.remove)
        self.up_button = QPushButton(self.tr("Move &up"), column)
        self.up_button.clicked.connect(lambda: self.move_person(-1))
        self.down_button = QPushButton(self.tr("Move do&wn"), column)
        self.down_button.clicked.connect(lambda: self.move_person(1))
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            row.addWidget(button)
        layout.addLayout(row)
        self.people.installEventFilter(self)  # Alt+Up / Alt+Down move the selected person
        # Shown only when someone has been removed from this case.
        self.removed_row = QWidget(column)
        restore_row = QHBoxLayout(self.removed_row)
        restore_row.setContentsMargins(0, 4, 0, 0)
        self.removed_label = QLabel(self.tr("Removed from the team:"), self.removed_row)
        self.removed = QComboBox(self.removed_row)
        self.removed.setAccessibleName(self.tr("Removed people"))
        self.removed.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.removed.setMinimumContentsLength(10)
        self.removed_label.setBuddy(self.removed)
        self.restore_button = QPushButton(self.tr("Re&store"), self.removed_row)
        self.restore_button.setAccessibleName(self.tr("Put the chosen removed person back"))
        self.restore_button.clicked.connect(self.restore)
        restore_row.addWidget(self.removed_label)
        restore_row.addWidget(self.removed, 1)
        restore_row.addWidget(self.restore_button)
        self.removed_row.hide()
        layout.addWidget(self.removed_row)
        # The chosen person's weekly windows sit under the roster, where a row of day, times
        # and zone has the width it needs (the details beside it are a narrow form).
        layout.addSpacing(6)
        self.availability = AvailabilityEditor(self.state, self.saver, column)
        layout.addWidget(self.availability)
        return column

    def _details(self, parent: QWidget) -> QWidget:
        box = QGroupBox(self.tr("Details"), parent)
        form = QFormLayout(box)
        # On a narrow window the captions go above their fields instead of squeezing them.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.fields: dict[str, QWidget] = {}

        def line(field: str, caption: str, length: int, name: str = "") -> None:
            edit = QLineEdit(box)
            edit.setMaxLength(length)
            edit.setAccessibleName(name or caption.replace("&", ""))
            form.addRow(caption, edit)
            self.fields[field] = edit

        def text(field: str, caption: str) -> None:
            edit = QPlainTextEdit(box)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(80)
            edit.setAccessibleName(caption.replace("&", ""))
            form.addRow(caption, edit)
            self.fields[field] = edit

        # Mnemonics: none repeats on this page, and none takes the menu bar's F, E, V, C or H.
        line("name", self.tr("&Name"), 200)
        line(
            "relationship_to_client",
            self.tr("Re&lationship"),
            200,
            self.tr("Relationship to the client"),
        )
        line("phone", self.tr("&Phone"), 60)
        line("email", self.tr("E&mail"), 200)
        role = QComboBox(box)
        role.setAccessibleName(self.tr("Role"))
        for caption, value in choices(ParticipantRole):
            role.addItem(caption, value.value)
        form.addRow(self.tr("R&ole"), role)
        self.fields["role"] = role
        for field, caption in (
            ("attending", self.tr("Atten&ds the meeting")),
            ("is_minor", self.tr("Is a m&inor")),
        ):
            check = QCheckBox(caption, box)
            check.setAccessibleName(caption.replace("&", ""))
            form.addRow("", check)
            self.fields[field] = check
        text("availability_notes", self.tr("Availa&bility notes"))
        text("counselor_notes", self.tr("Counselor's no&tes"))
        form.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding))
        self.details_box = box
        for field, widget in self.fields.items():
            self.saver.watch(widget, self._saving(field))
        return box

    def _saving(self, field: str) -> Callable[[Session, Any], object]:
        def save(session: Session, value: Any) -> object:
            if self.participant_id is None:
                return None
            return update_participant(session, self.participant_id, {field: value})

        return save

    # Loading -----------------------------------------------------------------------------

    def load_case(self, case_id: str | None) -> bool:
        if not super().load_case(case_id):
            return False
        self._reload(select=None)
        return True

    def _reload(self, select: str | None) -> None:
        """Refill the roster and show ``select`` (or the first person), all from one read.
        Callers have saved the pending edits first."""
        case_id = self.case_id
        view = self.state.read(lambda s: roster_view(s, case_id)) if case_id else None
        people = view.people if view else ()
        removed = view.removed if view else ()
        self.model_note.show_model(case_id, view.model if view else None)
        self.people.fill(people)
        self.removed.clear()
        for person in removed:
            self.removed.addItem(self._caption(person), person.id)
        self.removed_row.setVisible(bool(removed))
        self.restore_button.setEnabled(bool(removed) and not self.read_only)
        ids = [p.id for p in people]
        row = ids.index(select) if select in ids else (0 if ids else -1)
        self.people.blockSignals(True)
        self.people.setCurrentRow(row)
        self.people.blockSignals(False)
        self._show_person(people[row] if row >= 0 else None)
        self._show_warnings(view)

    def _caption(self, person: PersonView) -> str:
        """A removed person as the restore list names them."""
        name = person.name or self.tr("(no name)")
        if person.relationship_to_client:
            return f"{name} ({person.relationship_to_client})"
        return name

    def _selection_changed(self) -> None:
        """Another person was chosen: save the shown one's edits first. If they cannot be
        saved, keep that person selected, with the edits on screen to be put right."""
        chosen = self.people.person_id(self.people.currentRow())
        if chosen == self.participant_id:
            return
        if not self.saver.flush():
            self._select(self.participant_id)
            return
        self._show_person(self.state.read(lambda s: person_view(s, chosen)) if chosen else None)

    def _select(self, participant_id: str | None) -> None:
        """Put the roster's selection on ``participant_id`` without loading anyone."""
        self.people.blockSignals(True)
        ids = self.people.ids()
        if participant_id in ids:
            self.people.setCurrentRow(ids.index(participant_id))
        self.people.blockSignals(False)

    def _show_person(self, person: PersonView | None) -> None:
        """Fill the details from ``person`` as just read (None: nobody is selected)."""
        self.participant_id = person.id if person is not None else None
        self.details_box.setEnabled(person is not None)
        self.remove_button.setEnabled(person is not None and not self.read_only)
        if person is None:
            with self.saver.loading():
                for widget in self.fields.values():
                    if isinstance(widget, QLineEdit | QPlainTextEdit):
                        widget.clear()
            self.availability.load(self.case_id, None)
            self.availability.hide()  # nobody chosen: no one's windows to show
            return
        with self.saver.loading():
            for field, widget in self.fields.items():
                value = getattr(person, field)
                if isinstance(widget, QLineEdit):
                    widget.setText(value)
                elif isinstance(widget, QPlainTextEdit):
                    widget.setPlainText(value)
                elif isinstance(widget, QComboBox):
                    widget.setCurrentIndex(max(0, widget.findData(value.value)))
                elif isinstance(widget, QCheckBox):
                    widget.setChecked(bool(value))
        self.availability.load(self.case_id, person.id, person.availability)
        self.availability.setTitle(
            self.tr("Weekly availability of {name}").replace(
                "{name}", person.name or self.tr("(no name)")
            )
        )
        self.availability.show()

    def refresh(self) -> None:
        """After a save: refresh captions, warnings and the model note (one read), never the
        field being typed in."""
        case_id = self.case_id
        if case_id is None:
            return
        view = self.state.read(lambda s: roster_view(s, case_id))
        self.model_note.show_model(case_id, view.model)
        by_id = {p.id: p for p in view.people}
        for row, shown in enumerate(self.people.ids()):
            person = by_id.get(shown)
            if person is not None:
                self.people.show_person(row, person)
        self.people.fit_columns()
        pid = self.participant_id
        if pid is not None and pid in by_id:
            with self.saver.loading():
                attending = self.fields["attending"]
                assert isinstance(attending, QCheckBox)
                attending.setChecked(by_id[pid].attending)  # "letter only" unticks it
        self._show_warnings(view)

    def _show_warnings(self, view: RosterView | None) -> None:
        if view is None:
            self.warnings.clear()
            return
        lines = ["⚠ " + self._warning_text(w) for w in view.warnings]
        self.warnings.setText("\n".join(lines) or self.tr("No warnings about the team."))

    def _warning_text(self, warning: RosterWarning) -> str:
        texts = {
            "missing_chairperson": self.tr(
                "This model uses a chairperson, who runs the meeting; no one has that role yet."
            ),
            "missing_detail_person": self.tr(
                "This model uses a detail person, who handles the arrangements; no one has "
                "that role yet."
            ),
            "several_closers": self.tr("More than one person is marked as closer."),
            "closer_absent": self.tr("The closer is not marked as attending."),
            "minor_attending": self.tr(
                "A minor is marked as attending; children are usually kept out of the room."
            ),
            "letter_only_attending": self.tr(
                "Someone marked 'letter only' is also marked as attending."
            ),
        }
        if warning.code == "team_size":
            count, low, high = warning.numbers
            text = (
                self.tr("Team size: 1 attending member; this model suggests %2 to %3.")
                if count == 1
                else self.tr("Team size: %1 attending members; this model suggests %2 to %3.")
            )
            return text.replace("%1", str(count)).replace("%2", str(low)).replace("%3", str(high))
        return texts.get(warning.code, warning.message)

    # Actions -----------------------------------------------------------------------------

    def add(self) -> None:
        case_id = self.case_id
        if case_id is None or not self.saver.flush():
            return
        name = self.tr("New person")
        new_id = self.state.write(lambda s: add_participant(s, case_id, name).id, case_id=case_id)
        if new_id:
            self._reload(select=new_id)
            edit = self.fields["name"]
            assert isinstance(edit, QLineEdit)
            edit.setFocus()
            edit.selectAll()

    def remove(self) -> None:
        pid = self.participant_id
        if pid is None or not self.saver.flush():
            return
        row = self.people.currentRow()
        if self.state.write(lambda s: remove_participant(s, pid).id, case_id=self.case_id):
            ids = self.people.ids()
            ids.remove(pid)
            self._reload(select=ids[min(row, len(ids) - 1)] if ids else None)

    def restore(self) -> None:
        pid = self.removed.currentData()
        if pid is None or not self.saver.flush():
            return
        if self.state.write(lambda s: restore_participant(s, pid).id, case_id=self.case_id):
            self._reload(select=pid)

    def move_person(self, step: int) -> None:
        pid = self.participant_id
        if pid is None or self.read_only or not self.saver.flush():
            return
        target = self.people.currentRow() + step
        if target < 0 or target >= self.people.count():
            return
        if self.state.write(lambda s: _moved(s, pid, target), case_id=self.case_id):
            self._reload(select=pid)
        self.people.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.people
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.modifiers() == Qt.KeyboardModifier.AltModifier
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            self.move_person(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.restore_button.setEnabled(not read_only and self.removed.count() > 0)
        self.availability.set_read_only(read_only)

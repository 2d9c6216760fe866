"""The letter editor's template row: choose and use a template, keep a letter as a practice
template, and rename or delete the counselor's own practice templates."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from interventiondesk.gui.shared.field_saver import FieldSaver
from interventiondesk.gui.shell.state import AppState
from interventiondesk.services.letter_templates import (
    apply_template,
    remove_practice_template,
    rename_practice_template,
    template_from_letter,
)
from interventiondesk.services.letters_view import LetterView


class TemplateRow(QWidget):
    """Acts on the letter the editor shows; ``letterChanged`` asks the editor to reload it."""

    letterChanged = Signal()

    def __init__(self, state: AppState, saver: FieldSaver, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.saver = saver
        self.letter_id: str | None = None
        self.case_id: str | None = None
        self.practice_ids: dict[str, str] = {}  # name → id of the counselor's own templates
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(4)
        self.templates = QComboBox(self)
        self.templates.setAccessibleName(self.tr("Letter template"))
        # Template names are the counselor's own: the box does not ask for the longest one's
        # width (the page must fit a laptop screen); the open list shows them whole.
        self.templates.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.templates.setMinimumContentsLength(14)
        self.templates.currentIndexChanged.connect(lambda *_: self._template_chosen())
        self.use_template = QPushButton(self.tr("&Use template"), self)
        self.use_template.setToolTip(self.tr("Fill the empty sections with the template's text"))
        self.use_template.clicked.connect(self.apply_selected)
        self.save_template = QPushButton(self.tr("Save as practice template…"), self)
        self.save_template.setToolTip(
            self.tr("Keep this letter's words as a template of your own, for practice")
        )
        self.save_template.clicked.connect(lambda: self.save_as())
        self.rename_template = QPushButton(self.tr("Rename…"), self)
        self.rename_template.setAccessibleName(self.tr("Rename the practice template"))
        self.rename_template.setToolTip(self.tr("Rename the chosen practice template"))
        self.rename_template.clicked.connect(lambda: self.rename_selected())
        self.delete_template = QPushButton(self.tr("Delete"), self)
        self.delete_template.setAccessibleName(self.tr("Delete the practice template"))
        self.delete_template.setToolTip(self.tr("Delete the chosen practice template"))
        self.delete_template.clicked.connect(lambda: self.delete_selected())
        choose = QHBoxLayout()
        choose_label = QLabel(self.tr("Template:"), self)
        choose_label.setBuddy(self.templates)
        choose.addWidget(choose_label)
        choose.addWidget(self.templates, 1)
        choose.addWidget(self.use_template)
        rows.addLayout(choose)
        # The counselor's own templates on a line of their own: one line of five buttons is
        # wider than the editor beside the letter list on a laptop.
        own = QHBoxLayout()
        own.addStretch(1)
        for button in (self.save_template, self.rename_template, self.delete_template):
            own.addWidget(button)
        rows.addLayout(own)

    def fill(self, letter: LetterView | None, case_id: str | None) -> dict[str, str]:
        """List the templates that suit ``letter`` (read with it); returns the chosen one's
        section prompts."""
        self.letter_id = letter.id if letter else None
        self.case_id = case_id
        self.templates.clear()
        if letter is None:
            self.practice_ids = {}
            return {}
        choices = letter.templates
        self.practice_ids = {c.name: c.practice_id for c in choices if c.practice_id}
        for choice in choices:
            self.templates.addItem(choice.name, choice.name)
        if letter.template_name:
            self.templates.setCurrentIndex(max(0, self.templates.findData(letter.template_name)))
        chosen = next((c for c in choices if c.name == letter.template_name), None)
        chosen = chosen or (choices[0] if choices else None)
        if chosen is None:
            return {}
        return {name: section.prompt for name, section in chosen.sections.items()}

    def set_state(self, *, has_letter: bool, locked: bool, can_change: bool) -> None:
        self.use_template.setEnabled(not locked)
        self.templates.setEnabled(not locked)
        self.save_template.setEnabled(has_letter and can_change)
        self._template_chosen()

    def _template_chosen(self) -> None:
        """Only the counselor's own templates can be renamed or deleted."""
        own = self.templates.currentData() in self.practice_ids
        for button in (self.rename_template, self.delete_template):
            button.setEnabled(own and self.templates.isEnabled())

    # Actions ------------------------------------------------------------------------------

    def apply_selected(self) -> None:
        name = self.templates.currentData()
        letter_id = self.letter_id
        if name is None or letter_id is None or not self.saver.flush():
            return
        if self.state.write(lambda s: apply_template(s, letter_id, name).id, case_id=self.case_id):
            self.letterChanged.emit()

    def save_as(self, name: str | None = None) -> bool:
        """Keep the letter's words as a practice template (asks for a name unless given)."""
        letter_id = self.letter_id
        if letter_id is None or not self.saver.flush():
            return False
        if name is None:
            name, ok = QInputDialog.getText(
                self, self.tr("Save as practice template"), self.tr("Template name:")
            )
            if not ok:
                return False
        chosen = name
        if self.state.write(lambda s: template_from_letter(s, letter_id, chosen).id):
            self.letterChanged.emit()
            return True
        return False

    def rename_selected(self, name: str | None = None) -> bool:
        """Rename the chosen practice template (asks for the new name unless given)."""
        template_id = self.practice_ids.get(self.templates.currentData())
        if template_id is None:
            return False
        if name is None:
            name, ok = QInputDialog.getText(
                self,
                self.tr("Rename practice template"),
                self.tr("New name:"),
                text=self.templates.currentText(),
            )
            if not ok:
                return False
        chosen = name
        new_name = self.state.write(lambda s: rename_practice_template(s, template_id, chosen).name)
        if new_name is None:
            return False
        self.letterChanged.emit()  # a letter written with it follows the new name
        self.templates.setCurrentIndex(max(0, self.templates.findData(new_name)))
        return True

    def delete_selected(self, confirmed: bool | None = None) -> bool:
        """Delete the chosen practice template (asks first unless told)."""
        name = self.templates.currentData()
        template_id = self.practice_ids.get(name)
        if template_id is None:
            return False
        if confirmed is None:
            answer = QMessageBox.question(
                self,
                self.tr("Delete practice template"),
                self.tr(
                    "Delete the practice template “%1”? Letters written with it keep their words."
                ).replace("%1", name),
            )
            confirmed = answer == QMessageBox.StandardButton.Yes
        if not confirmed:
            return False

        def delete(session: Session) -> bool:
            remove_practice_template(session, template_id)
            return True

        if not self.state.write(delete):
            return False
        self.letterChanged.emit()
        return True

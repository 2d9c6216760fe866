"""The Letters page: write letters with live guidance, set the reading order, prepare objections,
and export the rehearsal packet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from interventiondesk.gui.pages.base import CasePage
from interventiondesk.gui.pages.letters.editor import LetterEditor
from interventiondesk.gui.pages.letters.objections import ObjectionRows
from interventiondesk.gui.pages.letters.packet_export import PacketExporter
from interventiondesk.gui.pages.letters.packet_options import (
    PacketLetters,
    PacketOptions,
    PacketOptionsDialog,
)
from interventiondesk.gui.pages.letters.reading_order import ReadingOrderTab
from interventiondesk.gui.pages.model_note import ModelNote, letters_notes
from interventiondesk.gui.shared.labels import label
from interventiondesk.gui.shared.widgets import ask_save_path
from interventiondesk.gui.shell.state import AppState
from interventiondesk.limits import MAX_READING_MINUTES, MIN_READING_MINUTES
from interventiondesk.model import InterventionModel, LetterKind, LetterStatus
from interventiondesk.services.cases import update_case
from interventiondesk.services.letters import (
    add_letter,
    letters_for_case,
    remove_letter,
    restore_letter,
)
from interventiondesk.services.letters_view import (
    EditorView,
    LetterRow,
    LettersView,
    ObjectionsView,
    PersonRow,
    ReadingView,
    letters_view,
)

ID_ROLE = Qt.ItemDataRole.UserRole
LIST_WIDTH = 230  # the letter list's first width: room for a name, the kind and the status
MIN_LIST_WIDTH = 190  # never narrower than a name (captions wrap onto a second line)
COMBO_CHARS = 12  # a choice box asks for this much room, not for its longest name


class LettersPage(CasePage):
    title = str(QT_TRANSLATE_NOOP("CasePage", "Letters"))

    exportFinished = Signal(bool, str)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        self.model_note = ModelNote(state, letters_notes(), self, page_reads=True)
        layout.addWidget(self.model_note)
        layout.addLayout(self._top_row())
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._letters_tab(), self.tr("&Letters"))
        self.order_tab = ReadingOrderTab(state, self.saver, self)
        self.tabs.addTab(self.order_tab, self.tr("Reading &order"))
        self.order_model = self.order_tab.model
        self.order_view = self.order_tab.view
        self.up_button, self.down_button = self.order_tab.up_button, self.order_tab.down_button
        self.reader, self.seating = self.order_tab.reader, self.order_tab.seating
        self.objection_rows = ObjectionRows(state, self.saver, self)
        self.tabs.addTab(self.objection_rows.tab(), self.tr("Ob&jections"))
        layout.addWidget(self.tabs, 1)
        self.reference = ""  # the open case's, for the packet's file name
        self.exporter = PacketExporter(self)
        self.exporter.finished.connect(self._export_done)
        self.export_status = QLabel(self)
        self.export_status.setWordWrap(True)
        self.export_status.setTextFormat(Qt.TextFormat.PlainText)
        self.export_status.setAccessibleName(self.tr("Export status"))
        layout.addWidget(self.export_status)
        # Saves here and on other pages change names, the team and letter statuses. A save
        # can happen in the middle of choosing another letter: refresh once it is done.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._refresh_now)

    # Building ----------------------------------------------------------------------------

    def _top_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.limit = QSpinBox(self)
        self.limit.setRange(MIN_READING_MINUTES, MAX_READING_MINUTES)
        self.limit.setSuffix(self.tr(" min"))
        self.limit.setAccessibleName(self.tr("Reading time limit per letter"))
        self.limit.setToolTip(
            self.tr("How long each letter may take to read aloud (%1 to %2 minutes)")
            .replace("%1", str(MIN_READING_MINUTES))
            .replace("%2", str(MAX_READING_MINUTES))
        )
        limit_label = QLabel(self.tr("Readin&g time limit per letter:"), self)
        limit_label.setBuddy(self.limit)
        self.saver.watch(self.limit, self._save_limit)
        self.limit.valueChanged.connect(self._limit_changed)
        row.addWidget(limit_label)
        row.addWidget(self.limit)
        row.addStretch(1)
        # Which letters, reading copies and a password are chosen in the export's own dialog
        # (packet_options), so the row holds only the button.
        self.export_button = QPushButton(self.tr("E&xport rehearsal packet…"), self)
        self.export_button.clicked.connect(self.export_packet)
        self.packet_letters = PacketLetters(0, 0)
        row.addWidget(self.export_button)
        return row

    def _letters_tab(self) -> QWidget:
        splitter = QSplitter(self)
        splitter.setChildrenCollapsible(False)
        left = QWidget(splitter)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        self.letter_list = QListWidget(left)
        self.letter_list.setAccessibleName(self.tr("Letters"))
        # A narrow list wraps a caption onto a second line rather than cutting a name short.
        self.letter_list.setWordWrap(True)
        self.letter_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.letter_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.letter_list.setSpacing(2)
        self.letter_list.currentItemChanged.connect(lambda *_: self._letter_selected())
        column.addWidget(self.letter_list, 1)
        self.remove_button = QPushButton(self.tr("Re&move letter…"), left)
        self.remove_button.setToolTip(self.tr("Remove the open letter (it can be restored)"))
        self.remove_button.clicked.connect(lambda: self.remove_letter())
        column.addWidget(self.remove_button)
        column.addWidget(self._new_letter_box(left))
        self.removed_box = QWidget(left)
        removed_column = QVBoxLayout(self.removed_box)
        removed_column.setContentsMargins(0, 0, 0, 0)
        self.removed = QComboBox(self.removed_box)
        self.removed.setAccessibleName(self.tr("Removed letters"))
        _narrow(self.removed)
        self.restore_button = QPushButton(self.tr("Res&tore letter"), self.removed_box)
        self.restore_button.setAccessibleName(self.tr("Put the chosen removed letter back"))
        self.restore_button.clicked.connect(self.restore_letter)
        removed_label = QLabel(self.tr("Removed letters:"), self.removed_box)
        removed_label.setBuddy(self.removed)
        removed_column.addWidget(removed_label)
        removed_column.addWidget(self.removed)
        removed_column.addWidget(self.restore_button)
        self.removed_box.hide()  # shown only when there are removed letters
        column.addWidget(self.removed_box)
        self.editor = LetterEditor(self.state, self.saver, splitter)
        self.editor.statusChanged.connect(lambda _id: self._refresh_now())
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        # The list keeps a readable width however narrow the window: extra room goes to the
        # editor (setSizes alone is scaled down before the page knows its real width).
        left.setMinimumWidth(MIN_LIST_WIDTH)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([LIST_WIDTH, 4 * LIST_WIDTH])
        return splitter

    def _new_letter_box(self, parent: QWidget) -> QGroupBox:
        """Starting a letter: its writer and kind, apart from the letter that is open."""
        box = QGroupBox(self.tr("New letter"), parent)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.author = QComboBox(box)
        self.author.setAccessibleName(self.tr("Writer of the new letter"))
        self.author.setToolTip(self.tr("Who writes the letter you start with “Start letter”"))
        _narrow(self.author)
        self.kind = QComboBox(box)
        self.kind.setAccessibleName(self.tr("Kind of the new letter"))
        _narrow(self.kind)
        self.author.currentIndexChanged.connect(lambda *_: self._update_start())
        self.kind.currentIndexChanged.connect(lambda *_: self._choose_writer())
        form.addRow(self.tr("&Writer:"), self.author)
        form.addRow(self.tr("Kind:"), self.kind)
        self.start_button = QPushButton(self.tr("&Start letter"), box)
        self.start_button.clicked.connect(self.start_letter)
        form.addRow(self.start_button)
        self.start_hint = QLabel(box)
        self.start_hint.setWordWrap(True)
        self.start_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.start_hint.setAccessibleName(self.tr("About starting a letter"))
        form.addRow(self.start_hint)
        self._people: tuple[PersonRow, ...] = ()
        self._letters: tuple[LetterRow, ...] = ()
        return box

    def heightForWidth(self, width: int) -> int:
        """The least height the page needs at ``width``, not its preferred one: the scroll
        area asks this because the model note wraps, and the preferred height of the letter
        editor would push the status and export buttons below a laptop's screen. The
        letter's text boxes scroll instead."""
        layout = self.layout()
        least = layout.minimumHeightForWidth(width) if layout is not None else -1
        return max(self.minimumSizeHint().height(), least)

    # Saving helpers ----------------------------------------------------------------------

    def _save_limit(self, session: Session, value: object) -> object:
        if self.case_id is None:
            return None
        return update_case(session, self.case_id, {"reading_minutes_limit": value})

    def _limit_changed(self, value: int) -> None:
        self.editor.minutes_limit = value
        self.editor.refresh_guidance()

    # Loading -----------------------------------------------------------------------------

    def load_case(self, case_id: str | None) -> bool:
        if not super().load_case(case_id):
            return False  # the unsaved text stays on screen, with the case it belongs to
        self._refresh_timer.stop()
        self.export_status.clear()
        self._update_export_button()
        if case_id is None:
            self._show_model_note(None, None)
            self.reference = ""
            self.letter_list.clear()
            self.removed.clear()
            self.removed_box.hide()
            self.author.clear()
            self._people, self._letters = (), ()
            self._update_start()
            self.order_tab.load(None, "", ReadingView({}, ()))
            self.objection_rows.show_objections(None, ObjectionsView((), ()))
            self.editor.show_letter(None, None)
            return True
        view = self.state.read(lambda s: letters_view(s, case_id, first_letter=True))
        self._show_model_note(case_id, view.model)
        self.reference = view.reference
        with self.saver.loading():
            self.limit.setValue(view.minutes_limit)
        self.order_tab.load(case_id, view.seating_notes, view.reading)
        self.objection_rows.show_objections(case_id, view.objections)
        self._show_view(view, whole_letter=True)
        return True

    def _show_model_note(self, case_id: str | None, model: InterventionModel | None) -> None:
        """The model note from this page's one read (the note reads nothing itself)."""
        self.model_note.show_model(case_id, model)

    def refresh(self) -> None:
        """Show what saves changed (statuses, names, the team) without touching typed text."""
        self._refresh_timer.start()

    def _refresh_now(self) -> None:
        case_id, letter_id = self.case_id, self.editor.letter_id
        if case_id is None:
            return
        view = self.state.read(lambda s: letters_view(s, case_id, letter_id))
        self._show_model_note(case_id, view.model)
        self._show_view(view)

    def _reload(self, letter_id: str | None) -> bool:
        """After a change to the list of letters: read the page again and show ``letter_id``
        (None: no letter) in the editor. False if pending edits could not be saved first (the
        letter on screen stays, with them)."""
        case_id = self.case_id
        if case_id is None or not self.saver.flush():
            return False
        view = self.state.read(lambda s: letters_view(s, case_id, letter_id))
        self._show_view(view, whole_letter=True)
        return True

    def _show_view(self, view: LettersView, *, whole_letter: bool = False) -> None:
        """Fill the lists, the reading order, the answerers and the editor from ``view``. The
        editor shows its letter afresh with ``whole_letter``, else only its status and writer
        (text being typed stays)."""
        editor: EditorView = view.editor
        shown = editor.letter.id if editor.letter else None
        keep = shown if whole_letter else self.editor.letter_id

        def caption(letter: LetterRow, *, status: bool = True) -> str:
            parts = [letter.author, label(letter.kind)]
            return " · ".join([*parts, label(letter.status)] if status else parts)

        self.letter_list.blockSignals(True)
        self.letter_list.clear()
        for letter in view.letters:
            text = caption(letter)
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, letter.id)
            item.setToolTip(text)
            self.letter_list.addItem(item)
            if letter.id == keep:
                self.letter_list.setCurrentItem(item)
        self.letter_list.blockSignals(False)
        _refill(self.removed, [(x.id, caption(x, status=False)) for x in view.removed])
        self._people, self._letters = view.people, view.letters
        self.author.blockSignals(True)
        _refill(self.author, [(p.id, p.name) for p in view.people])
        self.author.blockSignals(False)
        _refill(self.kind, [(k.value, label(k)) for k in view.kinds])
        self._choose_writer()
        self.restore_button.setEnabled(bool(view.removed) and not self.read_only)
        self.removed.setEnabled(bool(view.removed))
        self.removed_box.setVisible(bool(view.removed))
        self.editor.empty_hint = self._empty_hint()
        self.order_tab.show_reading(view.reading)
        self.objection_rows.refresh_people(view.objections.people)
        self._update_export_button(view.letters)
        if whole_letter:
            self.editor.show_letter(editor, self.case_id)
        else:
            self.editor.show_status(editor)
        self._update_start()

    # Letters -----------------------------------------------------------------------------

    def _has_letter(self, person_id: object) -> bool:
        kind = self.kind.currentData() or LetterKind.MAIN.value
        return any(x.author_id == person_id and x.kind.value == kind for x in self._letters)

    def _choose_writer(self) -> None:
        """Offer as writer of a new letter someone who has no letter of the chosen kind yet
        (the one already chosen, if they have none)."""
        if self._has_letter(self.author.currentData()) or self.author.currentIndex() < 0:
            for index in range(self.author.count()):
                if not self._has_letter(self.author.itemData(index)):
                    self.author.setCurrentIndex(index)
                    break
        self._update_start()

    def _update_start(self) -> None:
        """Start letter works only with a writer: say what is missing, or that the chosen
        writer's letter exists already (starting it opens that one)."""
        has_people = self.author.count() > 0
        self.start_button.setEnabled(has_people and self.case_id is not None and not self.read_only)
        self.remove_button.setEnabled(self.editor.letter_id is not None and not self.read_only)
        if self.case_id is None:
            hint = ""
        elif not has_people:
            hint = self.tr(
                "No one is on the roster yet. Add the people who write letters on the "
                "Participants page, then start their letters here."
            )
        elif all(self._has_letter(p.id) for p in self._people):
            hint = self.tr(
                "Everyone on the roster has this kind of letter already; choose one in the "
                "list above to open it."
            )
        elif self._has_letter(self.author.currentData()):
            hint = self.tr("%1 has this letter already: Start letter opens it.").replace(
                "%1", self.author.currentText()
            )
        else:
            hint = ""
        self.start_button.setToolTip(
            self.tr("Add people on the Participants page first: every letter needs a writer.")
            if not has_people
            else self.tr("Start a letter for the writer and kind chosen above")
        )
        self.start_hint.setText(hint)
        self.start_hint.setVisible(bool(hint))

    def _empty_hint(self) -> str:
        """What the editor says when no letter is open."""
        if not self._people:
            return self.tr(
                "No letters yet. Letters are written by the people on the roster: add them on "
                "the Participants page first."
            )
        if not self._letters:
            return self.tr("No letters yet. Choose a writer under “New letter” and start one.")
        return self.tr("Choose a letter on the left, or start one.")

    def _letter_selected(self) -> None:
        item = self.letter_list.currentItem()
        if not self.editor.load_letter(item.data(ID_ROLE) if item else None, self.case_id):
            self._select_shown_letter()  # its text could not be saved: stay on it
        self._update_start()

    def _select_shown_letter(self) -> None:
        self.letter_list.blockSignals(True)
        self.letter_list.setCurrentRow(-1)
        for row in range(self.letter_list.count()):
            if self.letter_list.item(row).data(ID_ROLE) == self.editor.letter_id:
                self.letter_list.setCurrentRow(row)
        self.letter_list.blockSignals(False)

    def start_letter(self) -> None:
        author_id = self.author.currentData()
        kind = self.kind.currentData() or LetterKind.MAIN.value
        if author_id is None or self.case_id is None or not self.saver.flush():
            return
        letter_id = self.state.write(
            lambda s: add_letter(s, author_id, kind).id, case_id=self.case_id
        )
        if letter_id and self._reload(letter_id):
            self.editor.section_edits["connection" if kind == "main" else "bottom_line"].setFocus()

    def remove_letter(self, confirmed: bool | None = None) -> bool:
        """Remove the shown letter (asks first unless told); it can be restored later."""
        letter_id = self.editor.letter_id
        if letter_id is None or self.read_only or not self.saver.flush():
            return False
        if confirmed is None:
            answer = QMessageBox.question(
                self,
                self.tr("Remove letter"),
                self.tr(
                    "Remove this letter? Its words are kept: you can bring it back with "
                    "“Restore letter”."
                ),
            )
            confirmed = answer == QMessageBox.StandardButton.Yes
        if not confirmed:
            return False
        if not self.state.write(lambda s: remove_letter(s, letter_id).id, case_id=self.case_id):
            return False
        self._reload(None)
        if self.letter_list.currentItem() is not None:
            self._letter_selected()
        return True

    def restore_letter(self) -> None:
        letter_id = self.removed.currentData()
        if letter_id is None or self.read_only or not self.saver.flush():
            return
        restored = self.state.write(lambda s: restore_letter(s, letter_id).id, case_id=self.case_id)
        if restored:
            self._reload(letter_id)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.objection_rows.read_only = read_only
        self.order_tab.set_read_only(read_only)
        self.editor.set_case_read_only(read_only)
        self.restore_button.setEnabled(self.removed.count() > 0 and not read_only)
        self._update_start()
        self._update_export_button()  # an archived case can still be printed

    # Export ------------------------------------------------------------------------------

    def _update_export_button(self, letters: tuple[LetterRow, ...] | None = None) -> None:
        """Enable the export when there is something to print, else say what is missing.
        ``letters`` (from the page's view) replaces the counts the choice is made on."""
        if letters is not None:
            final = sum(1 for letter in letters if letter.status is LetterStatus.FINAL)
            self.packet_letters = PacketLetters(len(letters), final)
        if self.case_id is None:
            self.packet_letters = PacketLetters(0, 0)
            why = self.tr("Open a case to export its rehearsal packet.")
        elif self.exporter.running:
            why = self.tr("A packet is being written; wait until it is saved.")
        elif not self.packet_letters.letters:
            why = self.tr(
                "This case has no letters yet, so there is nothing to print. Start a letter first."
            )
        else:
            why = ""
        self.export_button.setEnabled(not why)
        self.export_button.setToolTip(
            why
            or self.tr(
                "Write the rehearsal packet as a PDF: the meeting, the team, the reading order, "
                "every letter on its own pages, objections and seating. Reading copies and a "
                "password are offered next."
            )
        )

    def export_packet(self) -> None:
        """Ask for the options, then for the file; reading copies go beside the packet."""
        case_id = self.case_id
        if case_id is None or self.exporter.running or not self.saver.flush():
            return
        # Counted afresh: a letter may have been written elsewhere since the page last read.
        self.packet_letters = self.state.read(lambda s: _packet_letters(s, case_id))
        self._update_export_button()
        if not self.packet_letters.letters:
            self.export_status.setText(self.export_button.toolTip())
            return
        dialog = PacketOptionsDialog(self.packet_letters, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        options = dialog.options()
        path = ask_save_path(
            self,
            self.tr("Export rehearsal packet"),
            Path.home() / f"rehearsal-packet-{self.reference}.pdf",
            self.tr("PDF files (*.pdf)"),
            ".pdf",
        )
        if path is None or not self._may_replace_copies(case_id, path, options):
            return
        self.export_to(path, options)

    def _may_replace_copies(self, case_id: str, path: Path, options: PacketOptions) -> bool:
        """Ask before reading copies already in the packet's folder are replaced."""
        if not options.reading_copies:
            return True
        from interventiondesk.services.exports import reading_copy_paths  # reportlab, lazily

        folder = path.parent
        planned = self.state.read(
            lambda s: reading_copy_paths(s, case_id, folder, include_drafts=options.include_drafts)
        )
        existing = [copy for copy in planned if copy.exists()]
        if not existing:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Export rehearsal packet"),
            self.tr(
                "Reading copies of this case are already in that folder (%1 files). Replace them?"
            ).replace("%1", str(len(existing))),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def export_to(self, path: Path, options: PacketOptions | None = None) -> None:
        """Write the packet in the background; ``exportFinished`` tells how it went. One packet
        at a time: each export records itself in the workspace."""
        if self.case_id is None or self.exporter.running or not self.saver.flush():
            return
        self.exporter.start(self.state.db, self.case_id, path, options or PacketOptions())
        self._update_export_button()
        self.export_status.setText(self.tr("Writing the rehearsal packet…"))

    def _export_done(self, case_id: str, ok: bool, message: str, written: object) -> None:
        from interventiondesk.services.exports import PacketExported

        self._update_export_button()
        if ok:
            text = self.tr("Saved the rehearsal packet to %1").replace("%1", message)
            if isinstance(written, PacketExported) and written.reading_copies:
                count = len(written.reading_copies)
                text += (
                    self.tr(", and 1 reading copy beside it")
                    if count == 1
                    else self.tr(", and %1 reading copies beside it").replace("%1", str(count))
                )
                text += (
                    " ("
                    + "; ".join(
                        f"{copy.path.name}: {copy.reader}" for copy in written.reading_copies
                    )
                    + ")"
                )
                if written.letters_without_reader:
                    text += self.tr(
                        ". Letters without a reader yet, in no reading copy: %1"
                    ).replace("%1", str(written.letters_without_reader))
            text += "."
        else:
            text = message or self.tr(
                "Something unexpected went wrong; the packet was not written."
            )
        if case_id != self.case_id:  # the counselor has opened another case meanwhile
            text = self.tr("The case you had open before: %1").replace("%1", text)
        self.export_status.setText(text)
        self.exportFinished.emit(ok, message)


def _packet_letters(session: Session, case_id: str) -> PacketLetters:
    """How many letters the case's packet can print, and how many of them are final."""
    letters = [x for x in letters_for_case(session, case_id) if x.author.deleted_at is None]
    final = sum(1 for letter in letters if letter.status is LetterStatus.FINAL)
    return PacketLetters(len(letters), final)


def _refill(combo: QComboBox, choices: list[tuple[str, str]]) -> None:
    """Replace a combo's (data, text) choices, keeping the chosen one if it is still there."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for data, text in choices:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    combo.blockSignals(False)


def _narrow(combo: QComboBox) -> None:
    """A choice box that does not ask for its longest entry's width (long names would widen
    the page past a laptop screen); the open list shows names whole."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(COMBO_CHARS)
    combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)

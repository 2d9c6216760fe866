"""The Letters page: write letters with live guidance, set the reading order, prepare objections,
and export the rehearsal packet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from interventiondesk.gui.labels import label
from interventiondesk.gui.letter_editor import LetterEditor
from interventiondesk.gui.pages.base import CasePage
from interventiondesk.gui.pages.letters_parts import ObjectionRows, PacketExport
from interventiondesk.gui.pages.model_note import ModelNote, letters_notes
from interventiondesk.gui.reading_order import OrderEntry, ReadingOrderModel, reading_order_view
from interventiondesk.gui.state import AppState
from interventiondesk.model import Case, LetterKind
from interventiondesk.services.cases import update_case
from interventiondesk.services.letters import (
    add_letter,
    assign_reader,
    letters_for_case,
    objections,
    reading_order,
    remove_letter,
    reorder_reading,
)
from interventiondesk.services.participants import roster, team_shape
from interventiondesk.services.records import get_record

ID_ROLE = Qt.ItemDataRole.UserRole


class LettersPage(CasePage):
    title = str(QT_TRANSLATE_NOOP("CasePage", "Letters"))

    exportFinished = Signal(bool, str)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        self.model_note = ModelNote(state, letters_notes(), self)
        layout.addWidget(self.model_note)
        layout.addLayout(self._top_row())
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._letters_tab(), self.tr("&Letters"))
        self.tabs.addTab(self._order_tab(), self.tr("Reading &order"))
        self.objection_rows = ObjectionRows(state, self.saver, self)
        self.tabs.addTab(self.objection_rows, self.tr("Ob&jections"))
        layout.addWidget(self.tabs, 1)
        self._export_job: PacketExport | None = None
        self.export_status = QLabel(self)
        self.export_status.setWordWrap(True)
        self.export_status.setAccessibleName(self.tr("Export status"))
        layout.addWidget(self.export_status)

    # Building ----------------------------------------------------------------------------

    def _top_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.limit = QSpinBox(self)
        self.limit.setRange(1, 30)
        self.limit.setSuffix(self.tr(" min"))
        self.limit.setAccessibleName(self.tr("Reading time limit per letter"))
        limit_label = QLabel(self.tr("Reading time &limit per letter:"), self)
        limit_label.setBuddy(self.limit)
        self.saver.watch(self.limit, self._save_limit)
        self.limit.valueChanged.connect(self._limit_changed)
        row.addWidget(limit_label)
        row.addWidget(self.limit)
        row.addStretch(1)
        self.include_drafts = QCheckBox(self.tr("Include &drafts"), self)
        self.export_button = QPushButton(self.tr("&Export rehearsal packet…"), self)
        self.export_button.clicked.connect(self.export_packet)
        row.addWidget(self.include_drafts)
        row.addWidget(self.export_button)
        return row

    def _letters_tab(self) -> QWidget:
        splitter = QSplitter(self)
        left = QWidget(splitter)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        self.letter_list = QListWidget(left)
        self.letter_list.setAccessibleName(self.tr("Letters"))
        self.letter_list.currentItemChanged.connect(lambda *_: self._letter_selected())
        column.addWidget(self.letter_list, 1)
        self.author = QComboBox(left)
        self.author.setAccessibleName(self.tr("Writer of the new letter"))
        self.kind = QComboBox(left)
        self.kind.setAccessibleName(self.tr("Kind of the new letter"))
        self.start_button = QPushButton(self.tr("&Start letter"), left)
        self.start_button.clicked.connect(self.start_letter)
        self.remove_button = QPushButton(self.tr("&Remove letter"), left)
        self.remove_button.clicked.connect(self.remove_letter)
        for widget in (self.author, self.kind, self.start_button, self.remove_button):
            column.addWidget(widget)
        self.editor = LetterEditor(self.state, self.saver, splitter)
        self.editor.statusChanged.connect(lambda _id: self._refresh_lists())
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(1, 4)
        return splitter

    def _order_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.order_kind = QComboBox(tab)
        self.order_kind.setAccessibleName(self.tr("Which letters"))
        for kind in LetterKind:
            self.order_kind.addItem(label(kind), kind.value)
        self.order_kind.currentIndexChanged.connect(lambda *_: self._refresh_order())
        row.addWidget(self.order_kind)
        row.addStretch(1)
        layout.addLayout(row)
        hint = QLabel(
            self.tr(
                "Drag letters into the order they are read, or use Move up and Move down. "
                "The closer's letter always comes last."
            ),
            tab,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.order_model = ReadingOrderModel(self)
        self.order_model.orderChanged.connect(self._save_order)
        self.order_view = reading_order_view(self.order_model, tab)
        self.order_view.setAccessibleName(self.tr("Reading order"))
        self.order_view.selectionModel().currentChanged.connect(lambda *_: self._slot_selected())
        layout.addWidget(self.order_view, 1)
        buttons = QHBoxLayout()
        self.up_button = QPushButton(self.tr("Move &up"), tab)
        self.up_button.clicked.connect(lambda: self.move_reader(-1))
        self.down_button = QPushButton(self.tr("Move do&wn"), tab)
        self.down_button.clicked.connect(lambda: self.move_reader(1))
        self.reader = QComboBox(tab)
        self.reader.setAccessibleName(self.tr("Who reads the selected letter"))
        self.reader.activated.connect(lambda *_: self._reader_chosen())
        reader_label = QLabel(self.tr("Read &by:"), tab)
        reader_label.setBuddy(self.reader)
        for widget in (self.up_button, self.down_button, reader_label, self.reader):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        seating_label = QLabel(self.tr("Seating &plan notes"), tab)
        self.seating = QPlainTextEdit(tab)
        self.seating.setAccessibleName(self.tr("Seating plan notes"))
        self.seating.setTabChangesFocus(True)
        self.seating.setFixedHeight(100)
        seating_label.setBuddy(self.seating)
        self.saver.watch(self.seating, self._save_seating)
        layout.addWidget(seating_label)
        layout.addWidget(self.seating)
        return tab

    # Saving helpers ----------------------------------------------------------------------

    def _save_limit(self, session: Session, value: object) -> object:
        if self.case_id is None:
            return None
        return update_case(session, self.case_id, {"reading_minutes_limit": value})

    def _save_seating(self, session: Session, value: object) -> object:
        if self.case_id is None:
            return None
        return update_case(session, self.case_id, {"seating_notes": value})

    def _limit_changed(self, value: int) -> None:
        self.editor.minutes_limit = value
        self.editor.refresh_guidance()

    # Loading -----------------------------------------------------------------------------

    def load_case(self, case_id: str | None) -> None:
        super().load_case(case_id)
        self.model_note.load_case(case_id)
        self.editor.load_letter(None, case_id)
        if case_id is None:
            self.letter_list.clear()
            self.order_model.set_entries([])
            self.objection_rows.load(None, [])
            return
        case = self.state.read(lambda s: get_record(s, Case, case_id, "case"))
        with self.saver.loading():
            self.limit.setValue(case.reading_minutes_limit)
            self.seating.setPlainText(case.seating_notes)
        self.kind.clear()
        for kind in LetterKind:
            if kind is LetterKind.MAIN or team_shape(case.model).uses_bottom_line:
                self.kind.addItem(label(kind), kind.value)
        self.objection_rows.load(case_id, self.state.read(lambda s: objections(s, case_id)))
        self._refresh_lists()
        if self.letter_list.count():
            self.letter_list.setCurrentRow(0)

    def _refresh_lists(self, select: str | None = None) -> None:
        case_id = self.case_id
        if case_id is None:
            return
        keep = select or self.editor.letter_id

        def read(session: Session) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
            letters = [
                (
                    letter.id,
                    f"{letter.author.name} · {label(letter.kind)} · {label(letter.status)}",
                )
                for letter in letters_for_case(session, case_id)
                if letter.author.deleted_at is None
            ]
            people = [(p.name, p.id) for p in roster(session, case_id)]
            return letters, people

        letters, people = self.state.read(read)
        self.letter_list.blockSignals(True)
        self.letter_list.clear()
        for letter_id, caption in letters:
            item = QListWidgetItem(caption)
            item.setData(ID_ROLE, letter_id)
            self.letter_list.addItem(item)
            if letter_id == keep:
                self.letter_list.setCurrentItem(item)
        self.letter_list.blockSignals(False)
        self.author.clear()
        for name, person_id in people:
            self.author.addItem(name, person_id)
        self._refresh_order()

    def _refresh_order(self) -> None:
        case_id = self.case_id
        if case_id is None:
            return
        kind = LetterKind(self.order_kind.currentData() or LetterKind.MAIN.value)

        def read(session: Session) -> tuple[list[OrderEntry], list[tuple[str, str]]]:
            entries = [
                OrderEntry.from_slot(slot, label(slot.letter.status))
                for slot in reading_order(session, case_id, kind)
            ]
            readers = [(p.name, p.id) for p in roster(session, case_id) if p.attending]
            return entries, readers

        entries, readers = self.state.read(read)
        self.order_model.set_entries(entries)
        self.reader.clear()
        self.reader.addItem(self.tr("(the writer)"), None)
        for name, person_id in readers:
            self.reader.addItem(name, person_id)
        self._slot_selected()

    # Letters -----------------------------------------------------------------------------

    def _letter_selected(self) -> None:
        item = self.letter_list.currentItem()
        self.editor.load_letter(item.data(ID_ROLE) if item else None, self.case_id)

    def start_letter(self) -> None:
        author_id = self.author.currentData()
        kind = self.kind.currentData() or LetterKind.MAIN.value
        if author_id is None or self.case_id is None:
            return
        letter_id = self.state.write(
            lambda s: add_letter(s, author_id, kind).id, case_id=self.case_id
        )
        if letter_id:
            self._refresh_lists(select=letter_id)
            self.editor.load_letter(letter_id, self.case_id)
            self.editor.section_edits["connection" if kind == "main" else "bottom_line"].setFocus()

    def remove_letter(self) -> None:
        letter_id = self.editor.letter_id
        if letter_id is None or not self.saver.flush():
            return
        if self.state.write(lambda s: remove_letter(s, letter_id).id, case_id=self.case_id):
            self.editor.load_letter(None, self.case_id)
            self._refresh_lists()
            self._letter_selected()

    # Reading order -----------------------------------------------------------------------

    def _current_slot(self) -> OrderEntry | None:
        index = self.order_view.currentIndex()
        if not index.isValid() or index.row() >= len(self.order_model.entries):
            return None
        return self.order_model.entries[index.row()]

    def _slot_selected(self) -> None:
        entry = self._current_slot()
        self.reader.setEnabled(entry is not None and not self.read_only)
        if entry is not None:
            match = self.reader.findText(entry.reader) if entry.reader else -1
            self.reader.setCurrentIndex(0 if entry.reads_own or match < 0 else match)

    def _save_order(self, letter_ids: list[str]) -> None:
        case_id = self.case_id
        kind = self.order_kind.currentData() or LetterKind.MAIN.value
        if case_id is None:
            return
        self.state.write(
            lambda s: len(reorder_reading(s, case_id, letter_ids, kind)), case_id=case_id
        )

    def move_reader(self, step: int) -> None:
        row = self.order_view.currentIndex().row()
        if row < 0 or self.read_only:
            return
        if self.order_model.move_by(row, step):
            self._refresh_order()
            self.order_view.setCurrentIndex(self.order_model.index(row + step))
        self.order_view.setFocus()

    def _reader_chosen(self) -> None:
        entry = self._current_slot()
        if entry is None:
            return
        reader_id = self.reader.currentData()
        row = self.order_view.currentIndex().row()
        if self.state.write(
            lambda s: assign_reader(s, entry.letter_id, reader_id).id, case_id=self.case_id
        ):
            self._refresh_order()
            self.order_view.setCurrentIndex(self.order_model.index(row, 0, QModelIndex()))

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.objection_rows.read_only = read_only
        self.editor.case_read_only = read_only
        self.order_view.setDragEnabled(not read_only)
        self.editor.load_letter(self.editor.letter_id, self.case_id)
        self.export_button.setEnabled(True)  # an archived case can still be printed
        self.include_drafts.setEnabled(True)

    # Export ------------------------------------------------------------------------------

    def export_packet(self) -> None:
        case_id = self.case_id
        if case_id is None:
            return
        reference = self.state.read(lambda s: get_record(s, Case, case_id, "case").reference)
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export rehearsal packet"),
            str(Path.home() / f"rehearsal-packet-{reference}.pdf"),
            self.tr("PDF files (*.pdf)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the packet in the background; ``exportFinished`` tells how it went."""
        if self.case_id is None or not self.saver.flush():
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        job = PacketExport(self.state.db, self.case_id, path, self.include_drafts.isChecked())
        job.signals.finished.connect(self._export_done)
        job.setAutoDelete(False)
        # Kept until the next export: the job and its signal object must outlive the thread.
        self._export_job = job
        self.export_button.setEnabled(False)
        self.export_status.setText(self.tr("Writing the rehearsal packet…"))
        QThreadPool.globalInstance().start(job)

    def _export_done(self, ok: bool, message: str) -> None:
        self.export_button.setEnabled(not self.read_only)
        if ok:
            self.export_status.setText(
                self.tr("Saved the rehearsal packet to %1").replace("%1", message)
            )
        else:
            self.export_status.setText(
                message or self.tr("Something unexpected went wrong; the packet was not written.")
            )
        self.exportFinished.emit(ok, message)

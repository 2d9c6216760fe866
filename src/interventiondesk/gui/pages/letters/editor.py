"""The letter editor: one text box per section, live guidance, length, status and templates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from interventiondesk.gui.pages.letters.guidance_highlighter import GuidanceHighlighter, tr_guidance
from interventiondesk.gui.pages.letters.guidance_list import HTML_ROLE, finding_html, guidance_list
from interventiondesk.gui.pages.letters.template_row import TemplateRow
from interventiondesk.gui.shared.date_fields import format_date, format_time
from interventiondesk.gui.shared.field_saver import FieldSaver
from interventiondesk.gui.shared.labels import label
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import LetterKind, LetterStatus
from interventiondesk.services.guidance import Finding, GuidanceEngine
from interventiondesk.services.letters import (
    TEXT_FIELDS,
    accepted_words,
    add_dictionary_word,
    sections_of,
    set_status,
    update_letter,
)
from interventiondesk.services.letters_view import EditorView, LetterView, editor_view
from interventiondesk.times import format_duration

GUIDANCE_DELAY_MS = 250
FINDING_ROLE = Qt.ItemDataRole.UserRole
SIDE_BY_SIDE_WIDTH = 640
"""Narrower than this, the editor puts its guidance under the letter instead of beside it."""


class LetterEditor(QWidget):
    """Edits one letter. Text saves itself through the page's FieldSaver."""

    statusChanged = Signal(str)

    def __init__(self, state: AppState, saver: FieldSaver, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.saver = saver
        self.engine = GuidanceEngine()
        self.letter_id: str | None = None
        self.case_id: str | None = None
        self.kind = LetterKind.MAIN
        self.minutes_limit = 3
        self.findings: list[Finding] = []
        self.letter: LetterView | None = None  # what was read of the letter shown
        self._words: frozenset[str] = frozenset()  # what the spelling check accepts
        self.case_read_only = False  # an archived case: letters can be read, not changed
        self.empty_hint = self.tr("Choose a letter on the left, or start one.")
        """What the heading says while no letter is open (the page knows what is missing)."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(GUIDANCE_DELAY_MS)
        self._timer.timeout.connect(self.refresh_guidance)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)
        layout.addWidget(self.heading)
        self.template_row = TemplateRow(state, saver, self)
        self.template_row.letterChanged.connect(
            lambda: self.load_letter(self.letter_id, self.case_id)
        )
        self.templates = self.template_row.templates
        self.use_template = self.template_row.use_template
        self.save_template = self.template_row.save_template
        layout.addWidget(self.template_row)
        self.splitter = splitter = QSplitter(self)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        splitter.addWidget(self._sections(splitter))
        splitter.addWidget(self._guidance_panel(splitter))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(self.status_label_for_row())
        layout.addLayout(self._status_row())
        self.show_letter(None, None)

    # Building ----------------------------------------------------------------------------

    def _sections(self, parent: QWidget) -> QWidget:
        self.sections_scroll = scroll = QScrollArea(parent)
        scroll.setWidgetResizable(True)
        content = QWidget(scroll)
        scroll.setWidget(content)
        layout = QVBoxLayout(content)
        titles = {
            "connection": self.tr("Co&nnection"),
            "incidents": self.tr("S&pecific incidents"),
            "impact": self.tr("&Impact"),
            "request": self.tr("Re&quest"),
            "bottom_line": self.tr("&Bottom line"),
        }
        self.section_edits: dict[str, QPlainTextEdit] = {}
        self.section_labels: dict[str, QLabel] = {}
        self.highlighters: dict[str, GuidanceHighlighter] = {}
        for name in TEXT_FIELDS:
            caption = QLabel(titles[name], content)
            edit = QPlainTextEdit(content)
            edit.setAccessibleName(titles[name].replace("&", ""))
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(110)
            caption.setBuddy(edit)
            layout.addWidget(caption)
            layout.addWidget(edit)
            self.section_edits[name] = edit
            self.section_labels[name] = caption
            self.highlighters[name] = GuidanceHighlighter(edit, self.engine, name)
            edit.textChanged.connect(self._timer.start)
            self.saver.watch(edit, self._saving(name))
        layout.addStretch(1)
        return scroll

    def _guidance_panel(self, parent: QWidget) -> QWidget:
        panel = QWidget(parent)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        self.length_label = QLabel(panel)
        self.length_label.setAccessibleName(self.tr("Length and reading time"))
        self.length_label.setWordWrap(True)
        self.add_word = QPushButton(self.tr("Add word to dictionar&y"), panel)
        self.add_word.setToolTip(self.tr("Accept the chosen word as spelled, in every letter"))
        self.add_word.setEnabled(False)
        self.add_word.clicked.connect(self.add_selected_word)
        top = QHBoxLayout()
        top.addWidget(self.length_label, 1)
        top.addWidget(self.add_word)
        layout.addLayout(top)
        self.guidance = guidance_list(panel)
        self.guidance.setAccessibleName(self.tr("Writing guidance"))
        self.guidance.setToolTip(self.tr("Click a suggestion to select its words in the letter"))
        self.guidance.itemActivated.connect(self._show_finding)
        self.guidance.itemClicked.connect(self._show_finding)
        self.guidance.currentItemChanged.connect(lambda *_: self._finding_selected())
        layout.addWidget(self.guidance, 1)
        return panel

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The guidance sits beside the letter where there is room, under it where there is
        not (a laptop with the case list open)."""
        super().resizeEvent(event)
        wide = event.size().width() >= SIDE_BY_SIDE_WIDTH
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            self.splitter.setStretchFactor(0, 3)
            self.splitter.setStretchFactor(1, 2)
            total = self.splitter.width() if wide else self.splitter.height()
            first = total * 3 // 5
            self.splitter.setSizes([first, total - first])

    def status_label_for_row(self) -> QLabel:
        """The letter's status and review, on a line of its own above the buttons that change
        it (beside them it wrapped into a narrow column)."""
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setAccessibleName(self.tr("Letter status"))
        return self.status_label

    def _status_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        self.review_button = QPushButton(self.tr("Mar&k reviewed"), self)
        self.review_button.clicked.connect(lambda: self.change_status(LetterStatus.REVIEWED))
        self.final_button = QPushButton(self.tr("M&ake final"), self)
        self.final_button.clicked.connect(lambda: self.change_status(LetterStatus.FINAL))
        self.reopen_button = QPushButton(self.tr("&Reopen as draft"), self)
        self.reopen_button.clicked.connect(lambda: self.change_status(LetterStatus.DRAFT))
        for button in (self.review_button, self.final_button, self.reopen_button):
            row.addWidget(button)
        return row

    def _saving(self, section: str) -> Callable[[Session, Any], object]:
        def save(session: Session, value: Any) -> object:
            if self.letter_id is None:
                return None
            return update_letter(session, self.letter_id, {section: value})

        return save

    # Loading -----------------------------------------------------------------------------

    def load_letter(self, letter_id: str | None, case_id: str | None) -> bool:
        """Show a letter (None: nothing selected), saving pending edits first.

        If they cannot be saved, the letter on screen stays (with the unsaved text) and this
        returns False."""
        if not self.saver.flush():
            return False
        view = None
        if case_id is not None:
            view = self.state.read(lambda s: editor_view(s, case_id, letter_id))
        self.show_letter(view, case_id)
        return True

    def show_letter(self, view: EditorView | None, case_id: str | None) -> None:
        """Show what was read for the editor (None: no case), replacing the text on screen:
        callers have saved pending edits first."""
        letter = view.letter if view is not None else None
        self.letter = letter
        self.letter_id = letter.id if letter else None
        self.case_id = case_id
        if letter is not None:
            self.kind = letter.kind
            self.minutes_limit = letter.minutes_limit
        if view is not None:
            self._set_words(view.words)
        shown = set(sections_of(self.kind)) if letter else set()
        prompts = self.template_row.fill(letter, case_id)
        with self.saver.loading():
            for name, edit in self.section_edits.items():
                visible = name in shown
                edit.setVisible(visible)
                self.section_labels[name].setVisible(visible)
                edit.setPlainText(letter.texts[name] if letter and visible else "")
                edit.setPlaceholderText(prompts.get(name, ""))
        self.heading.setText(self._heading(letter))
        self._show_status(letter)
        self.refresh_guidance()

    def show_status(self, view: EditorView) -> None:
        """Show the shown letter's status and writer and the names the spelling check accepts
        as read again (changed by a save or on another page), leaving the text boxes as they
        are. ``view`` was read for the letter on screen."""
        letter = view.letter if self.letter_id is not None else None
        if self.case_id is not None and view.words != self._words:
            self._set_words(view.words)
            self._rehighlight()
            self.refresh_guidance()
        self.letter = letter
        self.heading.setText(self._heading(letter))
        self._show_status(letter)

    def set_case_read_only(self, read_only: bool) -> None:
        """An archived case: its letters can be read, not changed."""
        self.case_read_only = read_only
        self._show_status(self.letter)

    def _set_words(self, words: set[str] | frozenset[str]) -> None:
        self._words = frozenset(words)
        self.engine.set_accepted_words(words)

    def _rehighlight(self) -> None:
        # Re-highlighting changes formats, which the text boxes report as edits: not saved.
        with self.saver.loading():
            for highlighter in self.highlighters.values():
                highlighter.rehighlight()

    def _heading(self, letter: LetterView | None) -> str:
        if letter is None:
            return self.empty_hint
        return self.tr("%1 by %2").replace("%1", label(letter.kind)).replace("%2", letter.author)

    def _show_status(self, letter: LetterView | None) -> None:
        status = letter.status if letter else None
        if letter is None:
            self.status_label.clear()
        elif letter.status is LetterStatus.DRAFT:
            self.status_label.setText(self.tr("Draft"))
        else:
            when = ""
            if letter.reviewed_at is not None:
                local = letter.reviewed_at.astimezone()  # stored in UTC, shown in local time
                when = f"{format_date(local.date())} {format_time(local.time())}"
            self.status_label.setText(
                self.tr("%1 · reviewed by %2 on %3")
                .replace("%1", label(letter.status))
                .replace("%2", letter.reviewed_by)
                .replace("%3", when)
            )
        can_change = not self.case_read_only
        self.review_button.setEnabled(can_change and status is LetterStatus.DRAFT)
        self.final_button.setEnabled(can_change and status is LetterStatus.REVIEWED)
        self.reopen_button.setEnabled(
            can_change and status in (LetterStatus.REVIEWED, LetterStatus.FINAL)
        )
        self._finding_selected()
        locked = status is LetterStatus.FINAL or letter is None or not can_change
        for edit in self.section_edits.values():
            edit.setReadOnly(locked)
        self.template_row.set_state(
            has_letter=letter is not None, locked=locked, can_change=can_change
        )

    # Guidance ----------------------------------------------------------------------------

    def texts(self) -> dict[str, str]:
        return {name: self.section_edits[name].toPlainText() for name in sections_of(self.kind)}

    def refresh_guidance(self) -> None:
        """Re-run the whole-letter checks and fill the side panel (underlines update by
        themselves as paragraphs change)."""
        self._timer.stop()
        self.guidance.clear()
        if self.letter_id is None:
            self.findings = []
            self.length_label.clear()
            return
        order = sections_of(self.kind)
        texts = self.texts()
        self.findings = self.engine.check_letter(texts, order, self.minutes_limit)
        count = sum(self.engine.section_words(n, texts[n]) for n in order)
        seconds = self.engine.reading_seconds(count)
        over = seconds > self.minutes_limit * 60
        self.length_label.setText(
            (
                self.tr("%1 words · reading time %2 of %3 min (too long)")
                if over
                else self.tr("%1 words · reading time %2 of %3 min")
            )
            .replace("%1", f"{count:,}")
            .replace("%2", format_duration(seconds))
            .replace("%3", f"{self.minutes_limit}:00")
        )
        titles = {n: self.section_labels[n].text().replace("&", "") for n in TEXT_FIELDS}
        for index, finding in enumerate(self.findings):
            where = titles.get(finding.section, self.tr("Whole letter"))
            words = _flagged(finding, texts.get(finding.section, ""))
            title, reason = tr_guidance(finding.title), tr_guidance(finding.reason)
            suggestion = tr_guidance(finding.suggestion)
            quoted = f"“{words}”\n" if words else ""
            item = QListWidgetItem(f"{title} · {where}\n{quoted}{reason}\n→ {suggestion}")
            item.setData(HTML_ROLE, finding_html(where, title, words, reason, suggestion))
            item.setData(FINDING_ROLE, index)
            self.guidance.addItem(item)
        if not self.findings:
            self.guidance.addItem(self.tr("No suggestions: the letter reads well."))

    def _selected_finding(self) -> Finding | None:
        """The chosen finding, if the text has not changed since it was found."""
        if self._timer.isActive():  # typed since: positions may be off until the re-check
            self.refresh_guidance()
            return None
        return self._current_finding()

    def _current_finding(self) -> Finding | None:
        item = self.guidance.currentItem()
        index = item.data(FINDING_ROLE) if item is not None else None
        return self.findings[index] if isinstance(index, int) else None

    def _finding_selected(self) -> None:
        finding = self._current_finding()
        self.add_word.setEnabled(finding is not None and finding.rule_id == "spelling")

    def _show_finding(self, item: QListWidgetItem) -> None:
        """Jump to the words a finding is about."""
        finding = self._selected_finding()
        if finding is None or finding.section not in self.section_edits:
            return
        edit = self.section_edits[finding.section]
        cursor = edit.textCursor()
        start, end = _clamped(finding, len(edit.toPlainText()))
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        edit.setTextCursor(cursor)
        self.sections_scroll.ensureWidgetVisible(edit)
        edit.ensureCursorVisible()
        edit.setFocus()

    def add_selected_word(self) -> None:
        finding = self._selected_finding()
        if finding is None or finding.rule_id != "spelling" or self.case_id is None:
            return
        text = self.section_edits[finding.section].toPlainText()
        start, end = _clamped(finding, len(text))
        word = text[start:end]
        case_id = self.case_id
        if self.state.write(lambda s: add_dictionary_word(s, word)):
            self._set_words(self.state.read(lambda s: accepted_words(s, case_id)))
            self._rehighlight()
            self.refresh_guidance()

    # Actions -----------------------------------------------------------------------------

    def apply_selected_template(self) -> None:
        self.template_row.apply_selected()

    def save_as_template(self, name: str | None = None) -> bool:
        """Keep the letter's words as a practice template (asks for a name unless given)."""
        return self.template_row.save_as(name)

    def change_status(self, status: LetterStatus) -> None:
        letter_id = self.letter_id
        if letter_id is None or not self.saver.flush():
            return
        if self.state.write(lambda s: set_status(s, letter_id, status).id, case_id=self.case_id):
            self.load_letter(letter_id, self.case_id)
            self.statusChanged.emit(letter_id)


def _flagged(finding: Finding, text: str, limit: int = 60) -> str:
    """The words a finding is about, as they stand in the section (shortened if long);
    empty for a finding about a whole section or letter."""
    start, end = _clamped(finding, len(text))
    words = " ".join(text[start:end].split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def _clamped(finding: Finding, length: int) -> tuple[int, int]:
    """The finding's span within the text as it is now (it may have changed since the check)."""
    start = max(0, min(finding.start, length))
    return start, max(start, min(finding.end, length))

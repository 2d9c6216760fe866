"""The Letters page driven with qtbot: write with live guidance, finalise, reorder, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer
from PySide6.QtGui import QHelpEvent, QTextCharFormat
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QToolButton,
    QToolTip,
)
from pytestqt.qtbot import QtBot

from interventiondesk.gui.pages.letters.guidance_highlighter import GuidanceHighlighter
from interventiondesk.gui.pages.letters.guidance_list import HTML_ROLE
from interventiondesk.gui.pages.letters.packet_options import PacketOptionsDialog
from interventiondesk.gui.pages.letters.page import LettersPage
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.gui.shell.state import AppState
from interventiondesk.limits import MAX_READING_MINUTES, MIN_READING_MINUTES
from interventiondesk.model import LetterStatus
from interventiondesk.services import audit
from interventiondesk.services.cases import create_case, find_case
from interventiondesk.services.demo import add_demo_cases
from interventiondesk.services.letter_templates import templates_for
from interventiondesk.services.letters import (
    add_letter,
    dictionary_words,
    letters_for_case,
    objections,
    reading_order,
    set_status,
    update_letter,
)
from interventiondesk.services.participants import add_participant
from interventiondesk.storage.database import Database
from interventiondesk.storage.workspace import Workspace
from tests.writers import Committer

# The offscreen platform says this when a tooltip is shown; it is not about our widgets.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

HOSTILE = '<b>&amp;</b> <script>x</script> "quoted" — مريم الحسن — שרה — 😂'


def make_page(qtbot: QtBot, db: Database) -> tuple[LettersPage, str, dict[str, str]]:
    with db.session() as s:
        case = create_case(s, client_name="Robin Quillfeather", kind="planned", model="love_first")
        ids = {
            name: add_participant(s, case.id, name, role=role).id
            for name, role in (
                ("Ann", "reader"),
                ("Ben", "closer"),
                ("Cy", "reader"),
                ("Dee", "letter_only"),
            )
        }
        case_id = case.id
    page = LettersPage(AppState(db))
    page.resize(1200, 800)
    qtbot.addWidget(page)
    page.show()
    page.load_case(case_id)
    return page, case_id, ids


def guidance_text(page: LettersPage) -> str:
    lists = page.editor.guidance
    return "\n".join(lists.item(i).text() for i in range(lists.count()))


def underlined(highlighter: GuidanceHighlighter) -> list[tuple[int, int]]:
    block = highlighter.document().firstBlock()
    spans = []
    for fmt in block.layout().formats():
        if fmt.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline:
            spans.append((fmt.start, fmt.start + fmt.length))
    return spans


def test_write_a_letter_see_guidance_and_finalise_it(qtbot: QtBot, db: Database) -> None:
    page, case_id, ids = make_page(qtbot, db)
    page.author.setCurrentIndex(page.author.findData(ids["Ann"]))
    page.start_letter()
    editor = page.editor
    assert editor.letter_id is not None
    connection = editor.section_edits["connection"]
    qtbot.keyClicks(connection, "You always forget. I beleive in you")
    qtbot.waitUntil(lambda: "Blaming or absolute wording" in guidance_text(page), timeout=2000)
    text = guidance_text(page)
    assert "Spelling" in text and "A section is empty" in text
    spans = underlined(editor.highlighters["connection"])
    assert (0, len("You always")) in spans
    start = len("You always forget. I ")
    assert (start, start + len("beleive")) in spans
    # The tooltip finder knows the reason under the mouse.
    found = editor.highlighters["connection"].findings_at(start + 2)
    assert [f.rule_id for f in found] == ["spelling"]
    cursor = connection.textCursor()
    cursor.setPosition(start + 2)
    where = connection.cursorRect(cursor).center()
    help_event = QHelpEvent(QEvent.Type.ToolTip, where, connection.viewport().mapToGlobal(where))
    QApplication.sendEvent(connection.viewport(), help_event)
    assert "Did you mean 'believe'?" in QToolTip.text()

    # Fix the letter: set the rest directly (non-ASCII cannot be typed with keyClicks).
    connection.selectAll()
    qtbot.keyClicks(connection, "I love you and I remember the lake.")
    editor.section_edits["incidents"].setPlainText("On 3 May I saw you fall. " + HOSTILE)
    editor.section_edits["impact"].setPlainText("I lie awake.")
    editor.section_edits["request"].setPlainText("Will you accept help today?")
    editor.refresh_guidance()
    assert "Spelling" not in guidance_text(page)
    assert "Blaming" not in guidance_text(page)
    assert "words · reading time" in editor.length_label.text()

    editor.review_button.click()
    assert "reviewed by" in editor.status_label.text()
    editor.final_button.click()
    assert editor.section_edits["incidents"].isReadOnly()
    with db.session() as s:
        letter = letters_for_case(s, case_id)[0]
        assert letter.status is LetterStatus.FINAL
        assert letter.connection == "I love you and I remember the lake."
        assert letter.incidents == "On 3 May I saw you fall. " + HOSTILE
        actions = [e.action for e in audit.events_for_case(s, case_id)]
        assert "letter.finalised" in actions
    assert "Final" in page.letter_list.currentItem().text()
    editor.reopen_button.click()
    assert not editor.section_edits["incidents"].isReadOnly()


def test_reading_time_limit_and_a_50000_word_letter(qtbot: QtBot, db: Database) -> None:
    page, case_id, ids = make_page(qtbot, db)
    page.author.setCurrentIndex(page.author.findData(ids["Cy"]))
    page.start_letter()
    huge = " ".join(["remember"] * 50_000)
    page.editor.section_edits["impact"].setPlainText(huge)
    page.editor.refresh_guidance()
    assert "Longer than the reading time allowed" in guidance_text(page)
    assert "50,000 words" in page.editor.length_label.text()
    assert "(too long)" in page.editor.length_label.text()
    page.limit.setValue(30)
    assert "384:37 of 30:00 min (too long)" in page.editor.length_label.text()
    page.editor.section_edits["impact"].setPlainText("Short again.")
    page.editor.refresh_guidance()
    assert "0:01 of 30:00 min" in page.editor.length_label.text()
    assert "(too long)" not in page.editor.length_label.text()
    page.editor.section_edits["impact"].setPlainText(huge)
    assert page.flush()
    with db.session() as s:
        assert letters_for_case(s, case_id)[0].impact == huge


def test_add_a_name_to_the_dictionary(qtbot: QtBot, db: Database) -> None:
    page, _case_id, ids = make_page(qtbot, db)
    page.author.setCurrentIndex(page.author.findData(ids["Ann"]))
    page.start_letter()
    page.editor.section_edits["impact"].setPlainText("Grandma Zorbalene came.")
    page.editor.refresh_guidance()
    row = next(i for i, f in enumerate(page.editor.findings) if f.rule_id == "spelling")
    page.editor.guidance.setCurrentRow(row)
    assert page.editor.add_word.isEnabled()
    page.editor.add_word.click()
    assert "Spelling" not in guidance_text(page)
    with page.state.db.session() as s:
        assert dictionary_words(s) == ["Zorbalene"]


def test_template_fills_empty_sections(qtbot: QtBot, db: Database) -> None:
    page, _case_id, ids = make_page(qtbot, db)
    page.author.setCurrentIndex(page.author.findData(ids["Ann"]))
    page.start_letter()
    editor = page.editor
    editor.section_edits["connection"].setPlainText("My own opening.")
    assert editor.templates.count() >= 1
    assert editor.section_edits["impact"].placeholderText()
    editor.use_template.click()
    assert editor.section_edits["connection"].toPlainText() == "My own opening."
    assert "[" in editor.section_edits["incidents"].toPlainText()
    assert "Template text still to replace" in guidance_text(page)


def test_reorder_readers_closer_stays_last_and_absent_writer_gets_a_reader(
    qtbot: QtBot, db: Database
) -> None:
    page, case_id, ids = make_page(qtbot, db)
    with db.session() as s:
        for name in ("Ann", "Ben", "Cy", "Dee"):
            letter = add_letter(s, ids[name])
            update_letter(s, letter.id, {"connection": f"Words of {name}."})
    page.load_case(case_id)
    page.tabs.setCurrentIndex(1)
    model = page.order_model

    def authors() -> list[str]:
        with db.session() as s:
            return [slot.author.name for slot in reading_order(s, case_id)]

    assert [e.author for e in model.entries] == ["Ann", "Cy", "Dee", "Ben"]
    assert "needs a reader" in model.data(model.index(2))
    # A drop moves rows through moveRows, as the view does for InternalMove.
    assert model.moveRow(QModelIndex(), 2, QModelIndex(), 0)
    assert authors() == ["Dee", "Ann", "Cy", "Ben"]
    # Nothing can be dropped after the closer, and the closer cannot be dragged.
    assert not model.moveRow(QModelIndex(), 0, QModelIndex(), 4)
    assert not model.flags(model.index(3)) & Qt.ItemFlag.ItemIsDragEnabled
    assert authors() == ["Dee", "Ann", "Cy", "Ben"]
    # Keyboard: Move down.
    page.order_view.setCurrentIndex(model.index(0))
    page.down_button.click()
    assert authors() == ["Ann", "Dee", "Cy", "Ben"]
    assert page.order_view.currentIndex().row() == 1
    # Give Dee's letter a reader, with the keyboard: each choice is saved at once.
    assert page.reader.currentText() == "(the writer)"
    page.reader.setFocus()
    for _ in range(page.reader.findText("Cy")):
        qtbot.keyClick(page.reader, Qt.Key.Key_Down)
    assert page.reader.currentText() == "Cy"
    assert "read by Cy" in model.data(model.index(1))
    with db.session() as s:
        assert not reading_order(s, case_id)[1].needs_reader


def test_objections_and_seating_notes_save(qtbot: QtBot, db: Database) -> None:
    page, case_id, ids = make_page(qtbot, db)
    page.tabs.setCurrentIndex(2)
    page.objection_rows.add()
    record_id = page.objection_rows.record_ids()[0]
    said, answer, who = page.objection_rows.row_widgets(record_id)[:3]
    said.setPlainText(HOSTILE)  # type: ignore[attr-defined]
    answer.setPlainText("We love you & the bed is ready.")  # type: ignore[attr-defined]
    who.setCurrentIndex(who.findData(ids["Ben"]))  # type: ignore[attr-defined]
    page.seating.setPlainText("Ben <near> the door")
    assert page.flush()
    with db.session() as s:
        row = objections(s, case_id)[0]
        assert (row.objection, row.answer, row.answered_by_id) == (
            HOSTILE,
            "We love you & the bed is ready.",
            ids["Ben"],
        )


def test_export_through_the_file_dialog_runs_in_the_background(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    page, case_id, ids = make_page(qtbot, db)
    with db.session() as s:
        letter = add_letter(s, ids["Ann"])
        update_letter(s, letter.id, {"connection": "Final words " + HOSTILE})
        set_status(s, letter.id, "reviewed")
        set_status(s, letter.id, "final")
    target = tmp_path / "packet"

    def choose_file() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, PacketOptionsDialog):  # the export's options come first
            dialog.accept()
            QTimer.singleShot(100, choose_file)
            return
        try:
            assert isinstance(dialog, QFileDialog)
            dialog.setDirectory(str(target.parent))
            # Typed into the name field (selectFile leaves a focused field as it is).
            name = dialog.findChild(QLineEdit, "fileNameEdit")
            assert isinstance(name, QLineEdit)
            name.setText(target.name)
            dialog.accept()
        finally:  # never leave the test waiting on an open dialog
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(100, choose_file)
    with qtbot.waitSignal(page.exportFinished, timeout=10_000) as blocker:
        page.export_packet()
    assert blocker.args is not None and blocker.args[0] is True, blocker.args
    written = Path(blocker.args[1])
    assert written.parent == tmp_path and written.suffix == ".pdf"
    text = " ".join(p.extract_text() or "" for p in PdfReader(written).pages)
    assert "Final words <b>&amp;</b> <script>x</script>" in " ".join(text.split())
    assert "Saved the rehearsal packet" in page.export_status.text()
    with db.session() as s:
        assert audit.events_for_case(s, case_id)[-1].action == "export.rehearsal_packet"
    with qtbot.waitSignal(page.exportFinished, timeout=10_000) as blocker:
        page.export_to(tmp_path / "missing" / "x.pdf")
    assert blocker.args is not None and blocker.args[0] is False
    assert "does not exist" in blocker.args[1]


def test_save_a_letter_as_a_practice_template(qtbot: QtBot, db: Database) -> None:
    page, _case_id, ids = make_page(qtbot, db)
    page.author.setCurrentIndex(page.author.findData(ids["Ann"]))
    page.start_letter()
    page.editor.section_edits["connection"].setPlainText(HOSTILE)
    assert page.editor.save_as_template("Sister's <practice>")
    assert page.editor.templates.findData("Sister's <practice>") >= 0
    messages: list[str] = []
    page.state.failed.connect(messages.append)
    assert not page.editor.save_as_template("Sister's <practice>")
    assert messages == ["A template with that name already exists; choose another name."]


def test_an_archived_case_shows_letters_without_changing_them(qtbot: QtBot, db: Database) -> None:
    page, case_id, ids = make_page(qtbot, db)
    with db.session() as s:
        letter = add_letter(s, ids["Ann"])
        update_letter(s, letter.id, {"connection": "Kept words."})
    page.load_case(case_id)
    page.set_read_only(True)
    editor = page.editor
    assert editor.section_edits["connection"].toPlainText() == "Kept words."
    assert editor.section_edits["connection"].isReadOnly()
    assert not editor.review_button.isEnabled() and not editor.use_template.isEnabled()
    assert not page.start_button.isEnabled() and page.export_button.isEnabled()
    page.set_read_only(False)
    assert not editor.section_edits["connection"].isReadOnly()
    assert editor.review_button.isEnabled()


def test_objections_move_up_and_down_with_buttons_and_keys(qtbot: QtBot, db: Database) -> None:
    page, case_id, _ids = make_page(qtbot, db)
    page.tabs.setCurrentIndex(2)
    rows = page.objection_rows
    for text in ("first", "second " + HOSTILE, "third"):
        rows.add()
        said = rows.row_widgets(rows.record_ids()[-1])[0]
        said.setPlainText(text)  # type: ignore[attr-defined]
    first, second, third = rows.record_ids()

    def saved() -> list[str]:
        with db.session() as s:
            return [row.id for row in objections(s, case_id)]

    # The up button of the last row; its unsaved text is saved before the move.
    up = rows.row_widgets(third)[3].findChildren(QToolButton)[0]
    assert up.accessibleName() == "Move this objection up"
    up.click()
    assert saved() == [first, third, second] and rows.record_ids() == saved()
    with db.session() as s:
        assert [row.objection for row in objections(s, case_id)][1] == "third"
    # Alt+Down in a row's text moves that row; the focus stays in the same field.
    said = rows.row_widgets(first)[0]
    said.setFocus()
    qtbot.keyClick(said, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert saved() == [third, first, second]
    assert page.focusWidget() is rows.row_widgets(first)[0]
    # At either end nothing moves.
    rows.move_by(third, -1)
    rows.move_by(second, 1)
    assert saved() == [third, first, second]
    # An archived case shows the order without changing it.
    page.set_read_only(True)
    rows.move_by(second, -1)
    assert saved() == [third, first, second]
    assert not rows.row_widgets(second)[3].findChildren(QToolButton)[0].isEnabled()


def test_rename_and_delete_a_practice_template(qtbot: QtBot, db: Database) -> None:
    page, _case_id, ids = make_page(qtbot, db)
    page.author.setCurrentIndex(page.author.findData(ids["Ann"]))
    page.start_letter()
    row = page.editor.template_row
    # A shipped template can be neither renamed nor deleted.
    assert not row.rename_template.isEnabled() and not row.delete_template.isEnabled()
    page.editor.section_edits["connection"].setPlainText("Kept as practice.")
    assert page.editor.save_as_template("Practice one")
    row.templates.setCurrentIndex(row.templates.findData("Practice one"))
    assert row.rename_template.isEnabled() and row.delete_template.isEnabled()
    messages: list[str] = []
    page.state.failed.connect(messages.append)
    shipped = row.templates.itemData(0)
    assert not row.rename_selected(shipped)
    assert messages[-1] == "A template with that name already exists; choose another name."
    assert not row.rename_selected("   ")
    new_name = HOSTILE
    assert row.rename_selected(f"  {new_name} ")
    assert row.templates.currentData() == new_name
    assert row.templates.findData("Practice one") < 0
    with db.session() as s:
        assert new_name in [t.name for t in templates_for(s, None)]
    # Asked first; "no" keeps it.
    click_when_modal(QMessageBox.StandardButton.No)
    row.delete_template.click()
    assert row.templates.findData(new_name) >= 0
    assert row.delete_selected(confirmed=True)
    assert row.templates.findData(new_name) < 0
    assert page.editor.section_edits["connection"].toPlainText() == "Kept as practice."
    with db.session() as s:
        assert [t for t in templates_for(s, None) if t.practice_id] == []


def click_when_modal(button: QMessageBox.StandardButton) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        try:
            assert isinstance(box, QMessageBox)
            box.button(button).click()
        finally:  # never leave the test waiting on an open dialog
            if box is not None and box.isVisible():
                box.reject()

    QTimer.singleShot(50, click)


def test_packet_exports_while_another_program_saves(
    qtbot: QtBot, db: Database, workspace: Workspace, tmp_path: Path
) -> None:
    page, case_id, ids = make_page(qtbot, db)
    page.author.setCurrentIndex(page.author.findData(ids["Ann"]))
    page.start_letter()
    page.editor.section_edits["connection"].setPlainText("Ann's words. " * 2000)
    assert page.saver.flush()
    with Committer(workspace) as other:
        for number in range(3):
            with qtbot.waitSignal(page.exportFinished, timeout=20_000) as blocker:
                page.export_to(tmp_path / f"packet-{number}.pdf")
            assert blocker.args is not None and blocker.args[0] is True, blocker.args
    assert other.commits > 3
    with db.session() as s:
        exports = [
            e for e in audit.events_for_case(s, case_id) if e.action == "export.rehearsal_packet"
        ]
    assert len(exports) == 3


def test_the_page_fits_a_laptop_screen_on_every_demo_case_and_tab(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    """At 1280×650 the page never needs sideways scrolling, and its own action buttons (start,
    status, export) are on screen without scrolling down: the letter text may scroll, the
    buttons that act on it may not."""
    with db.session(write=True) as session:
        add_demo_cases(session)
    window.reload_cases()
    window.resize(1280, 650)
    window.show()
    shown = 0
    for row in range(window.case_model.rowCount()):
        window.open_case(window.case_model.case_row(row).id)
        index = next(i for i, p in enumerate(window.case_view.pages) if isinstance(p, LettersPage))
        window.case_view.show_page(index)
        page = window.case_view.pages[index]
        assert isinstance(page, LettersPage)
        area = page.parentWidget().parentWidget()
        assert isinstance(area, QScrollArea)
        for tab in range(page.tabs.count()):
            page.tabs.setCurrentIndex(tab)
            QApplication.processEvents()
            where = (window.case_model.case_row(row).reference, page.tabs.tabText(tab))
            viewport = area.viewport().size()
            assert page.minimumSizeHint().width() <= viewport.width(), (where, viewport)
            assert area.horizontalScrollBar().maximum() == 0, where
            buttons = [page.export_button]
            if tab == 0:
                buttons += [page.start_button, page.editor.final_button]
            if tab == 2:
                buttons.append(page.objection_rows.add_button)
            for button in buttons:
                corner = button.mapTo(area.viewport(), button.rect().bottomRight())
                assert button.isVisible() and area.viewport().rect().contains(corner), (
                    where,
                    button.text(),
                    corner,
                    viewport,
                )
            shown += 1
    assert shown == 3 * window.case_model.rowCount() >= 15


def test_start_letter_says_what_is_missing_without_people(qtbot: QtBot, db: Database) -> None:
    with db.session() as s:
        case_id = create_case(
            s, client_name="Robin Quillfeather", kind="planned", model="love_first"
        ).id
    page = LettersPage(AppState(db))
    qtbot.addWidget(page)
    page.show()
    page.load_case(case_id)
    assert not page.start_button.isEnabled()
    assert "Participants page" in page.start_button.toolTip()
    assert page.start_hint.isVisible() and "No one is on the roster" in page.start_hint.text()
    assert "Participants page" in page.editor.heading.text()
    page.set_read_only(False)  # the page's own rule stands after the case's
    assert not page.start_button.isEnabled() and not page.remove_button.isEnabled()
    with db.session() as s:
        ann = add_participant(s, case_id, "Ann", role="reader").id
    page.load_case(case_id)
    assert page.start_button.isEnabled() and not page.start_hint.isVisible()
    assert page.author.currentData() == ann


def test_the_new_letters_writer_is_someone_without_one(qtbot: QtBot, db: Database) -> None:
    page, case_id, ids = make_page(qtbot, db)
    with db.session() as s:
        add_letter(s, ids["Ann"])
        add_letter(s, ids["Ben"])
    page.load_case(case_id)
    # Ann's letter is open; the box for a new letter offers Cy, who has none yet.
    assert page.editor.letter_id is not None and page.editor.heading.text().endswith("Ann")
    assert page.author.currentText() == "Cy" and not page.start_hint.isVisible()
    page.start_letter()
    assert page.editor.heading.text().endswith("Cy")
    assert page.author.currentText() == "Dee"  # on to the next without a letter
    page.author.setCurrentIndex(page.author.findData(ids["Ann"]))
    assert "Ann has this letter already" in page.start_hint.text()


def test_the_reading_limit_takes_what_the_service_takes(qtbot: QtBot, db: Database) -> None:
    page, case_id, _ids = make_page(qtbot, db)
    assert (page.limit.minimum(), page.limit.maximum()) == (
        MIN_READING_MINUTES,
        MAX_READING_MINUTES,
    )
    page.limit.setValue(MAX_READING_MINUTES)
    assert page.flush()
    with db.session() as s:
        assert find_case(s, case_id).reading_minutes_limit == MAX_READING_MINUTES


def test_a_finding_reads_kind_words_and_suggestion_and_a_click_selects_them(
    qtbot: QtBot, db: Database
) -> None:
    page, _case_id, ids = make_page(qtbot, db)
    page.author.setCurrentIndex(page.author.findData(ids["Ann"]))
    page.start_letter()
    editor = page.editor
    impact = editor.section_edits["impact"]
    impact.setPlainText("<b>Me</b> & you: you never call.")
    editor.refresh_guidance()
    row = next(i for i, f in enumerate(editor.findings) if f.rule_id != "spelling" and f.end)
    finding = editor.findings[row]
    words = impact.toPlainText()[finding.start : finding.end]
    item = editor.guidance.item(row)
    html = item.data(HTML_ROLE)
    assert html.startswith("<b>") and f"“{words}”" in html
    assert "<b>Me</b>" not in html and "&lt;b&gt;" not in words  # client text stays text
    lines = item.text().split("\n")
    assert lines[1] == f"“{words}”" and lines[-1].startswith("→ ")
    rect = editor.guidance.visualItemRect(item)
    qtbot.mouseClick(editor.guidance.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert impact.textCursor().selectedText() == words
    assert page.focusWidget() is impact


def test_objections_have_headings_and_labelled_move_buttons(qtbot: QtBot, db: Database) -> None:
    page, _case_id, _ids = make_page(qtbot, db)
    page.tabs.setCurrentIndex(2)
    rows = page.objection_rows
    rows.add()
    rows.add()
    said, answer, who, mover, remove = rows.row_widgets(rows.record_ids()[1])
    card = said.parentWidget()
    captions = {label.text(): label.buddy() for label in card.findChildren(QLabel)}
    assert captions["The client may say"] is said and captions["Our answer"] is answer
    assert captions["Who answers:"] is who and captions["Objection 2"] is None
    up, down = mover.findChildren(QToolButton)
    assert (up.text(), down.text()) == ("Up", "Down")
    assert "Alt+Up" in up.toolTip() and down.accessibleName() == "Move this objection down"
    assert remove.accessibleName() == "Remove this objection"
    # Read side by side at a laptop's width, each as wide as the other.
    page.resize(700, 600)
    QApplication.processEvents()
    assert said.width() == answer.width() > 250
    assert said.geometry().top() == answer.geometry().top()
    rows.remove(rows.record_ids()[0])
    numbers = [w.text() for w in rows.findChildren(QLabel) if w.text().startswith("Objection ")]
    assert numbers == ["Objection 1"]

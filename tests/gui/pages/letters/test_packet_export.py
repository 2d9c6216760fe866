"""Exporting the rehearsal packet from the Letters page: the options dialog, reading copies,
a password, and a button that says why it cannot work."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from interventiondesk.gui.pages.letters.packet_options import (
    PacketLetters,
    PacketOptions,
    PacketOptionsDialog,
)
from interventiondesk.services.letters import add_letter, assign_reader, set_status, update_letter
from interventiondesk.storage.database import Database
from tests.gui.pages.letters.test_page import make_page

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _when_modal(kind: type[QWidget], act: Callable[[QWidget], None]) -> None:
    """Run ``act`` on the next modal dialog of ``kind`` (waits for it to show)."""

    def attempt(tries: int = 50) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            if tries:
                QTimer.singleShot(50, lambda: attempt(tries - 1))
            return
        try:
            act(dialog)
        finally:  # never leave the test waiting on an open dialog
            if dialog.isVisible():
                dialog.close()

    QTimer.singleShot(50, attempt)


def _pdf_text(path: Path, password: str | None = None) -> str:
    reader = PdfReader(path)
    if password is not None:
        assert reader.is_encrypted and reader.decrypt(password) != 0
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def test_the_export_button_says_why_it_cannot_work_without_letters(
    qtbot: QtBot, db: Database
) -> None:
    page, _case_id, ids = make_page(qtbot, db)
    button = page.export_button
    assert not button.isEnabled()
    assert "no letters yet" in button.toolTip()
    page.author.setCurrentIndex(page.author.findData(ids["Ann"]))
    page.start_letter()
    assert button.isEnabled()
    assert "Reading copies and a password are offered next" in button.toolTip()
    assert page.export_button.text() == "E&xport rehearsal packet…"


def test_export_through_the_options_dialog_with_reading_copies_and_a_password(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    page, case_id, ids = make_page(qtbot, db)
    with db.session() as s:
        letters = {}
        for name, words in (("Ann", "Ann's final words."), ("Dee", "Dee's draft words.")):
            letter = add_letter(s, ids[name])
            update_letter(s, letter.id, {"connection": words})
            letters[name] = letter.id
        set_status(s, letters["Ann"], "reviewed")
        set_status(s, letters["Ann"], "final")
        assign_reader(s, letters["Dee"], ids["Cy"])
    page.load_case(case_id)
    out = tmp_path / "out"
    out.mkdir()
    seen: dict[str, object] = {}

    def fill_options(dialog: QWidget) -> None:
        assert isinstance(dialog, PacketOptionsDialog)
        seen["summary"] = dialog.summary.text()
        assert dialog.all_letters.isChecked() and dialog.final_only.isEnabled()
        for box in (dialog.reading_copies, dialog.protect):  # clicked on the box itself
            qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
        assert dialog.password.isVisible() and not dialog.ok_button.isEnabled()
        qtbot.keyClicks(dialog.password, "river tulip 7")
        qtbot.keyClicks(dialog.repeat, "river tulip ")
        seen["mismatch"] = dialog.problem.text()
        assert not dialog.ok_button.isEnabled()
        qtbot.keyClicks(dialog.repeat, "7")
        assert dialog.ok_button.isEnabled() and not dialog.problem.isVisible()
        _when_modal(QFileDialog, choose_file)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    def choose_file(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        dialog.setDirectory(str(out))
        # Typed into the name field, as a person does (selectFile leaves a focused field as it is).
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert isinstance(name, QLineEdit)
        name.setText("packet.pdf")
        dialog.accept()

    _when_modal(PacketOptionsDialog, fill_options)
    with qtbot.waitSignal(page.exportFinished, timeout=20_000) as blocker:
        page.export_packet()
    assert blocker.args == [True, str(out / "packet.pdf")]
    assert seen == {
        "summary": "2 letters in this case; 1 not final yet.",
        "mismatch": "Type the same password twice.",
    }
    reference = page.reference
    copies = [out / f"reading-copy-{reference}-{n}.pdf" for n in (1, 2)]
    assert sorted(out.iterdir()) == sorted([out / "packet.pdf", *copies])
    packet = _pdf_text(out / "packet.pdf", "river tulip 7")
    assert "Ann's final words." in packet and "Dee's draft words." in packet and "DRAFT" in packet
    first, second = (_pdf_text(copy, "river tulip 7") for copy in copies)
    assert "Reading copy for Ann" in first and "Dee's draft" not in first
    assert "Reading copy for Cy" in second and "Dee's draft words." in second
    assert "Ann's final" not in second
    status = page.export_status.text()
    assert (
        "and 2 reading copies beside it" in status
        and f"reading-copy-{reference}-2.pdf: Cy" in status
    )


def test_final_letters_only_and_cancelling_write_nothing_unwanted(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    page, case_id, ids = make_page(qtbot, db)
    with db.session() as s:
        letter = add_letter(s, ids["Ann"])
        update_letter(s, letter.id, {"connection": "Only a draft."})
    page.load_case(case_id)

    def look_and_cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, PacketOptionsDialog)
        # Nothing is final: the meeting copy would be empty, and the dialog says why.
        assert not dialog.final_only.isEnabled()
        assert "No letter is final yet" in dialog.final_only.toolTip()
        dialog.reject()

    _when_modal(PacketOptionsDialog, look_and_cancel)
    page.export_packet()
    assert page.export_status.text() == "" and not page.exporter.running
    assert list(tmp_path.glob("*.pdf")) == []


def test_options_dialog_defaults_minimum_password_and_mnemonics(qtbot: QtBot) -> None:
    dialog = PacketOptionsDialog(PacketLetters(letters=3, final=3))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.summary.text() == "3 letters in this case, all final."
    assert dialog.options() == PacketOptions(include_drafts=True)
    assert not dialog.password.isVisible()
    dialog.protect.setChecked(True)
    qtbot.keyClicks(dialog.password, "short")
    qtbot.keyClicks(dialog.repeat, "short")
    assert dialog.problem.text() == "The password needs at least 8 characters."
    assert not dialog.ok_button.isEnabled()
    dialog.final_only.setChecked(True)
    dialog.password.setText("long enough")
    dialog.repeat.setText("long enough")
    assert dialog.options() == PacketOptions(include_drafts=False, password="long enough")
    texts = [
        dialog.all_letters.text(),
        dialog.final_only.text(),
        dialog.reading_copies.text(),
        dialog.protect.text(),
        dialog.ok_button.text(),
        "Pass&word:",
        "R&epeat:",
    ]
    keys = [text[text.index("&") + 1].lower() for text in texts]
    assert len(set(keys)) == len(keys), keys
    # It fits a 1280×720 screen with room to spare.
    hint = dialog.sizeHint()
    assert hint.width() <= 700 and hint.height() <= 600

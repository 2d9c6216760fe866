"""Case › Handoff to therapist… in the real main window: the consent check in words, sections the
consent does not cover held back, preview then save of the very bytes previewed, the override."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from interventiondesk.gui.dialogs.handoff import HandoffDialog
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.model import Disclosure, HandoffSection
from interventiondesk.services import audit
from interventiondesk.storage.database import Database
from tests.gui.conftest import replace_text
from tests.gui.pages.laptop import LAPTOP_WINDOW
from tests.gui.pages.letters.test_packet_export import _when_modal
from tests.gui.save_dialog import type_file_name
from tests.handoff_case import MARKERS, OTHER_RECIPIENT, RECIPIENT, add_consent, make_case

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

COVERED = frozenset({HandoffSection.REFERRAL, HandoffSection.HISTORY, HandoffSection.MODALITY})
REASON = "The crisis unit's psychiatrist needs the history before tonight's discharge meeting."


def _open(window: MainWindow, db: Database, qtbot: QtBot) -> HandoffDialog:
    with db.session() as s:
        case = make_case(s)
        add_consent(s, case.case_id, sections=COVERED)
    window.reload_cases()
    window.open_case(case.case_id)
    window.actions_by_name["handoff"].trigger()
    dialog = window.findChild(HandoffDialog)
    assert isinstance(dialog, HandoffDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _preview(dialog: HandoffDialog, qtbot: QtBot) -> None:
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=20_000)
    qtbot.waitUntil(lambda: dialog.preview.drawn > 0, timeout=20_000)


def _disclosures(db: Database) -> list[Disclosure]:
    with db.session() as s:
        rows = list(s.scalars(select(Disclosure)))
        s.expunge_all()
    return rows


def test_preview_then_save_writes_exactly_the_previewed_bytes(
    window: MainWindow, db: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = _open(window, db, qtbot)
    assert dialog.recipient.currentText() == RECIPIENT
    assert "Covered by: Substance-use records (42 CFR Part 2)" in dialog.verdict.text()
    assert {s for s, box in dialog.sections.items() if box.isChecked()} == COVERED
    assert not dialog.save_button.isEnabled()
    _preview(dialog, qtbot)
    shown = dialog.preview.data
    assert shown is not None and dialog.prepared is not None and shown is dialog.prepared.data
    first = dialog.preview.pages[0].pixmap().width()
    qtbot.mouseClick(dialog.preview.zoom_in, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview.pages[0].pixmap().width() > first, timeout=20_000)
    target = tmp_path / "handoff.pdf"

    _when_modal(QFileDialog, lambda file_dialog: type_file_name(file_dialog, target))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists, timeout=10_000)
    assert target.read_bytes() == shown
    (disclosure,) = _disclosures(db)
    assert disclosure.document_sha256 == hashlib.sha256(shown).hexdigest()
    assert disclosure.sent_sections == COVERED and disclosure.override_reason == ""
    assert "recorded as a disclosure" in dialog.saved_note.text()


def test_uncovered_sections_are_held_back_with_the_reason(
    window: MainWindow, db: Database, qtbot: QtBot
) -> None:
    dialog = _open(window, db, qtbot)
    asam = dialog.sections[HandoffSection.ASAM]
    assert not asam.isEnabled() and "(not covered)" in asam.text()
    assert "only with an override" in asam.toolTip()
    assert dialog.sections[HandoffSection.HISTORY].isEnabled()
    dialog.recipient.setEditText(OTHER_RECIPIENT)
    qtbot.waitUntil(lambda: "does not name this recipient" in dialog.verdict.text())
    assert not any(box.isEnabled() for box in dialog.sections.values())
    assert not any(box.isChecked() for box in dialog.sections.values())


def test_changing_a_choice_after_the_preview_takes_the_save_away(
    window: MainWindow, db: Database, qtbot: QtBot
) -> None:
    dialog = _open(window, db, qtbot)
    _preview(dialog, qtbot)
    dialog.sections[HandoffSection.MODALITY].setChecked(False)
    assert not dialog.save_button.isEnabled() and dialog.prepared is None
    assert dialog.preview.pages == [] and "preview again" in dialog.preview.status.text()


def test_the_override_needs_a_reason_and_is_recorded(
    window: MainWindow, db: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = _open(window, db, qtbot)
    dialog.recipient.setEditText(OTHER_RECIPIENT)
    qtbot.waitUntil(lambda: "does not name this recipient" in dialog.verdict.text())
    dialog.override.setChecked(True)
    history = dialog.sections[HandoffSection.HISTORY]
    assert history.isEnabled() and dialog.reason.isEnabled()
    history.setChecked(True)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "at least a few words" in dialog.problem.text(), timeout=20_000)
    assert not dialog.save_button.isEnabled()
    replace_text(dialog.reason, REASON)
    _preview(dialog, qtbot)
    row = dialog.save_to(tmp_path / "override.pdf")
    assert row is not None and row.override_reason == REASON
    (disclosure,) = _disclosures(db)
    assert disclosure.recipient == OTHER_RECIPIENT and disclosure.override_reason == REASON
    assert disclosure.sent_sections == {HandoffSection.HISTORY}
    with db.session() as s:
        details = [e.detail for e in audit.events(s) if e.action == "export.handoff"]
    assert len(details) == 1 and "override=yes" in details[0]


def test_a_password_protects_the_previewed_and_saved_file(
    window: MainWindow, db: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    dialog = _open(window, db, qtbot)
    dialog.protect.setChecked(True)
    replace_text(dialog.password, "correct horse 42")
    replace_text(dialog.repeat, "correct horse 4")
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert "differ" in dialog.problem.text()
    replace_text(dialog.repeat, "correct horse 42")
    _preview(dialog, qtbot)
    dialog.save_to(tmp_path / "locked.pdf")
    reader = PdfReader(tmp_path / "locked.pdf")
    assert reader.is_encrypted and reader.decrypt("correct horse 42")
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert MARKERS[HandoffSection.HISTORY] in text


def test_the_dialog_fits_a_laptop_screen(window: MainWindow, db: Database, qtbot: QtBot) -> None:
    window.resize(*LAPTOP_WINDOW)
    dialog = _open(window, db, qtbot)
    dialog.resize(*LAPTOP_WINDOW)
    QApplication.processEvents()
    hint = dialog.minimumSizeHint()
    assert hint.width() <= LAPTOP_WINDOW[0] and hint.height() <= LAPTOP_WINDOW[1]
    assert dialog.width() <= LAPTOP_WINDOW[0] and dialog.height() <= LAPTOP_WINDOW[1]
    for widget in (dialog.preview_button, dialog.save_button, dialog.reason, dialog.recipient):
        corner = widget.mapTo(dialog, widget.rect().bottomRight())
        assert dialog.rect().contains(corner)


def test_mnemonics_do_not_clash_and_controls_are_named(
    window: MainWindow, db: Database, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

    dialog = _open(window, db, qtbot)
    texts = [w.text() for w in dialog.findChildren(QAbstractButton)]
    texts += [w.text() for w in dialog.findChildren(QLabel) if w.buddy() is not None]
    keys = [text[text.index("&") + 1].lower() for text in texts if "&" in text]
    assert len(keys) >= 8 and len(keys) == len(set(keys))
    named: list[QWidget] = [
        dialog.recipient,
        dialog.reason,
        dialog.password,
        dialog.repeat,
        dialog.verdict,
        dialog.preview.zoom_in,
        dialog.preview.zoom_out,
        *dialog.sections.values(),
    ]
    assert all(widget.accessibleName() for widget in named)


def test_opening_it_again_replaces_the_earlier_dialog(
    window: MainWindow, db: Database, qtbot: QtBot
) -> None:
    first = _open(window, db, qtbot)
    case_id = first.case_id
    first.close()
    window.actions_by_name["handoff"].trigger()
    qtbot.waitUntil(lambda: len(window.findChildren(HandoffDialog)) == 1)
    (second,) = window.findChildren(HandoffDialog)
    assert second.isVisible() and second.case_id == case_id

"""The Consent page in the real window, driven with qtbot as a counselor types."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from interventiondesk.gui.pages.consent.page import ConsentPage
from interventiondesk.gui.pages.consent.revoke_dialog import RevokeDialog
from interventiondesk.gui.shared.date_fields import format_date
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.model import Consent, ConsentKind, ConsentStatus, Disclosure, HandoffSection
from interventiondesk.services import audit
from interventiondesk.services.cases import archive_case, create_case
from interventiondesk.services.consents import add_consent
from interventiondesk.storage.database import Database
from tests.gui.conftest import HOSTILE, replace_text
from tests.gui.pages.laptop import every_demo_case_on, seen_without_scrolling
from tests.gui.pages.schedule.test_page import MENU_LETTERS, mnemonics, type_date
from tests.reads import Reads, orm_objects_of

TODAY = date.today()
SIGNED = {
    "discloser": "Cedar Counseling",
    "information": "Referral and history",
    "recipients": "Dr. Imani Okafor",
    "purpose": "continuity of treatment",
    "revocation_explained": True,
    "signed_by": "Rowan Ashgrove",
    "signed_on": TODAY - timedelta(days=3),
    "sections": ["referral", "history"],
}


def new_case(db: Database, name: str = "Rowan Ashgrove") -> str:
    with db.session() as s:
        return create_case(s, client_name=name, kind="planned", model="johnson").id


def open_signed_consent(db: Database, window: MainWindow) -> tuple[str, str, ConsentPage]:
    """A new case with one signed consent, open on its Consent page: (case, consent, page)."""
    case_id = new_case(db)
    with db.session() as s:
        consent_id = add_consent(s, case_id, changes=SIGNED).id
    return case_id, consent_id, open_page(window, case_id)


def open_page(window: MainWindow, case_id: str) -> ConsentPage:
    window.reload_cases()
    window.open_case(case_id)
    index = next(i for i, p in enumerate(window.case_view.pages) if isinstance(p, ConsentPage))
    window.case_view.show_page(index)
    page = window.case_view.pages[index]
    assert isinstance(page, ConsentPage)
    return page


def field(page: ConsentPage, name: str) -> QWidget:
    return page.editor.fields[name]


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type as a person does, then leave the field (Tab), which saves it at once."""
    assert isinstance(widget, QLineEdit | QPlainTextEdit)
    widget.setFocus()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


def click(qtbot: QtBot, page: ConsentPage, widget: QWidget) -> None:
    """Scroll the chosen consent's elements to ``widget``, then click its tick box (a box's
    centre may lie past its words, where a click does nothing)."""
    page.editor_area.ensureWidgetVisible(widget)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(6, widget.height() // 2))


def stored(db: Database, consent_id: str) -> Consent:
    with db.session() as s:
        consent = s.get(Consent, consent_id)
        assert consent is not None
        s.expunge(consent)
        return consent


def when_modal(work: Callable[[QWidget], None]) -> None:
    """Run ``work`` on the dialog or message box the page is about to show."""

    def act() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(20, act)
            return
        work(modal)

    QTimer.singleShot(20, act)


def test_a_consent_typed_in_loses_its_missing_elements_and_becomes_active(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    page = open_page(window, new_case(db))
    assert not page.empty.isHidden()
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    consent_id = page.editor.consent_id
    assert consent_id is not None and page.consents.count() == 1
    assert field(page, "patient_name").text() == "Rowan Ashgrove"  # type: ignore[attr-defined]
    assert page.editor.status.text() == "Not yet signed"
    missing = page.editor.missing
    assert missing.text() == (
        "This consent does not yet name: who may disclose, what information may be disclosed, "
        "who may receive it, the purpose, that the right to revoke was explained, an expiry "
        "date, event or condition, a signature and its date."
    )
    type_into(qtbot, field(page, "discloser"), "Cedar Counseling")
    qtbot.waitUntil(lambda: "who may disclose," not in missing.text())
    type_into(qtbot, field(page, "information"), "Referral, history and ASAM ratings")
    type_into(qtbot, field(page, "recipients"), "Dr. Imani Okafor")
    recipients = field(page, "recipients")
    assert isinstance(recipients, QPlainTextEdit)
    recipients.setFocus()
    qtbot.keyClick(recipients, Qt.Key.Key_Return)
    qtbot.keyClicks(recipients, "Lakeside Recovery Center")
    type_into(qtbot, field(page, "purpose"), "continuity of treatment")
    qtbot.waitUntil(lambda: "the purpose" not in missing.text())
    click(qtbot, page, field(page, "revocation_explained"))
    type_date(qtbot, field(page, "expires_on"), (TODAY + timedelta(days=90)).isoformat())  # type: ignore[arg-type]
    type_into(qtbot, field(page, "signed_by"), "Rowan Ashgrove")
    assert page.editor.status.text() == "Not yet signed"
    type_date(qtbot, field(page, "signed_on"), (TODAY - timedelta(days=1)).isoformat())  # type: ignore[arg-type]
    click(qtbot, page, page.editor.section_boxes[HandoffSection.REFERRAL])
    click(qtbot, page, page.editor.section_boxes[HandoffSection.ASAM])
    assert page.flush()
    qtbot.waitUntil(lambda: page.editor.status.text() == "Active")
    assert missing.text() == "This consent names every element a written consent needs."
    assert page.consents.item(0).text().startswith("Active · Substance-use records")
    assert "Dr. Imani Okafor and 1 more" in page.consents.item(0).text()
    consent = stored(db, consent_id)
    assert consent.status(TODAY) is ConsentStatus.ACTIVE
    assert consent.recipients == "Dr. Imani Okafor\nLakeside Recovery Center"
    assert consent.expires_on == TODAY + timedelta(days=90)
    assert consent.signed_on == TODAY - timedelta(days=1)
    assert consent.covered_sections == {HandoffSection.REFERRAL, HandoffSection.ASAM}
    # The counseling notes box is not offered to a Part 2 consent.
    assert not page.editor.section_boxes[HandoffSection.COUNSELING_NOTES].isEnabled()


def test_a_refused_date_stays_on_screen_with_the_reason(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    _case_id, consent_id, page = open_signed_consent(db, window)
    said: list[str] = []
    window.state.failed.connect(said.append)
    tomorrow = TODAY + timedelta(days=1)
    type_date(qtbot, field(page, "signed_on"), tomorrow.isoformat())  # type: ignore[arg-type]
    assert not page.flush()
    assert said[-1] == "The date signed cannot be later than today."
    assert field(page, "signed_on").edit.text() == format_date(tomorrow)  # type: ignore[attr-defined]
    assert stored(db, consent_id).signed_on == TODAY - timedelta(days=3)
    type_date(qtbot, field(page, "signed_on"), TODAY.isoformat())  # type: ignore[arg-type]
    assert page.flush()
    assert stored(db, consent_id).signed_on == TODAY


def test_revoking_asks_for_the_day_then_shows_revoked_and_locks_the_consent(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    case_id, consent_id, page = open_signed_consent(db, window)
    assert page.editor.status.text() == "Active"
    seen: list[str] = []

    def answer(modal: QWidget) -> None:
        assert isinstance(modal, RevokeDialog)
        # A day before the signature is refused in words, and the dialog stays open.
        replace_text(modal.day.edit, (TODAY - timedelta(days=5)).isoformat())
        modal.attempt()
        seen.append(modal.problem.text())
        replace_text(modal.day.edit, (TODAY - timedelta(days=1)).isoformat())
        modal.revoke_button.click()

    when_modal(answer)
    qtbot.mouseClick(page.revoke_button, Qt.MouseButton.LeftButton)
    assert seen == ["A consent cannot be revoked before the day it was signed."]
    revoked_on = TODAY - timedelta(days=1)
    assert page.editor.status.text() == f"Revoked on {format_date(revoked_on)}"
    assert page.consents.item(0).text().startswith(f"Revoked on {format_date(revoked_on)} · ")
    assert stored(db, consent_id).revoked_on == revoked_on
    assert not page.revoke_button.isEnabled()
    purpose = field(page, "purpose")
    assert isinstance(purpose, QPlainTextEdit) and purpose.isReadOnly()
    assert not field(page, "kind").isEnabled()
    assert not any(box.isEnabled() for box in page.editor.section_boxes.values())
    with db.session() as s:
        actions = [e.action for e in audit.events_for_case(s, case_id)]
    assert actions[-1] == "consent.revoked"


def test_cancelling_the_revocation_changes_nothing(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    _case_id, consent_id, page = open_signed_consent(db, window)
    when_modal(lambda modal: modal.reject())  # type: ignore[attr-defined]
    qtbot.mouseClick(page.revoke_button, Qt.MouseButton.LeftButton)
    assert stored(db, consent_id).revoked_on is None
    assert page.editor.status.text() == "Active"


def test_expiry_warnings_on_the_header_and_the_page(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    case_id = new_case(db, "Secret Client Name")
    with db.session() as s:
        add_consent(s, case_id, changes={**SIGNED, "expires_on": TODAY + timedelta(days=12)})
    page = open_page(window, case_id)
    chip = window.case_view.header.consent_warning
    assert chip.isVisible() and chip.text() == "⚠ Consent expires in 12 days"
    assert "Secret" not in chip.text()
    assert page.warnings.isVisible()
    assert page.warnings.text.text().startswith("Consent expires in 12 days (Substance-use")
    assert page.editor.status.text() == "Active · Consent expires in 12 days"
    # Moving the date on past 30 days takes the warning away at once, on the page and above.
    type_date(qtbot, field(page, "expires_on"), (TODAY + timedelta(days=45)).isoformat())  # type: ignore[arg-type]
    assert page.flush()
    qtbot.waitUntil(lambda: not chip.isVisible())
    assert not page.warnings.isVisible()
    other = new_case(db, "Other Client")
    open_page(window, other)
    assert not chip.isVisible()


def test_counseling_notes_have_a_consent_of_their_own(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    case_id = new_case(db)
    page = open_page(window, case_id)
    qtbot.mouseClick(page.add_notes_button, Qt.MouseButton.LeftButton)
    consent_id = page.editor.consent_id
    assert consent_id is not None
    boxes = page.editor.section_boxes
    assert boxes[HandoffSection.COUNSELING_NOTES].isChecked()
    assert boxes[HandoffSection.COUNSELING_NOTES].isEnabled()
    assert not any(
        b.isEnabled() for s, b in boxes.items() if s is not HandoffSection.COUNSELING_NOTES
    )
    assert "covers them alone" in page.editor.sections_note.text()
    assert "Counseling notes" in page.consents.item(0).text()
    assert stored(db, consent_id).kind is ConsentKind.COUNSELING_NOTES
    # Another kind keeps only what it can cover: the notes box is emptied and greyed out.
    kind = field(page, "kind")
    assert isinstance(kind, QComboBox)
    kind.setCurrentIndex(kind.findData(ConsentKind.GENERAL.value))
    assert page.flush()
    qtbot.waitUntil(lambda: not boxes[HandoffSection.COUNSELING_NOTES].isEnabled())
    assert not boxes[HandoffSection.COUNSELING_NOTES].isChecked()
    assert boxes[HandoffSection.REFERRAL].isEnabled()
    assert stored(db, consent_id).sections == ""


def test_remove_asks_first_and_is_refused_once_a_disclosure_relied_on_it(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    case_id = new_case(db)
    with db.session() as s:
        used = add_consent(s, case_id, changes=SIGNED).id
        mistake = add_consent(s, case_id).id
        s.add(
            Disclosure(
                case_id=case_id,
                consent_id=used,
                recipient="Dr. Imani Okafor",
                disclosed_at=datetime.now(UTC),
            )
        )
    page = open_page(window, case_id)
    assert page.editor.consent_id == used
    assert not page.remove_button.isEnabled()
    assert "revoke it instead" in page.remove_button.toolTip()
    assert "1 disclosure made under it" in page.editor.status.text()
    page.consents.setCurrentRow(1)
    assert page.editor.consent_id == mistake and page.remove_button.isEnabled()

    def no(modal: QWidget) -> None:
        assert isinstance(modal, QMessageBox)
        modal.button(QMessageBox.StandardButton.No).click()

    when_modal(no)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert page.consents.count() == 2

    def yes(modal: QWidget) -> None:
        assert isinstance(modal, QMessageBox)
        modal.button(QMessageBox.StandardButton.Yes).click()

    when_modal(yes)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert page.consents.ids() == [used] and page.editor.consent_id == used
    with db.session() as s:
        assert s.get(Consent, mistake) is None


def test_an_archived_case_shows_its_consents_read_only(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    case_id = new_case(db)
    with db.session() as s:
        add_consent(s, case_id, changes=SIGNED)
        archive_case(s, case_id)
    page = open_page(window, case_id)
    assert page.read_only
    for button in (page.add_button, page.add_notes_button, page.revoke_button, page.remove_button):
        assert not button.isEnabled()
    purpose = field(page, "purpose")
    assert isinstance(purpose, QPlainTextEdit) and purpose.isReadOnly()
    assert not any(box.isEnabled() for box in page.editor.section_boxes.values())


def test_loading_is_one_read_and_keeps_no_records(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    case_id = new_case(db)
    with db.session() as s:
        ids = {add_consent(s, case_id, changes=SIGNED).id, add_consent(s, case_id).id}
    page = open_page(window, case_id)
    with Reads(db) as load:
        page.load_case(case_id)
    assert load.transactions == 1
    assert load.statements == 3  # BEGIN, the case, its consents with their disclosures
    assert page.consents.count() == 2
    with Reads(db) as refresh:
        page.refresh()
    assert refresh.transactions == 1
    with Reads(db) as choose:
        page.consents.setCurrentRow(1)
    assert choose.transactions == 0  # the chosen consent was read with the page
    assert orm_objects_of({case_id, *ids}) == []


def test_mnemonics_do_not_clash(qtbot: QtBot, db: Database, window: MainWindow) -> None:
    page = open_page(window, new_case(db))
    letters = mnemonics(page)
    assert len(letters) == len(set(letters)) >= 15
    assert not set(letters) & MENU_LETTERS


def test_the_page_fits_a_laptop_screen_for_every_demo_case(
    db: Database, window: MainWindow
) -> None:
    """No sideways scrolling; the list and its buttons in sight without scrolling; the
    chosen consent's elements scroll inside their own area."""
    shown = []
    for page, area, where in every_demo_case_on(db, window, ConsentPage):
        assert isinstance(page, ConsentPage)
        shown.append(where)
        assert page.minimumSizeHint().width() <= area.viewport().width(), where
        assert area.horizontalScrollBar().maximum() == 0, where
        assert page.minimumSizeHint().height() <= area.viewport().height(), where
        assert area.verticalScrollBar().maximum() == 0, where  # the page itself never scrolls
        for widget in (
            page.consents,
            page.add_button,
            page.add_notes_button,
            page.revoke_button,
            page.remove_button,
        ):
            assert seen_without_scrolling(widget, area), (where, widget.accessibleName())
        assert page.editor_area.horizontalScrollBar().maximum() == 0, where
        assert page.editor.status.isVisible() or not page.rows, where
        # Two lines per consent, every consent in sight in the list.
        for index in range(page.consents.count()):
            rect = page.consents.visualItemRect(page.consents.item(index))
            assert page.consents.viewport().rect().contains(rect), (where, index)
    assert len(shown) >= 6


def test_any_text_is_kept_and_shown_as_typed(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    _case_id, consent_id, page = open_signed_consent(db, window)
    recipients = "\n".join((HOSTILE["markup"], HOSTILE["rtl"], HOSTILE["emoji"]))
    replace_text(field(page, "recipients"), recipients)  # type: ignore[arg-type]
    replace_text(field(page, "information"), HOSTILE["long"])  # type: ignore[arg-type]
    replace_text(field(page, "signed_by"), HOSTILE["script"])  # type: ignore[arg-type]
    assert page.flush()
    consent = stored(db, consent_id)
    assert consent.recipients == recipients
    assert consent.information == HOSTILE["long"]
    assert consent.signed_by == HOSTILE["script"]
    # Shown literally; a semicolon separates recipients as a line break does ("&amp;" too).
    qtbot.waitUntil(lambda: "<b>&amp and 3 more" in page.consents.item(0).text())

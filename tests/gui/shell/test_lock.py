"""The window locks after the idle time, on Ctrl+L and when told by the system; locked, it shows
no client name anywhere; the passphrase (slowed after wrong tries) brings back the same case and
page."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import Case
from interventiondesk.services import audit, settings
from interventiondesk.services.cases import list_cases
from interventiondesk.services.demo import add_demo_cases
from interventiondesk.services.unlocking import FREE_ATTEMPTS
from interventiondesk.storage.database import Database
from interventiondesk.storage.unlock_failures import read_failures
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.gui.conftest import replace_text
from tests.gui.shell.test_main_window import plan_page


def with_demo_cases(window: MainWindow) -> list[str]:
    """The demo families in this real workspace; returns every client name (and preferred
    name) they hold."""
    window.state.write(add_demo_cases)
    window.reload_cases()
    rows = window.state.read(list_cases)
    names = {row.client_name for row in rows} | {row.preferred_name for row in rows}
    return sorted(name for name in names if name)


def _model_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    for row in range(model.rowCount(QModelIndex())):
        for column in range(model.columnCount(QModelIndex())):
            value = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str):
                yield value


def visible_texts() -> list[str]:
    """Every text a visible widget shows (labels, fields, buttons, list rows) and every
    visible window's title."""
    texts: list[str] = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        texts.append(top.windowTitle())
        for widget in [top, *top.findChildren(QWidget)]:
            if not widget.isVisible():
                continue
            if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
                texts.append(widget.text())
            elif isinstance(widget, QPlainTextEdit | QTextEdit):
                texts.append(widget.toPlainText())
            elif isinstance(widget, QAbstractItemView):
                texts += list(_model_texts(widget))
            texts.append(widget.toolTip())
    return texts


def names_shown(names: list[str]) -> list[str]:
    shown = "\n".join(visible_texts())
    return [name for name in names if name in shown]


def trail(db: Database) -> list[tuple[str, str]]:
    with db.session() as s:
        return [(e.action, e.detail) for e in audit.events(s)]


def unlock_with(window: MainWindow, secret: str) -> None:
    assert window.lock is not None and window.lock.screen is not None
    screen = window.lock.screen
    screen.ui.passphrase.setText(secret)
    screen.form.unlock_button.click()


def test_ctrl_l_hides_every_client_name_and_the_passphrase_brings_back_case_and_page(
    window: MainWindow, qtbot: QtBot
) -> None:
    names = with_demo_cases(window)
    case_id = window.case_model.case_row(0).id
    window.open_case(case_id)
    window.show_page(1)
    reference = window.case_reference(case_id)
    assert names_shown(names)  # the list and the open case show them before the lock

    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.locked
    assert names_shown(names) == []
    assert window.windowTitle() == "InterventionDesk — Locked"
    assert reference not in "\n".join(visible_texts())
    for name in ("export_case", "page_2", "new_case", "backups", "find", "change_passphrase"):
        assert not window.actions_by_name[name].isEnabled(), name
    assert window.actions_by_name["quit"].isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # no page switch
    assert window.lock is not None and window.lock.screen is not None
    assert window.lock.screen.isVisible() and not window.splitter.isVisible()

    unlock_with(window, PASSPHRASE)
    assert not window.locked
    assert window.open_case_id == case_id
    assert window.case_view.tabs.currentIndex() == 1
    assert window.windowTitle() == f"InterventionDesk — {reference}"
    assert window.actions_by_name["export_case"].isEnabled()
    assert window.lock.screen.ui.passphrase.text() == ""  # the passphrase is not kept
    assert trail(window.state.db)[-2:] == [
        ("workspace.locked", "on demand"),
        ("workspace.unlocked", "window, after the lock"),
    ]


def test_typing_not_yet_saved_is_saved_before_the_lock(window: MainWindow, qtbot: QtBot) -> None:
    with_demo_cases(window)
    case_id = window.case_model.case_row(0).id
    window.open_case(case_id)
    notes = plan_page(window).case_fields["counselor_notes"]
    assert isinstance(notes, QPlainTextEdit)
    replace_text(notes, "Typed just before stepping away")
    assert window.case_view.has_pending  # the autosave has not run yet
    window.lock_now()
    assert window.locked and not window.case_view.has_pending
    with window.state.db.session() as s:
        case = s.get(Case, case_id)
        assert case is not None and case.counselor_notes == "Typed just before stepping away"


def test_the_window_locks_after_the_idle_time_and_use_starts_the_count_again(
    window: MainWindow, qtbot: QtBot
) -> None:
    names = with_demo_cases(window)
    assert window.lock is not None
    idle = window.lock.idle
    window.state.write(lambda s: settings.put(s, settings.LOCK_AFTER_SECONDS, "60"))
    window.preferences_changed()
    assert idle.interval() == 60_000 and idle.isActive()
    qtbot.wait(300)
    counted = idle.remainingTime()
    assert counted <= 59_750
    qtbot.keyClick(window.search, Qt.Key.Key_Shift)  # any use starts the count again
    assert idle.remainingTime() > counted
    qtbot.mouseMove(window.search)
    assert not window.locked

    window.state.write(lambda s: settings.put(s, settings.LOCK_AFTER_SECONDS, "1"))
    window.preferences_changed()
    assert idle.interval() == 1000
    qtbot.waitUntil(lambda: window.locked, timeout=5000)
    assert names_shown(names) == []
    assert trail(window.state.db)[-1] == ("workspace.locked", "idle")


def test_the_idle_time_defaults_to_five_minutes(window: MainWindow) -> None:
    assert window.lock is not None
    assert window.lock.idle.interval() == 5 * 60 * 1000
    assert window.lock.idle.isActive()


def test_wrong_passphrases_wait_longer_each_time_and_are_recorded(
    window: MainWindow, workspace: Workspace, qtbot: QtBot
) -> None:
    window.lock_now()
    assert window.lock is not None and window.lock.screen is not None
    form = window.lock.screen.form
    for attempt in range(1, FREE_ATTEMPTS + 2):
        unlock_with(window, f"wrong guess {attempt}")
        assert window.locked
        assert form.ui.passphraseError.text().startswith("That passphrase is not right.")
    assert read_failures(workspace.folder).count == FREE_ATTEMPTS + 1
    # After the free tries, the next one waits (1 s now), counted down, the button disabled.
    assert form.wait_note.isVisible()
    assert form.wait_note.text().endswith("in 1 second.")
    assert not form.unlock_button.isEnabled()
    form.ui.passphrase.setText(PASSPHRASE)
    window.lock.screen.unlock()  # Enter in the field is refused while waiting
    assert window.locked
    qtbot.waitUntil(form.unlock_button.isEnabled, timeout=3000)
    assert not form.wait_note.isVisible()
    unlock_with(window, PASSPHRASE)
    assert not window.locked
    failed, unlocked = trail(window.state.db)[-2:]
    assert failed[0] == "workspace.unlock_failed"
    assert failed[1].startswith(f"{FREE_ATTEMPTS + 1} failed attempts between ")
    assert "wrong guess" not in failed[1]
    assert unlocked == ("workspace.unlocked", "window, after the lock")
    assert read_failures(workspace.folder).count == 0


def test_the_recovery_key_unlocks_too(window: MainWindow, recovery_key: str, qtbot: QtBot) -> None:
    window.lock_now()
    assert window.lock is not None and window.lock.screen is not None
    screen = window.lock.screen
    qtbot.mouseClick(screen.ui.forgotButton, Qt.MouseButton.LeftButton)
    screen.ui.recoveryKey.setText(recovery_key.lower())
    screen.form.unlock_button.click()
    assert not window.locked
    assert trail(window.state.db)[-1] == (
        "workspace.unlocked",
        "window, after the lock, recovery key",
    )


def test_a_dialog_open_at_the_lock_is_closed_and_none_can_open_while_locked(
    window: MainWindow, qtbot: QtBot
) -> None:
    def lock_over_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, lock_over_the_dialog)
            return
        seen.append(type(dialog).__name__)
        window.lock_now()

    seen: list[str] = []
    QTimer.singleShot(20, lock_over_the_dialog)
    window.new_case()  # returns once the lock has cancelled the dialog
    assert seen == ["NewCaseDialog"]
    assert window.locked
    assert QApplication.activeModalWidget() is None
    with window.state.db.session() as s:
        assert list_cases(s) == []  # cancelled: nothing half-written

    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, "A file was saved", "It is there.")
    qtbot.addWidget(box)
    box.show()  # e.g. a page's export finishing while locked
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=2000)


def test_the_guide_opens_while_locked(window: MainWindow, qtbot: QtBot) -> None:
    # Help stays usable while locked (it shows no client data), so its window must stay open.
    from interventiondesk.gui.dialogs.user_guide import UserGuide

    window.lock_now()
    assert window.actions_by_name["user_guide"].isEnabled()
    window.actions_by_name["user_guide"].trigger()
    guide = window.findChild(UserGuide)
    assert guide is not None
    qtbot.wait(200)
    assert guide.isVisible() and window.locked


def test_a_demo_window_has_no_lock(db: Database, workspace: Workspace, qtbot: QtBot) -> None:
    window = MainWindow(AppState(db, is_demo=True), workspace)
    qtbot.addWidget(window)
    assert window.lock is None
    for name in ("lock", "preferences", "back_up_now", "backups", "backup_folder"):
        assert not window.actions_by_name[name].isEnabled(), name
    window.lock_now()
    assert not window.locked


def test_lock_is_on_ctrl_l_in_the_file_menu(window: MainWindow) -> None:
    action = window.actions_by_name["lock"]
    assert action.shortcut().toString() == "Ctrl+L"
    assert action.isEnabled()


def test_the_lock_screen_fits_a_laptop_and_squashes_no_field(
    window: MainWindow, qtbot: QtBot
) -> None:
    from tests.gui.pages.laptop import LAPTOP_WINDOW

    window.resize(*LAPTOP_WINDOW)
    window.lock_now()
    assert window.lock is not None and window.lock.screen is not None
    screen = window.lock.screen
    unlock_with(window, "wrong")  # the passphrase page with its problem line

    def fits() -> None:
        assert screen.rect().contains(screen.panel.geometry())
        for field in screen.panel.findChildren(QLineEdit):
            if field.isVisible():
                assert field.height() >= field.sizeHint().height(), field.accessibleName()
        for label in (screen.ui.passphraseError, screen.ui.recoveryError):
            if label.isVisible():
                assert label.height() >= label.heightForWidth(label.width())

    qtbot.waitUntil(fits, timeout=3000)
    screen.form.show_recovery()
    qtbot.waitUntil(fits, timeout=3000)

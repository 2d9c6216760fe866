"""Back up now, the list of backups and a restore, through the dialogs and the window's menu: a
damaged or foreign file is refused in words and nothing changes."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from interventiondesk.gui.dialogs.backups import BackUpNowDialog, BackupsDialog
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.services import audit
from interventiondesk.services.backups import backup_folder
from interventiondesk.services.cases import list_cases
from interventiondesk.storage.backup import find_backups, key_path_for
from interventiondesk.storage.workspace import Workspace
from tests.gui.shell.test_main_window import add_cases
from tests.hashes import folder_hashes
from tests.storage.test_workspace_recovery import flip_bytes_in_last_page


def when_modal(kind: type, act: Callable[[QApplication], None]) -> None:
    """Once a modal window of ``kind`` is up, ``act`` on it."""

    def look() -> None:
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, kind):
            QTimer.singleShot(20, look)
            return
        act(widget)  # type: ignore[arg-type]

    QTimer.singleShot(20, look)


def click(button: QMessageBox.StandardButton, seen: list[str]) -> Callable[[QApplication], None]:
    def act(box: object) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.button(button).click()

    return act


def back_up_now(window: MainWindow, workspace: Workspace, qtbot: QtBot) -> Path:
    dialog = BackUpNowDialog(window.state, workspace, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.to_folder.click()
    qtbot.waitUntil(lambda: dialog.done_backup is not None, timeout=10_000)
    assert dialog.done_backup is not None
    path = dialog.done_backup.path
    assert str(path) in dialog.result_text.text() and key_path_for(path).is_file()
    dialog.close_button.click()
    return path


def listed(window: MainWindow, workspace: Workspace, qtbot: QtBot) -> BackupsDialog:
    dialog = BackupsDialog(window.state, workspace, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading, timeout=10_000)
    return dialog


def test_back_up_now_then_list_then_restore_through_the_menu(
    window: MainWindow, workspace: Workspace, qtbot: QtBot
) -> None:
    add_cases(window, "Ada Before")
    backup = back_up_now(window, workspace, qtbot)
    assert backup.parent == workspace.backup_folder
    with window.state.db.session() as s:
        assert audit.events(s)[-1].action == "workspace.backup"
    (later_id,) = add_cases(window, "Bea After")
    window.open_case(later_id)

    dialog = listed(window, workspace, qtbot)
    assert dialog.table.topLevelItemCount() == 1
    row = dialog.table.topLevelItem(0)
    assert row is not None
    assert [row.text(n) for n in (1, 2, 4, 5)] == ["less than a minute", "Asked for", "1", "Sound"]
    assert row.text(3).endswith("KB")
    assert dialog.status.text() == "1 backup."
    dialog.close()

    seen: list[str] = []

    def restore_in(backups_dialog: object) -> None:
        assert isinstance(backups_dialog, BackupsDialog)
        qtbot.waitUntil(backups_dialog.restore_button.isEnabled, timeout=10_000)
        when_modal(QMessageBox, click(QMessageBox.StandardButton.Yes, seen))
        backups_dialog.restore_button.click()

    when_modal(BackupsDialog, restore_in)
    window.actions_by_name["backups"].trigger()
    (question,) = seen
    assert "less than a minute ago, holding 1 cases" in question
    assert "backed up first" in question
    assert window.open_case_id is None  # the case shown may not exist any more
    assert [window.case_model.case_row(0).client_name] == ["Ada Before"]
    assert window.case_model.rowCount() == 1
    assert window.statusBar().currentMessage().startswith("Restored 1 cases.")
    kinds = sorted(b.reason for b in find_backups(workspace.backup_folder))
    assert kinds == ["before-restore", "manual"]  # what it replaced was backed up first
    with window.state.db.session() as s:
        assert audit.events(s)[-1].action == "workspace.restored"


def test_no_to_the_question_restores_nothing(
    window: MainWindow, workspace: Workspace, qtbot: QtBot
) -> None:
    add_cases(window, "Cy Kept")
    back_up_now(window, workspace, qtbot)
    add_cases(window, "Di Kept Too")
    dialog = listed(window, workspace, qtbot)
    seen: list[str] = []
    when_modal(QMessageBox, click(QMessageBox.StandardButton.No, seen))
    dialog.restore_button.click()
    assert seen and dialog.restored is None and dialog.isVisible()
    with window.state.db.session() as s:
        assert len(list_cases(s)) == 2


def test_a_damaged_backup_is_listed_as_such_and_refused_with_nothing_changed(
    window: MainWindow, workspace: Workspace, qtbot: QtBot
) -> None:
    add_cases(window, "Eli Safe")
    backup = back_up_now(window, workspace, qtbot)
    flip_bytes_in_last_page(backup)
    dialog = listed(window, workspace, qtbot)
    row = dialog.table.topLevelItem(0)
    assert row is not None and row.text(5).startswith("That backup is damaged or cut short")
    assert not dialog.restore_button.isEnabled()

    # Chosen as a file (say from a USB stick): refused in words, and nothing written.
    before = folder_hashes(workspace.folder)
    seen: list[str] = []
    when_modal(QMessageBox, click(QMessageBox.StandardButton.Yes, seen))
    dialog.restore(backup, dialog.entries[0].file.taken_at, 1)
    assert dialog.restored is None
    assert dialog.error.text().startswith("That backup is damaged or cut short")
    assert dialog.error.text().endswith("the workspace was not changed.")
    assert folder_hashes(workspace.folder) == before


def test_a_cut_short_or_foreign_file_is_refused_before_the_question(
    window: MainWindow, workspace: Workspace, tmp_path: Path, qtbot: QtBot
) -> None:
    add_cases(window, "Flo Safe")
    backup = back_up_now(window, workspace, qtbot)
    cut = tmp_path / "cut.db"
    cut.write_bytes(backup.read_bytes()[:5000])
    foreign = tmp_path / "foreign.db"
    foreign.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4080)
    dialog = listed(window, workspace, qtbot)
    before = folder_hashes(workspace.folder)
    for chosen, words in (
        (cut, "That file is damaged, or it is not a backup of this workspace"),
        (foreign, "That file is an unencrypted SQLite database"),
    ):

        def choose(file_dialog: object, chosen: Path = chosen) -> None:
            assert isinstance(file_dialog, QFileDialog)
            name = file_dialog.findChild(QLineEdit, "fileNameEdit")
            assert name is not None
            name.setText(str(chosen))
            file_dialog.accept()

        when_modal(QFileDialog, choose)
        dialog.restore_from_file()
        assert dialog.error.text().startswith(words)
        assert dialog.restored is None
    assert folder_hashes(workspace.folder) == before


def test_back_up_to_a_file_of_ones_choice_and_never_into_the_workspace(
    window: MainWindow, workspace: Workspace, tmp_path: Path, qtbot: QtBot
) -> None:
    add_cases(window, "Gus Away")
    dialog = BackUpNowDialog(window.state, workspace, window)
    qtbot.addWidget(dialog)
    dialog.show()
    target = tmp_path / "usb" / "copy"
    target.parent.mkdir()

    def name_it(path: Path) -> Callable[[object], None]:
        def choose(file_dialog: object) -> None:
            assert isinstance(file_dialog, QFileDialog)
            field = file_dialog.findChild(QLineEdit, "fileNameEdit")
            assert field is not None
            field.setText(str(path))
            file_dialog.accept()

        return choose

    when_modal(QFileDialog, name_it(workspace.folder / "inside"))
    dialog.to_file.click()
    assert "inside the workspace folder" in dialog.error.text()
    assert not (workspace.folder / "inside.db").exists()

    when_modal(QFileDialog, name_it(target))
    dialog.to_file.click()
    qtbot.waitUntil(lambda: dialog.done_backup is not None, timeout=10_000)
    written = target.with_name("copy.db")
    assert written.is_file() and key_path_for(written).is_file()
    assert find_backups(workspace.backup_folder) == []  # a file of one's own, not the folder
    copy = Workspace(tmp_path / "elsewhere")
    copy.folder.mkdir()
    shutil.copy(written, copy.database_path)
    shutil.copy(key_path_for(written), copy.key_path)
    from tests.conftest import PASSPHRASE

    opened = copy.unlock(PASSPHRASE)  # it opens on its own, with its key file
    try:
        with opened.session() as s:
            assert [c.client_name for c in list_cases(s)] == ["Gus Away"]
    finally:
        opened.close()


def test_the_backup_folder_can_be_chosen(
    window: MainWindow, workspace: Workspace, tmp_path: Path, qtbot: QtBot
) -> None:
    synced = tmp_path / "synced"
    synced.mkdir()

    def choose(file_dialog: object) -> None:
        assert isinstance(file_dialog, QFileDialog)
        field = file_dialog.findChild(QLineEdit, "fileNameEdit")
        assert field is not None
        field.setText(str(synced))
        file_dialog.accept()

    when_modal(QFileDialog, choose)
    window.actions_by_name["backup_folder"].trigger()
    assert backup_folder(window.state.db, workspace) == synced.resolve()
    assert "synced" in window.statusBar().currentMessage()
    back_up_now(window, workspace, qtbot)
    assert len(find_backups(synced)) == 1


def test_an_edit_that_cannot_be_saved_stops_the_restore(
    window: MainWindow, workspace: Workspace, qtbot: QtBot
) -> None:
    from tests.gui.conftest import replace_text
    from tests.gui.shell.test_main_window import plan_page

    (case_id,) = add_cases(window, "Hal Typing")
    back_up_now(window, workspace, qtbot)
    window.open_case(case_id)
    name = plan_page(window).client_fields["full_name"]
    replace_text(name, "")  # type: ignore[arg-type]
    problems: list[str] = []

    def restore_in(backups_dialog: object) -> None:
        assert isinstance(backups_dialog, BackupsDialog)
        qtbot.waitUntil(backups_dialog.restore_button.isEnabled, timeout=10_000)
        when_modal(QMessageBox, click(QMessageBox.StandardButton.Yes, []))
        backups_dialog.restore_button.click()
        problems.append(backups_dialog.error.text())
        backups_dialog.reject()

    when_modal(BackupsDialog, restore_in)
    window.actions_by_name["backups"].trigger()
    assert problems == [
        "Some changes in the open case could not be saved, so nothing was restored. "
        "Correct them first."
    ]
    assert window.open_case_id == case_id  # still open, the empty name still on screen
    assert [b.reason for b in find_backups(workspace.backup_folder)] == ["manual"]
    replace_text(name, "Hal Typing")  # type: ignore[arg-type]
    assert window.flush()  # so that the window closes without asking

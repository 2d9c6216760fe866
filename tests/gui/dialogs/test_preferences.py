"""Edit › Preferences: the idle time before the window locks, kept in the workspace."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from interventiondesk.gui.dialogs.preferences import PreferencesDialog
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.services import settings


def test_the_lock_time_is_chosen_in_minutes_and_taken_at_once(
    window: MainWindow, qtbot: QtBot
) -> None:
    shown: list[int] = []

    def choose_ten_minutes() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PreferencesDialog):
            QTimer.singleShot(20, choose_ten_minutes)
            return
        shown.append(dialog.lock_after.value())
        dialog.lock_after.setValue(10)
        dialog.save()

    QTimer.singleShot(20, choose_ten_minutes)
    window.actions_by_name["preferences"].trigger()
    assert shown == [5]  # the default
    assert window.state.read(lambda s: settings.get(s, settings.LOCK_AFTER_SECONDS)) == "600"
    assert window.lock is not None and window.lock.idle.interval() == 600_000


def test_an_unreadable_setting_falls_back_to_the_default(window: MainWindow) -> None:
    for stored in ("soon", "-3", ""):
        window.state.write(lambda s, v=stored: settings.put(s, settings.LOCK_AFTER_SECONDS, v))
        seconds = window.state.read(settings.lock_after_seconds)
        assert seconds == (1 if stored == "-3" else settings.DEFAULT_LOCK_AFTER_SECONDS)

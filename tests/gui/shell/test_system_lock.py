"""The window locks when the desktop says the screen locked or the computer is going to sleep:
real D-Bus signals on a private bus (dbus-daemon), sent with dbus-send."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator

import pytest
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.gui.shell.system_lock import SCREEN_LOCKED, SLEEP, SystemLockWatch
from interventiondesk.services import audit
from tests.conftest import PASSPHRASE


@pytest.fixture
def bus_address() -> Iterator[str]:
    """A D-Bus daemon of this test's own (neither the desktop's session bus nor the system's)."""
    daemon = shutil.which("dbus-daemon")
    assert daemon is not None, "dbus-daemon is needed (Debian package dbus; .ci/run installs it)"
    process = subprocess.Popen(
        [daemon, "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        yield process.stdout.readline().strip()
    finally:
        process.terminate()
        process.wait(10)


def send(address: str, path: str, member: str, *args: str) -> None:
    subprocess.run(
        ["dbus-send", f"--bus={address}", "--type=signal", path, member, *args], check=True
    )


def last_entry(window: MainWindow) -> tuple[str, str]:
    with window.state.db.session() as s:
        event = audit.events(s)[-1]
        return event.action, event.detail


def unlock(window: MainWindow) -> None:
    assert window.lock is not None and window.lock.screen is not None
    window.lock.screen.ui.passphrase.setText(PASSPHRASE)
    window.lock.screen.unlock()
    assert not window.locked


def test_screen_saver_and_sleep_signals_lock_the_window(
    window: MainWindow, bus_address: str, qtbot: QtBot
) -> None:
    bus = QDBusConnection.connectToBus(bus_address, "interventiondesk-test-bus")
    assert bus.isConnected()
    assert window.lock is not None
    watch = SystemLockWatch(window, session_bus=bus, system_bus=bus)
    assert watch.listening == [
        "org.freedesktop.ScreenSaver.ActiveChanged",
        "org.gnome.ScreenSaver.ActiveChanged",
        "org.freedesktop.login1.Manager.PrepareForSleep",
        "org.freedesktop.login1.Session.Lock",
    ]
    window.lock.listen_to(watch)

    # The screen saver going away, or waking from sleep, locks nothing.
    send(bus_address, "/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:false")
    send(bus_address, "/org/freedesktop/login1", "org.freedesktop.login1.Manager.PrepareForSleep",
         "boolean:false")  # fmt: skip
    qtbot.wait(300)
    assert not window.locked

    for path, member, args, reason in (
        ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged",
         ["boolean:true"], SCREEN_LOCKED),
        ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver.ActiveChanged",
         ["boolean:true"], SCREEN_LOCKED),
        ("/org/freedesktop/login1", "org.freedesktop.login1.Manager.PrepareForSleep",
         ["boolean:true"], SLEEP),
        ("/org/freedesktop/login1/session/_32", "org.freedesktop.login1.Session.Lock",
         [], SCREEN_LOCKED),
    ):  # fmt: skip
        send(bus_address, path, member, *args)
        qtbot.waitUntil(lambda: window.locked, timeout=5000)
        assert last_entry(window) == ("workspace.locked", reason)
        unlock(window)
    QDBusConnection.disconnectFromBus("interventiondesk-test-bus")

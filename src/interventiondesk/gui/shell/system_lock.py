"""Noticing that the screen locks or the computer goes to sleep, where the system tells us.

Linux (and other systems with D-Bus): the screen saver's ``ActiveChanged(true)`` on the session
bus (``org.freedesktop.ScreenSaver``, as KDE, Xfce and others send it, and
``org.gnome.ScreenSaver``), and logind's ``PrepareForSleep(true)`` and a session's ``Lock`` on
the system bus. Windows: the session-change message for a locked session and the power
message before suspend, sent to the window once it has asked for them. macOS: nothing (the
idle time still locks). What was not told is not seen: the idle lock is the safety net.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

SCREEN_LOCKED = "screen locked"
SLEEP = "computer going to sleep"
"""Why the window locked, as the audit trail says it."""

SCREEN_SAVER_INTERFACES = ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver")
LOGIN_MANAGER = ("org.freedesktop.login1.Manager", "PrepareForSleep")
LOGIN_SESSION = ("org.freedesktop.login1.Session", "Lock")

# Windows messages and their codes (winuser.h, wtsapi32.h).
WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x4


def _slot(signature: str) -> Any:
    """A slot named as QtDBus wants it. (PySide's stubs say bytes, but only the string that
    ``SLOT()`` returns is accepted.)"""
    from PySide6.QtCore import SLOT

    return SLOT(signature)


class SystemLockWatch(QObject):
    """Emits ``lockNow(reason)`` when the system says the screen locked or sleep is coming.

    ``session_bus`` and ``system_bus`` default to the desktop's buses; a test passes a private
    bus of its own.
    """

    lockNow = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        session_bus: QDBusConnection | None = None,
        system_bus: QDBusConnection | None = None,
    ) -> None:
        super().__init__(parent)
        self.listening: list[str] = []
        """What this watch listens to (said in the docs, checked by the tests)."""
        if sys.platform != "win32":
            self._listen_on_dbus(session_bus, system_bus)

    def _listen_on_dbus(
        self, session_bus: QDBusConnection | None, system_bus: QDBusConnection | None
    ) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # a Qt without D-Bus: only the idle time locks
            return
        session = session_bus if session_bus is not None else QDBusConnection.sessionBus()
        system = system_bus if system_bus is not None else QDBusConnection.systemBus()
        # Any sender and any object path: desktops send these from different names and paths.
        if session.isConnected():
            for interface in SCREEN_SAVER_INTERFACES:
                if session.connect(
                    "", "", interface, "ActiveChanged", self, _slot("screen_saver(bool)")
                ):
                    self.listening.append(f"{interface}.ActiveChanged")
        if system.isConnected():
            interface, name = LOGIN_MANAGER
            if system.connect("", "", interface, name, self, _slot("going_to_sleep(bool)")):
                self.listening.append(f"{interface}.{name}")
            interface, name = LOGIN_SESSION
            if system.connect("", "", interface, name, self, _slot("session_locked()")):
                self.listening.append(f"{interface}.{name}")

    @Slot(bool)
    def screen_saver(self, active: bool) -> None:
        if active:
            self.lockNow.emit(SCREEN_LOCKED)

    @Slot(bool)
    def going_to_sleep(self, starting: bool) -> None:
        if starting:
            self.lockNow.emit(SLEEP)

    @Slot()
    def session_locked(self) -> None:
        self.lockNow.emit(SCREEN_LOCKED)

    # Windows ------------------------------------------------------------------------------

    def ask_windows(self, window_id: int) -> None:
        """Ask Windows to send the window session changes (lock, unlock) of this session."""
        if sys.platform == "win32":
            import ctypes

            notify_for_this_session = 0
            registered = ctypes.windll.wtsapi32.WTSRegisterSessionNotification(
                window_id, notify_for_this_session
            )
            if registered:
                self.listening.append("WM_WTSSESSION_CHANGE")
            self.listening.append("WM_POWERBROADCAST")

    def windows_message(self, event_type: bytes, message: Any) -> None:
        """Look at a native message given to the window (``nativeEvent``) on Windows."""
        if sys.platform != "win32" or event_type != b"windows_generic_MSG":
            return
        import ctypes.wintypes

        msg = ctypes.wintypes.MSG.from_address(int(message))
        if msg.message == WM_WTSSESSION_CHANGE and msg.wParam == WTS_SESSION_LOCK:
            self.lockNow.emit(SCREEN_LOCKED)
        elif msg.message == WM_POWERBROADCAST and msg.wParam == PBT_APMSUSPEND:
            self.lockNow.emit(SLEEP)

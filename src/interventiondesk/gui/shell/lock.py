"""Locking the window: after the idle time the counselor chose, on demand (Ctrl+L), and when
the screen locks or the computer sleeps. Typing is saved first; then every client detail is
hidden (the case list and the open case give way to the lock screen, the title names no case,
dialogs close, menus that reach client data are disabled) until the passphrase or the
recovery key is typed again. The database stays open meanwhile (docs/security.md says why).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMenu, QWidget

from interventiondesk.gui.shared.widgets import SAFE_WHILE_LOCKED
from interventiondesk.gui.shell.lock_screen import LockScreen
from interventiondesk.gui.shell.system_lock import SystemLockWatch

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenuBar, QSplitter, QStackedWidget, QStatusBar

    from interventiondesk.gui.shell.state import AppState
    from interventiondesk.storage.workspace import Workspace

IDLE = "idle"
ON_DEMAND = "on demand"
"""Why the window locked, as the audit trail says it (with system_lock's reasons)."""


USER_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
        QEvent.Type.InputMethod,
    }
)
ALWAYS_AVAILABLE = ("quit", "user_guide", "shortcuts", "about")
"""Menu items that stay usable while locked: none of them shows client data."""


class LockableWindow(Protocol):
    """What the lock needs of the main window (named here: the window imports this module)."""

    state: AppState
    attached: bool
    locked: bool
    actions_by_name: dict[str, QAction]
    screens: QStackedWidget
    splitter: QSplitter

    def flush(self) -> bool: ...
    def menuBar(self) -> QMenuBar: ...
    def statusBar(self) -> QStatusBar: ...
    def update_title(self) -> None: ...
    def refresh_after_unlock(self) -> None: ...
    def close(self) -> bool: ...
    def isVisible(self) -> bool: ...


class WindowLock(QObject):
    """Locks and unlocks ``window``; ``lockedChanged`` says when."""

    lockedChanged = Signal(bool)

    def __init__(self, window: LockableWindow, workspace: Workspace, parent: QObject) -> None:
        super().__init__(parent)
        self.window = window
        self.workspace = workspace
        self.screen: LockScreen | None = None
        self._enabled_before: dict[QAction, bool] = {}
        self._focus_before: QWidget | None = None
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse one may lock 5% early
        self.idle.timeout.connect(lambda: self.lock(IDLE))
        self.read_idle_time()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.system = SystemLockWatch(self)
        self.listen_to(self.system)

    def listen_to(self, watch: SystemLockWatch) -> None:
        """Lock when ``watch`` says the screen locked or the computer is going to sleep."""
        watch.lockNow.connect(self.lock)

    def stop(self) -> None:
        """The window closes: stop watching the whole application's input for it."""
        self.idle.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    @property
    def locked(self) -> bool:
        return self.window.locked

    def read_idle_time(self) -> None:
        """Take the idle time from the workspace's preferences (and start counting anew)."""
        from interventiondesk.services import settings

        seconds = self.window.state.read(settings.lock_after_seconds)
        self.idle.setInterval(seconds * 1000)
        if not self.locked:
            self.idle.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not self.window.isVisible():
            return False  # a window closed (or not shown yet) locks nothing
        if kind in USER_INPUT:
            if not self.window.locked:
                self.idle.start()  # counting starts again from this moment
        elif kind == QEvent.Type.Show and self.window.locked and _may_show_client_data(watched):
            QTimer.singleShot(0, watched, lambda: _close(watched))
        return False

    # Locking -------------------------------------------------------------------------------

    def lock(self, reason: str = ON_DEMAND) -> None:
        """Save what was typed, then hide every client detail behind the lock screen."""
        window = self.window
        if window.locked or not window.attached:
            return
        # A value the page refuses stays pending (and on screen after the unlock).
        window.flush()
        window.locked = True
        self.idle.stop()
        self._focus_before = QApplication.focusWidget()
        self._close_others()
        self._enabled_before = {action: action.isEnabled() for action in self._menu_actions()}
        keep = {window.actions_by_name[name] for name in ALWAYS_AVAILABLE}
        for action in self._enabled_before:
            action.setEnabled(action in keep)
        screen = self._lock_screen()
        screen.prepare()
        window.screens.setCurrentWidget(screen)
        window.statusBar().clearMessage()
        window.statusBar().hide()  # messages there may name a file
        window.update_title()
        screen.form.ui.passphrase.setFocus()
        # After hiding: if another program holds the write lock, the entry waits, not the lock.
        from interventiondesk.services import audit

        window.state.write(lambda s: audit.record(s, "workspace.locked", detail=reason))
        self.lockedChanged.emit(True)

    def _lock_screen(self) -> LockScreen:
        if self.screen is None:
            self.screen = LockScreen(self.workspace, self.window.state.db, self.window.screens)
            self.screen.unlocked.connect(self._unlocked)
            self.screen.quitRequested.connect(self.window.close)
            self.window.screens.addWidget(self.screen)
        return self.screen

    def _menu_actions(self) -> list[QAction]:
        found: list[QAction] = []
        for menu in self.window.menuBar().findChildren(QMenu):
            found += [a for a in menu.actions() if not a.isSeparator() and a.menu() is None]
        return list(dict.fromkeys(found))

    def _close_others(self) -> None:
        """Close every other window that may show client data (dialogs are cancelled: what
        they held was not saved yet, so nothing is half-written) and any open menu."""
        for widget in QApplication.topLevelWidgets():
            if not widget.isVisible():
                continue
            if isinstance(widget, QMenu) or _may_show_client_data(widget):
                _close(widget)

    def _unlocked(self) -> None:
        window = self.window
        window.screens.setCurrentWidget(window.splitter)
        window.locked = False
        for action, enabled in self._enabled_before.items():
            action.setEnabled(enabled)
        self._enabled_before = {}
        window.statusBar().show()
        window.refresh_after_unlock()
        focus = self._focus_before
        self._focus_before = None
        if focus is not None and focus.isVisible():
            focus.setFocus()
        self.idle.start()
        self.lockedChanged.emit(False)


def _may_show_client_data(widget: QObject) -> bool:
    """Whether a widget is a window of its own, other than a main window, that may show
    client data: any dialog or top-level window, unless it says it is safe."""
    if not isinstance(widget, QWidget) or not widget.isWindow():
        return False
    if isinstance(widget, (QMenu, QMainWindow)):
        return False
    return not widget.property(SAFE_WHILE_LOCKED)


def _close(widget: QObject) -> None:
    if isinstance(widget, QDialog):
        widget.reject()
    elif isinstance(widget, QWidget):
        widget.close()

"""Starting the desktop app: the window first, then the workspace (demo, create or unlock), one
window per workspace, and a clean shutdown.

Nothing of the data layer (SQLAlchemy, SQLCipher, the model, the services) is imported before
the main window has drawn its first frame: the window paints as a shell saying "Opening the
workspace…", and only then is the workspace found, claimed, opened and attached to it.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from interventiondesk import APP_NAME
from interventiondesk.errors import InterventionDeskError
from interventiondesk.gui.shared.widgets import after_paint, busy_cursor
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.gui.shell.state import AppState
from interventiondesk.gui.shell.stored_settings import ORGANIZATION
from interventiondesk.logs import log_unexpected, setup_logging

if TYPE_CHECKING:
    from interventiondesk.storage.database import Database
    from interventiondesk.storage.keys import KdfParams
    from interventiondesk.storage.workspace import KeyRepair, Workspace

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def application() -> QApplication:
    """The QApplication, created once with the app's names (its icon comes with the window's
    icons, after the first frame)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setDesktopFileName("interventiondesk")
    return app


def tell(message: str, parent: QWidget | None = None) -> None:
    """A message the user must read before anything else happens (e.g. a refused start)."""
    from PySide6.QtWidgets import QMessageBox

    from interventiondesk.gui.shared.icons import app_icon

    box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, message, parent=parent)
    box.setWindowIcon(app_icon())
    box.exec()


def polite_message() -> str:
    return QCoreApplication.translate(
        "app",
        "Something unexpected went wrong. What you had saved is safe, and the details (without "
        "any client information) were written to the log. You can carry on working.",
    )


def install_excepthook(report: Callable[[str], None]) -> ExceptHook:
    """Log unexpected errors without client data and show them politely; never close the
    window. Returns the previous hook, to put back at shutdown."""
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        try:
            if isinstance(exc, InterventionDeskError):
                report(str(exc))
            else:
                log_unexpected(exc)
                report(polite_message())
        except Exception as second:  # the hook itself must never fail loudly
            log_unexpected(second)

    sys.excepthook = hook
    return previous


WARM_UP = (
    *(f"interventiondesk.model.{name}" for name in ("base", "case", "roster", "letters")),
    *(f"interventiondesk.model.{name}" for name in ("schedule", "logistics", "outcome")),
    *(f"interventiondesk.model.{name}" for name in ("safety", "consent", "audit")),
    "interventiondesk.services.audit",
    "interventiondesk.services.cases",
    "interventiondesk.services.dashboard",
    "interventiondesk.services.scheduling",
    "interventiondesk.gui.dashboard.agenda",
    "interventiondesk.gui.dashboard.page",
    "interventiondesk.gui.shell.case_view",
)
"""What the filled window needs, imported while the counselor types the passphrase."""


def warm_up(modules: Sequence[str], context: QObject) -> None:
    """Import ``modules`` one per turn of the event loop while ``context`` lives, so that the
    work waiting behind a dialog is done while the user types, without freezing the typing."""
    pending = list(modules)

    def next_one() -> None:
        if pending:
            importlib.import_module(pending.pop(0))
            QTimer.singleShot(0, context, next_one)

    QTimer.singleShot(0, context, next_one)


def _open_demo(workspace: Workspace) -> Database:
    if workspace.exists():
        return workspace.open_demo()
    from interventiondesk.services.demo import create_demo_workspace  # only on first demo start

    return create_demo_workspace(workspace)


def open_workspace(
    workspace: Workspace,
    *,
    demo: bool,
    kdf: KdfParams | None = None,
    parent: QWidget | None = None,
) -> tuple[Database, bool] | None:
    """Open the demo workspace, create a new one, or unlock an existing one.

    Returns the database and whether it is the demo, or None when the user chose to quit.
    ``workspace.exists()`` sees keys.json, its copy and the database: a workspace whose
    keys.json is missing or damaged is unlocked with the copy (and the user told so), and a
    folder holding a database is never offered to become a new workspace.
    """
    opened = _open_or_create(workspace, demo=demo, kdf=kdf, parent=parent)
    if opened is not None and workspace.key_repair is not None:
        tell(key_repair_message(workspace.key_repair), parent)
    return opened


def key_repair_message(repair: KeyRepair) -> str:
    from interventiondesk.storage.workspace import KeyRepair

    if repair is KeyRepair.RESTORED:
        return QCoreApplication.translate(
            "app",
            "The workspace's key file (keys.json) was missing or damaged. The workspace was "
            "unlocked with its copy in the backups folder, and keys.json was restored from it.",
        )
    return QCoreApplication.translate(
        "app",
        "The workspace's key file (keys.json) is missing or damaged. The workspace was unlocked "
        "with its copy in the backups folder, but keys.json could not be restored; check that "
        "the workspace folder can be written to.",
    )


def _open_or_create(
    workspace: Workspace,
    *,
    demo: bool,
    kdf: KdfParams | None,
    parent: QWidget | None,
) -> tuple[Database, bool] | None:
    if demo or (workspace.exists() and workspace.is_demo()):
        with busy_cursor():
            return _open_demo(workspace), True
    if not workspace.exists():
        from interventiondesk.gui.dialogs.create_workspace import CreateWorkspaceDialog
        from interventiondesk.gui.dialogs.recovery_key import RecoveryKeyDialog

        create = CreateWorkspaceDialog(workspace, parent, kdf=kdf)
        warm_up(WARM_UP, create)
        if not create.exec() or create.database is None:
            return None
        RecoveryKeyDialog(create.recovery_key, parent).exec()
        return create.database, False
    from interventiondesk.gui.dialogs.unlock import UnlockDialog
    from interventiondesk.gui.shell.backup_schedule import remembered_backup_folders

    unlock = UnlockDialog(
        workspace, parent, kdf=kdf, backup_folders=remembered_backup_folders(workspace)
    )
    warm_up(WARM_UP, unlock)
    if not unlock.exec() or unlock.database is None:
        return None
    if unlock.restored_note:
        tell(unlock.restored_note, parent)
    return unlock.database, False


def show_main_window(db: Database, workspace: Workspace, *, is_demo: bool) -> MainWindow:
    """Show the window first, then fill the case list once it has painted."""
    state = AppState(db, is_demo=is_demo)
    window = MainWindow(state, workspace)
    state.setParent(window)
    after_paint(window, window.reload_cases)
    window.show()
    return window


class Start(QObject):
    """Opens the workspace into a window that has already painted: finds the folder, claims it
    (one window per workspace), opens the demo or asks to create or unlock, then attaches."""

    def __init__(self, window: MainWindow, folder: str | os.PathLike[str] | None, demo: bool):
        super().__init__(window)
        self.window = window
        self.folder = folder
        self.demo = demo
        self.workspace: Workspace | None = None
        self.db: Database | None = None

    def open(self) -> None:
        """Runs once the window's first frame is on screen; ends the app if it cannot go on."""
        from interventiondesk.gui.shared.icons import app_icon

        QApplication.setWindowIcon(app_icon())
        self.window.decorate()
        setup_logging()
        try:
            if self._open():
                return
            status = 0  # the counselor chose to quit
        except InterventionDeskError as exc:
            tell(str(exc), self.window)
            status = 1
        except OSError:
            tell(
                QCoreApplication.translate(
                    "app",
                    "The workspace folder cannot be used (check that the disk is available).",
                ),
                self.window,
            )
            status = 1
        except Exception as exc:
            log_unexpected(exc)
            tell(
                QCoreApplication.translate(
                    "app",
                    "The workspace could not be opened because of an unexpected problem. Nothing "
                    "was changed, and the details (without any client information) were written "
                    "to the log.",
                ),
                self.window,
            )
            status = 2
        QCoreApplication.exit(status)

    def _open(self) -> bool:
        from interventiondesk.storage.workspace import Workspace, resolve_folder

        workspace = Workspace(resolve_folder(self.folder, demo=self.demo))
        workspace.acquire_lock()
        self.workspace = workspace
        opened = open_workspace(workspace, demo=self.demo, parent=self.window)
        if opened is None:
            return False
        self.db, is_demo = opened
        state = AppState(self.db, is_demo=is_demo, parent=self.window)
        self.window.attach(state, workspace)
        self.window.reload_cases()
        if not is_demo:
            from interventiondesk.gui.shell.backup_schedule import BackupSchedule

            BackupSchedule(
                self.window, workspace, self.window
            ).start()  # the daily backup, in the background
        return True

    def close(self) -> None:
        if self.db is not None:
            # Background work (a backup, an export) ends before its database closes.
            QThreadPool.globalInstance().waitForDone()
            self.db.close()
            self.db = None
        if self.workspace is not None:
            self.workspace.release_lock()


def run_gui(folder: str | os.PathLike[str] | None, demo: bool) -> int:
    """Run the app on the workspace in ``folder`` (None: the default one, as the command line
    chooses it); returns the exit status."""
    app = application()
    window = MainWindow()
    start = Start(window, folder, demo)
    previous_hook = install_excepthook(window.show_problem)
    app.aboutToQuit.connect(window.flush)
    after_paint(window, start.open)
    window.show()
    try:
        status = app.exec()
        window.flush()
        return status
    finally:
        sys.excepthook = previous_hook
        app.aboutToQuit.disconnect(window.flush)
        start.close()
        window.deleteLater()

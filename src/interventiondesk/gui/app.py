"""Starting the desktop app: one window per workspace, create/unlock/demo, and a clean shutdown."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from interventiondesk import APP_NAME
from interventiondesk.errors import InterventionDeskError
from interventiondesk.gui.create_workspace_dialog import CreateWorkspaceDialog
from interventiondesk.gui.icons import app_icon
from interventiondesk.gui.main_window import ORGANIZATION, MainWindow
from interventiondesk.gui.recovery_key_dialog import RecoveryKeyDialog
from interventiondesk.gui.state import AppState
from interventiondesk.gui.unlock_dialog import UnlockDialog
from interventiondesk.gui.widgets import after_paint, busy_cursor
from interventiondesk.logs import log_unexpected, setup_logging
from interventiondesk.storage.database import Database
from interventiondesk.storage.keys import KdfParams
from interventiondesk.storage.workspace import Workspace

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def application() -> QApplication:
    """The QApplication, created once with the app's names and icon."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setDesktopFileName("interventiondesk")
    app.setWindowIcon(app_icon())
    return app


def tell(message: str, parent: QWidget | None = None) -> None:
    """A message the user must read before anything else happens (e.g. a refused start)."""
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


def _open_demo(workspace: Workspace) -> Database:
    if workspace.exists():
        return workspace.open_demo()
    from interventiondesk.services.demo import create_demo_workspace  # only on first demo start

    return create_demo_workspace(workspace)


def open_workspace(
    workspace: Workspace, *, demo: bool, kdf: KdfParams | None = None
) -> tuple[Database, bool] | None:
    """Open the demo workspace, create a new one, or unlock an existing one.

    Returns the database and whether it is the demo, or None when the user chose to quit.
    """
    if demo or (workspace.exists() and workspace.is_demo()):
        with busy_cursor():
            return _open_demo(workspace), True
    if not workspace.exists():
        create = CreateWorkspaceDialog(workspace, kdf=kdf)
        if not create.exec() or create.database is None:
            return None
        RecoveryKeyDialog(create.recovery_key).exec()
        return create.database, False
    unlock = UnlockDialog(workspace, kdf=kdf)
    if not unlock.exec() or unlock.database is None:
        return None
    return unlock.database, False


def show_main_window(db: Database, workspace: Workspace, *, is_demo: bool) -> MainWindow:
    """Show the window first, then fill the case list once it has painted."""
    state = AppState(db, is_demo=is_demo)
    window = MainWindow(state, workspace)
    state.setParent(window)
    after_paint(window, window.reload_cases)
    window.show()
    return window


def run_gui(folder: Path, demo: bool) -> int:
    """Run the app on the workspace in ``folder``; returns the exit status."""
    app = application()
    setup_logging()
    workspace = Workspace(folder)
    try:
        workspace.acquire_lock()
    except InterventionDeskError as exc:
        tell(str(exc))
        return 1
    except OSError:
        tell(
            QCoreApplication.translate(
                "app", "The workspace folder cannot be used (check that the disk is available)."
            )
        )
        return 1
    db: Database | None = None
    previous_hook = sys.excepthook
    try:
        try:
            opened = open_workspace(workspace, demo=demo)
        except InterventionDeskError as exc:
            tell(str(exc))
            return 1
        if opened is None:
            return 0
        db, is_demo = opened
        window = show_main_window(db, workspace, is_demo=is_demo)
        install_excepthook(window.show_problem)
        app.aboutToQuit.connect(window.case_view.flush)
        status = app.exec()
        window.case_view.flush()
        window.deleteLater()
        return status
    finally:
        sys.excepthook = previous_hook
        if db is not None:
            db.close()
        workspace.release_lock()


def launch() -> int:
    """The ``interventiondesk-gui`` entry point: the same options as the command line."""
    from interventiondesk.cli import main

    return main()

"""The application's state object: the open workspace, and the signals views refresh from."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal

from interventiondesk.errors import InterventionDeskError
from interventiondesk.logs import log_unexpected

if TYPE_CHECKING:  # the window paints before the data layer is imported
    from sqlalchemy.orm import Session

    from interventiondesk.storage.database import Database

T = TypeVar("T")


class AppState(QObject):
    """Runs service calls for the widgets and tells every view what changed.

    Views never reach into each other: a write names the case it touched, and every view that
    shows that case refreshes from the ``caseChanged`` signal.
    """

    caseChanged = Signal(str)
    caseReplaced = Signal(str)
    """The case's own fields were changed other than by typing in them (a conflict decided, a
    transfer received): an open case shows them again, after saving what is being typed."""
    casesChanged = Signal()
    saved = Signal()
    failed = Signal(str)
    waiting = Signal()
    """A save found another program holding the write lock; it is kept and tried again."""

    def __init__(self, db: Database, *, is_demo: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self.db = db
        self.is_demo = is_demo
        self.lock_taken = False
        """Whether the last ``write`` waited in vain for another program's write lock."""

    def read(self, fn: Callable[[Session], T]) -> T:
        """Run a read-only service call and return its result (a deferred transaction)."""
        with self.db.session() as session:
            return fn(session)

    def write(
        self,
        fn: Callable[[Session], T],
        *,
        case_id: str | None = None,
        wait_ms: int | None = None,
    ) -> T | None:
        """Run a service call in one transaction; on a user error, say so and change nothing.

        The transaction takes the write lock at its start, so that another program writing at
        the same moment makes this one wait instead of failing half-way. With ``wait_ms`` it
        waits only that long: then ``waiting`` is emitted, ``lock_taken`` is set and nothing
        is written, for a caller that keeps the edit and tries again.
        """

        def in_one_transaction(db: Database) -> T:
            if wait_ms is None:
                with db.session(write=True) as session:
                    return fn(session)
            with db.session_waiting_briefly(wait_ms) as session:
                return fn(session)

        return self.run(in_one_transaction, case_id=case_id)

    def run(self, fn: Callable[[Database], T], *, case_id: str | None = None) -> T | None:
        """Run a use case that opens its own sessions (an export: read, render, save); on a
        user error, say so. Returns None when it failed; when it found another program's write
        lock taken, ``waiting`` is emitted and ``lock_taken`` set too."""
        from interventiondesk.storage.database import WriteLockTaken

        self.lock_taken = False
        try:
            result = fn(self.db)
        except WriteLockTaken:
            self.lock_taken = True
            self.waiting.emit()
            return None
        except InterventionDeskError as exc:
            self.failed.emit(str(exc))
            return None
        except Exception as exc:  # an unexpected error must not close the window or lose text
            log_unexpected(exc)
            self.failed.emit(
                self.tr(
                    "Something unexpected went wrong and the change was not saved. "
                    "Your text is still on screen; please try again."
                )
            )
            return None
        if case_id is not None:
            self.caseChanged.emit(case_id)
        self.saved.emit()
        return result

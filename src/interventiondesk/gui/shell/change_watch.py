"""Notices changes that other programs (another window, the command line) commit to the
workspace, so that the window can show them without a reload."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from interventiondesk.storage.database import ChangeWatch, Database

CHECK_EVERY_MS = 1_500
"""One cheap question to the database (``PRAGMA data_version``) this often."""


class ChangeWatcher(QObject):
    """Asks the database on a timer whether another connection has committed, and emits
    ``changed`` when one has. It holds one read connection of its own; ``close()`` lets go."""

    changed = Signal()

    def __init__(
        self, db: Database, parent: QObject | None = None, interval_ms: int = CHECK_EVERY_MS
    ) -> None:
        super().__init__(parent)
        self._watch: ChangeWatch | None = db.change_watch()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        self._timer.start()

    def check(self) -> None:
        """Ask now (the timer calls this)."""
        if self._watch is not None and self._watch.changed():
            self.changed.emit()

    def own_commit(self) -> None:
        """The window itself just committed: that is no news from another program. (The watch
        has a connection of its own, so it would otherwise report every autosave, and the
        window would read the whole list again after each one.)"""
        if self._watch is not None:
            self._watch.changed()

    def close(self) -> None:
        self._timer.stop()
        if self._watch is not None:
            self._watch.close()
            self._watch = None

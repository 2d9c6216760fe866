"""Slow work (deriving a key, building a file) on a pool thread, reported on the GUI thread.

The work touches no widget; its result or its exception comes back through ``done`` or
``failed``, delivered to the thread the ``Background`` object lives in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], report: Background) -> None:
        super().__init__()
        self.work = work
        self.report = report

    def run(self) -> None:
        try:
            result = self.work()
        except BaseException as exc:  # reported on the GUI thread, which decides what to say
            self.report.failed.emit(exc)
        else:
            self.report.done.emit(result)


class Background(QObject):
    """``Background(work, parent).start()``: run ``work()`` once, off the GUI thread."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = _Job(work, self)
        self._job.setAutoDelete(False)  # kept while this object lives: run() may still return
        self.running = False
        self.done.connect(self._finished)
        self.failed.connect(self._finished)

    def start(self) -> None:
        self.running = True
        QThreadPool.globalInstance().start(self._job)

    def _finished(self, _outcome: object) -> None:
        self.running = False

"""Slow work (deriving a key, building a file) on a pool thread, reported on the GUI thread.

The work touches no widget; its result or its exception comes back through ``done`` or
``failed``, delivered to the thread the ``Background`` object lives in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QWidget


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


class _Outcome(QObject):
    """Receives a job's result on the GUI thread (a QObject's slots are called in the thread it
    lives in; a plain function would be called on the pool thread) and ends the wait."""

    def __init__(self, loop: QEventLoop) -> None:
        super().__init__()
        self.loop = loop
        self.ok = False
        self.value: object = None

    @Slot(object)
    def done(self, value: object) -> None:
        self.ok, self.value = True, value
        self.loop.quit()

    @Slot(object)
    def failed(self, exc: object) -> None:
        self.ok, self.value = False, exc
        self.loop.quit()


def wait_for(work: Callable[[], Any], parent: QWidget, text: str) -> Any:
    """Run ``work()`` off the GUI thread while a modal note with a busy bar says ``text``;
    returns its result or raises its exception. The window keeps painting meanwhile, and
    takes no input until the work is done (it cannot be cancelled half-way)."""
    from PySide6.QtWidgets import QProgressDialog

    note = QProgressDialog(text, "", 0, 0, parent)
    note.setWindowTitle(parent.window().windowTitle())
    note.setCancelButton(None)  # Qt takes None: no button
    note.setWindowModality(Qt.WindowModality.WindowModal)
    note.setMinimumDuration(300)
    note.setAccessibleName(text)
    loop = QEventLoop()
    outcome = _Outcome(loop)
    job = Background(work)
    job.done.connect(outcome.done)
    job.failed.connect(outcome.failed)
    job.start()
    # The result arrives queued, so it is delivered only inside this loop: never before it.
    loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    note.reset()
    note.deleteLater()
    if not outcome.ok:
        assert isinstance(outcome.value, BaseException)
        raise outcome.value
    return outcome.value

"""The rehearsal packet written on a pool thread; each export is kept until it reports."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from interventiondesk.errors import InterventionDeskError
from interventiondesk.logs import log_unexpected
from interventiondesk.storage.database import Database


class ExportSignals(QObject):
    finished = Signal(object, bool, str)  # the job, whether it worked, the path or a message


class PacketExport(QRunnable):
    """Writes the rehearsal packet on a pool thread, with its own session; touches no widget."""

    def __init__(self, db: Database, case_id: str, path: Path, include_drafts: bool) -> None:
        super().__init__()
        self.db = db
        self.case_id = case_id
        self.path = path
        self.include_drafts = include_drafts
        self.signals = ExportSignals()

    def run(self) -> None:
        from interventiondesk.services.exports import export_rehearsal_packet

        try:
            export_rehearsal_packet(
                self.db, self.case_id, self.path, include_drafts=self.include_drafts
            )
        except InterventionDeskError as exc:
            self.signals.finished.emit(self, False, str(exc))
        except Exception as exc:
            log_unexpected(exc)
            self.signals.finished.emit(self, False, "")
        else:
            self.signals.finished.emit(self, True, str(self.path))


class PacketExporter(QObject):
    """Starts packet exports and keeps every job until it has reported.

    ``finished(case_id, ok, message)`` names the case each report is about, since the
    counselor may have opened another case meanwhile."""

    finished = Signal(str, bool, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.running: set[PacketExport] = set()
        # Finished jobs are kept until the next start: a job's thread may still be returning
        # from run() when its report arrives here.
        self._done: list[PacketExport] = []

    def start(self, db: Database, case_id: str, path: Path, include_drafts: bool) -> None:
        self._done.clear()
        job = PacketExport(db, case_id, path, include_drafts)
        job.setAutoDelete(False)
        job.signals.finished.connect(self._report)
        self.running.add(job)
        QThreadPool.globalInstance().start(job)

    def _report(self, job: object, ok: bool, message: str) -> None:
        if not isinstance(job, PacketExport):
            return
        self.running.discard(job)
        self._done.append(job)
        self.finished.emit(job.case_id, ok, message)

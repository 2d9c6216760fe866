"""The rehearsal packet written on a pool thread; each export is kept until it reports."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from interventiondesk.errors import InterventionDeskError
from interventiondesk.gui.pages.letters.packet_options import PacketOptions
from interventiondesk.logs import log_unexpected
from interventiondesk.storage.database import Database


class ExportSignals(QObject):
    # the job, whether it worked, the path or a message, and what was written (or None)
    finished = Signal(object, bool, str, object)


class PacketExport(QRunnable):
    """Writes the rehearsal packet (and the reading copies, beside it, when asked for) on a
    pool thread, with its own session; touches no widget."""

    def __init__(self, db: Database, case_id: str, path: Path, options: PacketOptions) -> None:
        super().__init__()
        self.db = db
        self.case_id = case_id
        self.path = path
        self.options = options
        self.signals = ExportSignals()

    def run(self) -> None:
        from interventiondesk.services.exports import export_rehearsal_packet

        try:
            done = export_rehearsal_packet(
                self.db,
                self.case_id,
                self.path,
                include_drafts=self.options.include_drafts,
                password=self.options.password,
                reading_copies_in=self.path.parent if self.options.reading_copies else None,
            )
        except InterventionDeskError as exc:
            self.signals.finished.emit(self, False, str(exc), None)
        except Exception as exc:
            log_unexpected(exc)
            self.signals.finished.emit(self, False, "", None)
        else:
            self.signals.finished.emit(self, True, str(self.path), done)


class PacketExporter(QObject):
    """Starts packet exports and keeps every job until it has reported.

    ``finished(case_id, ok, message, written)`` names the case each report is about, since the
    counselor may have opened another case meanwhile; ``written`` is the service's
    ``PacketExported`` (None after a failure)."""

    finished = Signal(str, bool, str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.running: set[PacketExport] = set()
        # Finished jobs are kept until the next start: a job's thread may still be returning
        # from run() when its report arrives here.
        self._done: list[PacketExport] = []

    def start(self, db: Database, case_id: str, path: Path, options: PacketOptions) -> None:
        self._done.clear()
        job = PacketExport(db, case_id, path, options)
        job.setAutoDelete(False)
        job.signals.finished.connect(self._report)
        self.running.add(job)
        QThreadPool.globalInstance().start(job)

    def _report(self, job: object, ok: bool, message: str, written: object) -> None:
        if not isinstance(job, PacketExport):
            return
        self.running.discard(job)
        self._done.append(job)
        self.finished.emit(job.case_id, ok, message, written)

"""Another program writing to the same workspace: one small commit after another, on a thread."""

from __future__ import annotations

import threading

from interventiondesk.services import settings
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE


class Committer:
    """Commits a setting every few milliseconds through its own connection until stopped."""

    def __init__(self, workspace: Workspace) -> None:
        self.db = workspace.unlock(PASSPHRASE)
        self.commits = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            with self.db.session(write=True) as session:
                settings.put(session, "tests.other_program", str(self.commits))
            self.commits += 1
            self._stop.wait(0.003)

    def __enter__(self) -> Committer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.db.close()

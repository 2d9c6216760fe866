"""What every command needs: the chosen workspace, and a way to unlock it."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from interventiondesk.errors import InterventionDeskError
from interventiondesk.storage.database import Database
from interventiondesk.storage.workspace import PASSPHRASE_ENV, Workspace, resolve_folder


def ask_secret(prompt: str) -> str:
    """Read a passphrase from the environment (scripts) or the terminal (people)."""
    from_env = os.environ.get(PASSPHRASE_ENV)
    if from_env is not None:
        return from_env
    if not sys.stdin.isatty():
        raise InterventionDeskError(
            f"A passphrase is needed: run this at a terminal, or set {PASSPHRASE_ENV}."
        )
    return getpass.getpass(prompt)


@dataclass
class CliContext:
    folder: Path
    demo: bool
    _db: Database | None = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        return cls(folder=resolve_folder(args.data_dir, demo=args.demo), demo=args.demo)

    @property
    def workspace(self) -> Workspace:
        return Workspace(self.folder)

    def open(self) -> Database:
        """Unlock the workspace once for this command (the demo one needs no passphrase)."""
        if self._db is None:
            workspace = self.workspace
            if self.demo and not workspace.exists():
                from interventiondesk.services.demo import create_demo_workspace

                self._db = create_demo_workspace(workspace)
            elif workspace.exists() and workspace.is_demo():
                self._db = workspace.open_demo()
            else:
                if not workspace.exists():
                    workspace.unlock("")  # raises the clear "no workspace here" message
                self._db = workspace.unlock(ask_secret("Passphrase: "))
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

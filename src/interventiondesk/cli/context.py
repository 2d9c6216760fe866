"""What every command needs: the chosen workspace, a way to unlock it, and safe output."""

from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from interventiondesk.errors import InterventionDeskError, WorkspaceMissing
from interventiondesk.storage.database import Database
from interventiondesk.storage.workspace import (
    KEY_REPAIR_NOTES,
    PASSPHRASE_ENV,
    Workspace,
    resolve_folder,
)

NEW_PASSPHRASE_ENV = "INTERVENTIONDESK_NEW_PASSPHRASE"
RECOVERY_KEY_ENV = "INTERVENTIONDESK_RECOVERY_KEY"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def ask_secret(prompt: str, env: str = PASSPHRASE_ENV) -> str:
    """Read a secret from its environment variable (scripts) or the terminal (people)."""
    from_env = os.environ.get(env)
    if from_env is not None:
        if not _is_utf8(from_env):
            raise InterventionDeskError(
                f"{env} holds bytes that are not valid UTF-8 text, so it cannot be used; set "
                "it to the text itself. Nothing was changed."
            )
        return from_env
    if not sys.stdin.isatty():
        raise InterventionDeskError(f"This needs a terminal to ask, or set {env}.")
    try:
        typed = getpass.getpass(prompt)
    except UnicodeDecodeError:
        typed = "\udcff"  # what cannot be decoded is refused below, in the same words
    if not _is_utf8(typed):
        raise InterventionDeskError(
            "What was typed is not valid UTF-8 text (check the terminal's character "
            "encoding), so it cannot be used. Nothing was changed."
        )
    return typed


def _is_utf8(text: str) -> bool:
    """False for text holding undecodable bytes (kept by Python as lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def report_key_repair(workspace: Workspace) -> None:
    """Say in one line on standard error when keys.json's copy had to open the workspace."""
    if workspace.key_repair is not None:
        print(f"interventiondesk: note: {KEY_REPAIR_NOTES[workspace.key_repair]}", file=sys.stderr)


def wait_after_failures(workspace: Workspace) -> None:
    """After several wrong passphrases, wait (and say so) before the next attempt."""
    import time

    from interventiondesk.services import unlocking

    seconds = unlocking.seconds_to_wait(workspace)
    if seconds > 0:
        whole = max(1, round(seconds))
        print(
            f"interventiondesk: after several wrong passphrases, waiting {whole} "
            f"second{'s' if whole != 1 else ''} before trying this one.",
            file=sys.stderr,
        )
        time.sleep(seconds)


def backup_at_unlock(workspace: Workspace, db: Database) -> str:
    """The daily backup, when the newest is older than a day; a failure is said, not fatal.
    Returns what the unlock's audit entry adds about it (the backup has no entry of its own)."""
    from interventiondesk.services import backups

    try:
        done = backups.backup_if_due(workspace, db)
    except InterventionDeskError as exc:
        print(f"interventiondesk: note: the daily backup was not made: {exc}", file=sys.stderr)
        return "; the daily backup failed"
    if done is None:
        return ""
    if done.note:
        print(f"interventiondesk: note: {done.note}", file=sys.stderr)
    return f"; daily backup {done.path.name}"


def may_replace(path: Path, yes: bool) -> bool:
    """Whether an existing file may be replaced: --yes, or a 'yes' typed at a terminal."""
    if path.is_dir():
        raise InterventionDeskError("That is a folder; give a file name with -o.")
    if not path.exists() or yes:
        return True
    if not sys.stdin.isatty():
        raise InterventionDeskError(
            f"{safe(path.name)} already exists; nothing was written. Add --yes to replace it."
        )
    answer = input(f"{safe(path.name)} already exists. Replace it? [y/N] ")
    return answer.strip().lower() in ("y", "yes")


def safe(text: str) -> str:
    """Text from a case, made harmless for a terminal (no escape sequences, no bidi overrides)."""
    return _CONTROL.sub("", text)


def one_line(text: str, width: int) -> str:
    """Text squeezed onto one line of at most ``width`` characters, for tables."""
    flat = " ".join(safe(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


@dataclass
class CliContext:
    folder: Path
    demo: bool
    _db: Database | None = field(default=None, repr=False)
    _workspace: Workspace | None = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        return cls(folder=resolve_folder(args.data_dir, demo=args.demo), demo=args.demo)

    @property
    def workspace(self) -> Workspace:
        """The one workspace of this command (so that what happened to it can be said)."""
        if self._workspace is None:
            self._workspace = Workspace(self.folder)
        return self._workspace

    def open(self) -> Database:
        """Unlock the workspace once for this command (the demo one needs no passphrase)."""
        if self._db is None:
            self._db = self._unlock()
            report_key_repair(self.workspace)
        return self._db

    def _unlock(self) -> Database:
        from interventiondesk.services import unlocking

        workspace = self.workspace
        if self.demo:
            if not workspace.exists():
                from interventiondesk.services.demo import create_demo_workspace

                return create_demo_workspace(workspace)
            if not workspace.is_demo():
                raise InterventionDeskError(
                    "That folder holds a real workspace; --demo opens only demo workspaces."
                )
            return workspace.open_demo()
        # exists() and is_demo() see keys.json, its copy or the database: a workspace whose
        # keys.json is missing or damaged is unlocked with the copy, not taken for no workspace.
        if not workspace.exists():
            raise WorkspaceMissing()
        if workspace.is_demo():
            return workspace.open_demo()
        secret = ask_secret("Passphrase: ")
        wait_after_failures(workspace)
        db = unlocking.open_counted(workspace, secret)
        unlocking.record_unlock(workspace, db, "command line" + backup_at_unlock(workspace, db))
        return db

    def data_key(self) -> bytes:
        """The data key from the passphrase, without opening the database (to read a backup
        before anything is written). A wrong passphrase is counted like a failed unlock."""
        from interventiondesk.services import unlocking

        workspace = self.workspace
        if not workspace.exists():
            raise WorkspaceMissing()
        if self.demo or workspace.is_demo():
            return workspace.data_key("")
        secret = ask_secret("Passphrase: ")
        wait_after_failures(workspace)
        return unlocking.unwrap(workspace, secret)

    def open_with(self, data_key: bytes) -> Database:
        """Open (once) with a data key from ``data_key()``, recording the unlock."""
        from interventiondesk.services import unlocking

        if self._db is None:
            db = self.workspace.open_with_data_key(data_key)
            if not self.workspace.is_demo():
                daily = backup_at_unlock(self.workspace, db)
                unlocking.record_unlock(self.workspace, db, "command line" + daily)
            self._db = db
            report_key_repair(self.workspace)
        return self._db

    def adopt(self, db: Database) -> None:
        """Take a database a command opened itself (a restore), to be closed at the end."""
        self._db = db

    def output_path(self, raw: str, yes: bool) -> Path | None:
        """Where an export goes: never into the workspace, never over a file unasked.

        Returns None when the user declined to replace an existing file.
        """
        try:
            path = Path(raw).expanduser()
        except RuntimeError as exc:  # "~nosuchuser/x"
            raise InterventionDeskError(
                "That path names a user this computer does not know."
            ) from exc
        workspace = self.folder.resolve()
        if path.resolve() == workspace or workspace in path.resolve().parents:
            raise InterventionDeskError(
                "That place is inside the workspace folder, where an export could overwrite the "
                "workspace itself. Choose another folder."
            )
        return path if may_replace(path, yes) else None

    def require_real_workspace(self, what: str) -> None:
        """Refuse ``what`` on a demo workspace, whose key is stored in the clear."""
        if self.demo or (self.workspace.exists() and self.workspace.is_demo()):
            raise InterventionDeskError(
                f"The demo workspace is not encrypted with a passphrase, so {what} is not "
                "allowed there. Use your own workspace."
            )

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

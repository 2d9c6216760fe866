"""Errors a counselor can understand: each carries a message in words, never a traceback.

Messages never contain client data, so they are safe to log and to print.
"""

from __future__ import annotations


class InterventionDeskError(Exception):
    """Base class: ``str(error)`` is a complete sentence meant for the user."""


class WorkspaceMissing(InterventionDeskError):
    def __init__(self) -> None:
        super().__init__(
            "There is no workspace in this folder yet. Create one with 'interventiondesk init'."
        )


class WorkspaceExists(InterventionDeskError):
    def __init__(self) -> None:
        super().__init__("A workspace already exists in this folder; nothing was changed.")


class WrongPassphrase(InterventionDeskError):
    def __init__(self, what: str = "passphrase") -> None:
        super().__init__(f"The {what} is wrong.")


class WeakPassphrase(InterventionDeskError):
    pass


class WorkspaceLocked(InterventionDeskError):
    def __init__(self) -> None:
        super().__init__(
            "This workspace is already open in another InterventionDesk window. "
            "Close that window first, or switch to it."
        )


class DamagedWorkspace(InterventionDeskError):
    pass


class ReadOnlyWorkspace(InterventionDeskError):
    """The workspace folder or its files cannot be written to (read-only, immutable, mounted
    read-only): not damage, and nothing was changed."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or "The workspace folder cannot be written to (the folder or its files are "
            "read-only), so InterventionDesk cannot open it safely. Make it writable again, or "
            "copy the folder to a place you can write to; nothing was changed."
        )


class NewerSchema(InterventionDeskError):
    def __init__(self) -> None:
        super().__init__(
            "This workspace was saved by a newer version of InterventionDesk. "
            "Install the newer version to open it; nothing was changed."
        )


class DiskFull(InterventionDeskError):
    def __init__(self) -> None:
        super().__init__(
            "The disk is full, so the change could not be saved. Free some space and try again; "
            "what was saved before is intact."
        )


class NotFound(InterventionDeskError):
    pass


class InvalidInput(InterventionDeskError):
    pass


class InvalidCaseFile(InterventionDeskError):
    pass


class EditConflict(InterventionDeskError):
    def __init__(self) -> None:
        super().__init__(
            "Someone else changed this record while you were editing it. "
            "Your view has been refreshed; please make your change again."
        )


class InvalidTransferFile(InterventionDeskError):
    """A transfer file that cannot be received: damaged, cut short, foreign, newer, meant for
    another workspace, or under another passphrase. Nothing was changed."""


class TransferConflicts(InterventionDeskError):
    """A transfer that would need decisions: both computers changed the same fields."""

"""The errors a counselor reads (``errors.py``): each one a complete sentence, in words."""

from __future__ import annotations

import pytest

from interventiondesk import errors
from interventiondesk.errors import InterventionDeskError, ReadOnlyWorkspace, WrongPassphrase

WITH_THEIR_OWN_WORDS = [
    errors.WorkspaceMissing,
    errors.WorkspaceExists,
    errors.WrongPassphrase,
    errors.WorkspaceLocked,
    errors.ReadOnlyWorkspace,
    errors.NewerSchema,
    errors.DiskFull,
    errors.EditConflict,
]


@pytest.mark.parametrize("kind", WITH_THEIR_OWN_WORDS, ids=lambda kind: kind.__name__)
def test_each_error_says_a_complete_sentence_by_itself(kind: type[InterventionDeskError]) -> None:
    error = kind()
    message = str(error)
    assert isinstance(error, InterventionDeskError)
    assert message[:1].isupper() and message.endswith(".") and "\n" not in message


def test_every_error_of_the_module_is_an_interventiondesk_error() -> None:
    kinds = [v for v in vars(errors).values() if isinstance(v, type) and issubclass(v, Exception)]
    assert errors.DiskFull in kinds and errors.InvalidCaseFile in kinds
    assert all(issubclass(kind, InterventionDeskError) for kind in kinds)


def test_the_wrong_secret_is_named() -> None:
    assert str(WrongPassphrase()) == "The passphrase is wrong."
    assert str(WrongPassphrase("recovery key")) == "The recovery key is wrong."


def test_a_read_only_workspace_may_say_what_was_refused() -> None:
    assert "cannot open it safely" in str(ReadOnlyWorkspace())
    assert str(ReadOnlyWorkspace("The change was not saved.")) == "The change was not saved."

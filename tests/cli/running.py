"""Running the real command line from the tests: in this process, at a terminal, on seeded data."""

from __future__ import annotations

import os
import sys

import pexpect
import pytest

from interventiondesk.cli import main
from interventiondesk.services.cases import create_case
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE

STRONG = "marble otter climbs seventeen ladders"
"""A new passphrase strong enough to pass the strength check."""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``interventiondesk ARGV`` in this process: its exit status, standard output and error."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def seed(workspace: Workspace) -> dict[str, str]:
    """Two cases (one with markup in the client's name); their ids and the first's reference."""
    db = workspace.unlock(PASSPHRASE)
    with db.session() as s:
        a = create_case(
            s,
            client_name="Maribel <b>Ochoa</b>",
            kind="crisis",
            model="johnson",
            counselor="R. Quinn",
        )
        b = create_case(s, client_name="Teodor Vance", kind="family", model="systemic")
        ids = {"a": a.id, "b": b.id, "a_ref": a.reference}
    db.close()
    return ids


def spawn(*args: str) -> pexpect.spawn:
    """``interventiondesk ARGS`` in a child process at a pseudo-terminal, with no passphrase set."""
    return pexpect.spawn(
        sys.executable,
        ["-m", "interventiondesk", *args],
        encoding="utf-8",
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "INTERVENTIONDESK_PASSPHRASE"},
    )

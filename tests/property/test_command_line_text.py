"""Any text typed as a case, an event or a search on the command line (undecodable bytes
included, which Python hands over as lone surrogates): an answer, or one sentence saying why
not; never "something unexpected went wrong"."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings

from interventiondesk.services.cases import create_case
from interventiondesk.storage.workspace import Workspace
from tests.cli.running import run
from tests.conftest import PASSPHRASE
from tests.property.strategies import examples, texts


@pytest.fixture
def ws(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    db = workspace.unlock(PASSPHRASE)
    with db.session(write=True) as session:
        create_case(session, client_name="Zoë <b>Ochoa</b> 王", kind="crisis", model="johnson")
    db.close()
    return workspace


COMMANDS = (("cases", "--search="), ("timeline", "--"), ("events", "--"))
"""A search, and a case named where a case is asked for (events: an event's look-up too)."""


# Undecodable bytes in an argument crashed the search and every look-up of a case or event;
# a vertical tab (or an escape sequence) in a case's name was echoed to the terminal.
@example(text="\udcff")
@example(text="IN-\udc80\udcff")
@example(text="\x01\x0b\x01\x1b[31m")
@given(text=texts(max_size=20, surrogates=True).filter(lambda t: "\x00" not in t))
@settings(max_examples=examples(10))
def test_a_case_or_search_typed_as_anything_gets_an_answer_or_one_sentence(
    ws: Workspace,
    capsys: pytest.CaptureFixture[str],
    tmp_path_factory: pytest.TempPathFactory,
    text: str,
) -> None:
    """(A real command line cannot hold NUL.)"""
    for command, separator in COMMANDS:
        argv = (
            [command, f"{separator}{text}"]
            if separator.endswith("=")
            else [command, separator, text]
        )
        code, _out, err = run(capsys, "--data-dir", str(ws.folder), *argv)
        if code == 0:
            continue
        lines = err.strip().splitlines()
        assert code == 1 and len(lines) == 1, (command, err)
        assert lines[0].startswith("interventiondesk: ") and "unexpected" not in lines[0], err

"""The workspace options (``options.py``) and when the command line asks only for the window."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from interventiondesk.options import window_options, workspace_options


@pytest.mark.parametrize(
    ("argv", "data_dir", "demo"),
    [
        ([], None, False),
        (["--demo"], None, True),
        (["--data-dir", "some/folder"], "some/folder", False),
        (["--data-dir=some/folder", "--demo"], "some/folder", True),
    ],
)
def test_the_window_alone_is_recognised(argv: list[str], data_dir: str | None, demo: bool) -> None:
    args = window_options(argv)
    assert args is not None
    assert (args.command, args.data_dir, args.demo) == (None, data_dir, demo)


@pytest.mark.parametrize(
    "argv",
    [
        ["cases"],
        ["--data-dir", "x", "init"],
        ["--help"],
        ["--version"],
        ["--data-dir"],  # the value is missing: the full parser says so
        ["--dem"],  # no abbreviations: the full parser decides what it means
        ["--no-such-option"],
    ],
)
def test_anything_more_goes_to_the_full_parser(argv: list[str]) -> None:
    assert window_options(argv) is None


def test_the_options_are_the_same_for_both_parsers() -> None:
    parser = argparse.ArgumentParser()
    workspace_options(parser)
    args = parser.parse_args(["--data-dir", "d", "--demo"])
    assert (args.data_dir, args.demo) == ("d", True)
    assert "--data-dir DIR" in parser.format_help()


def test_parsing_the_options_loads_no_data_layer() -> None:
    code = (
        "import sys\n"
        "from interventiondesk.options import window_options\n"
        "window_options(['--demo'])\n"
        "print(sorted(m for m in ('sqlalchemy', 'interventiondesk.cli', "
        "'interventiondesk.storage') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"

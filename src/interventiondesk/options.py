"""The options that choose a workspace, shared by the command line and the window's entry point.

Parsing them imports nothing of the data layer or of any command, so that the window can paint
before either is loaded.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence


def workspace_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir", metavar="DIR", help="use the workspace in DIR (default: your data folder)"
    )
    parser.add_argument(
        "--demo", action="store_true", help="use the separate demo workspace of fictional cases"
    )


def window_options(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options, when the command line asks only for the window (no command, no --help or
    --version); otherwise None. The window then starts without importing any command, so that
    it paints before the data layer is loaded."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    workspace_options(parser)
    parser.set_defaults(command=None)
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None  # the full parser says what is wrong, in its own words
    return None if rest else args

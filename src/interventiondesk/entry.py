"""The installed programs: ``interventiondesk`` (the command line, or the window without a
command) and ``interventiondesk-gui`` (the window; with a command, the command line)."""

from __future__ import annotations

import sys


def command_line() -> int:
    from interventiondesk.cli import main

    return main()


def window() -> int:
    """Open the window straight away when the arguments ask only for it; the command line
    package is then never imported."""
    from interventiondesk.options import window_options

    args = window_options(sys.argv[1:])
    if args is None:
        return command_line()
    from interventiondesk.gui.shell.app import run_gui

    return run_gui(args.data_dir, demo=args.demo)

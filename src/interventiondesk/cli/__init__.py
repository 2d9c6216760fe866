"""The command line: headless access to the same services the GUI uses.

Each command module registers its sub-commands; a command's ``run(args, context)`` returns the
exit status. Errors a user can fix print one line on standard error; nothing prints a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from interventiondesk import __version__
from interventiondesk.errors import InterventionDeskError
from interventiondesk.logs import log_unexpected, setup_logging
from interventiondesk.options import window_options, workspace_options

if TYPE_CHECKING:
    from interventiondesk.cli.context import CliContext

# Each module defines ``register(subparsers)``; later features add their module here.
COMMAND_MODULES = (
    "interventiondesk.cli.workspace_commands",
    "interventiondesk.cli.case_commands",
    "interventiondesk.cli.interchange_commands",
    "interventiondesk.cli.schedule_commands",
    "interventiondesk.cli.letter_commands",
    "interventiondesk.cli.outcome_commands",
    "interventiondesk.cli.safety_commands",
    "interventiondesk.cli.consent_commands",
    "interventiondesk.cli.handoff_commands",
    "interventiondesk.cli.transfer_commands",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="interventiondesk",
        description="Plan, run and hand off family interventions. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"InterventionDesk {__version__}")
    workspace_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = window_options(arguments) or build_parser().parse_args(arguments)
    context: CliContext | None = None
    try:
        if args.command is None:
            from interventiondesk.gui.shell.app import run_gui

            return run_gui(args.data_dir, demo=args.demo)
        from interventiondesk.cli.context import CliContext

        context = CliContext.from_args(args)
        status: int = args.run(args, context)
        return status
    except InterventionDeskError as exc:
        from interventiondesk.cli.context import safe

        # One line, harmless for a terminal, even where the sentence names what was typed.
        print(f"interventiondesk: {' '.join(safe(str(exc)).splitlines())}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, EOFError):
        print("\ninterventiondesk: stopped; nothing was changed.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:
        log_file = setup_logging()
        log_unexpected(exc)
        where = f" Details (without client data) are in {log_file}." if log_file else ""
        print(
            f"interventiondesk: something unexpected went wrong; nothing was changed.{where}",
            file=sys.stderr,
        )
        return 2
    finally:
        if context is not None:
            context.close()

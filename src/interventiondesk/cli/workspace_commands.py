"""Commands that create, fill and re-key a workspace: ``init``, ``demo``, ``change-passphrase``."""

from __future__ import annotations

import argparse
from typing import Any

from interventiondesk.cli.context import CliContext, ask_secret
from interventiondesk.errors import InterventionDeskError
from interventiondesk.storage.keys import MIN_PASSPHRASE_LENGTH


def register(subparsers: Any) -> None:
    init = subparsers.add_parser(
        "init", help="create an encrypted workspace (asks for a passphrase twice)"
    )
    init.set_defaults(run=run_init)

    demo = subparsers.add_parser(
        "demo", help="fill the workspace with fictional demonstration cases"
    )
    demo.set_defaults(run=run_demo)

    change = subparsers.add_parser(
        "change-passphrase",
        help="choose a new passphrase (with the current one, or with the recovery key)",
    )
    change.add_argument(
        "--recovery-key", action="store_true", help="prove who you are with the recovery key"
    )
    change.set_defaults(run=run_change_passphrase)


def _new_passphrase() -> str:
    first = ask_secret(f"Choose a passphrase (at least {MIN_PASSPHRASE_LENGTH} characters): ")
    second = ask_secret("Type the same passphrase again: ")
    if first != second:
        raise InterventionDeskError("The two passphrases differ; nothing was changed.")
    return first


def run_init(args: argparse.Namespace, context: CliContext) -> int:
    workspace = context.workspace
    if workspace.exists():
        from interventiondesk.errors import WorkspaceExists

        raise WorkspaceExists()
    db, recovery_key = workspace.create(_new_passphrase())
    db.close()
    print(f"Created an encrypted workspace in {workspace.folder}")
    print()
    print("Your recovery key (shown only now; print it or write it down and lock it away):")
    print()
    print(f"    {recovery_key}")
    print()
    print("With it you can choose a new passphrase if this one is ever forgotten.")
    return 0


def run_demo(args: argparse.Namespace, context: CliContext) -> int:
    from interventiondesk.services.demo import add_demo_cases, create_demo_workspace

    workspace = context.workspace
    if not workspace.exists():
        db = create_demo_workspace(workspace)
        with db.session() as session:
            count = len(list_case_ids(session))
        db.close()
        print(f"Created a demo workspace with {count} fictional cases in {workspace.folder}")
        return 0
    db = context.open()
    with db.session() as session:
        added = add_demo_cases(session)
    print(f"Added {len(added)} fictional demonstration cases.")
    return 0


def list_case_ids(session: Any) -> list[str]:
    from interventiondesk.services.cases import list_cases

    return [row.id for row in list_cases(session, include_archived=True)]


def run_change_passphrase(args: argparse.Namespace, context: CliContext) -> int:
    workspace = context.workspace
    if args.recovery_key:
        recovery = ask_secret("Recovery key: ")
        workspace.reset_passphrase(recovery, _new_passphrase())
    else:
        current = ask_secret("Current passphrase: ")
        workspace.change_passphrase(current, _new_passphrase())
    print("The passphrase was changed. The recovery key stays the same.")
    return 0

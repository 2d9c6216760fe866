"""Commands that create, fill and re-key a workspace: ``init``, ``demo``, ``change-passphrase``."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from interventiondesk.cli.context import (
    NEW_PASSPHRASE_ENV,
    RECOVERY_KEY_ENV,
    CliContext,
    ask_secret,
    report_key_repair,
    wait_after_failures,
)
from interventiondesk.errors import InterventionDeskError, WrongPassphrase
from interventiondesk.services import audit, unlocking
from interventiondesk.storage.keys import MIN_PASSPHRASE_LENGTH
from interventiondesk.storage.workspace import PASSPHRASE_ENV


def register(subparsers: Any) -> None:
    init = subparsers.add_parser(
        "init", help="create an encrypted workspace (asks for a passphrase twice)"
    )
    init.set_defaults(run=run_init)

    demo = subparsers.add_parser(
        "demo", help="fill the workspace with fictional demonstration cases"
    )
    demo.add_argument(
        "-y", "--yes", action="store_true", help="add them to a real workspace without asking"
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
    first = ask_secret(
        f"Choose a passphrase (at least {MIN_PASSPHRASE_LENGTH} characters): ", NEW_PASSPHRASE_ENV
    )
    if NEW_PASSPHRASE_ENV not in os.environ:
        second = ask_secret("Type the same passphrase again: ", NEW_PASSPHRASE_ENV)
        if first != second:
            raise InterventionDeskError("The two passphrases differ; nothing was changed.")
    return first


def run_init(args: argparse.Namespace, context: CliContext) -> int:
    if context.demo:
        raise InterventionDeskError(
            "The demo workspace is made by 'interventiondesk --demo'; init makes a real one."
        )
    workspace = context.workspace
    # Refused before any question: a workspace (or what is left of one: its database, its key
    # file or the key file's copy) is never replaced by a new one, nor other files mixed in.
    workspace.check_can_create()
    # For a first workspace, the one passphrase variable of a script is also the new one.
    passphrase = (
        os.environ[PASSPHRASE_ENV]
        if PASSPHRASE_ENV in os.environ and NEW_PASSPHRASE_ENV not in os.environ
        else _new_passphrase()
    )
    db, recovery_key = workspace.create(passphrase)
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
    from interventiondesk.services.cases import list_cases
    from interventiondesk.services.demo import add_demo_cases

    workspace = context.workspace
    if not context.demo and not workspace.exists():
        raise InterventionDeskError(
            "There is no workspace here. For the separate demo workspace use "
            "'interventiondesk --demo demo'; to start a real one use 'interventiondesk init'."
        )
    fresh = context.demo and not workspace.exists()
    real = not context.demo and not workspace.is_demo()
    if real and not _confirm_fictional_cases(args.yes):
        print("Nothing was added.")
        return 1
    db = context.open()  # creates and fills a new demo workspace
    if fresh:
        with db.session() as session:
            count = len(list_cases(session, include_archived=True))
        print(f"Created a demo workspace with {count} fictional cases in {workspace.folder}")
        return 0
    with db.session(write=True) as session:
        added = add_demo_cases(session)
        audit.record(session, "workspace.demo_cases_added", detail=f"{len(added)} cases")
    print(f"Added {len(added)} fictional demonstration cases.")
    return 0


def _confirm_fictional_cases(yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        raise InterventionDeskError(
            "This is a real workspace; add --yes to add fictional cases to it anyway."
        )
    answer = input("This is a real workspace. Add fictional demonstration cases to it? [y/N] ")
    return answer.strip().lower() in ("y", "yes")


def run_change_passphrase(args: argparse.Namespace, context: CliContext) -> int:
    context.require_real_workspace("a passphrase")
    workspace = context.workspace
    try:
        if args.recovery_key:
            recovery = ask_secret("Recovery key: ", RECOVERY_KEY_ENV)
            new = _new_passphrase()
            wait_after_failures(workspace)
            workspace.reset_passphrase(recovery, new)
            how = "recovery key"
        else:
            current = ask_secret("Current passphrase: ")
            new = _new_passphrase()
            wait_after_failures(workspace)
            workspace.change_passphrase(current, new)
            how = "passphrase"
    except WrongPassphrase:
        unlocking.record_failure(workspace)  # slowed down and recorded like a failed unlock
        raise
    db = workspace.unlock(new)
    try:
        with db.session(write=True) as session:
            audit.record(session, "workspace.passphrase_changed", detail=f"proved with the {how}")
    finally:
        db.close()
    report_key_repair(workspace)
    print("The passphrase was changed. The recovery key stays the same.")
    return 0

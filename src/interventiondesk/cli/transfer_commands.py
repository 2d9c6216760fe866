"""``transfer-out``, ``transfer-in``, ``transfer-name`` and ``edit``: cases to a laptop and back."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interventiondesk.cli.context import CliContext, ask_secret, one_line, safe
from interventiondesk.errors import InterventionDeskError

if TYPE_CHECKING:
    from interventiondesk.services.merge import Conflict
    from interventiondesk.services.transfers import Received

TRANSFER_PASSPHRASE_ENV = "INTERVENTIONDESK_TRANSFER_PASSPHRASE"


def register(subparsers: Any) -> None:
    out = subparsers.add_parser(
        "transfer-out",
        help="take cases to another computer: write them to an encrypted transfer file",
        description=(
            "Write whole cases to one transfer file, encrypted with a transfer passphrase you "
            "choose (asked twice, or read from INTERVENTIONDESK_TRANSFER_PASSPHRASE). The cases "
            "are marked as being at the other computer until they come back. "
            "See docs/transfers.md."
        ),
    )
    out.add_argument("cases", metavar="CASE", nargs="+", help="case references or identities")
    out.add_argument(
        "-o", "--output", metavar="FILE", required=True, help="the transfer file to write"
    )
    out.add_argument("-y", "--yes", action="store_true", help="replace FILE without asking")
    out.add_argument(
        "--any-computer",
        action="store_true",
        help=(
            "let any computer receive the file (by default, cases that came back from a "
            "computer go to that computer only)"
        ),
    )
    out.set_defaults(run=run_transfer_out)

    received = subparsers.add_parser(
        "transfer-in",
        help="receive cases from another computer: merge a transfer file into this workspace",
        description=(
            "Merge the cases of a transfer file into this workspace, record by record and field "
            "by field. When both computers changed the same field differently, the conflicts "
            "are listed and nothing is changed, unless --prefer says which side to keep."
        ),
    )
    received.add_argument("file", metavar="FILE", help="the transfer file")
    received.add_argument(
        "--prefer",
        choices=("mine", "theirs"),
        help="settle every conflict with this computer's value (mine) or the other's (theirs)",
    )
    received.add_argument("--json", action="store_true", help="print the result as JSON")
    received.set_defaults(run=run_transfer_in)

    name = subparsers.add_parser(
        "transfer-name",
        help="show or set the name other computers show for this workspace",
    )
    name.add_argument("name", metavar="NAME", nargs="?", help="the new name")
    name.set_defaults(run=run_transfer_name)

    edit = subparsers.add_parser(
        "edit",
        help="set fields of a case's plan or client, named as in the case file format",
        description=(
            "Set fields of a case, named as in docs/case-format.md (goals, seating_notes, "
            "client.phone...), checked exactly as an imported case file is. VALUE 'null' "
            "clears a field that may be empty; yes/no for true-or-false fields."
        ),
    )
    edit.add_argument("case", metavar="CASE", help="the case's reference or identity")
    edit.add_argument(
        "--set",
        dest="assignments",
        metavar="FIELD=VALUE",
        action="append",
        required=True,
        help="a field and its new value (repeat for several)",
    )
    edit.set_defaults(run=run_edit)


def _transfer_passphrase(*, new: bool) -> str:
    if new:
        first = ask_secret("Choose a transfer passphrase: ", TRANSFER_PASSPHRASE_ENV)
        from interventiondesk.storage.keys import check_passphrase_strength

        check_passphrase_strength(first)
        if TRANSFER_PASSPHRASE_ENV not in os.environ:
            second = ask_secret(
                "Type the same transfer passphrase again: ", TRANSFER_PASSPHRASE_ENV
            )
            if first != second:
                raise InterventionDeskError("The two passphrases differ; nothing was written.")
        return first
    return ask_secret("Transfer passphrase: ", TRANSFER_PASSPHRASE_ENV)


def run_transfer_out(args: argparse.Namespace, context: CliContext) -> int:
    from interventiondesk.services.transfers import transfer_out

    # Cases sent from the demo could never come back (it receives none): they would stay away.
    context.require_real_workspace("taking cases to another computer")
    path = context.output_path(args.output, args.yes)
    if path is None:
        print("Nothing was written.")
        return 1
    db = context.open()
    passphrase = _transfer_passphrase(new=True)
    sent = transfer_out(db, args.cases, path, passphrase, any_computer=args.any_computer)
    where = safe(sent.target_name) or "the other computer"
    print(f"Wrote {len(sent.cases)} case(s) to {path}: {', '.join(sent.references)}.")
    print(
        f"They are marked as at {where} until they come back. The file is encrypted; "
        "give the passphrase by another way than the file."
    )
    return 0


def run_transfer_in(args: argparse.Namespace, context: CliContext) -> int:
    from interventiondesk.services.merge import Side
    from interventiondesk.services.transfers import transfer_in

    context.require_real_workspace("receiving real cases")
    db = context.open()
    passphrase = _transfer_passphrase(new=False)
    prefer = Side(args.prefer) if args.prefer else None
    received = transfer_in(
        context.workspace, db, Path(args.file).expanduser(), passphrase, prefer=prefer
    )
    if args.json:
        print(json.dumps(_as_json(received), ensure_ascii=False, indent=2))
    else:
        _print_received(received)
    return 1 if received.conflicts and not received.applied else 0


def _conflict_json(conflict: Conflict) -> dict[str, Any]:
    return {
        "case": conflict.case_id,
        "part": conflict.part,
        "record": conflict.record_id,
        "field": conflict.field or None,
        "mine": conflict.mine,
        "theirs": conflict.theirs,
        "mine_changed_at": conflict.mine_changed_at,
        "theirs_changed_at": conflict.theirs_changed_at,
    }


def _as_json(received: Received) -> dict[str, Any]:
    return {
        "transfer": received.transfer,
        "from": received.sender_name,
        "already_received": received.already,
        "applied": received.applied,
        "cases": [
            {
                "case": case.case_id,
                "reference": case.reference,
                "new": case.new,
                "unchanged": case.result is None,
                "added": case.result.added if case.result else 0,
                "changed": case.result.changed if case.result else 0,
                "removed": case.result.removed if case.result else 0,
                "conflicts": [_conflict_json(c) for c in case.conflicts],
            }
            for case in received.cases
        ],
    }


def _shown(value: Any) -> str:
    if value is None:
        return "(empty)"
    if isinstance(value, dict):
        return "(the whole record)"
    return one_line(str(value), 50)


def _print_received(received: Received) -> None:
    sender = safe(received.sender_name)
    if received.already:
        print(f"This transfer file from {sender} was already received; nothing was changed.")
        return
    if received.conflicts and not received.applied:
        print(
            f"Both computers changed the same fields differently ({len(received.conflicts)} "
            "conflict(s)); nothing was changed:",
            file=sys.stderr,
        )
        for case in received.cases:
            for c in case.conflicts:
                what = f"{c.part}.{c.field}" if c.field else f"{c.part} record"
                print(
                    f"  {safe(case.reference)}  {what}: this computer {_shown(c.mine)} "
                    f"(changed {c.mine_changed_at or 'removed'}); {sender} {_shown(c.theirs)} "
                    f"(changed {c.theirs_changed_at or 'removed'})",
                    file=sys.stderr,
                )
        print(
            "Receive it again with --prefer mine or --prefer theirs, or in the window to "
            "decide each one.",
            file=sys.stderr,
        )
        return
    for case in received.cases:
        if case.result is None:
            print(f"{safe(case.reference)}: nothing newer in this file.")
            continue
        r = case.result
        state = "added" if case.new else "merged"
        settled = f", {len(r.conflicts)} conflict(s) settled" if r.conflicts else ""
        print(
            f"{safe(case.reference)}: {state} ({r.added} record(s) added, {r.changed} changed, "
            f"{r.removed} removed{settled})."
        )
    print(f"Received from {sender}; a backup was made first.")


def run_transfer_name(args: argparse.Namespace, context: CliContext) -> int:
    from interventiondesk.services.transfer_state import set_workspace_name, workspace_identity

    db = context.open()
    with db.session(write=True) as session:
        if args.name is not None:
            set_workspace_name(session, args.name)
        _identity, name = workspace_identity(session)
    print(f"This workspace goes by the name {safe(name)} on other computers.")
    return 0


def run_edit(args: argparse.Namespace, context: CliContext) -> int:
    from interventiondesk.services.case_fields import edit_case
    from interventiondesk.services.transfer_state import mark_of

    pairs = []
    for item in args.assignments:
        name, equals, value = item.partition("=")
        if not equals or not name.strip():
            raise InterventionDeskError("Write each change as FIELD=VALUE; nothing was changed.")
        pairs.append((name.strip(), value))
    db = context.open()
    with db.session(write=True) as session:
        case = edit_case(session, args.case, pairs)
        reference = case.reference
        mark = mark_of(session, case.id)
    if mark is not None:
        print(
            f"interventiondesk: note: this case is at {safe(mark.peer_name) or 'another computer'}"
            f" since {mark.since:%Y-%m-%d %H:%M} UTC; the change will be merged when it comes "
            "back.",
            file=sys.stderr,
        )
    print(f"Saved {len(pairs)} field(s) of case {safe(reference)}.")
    return 0

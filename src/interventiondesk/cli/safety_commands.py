"""The safety net on the command line: ``backup``, ``backups``, ``restore``, ``check`` and
``audit verify|list``."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from interventiondesk.cli.context import (
    RECOVERY_KEY_ENV,
    CliContext,
    ask_secret,
    may_replace,
    one_line,
    report_key_repair,
    safe,
    wait_after_failures,
)
from interventiondesk.errors import DamagedWorkspace, InterventionDeskError, WrongPassphrase
from interventiondesk.model import Case
from interventiondesk.services import audit, backups, checks, unlocking
from interventiondesk.services.cases import find_case
from interventiondesk.storage.backup import key_path_for
from interventiondesk.storage.restore import BackupContents, check_backup_file, inspect_backup


def register(subparsers: Any) -> None:
    backup = subparsers.add_parser("backup", help="take an encrypted backup of the workspace now")
    backup.add_argument("-o", "--output", metavar="FILE", help="write it to FILE instead")
    backup.add_argument("--yes", action="store_true", help="replace FILE if it exists")
    backup.set_defaults(run=run_backup)

    listing = subparsers.add_parser("backups", help="list the backups (dates, sizes, cases)")
    listing.add_argument("--json", action="store_true", help="stable JSON output")
    folder = listing.add_mutually_exclusive_group()
    folder.add_argument("--set-folder", metavar="DIR", help="send backups to DIR from now on")
    folder.add_argument(
        "--default-folder", action="store_true", help="send backups to the workspace's backups/"
    )
    listing.set_defaults(run=run_backups)

    restore = subparsers.add_parser(
        "restore", help="replace the workspace's content by a backup (backs it up first)"
    )
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    restore.add_argument("--recovery-key", action="store_true", help="unlock with the recovery key")
    restore.set_defaults(run=run_restore)

    check = subparsers.add_parser(
        "check", help="check the database, its encryption, schema, key files and audit trail"
    )
    check.add_argument("--json", action="store_true", help="stable JSON output")
    check.set_defaults(run=run_check)

    audit_parser = subparsers.add_parser("audit", help="the audit trail: verify or list")
    actions = audit_parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = actions.add_parser("verify", help="check the hash chain; names the first broken entry")
    verify.set_defaults(run=run_audit_verify)
    listed = actions.add_parser("list", help="the entries, oldest first")
    listed.add_argument("--case", metavar="CASE", help="only this case's entries")
    listed.add_argument("--json", action="store_true", help="stable JSON output")
    listed.set_defaults(run=run_audit_list)


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    scaled = float(size)
    for unit in ("KB", "MB", "GB"):
        scaled /= 1024
        if scaled < 1024 or unit == "GB":
            break
    return f"{scaled:.1f} {unit}"


def run_backup(args: argparse.Namespace, context: CliContext) -> int:
    context.require_real_workspace("a backup")
    target: Path | None = None
    if args.output:
        target = context.output_path(args.output, args.yes)
        if target is None:
            print("Nothing was written.")
            return 1
        may_replace(key_path_for(target), args.yes)
    db = context.open()
    done = backups.make_backup(context.workspace, db, "manual", to_file=target)
    if done.note:
        print(f"interventiondesk: note: {done.note}", file=sys.stderr)
    print(f"Backup written: {done.path}")
    print(f"Its key file is beside it: {key_path_for(done.path).name}")
    return 0


def run_backups(args: argparse.Namespace, context: CliContext) -> int:
    context.require_real_workspace("a backup")
    data_key = context.data_key()
    db = context.open_with(data_key)
    workspace = context.workspace
    if args.set_folder or args.default_folder:
        chosen = backups.set_backup_folder(
            db, workspace, Path(args.set_folder) if args.set_folder else None
        )
        if not args.json:
            print(f"Backups go to {chosen} from now on.")
    entries = backups.list_backups(workspace, db, data_key)
    if args.json:
        print(json.dumps([_backup_json(e) for e in entries], indent=2))
        return 0
    print(f"Backup folder: {backups.backup_folder(db, workspace)}")
    if not entries:
        print("No backups yet.")
        return 0
    print(f"{'Taken':<17} {'Reason':<15} {'Size':>10} {'Cases':>6}  File")
    for entry in entries:
        backup = entry.file
        when = backup.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
        cases = str(entry.cases) if entry.cases is not None else "-"
        line = f"{when:<17} {backup.reason:<15} {_size(backup.size):>10} {cases:>6}  {backup.path}"
        if entry.problem:
            line += f"  ({entry.problem})"
        elif not entry.has_key_file:
            line += "  (no key file beside it)"
        print(line)
    return 0


def _backup_json(entry: backups.BackupEntry) -> dict[str, Any]:
    return {
        "path": str(entry.file.path),
        "taken_at": entry.file.taken_at.isoformat(),
        "reason": entry.file.reason,
        "size": entry.file.size,
        "cases": entry.cases,
        "key_file": entry.has_key_file,
        "sound": not entry.problem,
        "problem": entry.problem or None,
    }


def _confirm(contents: BackupContents, yes: bool, replacing: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        raise InterventionDeskError(
            "Restoring replaces the workspace's content; add --yes to do it without a "
            "terminal. Nothing was changed."
        )
    what = "replace everything in this workspace" if replacing else "make a workspace here"
    answer = input(
        f"The backup holds {contents.cases} cases. Restore it and {what}? "
        "(What it replaces is backed up first.) [y/N] "
    )
    return answer.strip().lower() in ("y", "yes")


def run_restore(args: argparse.Namespace, context: CliContext) -> int:
    context.require_real_workspace("a restore")
    backup = Path(args.file).expanduser()
    workspace = context.workspace
    if not workspace.exists():
        return _restore_where_none(args, context, backup)
    secret = (
        ask_secret("Recovery key: ", RECOVERY_KEY_ENV)
        if args.recovery_key
        else ask_secret("Passphrase: ")
    )
    wait_after_failures(workspace)
    data_key = unlocking.unwrap(workspace, secret, recovery=args.recovery_key)
    contents = backups.check_backup(workspace, backup, data_key)  # refused: nothing written
    if not _confirm(contents, args.yes, replacing=True):
        print("Nothing was restored.")
        return 1
    workspace.acquire_lock()  # never under an open window
    try:
        try:
            db = context.open_with(data_key)
        except DamagedWorkspace:
            # The workspace itself is damaged: it is moved aside, never overwritten.
            db, restored = backups.restore_where_none(
                workspace, backup, data_key, workspace.key_file_bytes()
            )
            unlocking.record_unlock(workspace, db, "command line, restore")
            context.adopt(db)
            print(f"The damaged database was moved aside to {restored.safety_copy}.")
        else:
            restored = backups.restore_into(workspace, db, backup, data_key)
            print(f"What was replaced is backed up in {restored.safety_copy}.")
    finally:
        workspace.release_lock()
    _say_restored(restored)
    return 0


def _restore_where_none(args: argparse.Namespace, context: CliContext, backup: Path) -> int:
    workspace = context.workspace
    workspace.check_can_create()
    key_file = backups.backup_key_file(backup)
    check_backup_file(backup)
    if args.recovery_key:
        secret = ask_secret("Recovery key: ", RECOVERY_KEY_ENV)
        data_key = key_file.unlock_with_recovery_key(secret)
    else:
        data_key = key_file.unlock_with_passphrase(ask_secret("Passphrase: "))
    contents = inspect_backup(backup, data_key)
    if not _confirm(contents, args.yes, replacing=False):
        print("Nothing was restored.")
        return 1
    key_bytes = key_path_for(backup).read_bytes()
    db, restored = backups.restore_where_none(workspace, backup, data_key, key_bytes)
    unlocking.record_unlock(workspace, db, "command line, restore")
    context.adopt(db)
    print(f"A workspace was made from the backup in {workspace.folder}.")
    _say_restored(restored)
    return 0


def _say_restored(restored: backups.Restored) -> None:
    upgraded = " and upgraded to this version's schema" if restored.upgraded else ""
    print(f"Restored {restored.contents.cases} cases{upgraded}.")


def run_check(args: argparse.Namespace, context: CliContext) -> int:
    workspace = context.workspace
    key_findings = checks.check_key_files(workspace)
    try:
        data_key = context.data_key()
    except WrongPassphrase:
        raise
    except InterventionDeskError as exc:
        findings = [*key_findings, checks.Finding(False, str(exc), "unlock")]
    else:
        findings = checks.check_workspace(workspace, data_key)
        report_key_repair(workspace)
    if args.json:
        rows = [{"ok": f.ok, "code": f.code, "text": f.text} for f in findings]
        print(json.dumps(rows, indent=2))
    else:
        for finding in findings:
            print(f"{'ok     ' if finding.ok else 'PROBLEM'}  {finding.text}")
    return 0 if all(f.ok for f in findings) else 1


def run_audit_verify(args: argparse.Namespace, context: CliContext) -> int:
    db = context.open()
    with db.session() as session:
        problems = audit.verify(session)
        count = audit.count(session)
        first = None
        if problems:
            event = next(e for e in audit.events(session) if e.seq == problems[0].seq)
            first = (event.seq, event.at, event.action, problems[0].reason)
    if first is None:
        print(f"The audit trail is intact: {count} entries, each chained to the one before.")
        return 0
    seq, at, action, reason = first
    when = at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    print(
        f"interventiondesk: the audit trail is broken at entry {seq} ({safe(action)}, {when}): "
        f"it {reason}.",
        file=sys.stderr,
    )
    return 1


def run_audit_list(args: argparse.Namespace, context: CliContext) -> int:
    db = context.open()
    with db.session() as session:
        case_id = find_case(session, args.case).id if args.case else None
        references = {cid: ref for cid, ref in session.execute(select(Case.id, Case.reference))}
        rows = [
            {
                "seq": e.seq,
                "id": e.id,
                "at": e.at.isoformat(),
                "actor": e.actor,
                "action": e.action,
                "case_id": e.case_id,
                "case_reference": references.get(e.case_id) if e.case_id else None,
                "detail": e.detail,
            }
            for e in audit.events(session, case_id)
        ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("No entries.")
        return 0
    print(f"{'#':>5}  {'When':<19}  {'Action':<28} {'Case':<9} {'By':<16} Detail")
    for row in rows:
        when = _local(str(row["at"]))
        action, actor, detail = (str(row[k]) for k in ("action", "actor", "detail"))
        print(
            f"{row['seq']:>5}  {when:<19}  {one_line(action, 28):<28} "
            f"{row['case_reference'] or '-':<9} {one_line(actor, 16):<16} {one_line(detail, 60)}"
        )
    return 0


def _local(iso: str) -> str:
    return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M:%S")

"""``interventiondesk cases``: the case list, as a table for people or JSON for scripts."""

from __future__ import annotations

import argparse
import json
from typing import Any

from interventiondesk.cli.context import CliContext, one_line
from interventiondesk.model.labels import english_label
from interventiondesk.services.cases import CaseRow, list_cases


def register(subparsers: Any) -> None:
    cases = subparsers.add_parser("cases", help="list the cases")
    cases.add_argument("--search", metavar="TEXT", help="only cases whose list entry contains TEXT")
    cases.add_argument("--json", action="store_true", help="print stable JSON for scripts")
    shown = cases.add_mutually_exclusive_group()
    shown.add_argument("--all", action="store_true", help="include archived cases")
    shown.add_argument("--archived", action="store_true", help="only archived cases")
    cases.set_defaults(run=run_cases)


def case_row_json(row: CaseRow) -> dict[str, Any]:
    """The stable JSON shape of one case-list entry."""
    return {
        "id": row.id,
        "reference": row.reference,
        "client_name": row.client_name,
        "preferred_name": row.preferred_name,
        "kind": row.kind.value,
        "model": row.model.value,
        "status": row.status.value,
        "next_date": row.next_date.isoformat() if row.next_date else None,
        "counselor": row.counselor,
        "archived": row.archived,
        "risk_flags": list(row.flags),
        "triage": row.triage.value if row.triage else None,
        "overdue_tasks": row.overdue_tasks,
        "away_since": row.away_since.isoformat() if row.away_since else None,
        "away_at": row.away_at or None,
        "has_conflicts": row.has_conflicts,
    }


def run_cases(args: argparse.Namespace, context: CliContext) -> int:
    db = context.open()
    with db.session() as session:
        rows = list_cases(
            session, search=args.search, include_archived=args.all, archived_only=args.archived
        )
    if args.json:
        print(json.dumps([case_row_json(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("No cases." if not args.search else "No case matches that search.")
        return 0
    print(
        f"{'Reference':<10} {'Client':<28} {'Kind':<8} {'Model':<17} {'Status':<10} "
        f"{'Next date':<17} Counselor"
    )
    for r in rows:
        when = r.next_date.astimezone().strftime("%Y-%m-%d %H:%M") if r.next_date else "-"
        kind, model, status = (english_label(v) for v in (r.kind, r.model, r.status))
        print(
            f"{one_line(r.reference, 10):<10} {one_line(r.client_name, 28):<28} {kind:<8} "
            f"{model:<17} {status:<10} {when:<17} {one_line(r.counselor, 30)}"
        )
    return 0

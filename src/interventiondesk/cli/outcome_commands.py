"""``outcomes``, ``tasks``, ``timeline``, ``safety-plan`` and ``stats``: after the meeting."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime, timedelta
from typing import Any

from interventiondesk.cli.context import CliContext, one_line
from interventiondesk.errors import InterventionDeskError
from interventiondesk.model.enums import TimelineKind
from interventiondesk.model.labels import english_label

STATS_DAYS = 365
"""The period ``stats`` counts without --from: the year up to --to (or today)."""


def register(subparsers: Any) -> None:
    outcomes = subparsers.add_parser(
        "outcomes",
        help="a case's outcomes, the status they call for, and bottom-line follow-through",
    )
    outcomes.add_argument("case", metavar="CASE", help="case reference or identity")
    outcomes.add_argument("--json", action="store_true", help="print stable JSON for scripts")
    outcomes.set_defaults(run=run_outcomes)

    tasks = subparsers.add_parser(
        "tasks",
        help="follow-up tasks that are due or overdue, or all of one case's tasks",
        description="Without options: open tasks of open cases that are overdue or due within "
        "7 days. With --case alone: every task of that case, done ones included.",
    )
    tasks.add_argument("--case", metavar="CASE", help="only this case (reference or identity)")
    due = tasks.add_mutually_exclusive_group()
    due.add_argument("--overdue", action="store_true", help="only tasks past their due day")
    due.add_argument(
        "--due-within", metavar="DAYS", type=int, help="overdue tasks and those due within DAYS"
    )
    tasks.add_argument("--json", action="store_true", help="print stable JSON for scripts")
    tasks.set_defaults(run=run_tasks)

    timeline = subparsers.add_parser(
        "timeline", help="every dated thing in a case, oldest first, in this computer's zone"
    )
    timeline.add_argument("case", metavar="CASE", help="case reference or identity")
    timeline.add_argument(
        "--kind",
        action="append",
        choices=[kind.value for kind in TimelineKind],
        metavar="KIND",
        help="only entries of this kind (repeatable): "
        + ", ".join(kind.value for kind in TimelineKind),
    )
    timeline.add_argument("--json", action="store_true", help="print stable JSON for scripts")
    timeline.set_defaults(run=run_timeline)

    plan = subparsers.add_parser(
        "safety-plan",
        help="write a case's safety plan as a one-page PDF for the client",
        description="One page in large type: the six steps and a crisis line. No name, case "
        "reference or presenting concern is printed unless asked for.",
    )
    plan.add_argument("case", metavar="CASE", help="case reference or identity")
    plan.add_argument("-o", "--output", metavar="FILE.pdf", required=True, help="file to write")
    plan.add_argument(
        "-y", "--yes", action="store_true", help="replace an existing FILE.pdf without asking"
    )
    plan.add_argument("--name", action="store_true", help="print the client's name")
    plan.add_argument("--reference", action="store_true", help="print the case reference")
    plan.add_argument("--concerns", action="store_true", help="print the presenting concerns")
    plan.set_defaults(run=run_safety_plan)

    stats = subparsers.add_parser(
        "stats",
        help="interventions held, accepted, refused and admitted within 30 days over a period",
    )
    stats.add_argument("--from", dest="start", metavar="DATE", help="first day (YYYY-MM-DD)")
    stats.add_argument("--to", dest="end", metavar="DATE", help="last day (YYYY-MM-DD)")
    stats.add_argument("--json", action="store_true", help="print stable JSON for scripts")
    stats.set_defaults(run=run_stats)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _dump(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def run_outcomes(args: argparse.Namespace, context: CliContext) -> int:
    from interventiondesk.services.outcomes import outcome_view

    with context.open().session() as session:
        view = outcome_view(session, args.case)
    change = view.status_change
    if args.json:
        _dump(
            {
                "case": view.case_id,
                "reference": view.reference,
                "status": view.status.value,
                "proposed_status": change.proposed.value if change else None,
                "outcomes": [
                    {
                        "id": o.id,
                        "result": o.result.value,
                        "occurred_on": _day(o.occurred_on),
                        "admitted_to": o.admitted_to,
                        "entry_on": _day(o.entry_on),
                        "notes": o.notes,
                    }
                    for o in view.outcomes
                ],
                "bottom_lines": [
                    {
                        "participant": row.participant_id,
                        "name": row.name,
                        "status": row.status.value if row.status else None,
                        "noted_on": _day(row.noted_on),
                    }
                    for row in view.bottom_lines
                ],
                "suggested_tasks": [
                    {"title": s.title, "due_on": _day(s.due_on)} for s in view.suggestions
                ],
            }
        )
        return 0
    print(f"Case {view.reference}: {english_label(view.status)}")
    if not view.outcomes:
        print("No outcomes recorded yet.")
    for o in view.outcomes:
        where = f", {one_line(o.admitted_to, 40)}" if o.admitted_to.strip() else ""
        entry = f", entry {o.entry_on}" if o.entry_on else ""
        print(f"  {_day(o.occurred_on) or 'no date':<10}  {english_label(o.result)}{where}{entry}")
    if change is not None:
        print(
            f"The latest outcome calls for the status {english_label(change.proposed)} "
            f"(now {english_label(change.current)})."
        )
    if view.bottom_lines:
        print("Bottom lines:")
    for row in view.bottom_lines:
        state = english_label(row.status) if row.status else "Not noted yet"
        when = f" ({row.noted_on})" if row.noted_on else ""
        print(f"  {one_line(row.name, 40)}: {state}{when}")
    if view.suggestions:
        print(f"Suggested tasks ({len(view.suggestions)}, not added yet):")
    for s in view.suggestions:
        print(f"  {s.due_on}  {one_line(s.title, 70)}")
    return 0


def run_tasks(args: argparse.Namespace, context: CliContext) -> int:
    from interventiondesk.services.cases import find_case
    from interventiondesk.services.dashboard import FOLLOW_UP_DAYS, due_follow_ups
    from interventiondesk.services.follow_ups import task_rows

    if args.due_within is not None and args.due_within < 0:
        raise InterventionDeskError("--due-within needs a number of days, 0 or more.")
    today = date.today()
    rows: list[dict[str, Any]]
    with context.open().session() as session:
        case = find_case(session, args.case) if args.case else None
        if case is not None and not args.overdue and args.due_within is None:
            rows = [
                {
                    "id": t.id,
                    "case": case.id,
                    "reference": case.reference,
                    "title": t.title,
                    "due_on": _day(t.due_on),
                    "done_at": _moment(t.done_at),
                    "owner": t.owner,
                    "overdue": t.overdue,
                }
                for t in task_rows(session, case.id, today=today)
            ]
        else:
            rows = [
                {
                    "id": t.task_id,
                    "case": t.case_id,
                    "reference": t.reference,
                    "title": t.title,
                    "due_on": _day(t.due_on),
                    "done_at": None,
                    "owner": t.owner,
                    "overdue": t.overdue,
                }
                for t in due_follow_ups(
                    session,
                    today=today,
                    days=FOLLOW_UP_DAYS if args.due_within is None else args.due_within,
                    case_id=case.id if case else None,
                    overdue_only=args.overdue,
                )
            ]
    if args.json:
        _dump(rows)
        return 0
    if not rows:
        print("No tasks.")
        return 0
    for row in rows:
        state = "done" if row["done_at"] else ("OVERDUE" if row["overdue"] else "")
        owner = f"  ({one_line(row['owner'], 30)})" if row["owner"] else ""
        print(
            f"{row['due_on'] or 'no date':<10}  {row['reference']:<10} {state:<7}  "
            f"{one_line(row['title'], 60)}{owner}"
        )
    return 0


def run_timeline(args: argparse.Namespace, context: CliContext) -> int:
    from interventiondesk.services.timeline import case_timeline

    zone = datetime.now().astimezone().tzinfo
    with context.open().session() as session:
        entries = case_timeline(session, args.case, kinds=args.kind, zone=zone)
    if args.json:
        _dump(
            [
                {
                    "kind": e.kind.value,
                    "at": e.at.isoformat(),
                    "day": _day(e.day),
                    "record": e.record_id,
                    "subject": e.subject,
                    "code": e.code.value if e.code is not None else None,
                    "timezone": e.timezone,
                    "rating": e.rating,
                    "cancelled": e.cancelled,
                }
                for e in entries
            ]
        )
        return 0
    for e in entries:
        when = str(e.day) if e.day else e.at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        line = english_label(e.kind)
        if e.code is not None:
            line += f" ({english_label(e.code)})"
        if e.rating is not None:
            line += f" rated {e.rating}"
        if e.subject.strip():
            by = e.kind in (TimelineKind.RISK_SCREEN, TimelineKind.SAFETY_PLAN, TimelineKind.ASAM)
            line += f"{', by' if by else ':'} {one_line(e.subject, 60)}"
        if e.cancelled:
            line += " [cancelled]"
        print(f"{when:<16}  {line}")
    if not entries:
        print("Nothing dated in this case yet.")
    return 0


def run_safety_plan(args: argparse.Namespace, context: CliContext) -> int:
    from interventiondesk.services.exports import export_safety_plan

    target = context.output_path(args.output, args.yes)
    if target is None:
        print("Nothing was written.")
        return 1
    summary = export_safety_plan(
        context.open(),
        args.case,
        target,
        show_name=args.name,
        show_reference=args.reference,
        show_concerns=args.concerns,
    )
    pages = "1 page" if summary.pages == 1 else f"{summary.pages} pages: it is long"
    print(f"Wrote the safety plan to {target} ({pages}).")
    return 0


def _parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise InterventionDeskError(f"{option} needs a date written YYYY-MM-DD.") from exc


def run_stats(args: argparse.Namespace, context: CliContext) -> int:
    from interventiondesk.services.cases import find_case
    from interventiondesk.services.stats import outcome_stats

    end = _parse_day(args.end, "--to") or date.today()
    start = _parse_day(args.start, "--from") or end - timedelta(days=STATS_DAYS - 1)
    with context.open().session() as session:
        stats = outcome_stats(session, start, end)
        references = {
            case_id: find_case(session, case_id).reference
            for case_id in {*stats.held, *stats.admitted_within_30_days}
        }
    counts = stats.counts()
    if args.json:
        _dump(
            {
                "from": start.isoformat(),
                "to": end.isoformat(),
                **counts,
                "cases": {
                    name: sorted(references[c] for c in getattr(stats, name)) for name in counts
                },
            }
        )
        return 0
    print(f"Outcomes from {start} to {end}:")
    words = {
        "held": "Interventions held",
        "accepted": "Accepted",
        "partial": "Bargaining or partial yes",
        "refused": "Refused or walked out",
        "admitted_within_30_days": "Admitted within 30 days",
    }
    for name, label in words.items():
        print(f"  {label:<28} {counts[name]:>5}")
    return 0

"""``interventiondesk events`` and ``interventiondesk ics``: a case's events and calendar files."""

from __future__ import annotations

import argparse
import json
from typing import Any

from interventiondesk.cli.context import CliContext, one_line


def register(subparsers: Any) -> None:
    events = subparsers.add_parser("events", help="list a case's events with their identities")
    events.add_argument("case", metavar="CASE", help="case reference or identity")
    events.add_argument("--json", action="store_true", help="print stable JSON for scripts")
    events.set_defaults(run=run_events)

    ics = subparsers.add_parser(
        "ics",
        help="write a case's events to a calendar file (.ics)",
        description="Write one event or all of a case's events to an RFC 5545 calendar file. "
        "By default the file shows only initials and no notes.",
    )
    ics.add_argument("case", metavar="CASE", help="case reference or identity")
    ics.add_argument("-o", "--output", metavar="FILE.ics", required=True, help="file to write")
    ics.add_argument(
        "-y", "--yes", action="store_true", help="replace an existing FILE.ics without asking"
    )
    ics.add_argument(
        "--event", metavar="ID", help="only this event (see 'interventiondesk events')"
    )
    ics.add_argument(
        "--full-names",
        action="store_true",
        help="show the client's and participants' full names and the event titles",
    )
    ics.add_argument(
        "--include-notes", action="store_true", help="put the event notes in the description"
    )
    ics.set_defaults(run=run_ics)


def run_events(args: argparse.Namespace, context: CliContext) -> int:
    from interventiondesk.model import EventKind
    from interventiondesk.model.labels import english_label
    from interventiondesk.services.cases import find_case
    from interventiondesk.services.scheduling import local_start

    db = context.open()
    with db.session() as session:
        case = find_case(session, args.case)
        rows = [
            {
                "id": e.id,
                "kind": e.kind.value,
                "title": e.title,
                "starts_at": local_start(e).isoformat(),
                "timezone": e.timezone,
                "duration_minutes": e.duration_minutes,
                "place": e.place,
                "is_video": e.is_video,
                "cancelled": e.cancelled_at is not None,
            }
            for e in case.events
        ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("This case has no events yet.")
        return 0
    for row in rows:
        note = "  (cancelled)" if row["cancelled"] else ""
        kind = english_label(EventKind(str(row["kind"])))
        title = one_line(str(row["title"]), 60) or kind
        print(f"{row['id']}  {str(row['starts_at'])[:16]} {row['timezone']}  {title}{note}")
    return 0


def run_ics(args: argparse.Namespace, context: CliContext) -> int:
    from interventiondesk.export.ics import Privacy
    from interventiondesk.services.exports import export_calendar

    privacy = Privacy(full_names=args.full_names, include_notes=args.include_notes)
    target = context.output_path(args.output, args.yes)
    if target is None:
        print("Nothing was written.")
        return 1
    content = export_calendar(
        context.open(), args.case, target, event_id=args.event, privacy=privacy
    )
    count = len(content.events)
    print(f"Wrote {count} event{'s' if count != 1 else ''} to {target}")
    return 0

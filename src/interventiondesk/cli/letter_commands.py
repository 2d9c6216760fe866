"""``interventiondesk letters``: a case's reading order, and its rehearsal packet as a PDF."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from interventiondesk.cli.context import CliContext
from interventiondesk.errors import InterventionDeskError

PDF_PASSWORD_ENV = "INTERVENTIONDESK_PDF_PASSWORD"


def register(subparsers: Any) -> None:
    letters = subparsers.add_parser(
        "letters",
        help="show a case's reading order, or write its rehearsal packet (PDF)",
        description="Without -o, list the letters in reading order. With -o, write the "
        "rehearsal packet: reading order, final letters, objections and seating notes.",
    )
    letters.add_argument("case", metavar="CASE", help="case reference or identity")
    letters.add_argument("-o", "--output", metavar="FILE.pdf", help="write the packet here")
    letters.add_argument(
        "--drafts", action="store_true", help="include letters that are not final yet"
    )
    letters.add_argument(
        "--encrypt",
        action="store_true",
        help=f"protect the PDF with a password (asked for, or read from {PDF_PASSWORD_ENV})",
    )
    letters.add_argument("--json", action="store_true", help="print stable JSON for scripts")
    letters.set_defaults(run=run_letters)


def _pdf_password() -> str:
    from_env = os.environ.get(PDF_PASSWORD_ENV)
    if from_env:
        return from_env
    if not sys.stdin.isatty():
        raise InterventionDeskError(
            f"A PDF password is needed: run this at a terminal, or set {PDF_PASSWORD_ENV}."
        )
    first = getpass.getpass("Password for the PDF: ")
    if not first or first != getpass.getpass("Type the same password again: "):
        raise InterventionDeskError("The two passwords differ or are empty; nothing was written.")
    return first


def run_letters(args: argparse.Namespace, context: CliContext) -> int:
    from interventiondesk.services.cases import find_case
    from interventiondesk.services.guidance import format_duration
    from interventiondesk.services.letters import reading_order

    password = _pdf_password() if args.encrypt and args.output else None
    db = context.open()
    with db.session() as session:
        case = find_case(session, args.case)
        if args.output:
            from interventiondesk.export.rehearsal_packet import export_rehearsal_packet

            target = Path(args.output).expanduser()
            summary = export_rehearsal_packet(
                session, case.id, target, include_drafts=args.drafts, password=password
            )
            if args.json:
                print(
                    json.dumps(
                        {
                            "file": str(target),
                            "letters": summary.letters_included,
                            "left_out": summary.letters_left_out,
                            "objections": summary.objections,
                        }
                    )
                )
            else:
                left = (
                    f"; {summary.letters_left_out} not final and left out"
                    if summary.letters_left_out
                    else ""
                )
                print(
                    f"Wrote the rehearsal packet to {target} "
                    f"({summary.letters_included} letters{left})."
                )
            return 0
        slots = reading_order(session, case.id)
        rows: list[dict[str, Any]] = [
            {
                "position": number,
                "letter": slot.letter.id,
                "author": slot.author.name,
                "reader": slot.reader.name if slot.reader else None,
                "closer": slot.is_closer,
                "status": slot.letter.status.value,
                "words": slot.words,
                "seconds": slot.seconds,
            }
            for number, slot in enumerate(slots, start=1)
        ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("This case has no letters yet.")
        return 0
    for row in rows:
        reader = row["reader"] or "NO READER YET"
        via = "" if reader == row["author"] else f", read by {reader}"
        closer = " (closer)" if row["closer"] else ""
        minutes = format_duration(row["seconds"])
        print(f"{row['position']:>2}. {row['author']}{closer}{via}: {row['status']}, {minutes} min")
    return 0

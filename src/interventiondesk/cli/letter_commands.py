"""``interventiondesk letters``: a case's reading order, and its rehearsal packet as a PDF."""

from __future__ import annotations

import argparse
import json
import os
from typing import Any

from interventiondesk.cli.context import CliContext, ask_secret, one_line
from interventiondesk.errors import InterventionDeskError

PDF_PASSWORD_ENV = "INTERVENTIONDESK_PDF_PASSWORD"
MIN_PDF_PASSWORD = 8


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
    letters.add_argument(
        "-y", "--yes", action="store_true", help="replace an existing FILE.pdf without asking"
    )
    letters.set_defaults(run=run_letters)


def _pdf_password() -> str:
    """The password for an encrypted packet: from the environment, or typed twice."""
    first = ask_secret("Password for the PDF: ", PDF_PASSWORD_ENV)
    if PDF_PASSWORD_ENV not in os.environ and first != ask_secret(
        "Type the same password again: ", PDF_PASSWORD_ENV
    ):
        raise InterventionDeskError("The two passwords differ; nothing was written.")
    if len(first) < MIN_PDF_PASSWORD:
        raise InterventionDeskError(
            f"The PDF password needs at least {MIN_PDF_PASSWORD} characters; nothing was written."
        )
    return first


def run_letters(args: argparse.Namespace, context: CliContext) -> int:
    from interventiondesk.model import LetterStatus
    from interventiondesk.model.labels import english_label
    from interventiondesk.services.cases import find_case
    from interventiondesk.services.letters import reading_order
    from interventiondesk.times import format_duration

    if args.encrypt and not args.output:
        raise InterventionDeskError("--encrypt needs -o FILE.pdf: it protects the written packet.")
    target = context.output_path(args.output, args.yes) if args.output else None
    if args.output and target is None:
        print("Nothing was written.")
        return 1
    password = _pdf_password() if args.encrypt else None
    db = context.open()
    if target is not None:
        from interventiondesk.services.exports import export_rehearsal_packet

        summary = export_rehearsal_packet(
            db, args.case, target, include_drafts=args.drafts, password=password
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
                f"({summary.letters_included} letter"
                f"{'' if summary.letters_included == 1 else 's'}{left})."
            )
        return 0
    with db.session() as session:
        case = find_case(session, args.case)
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
        reader = one_line(row["reader"], 40) if row["reader"] else "NO READER YET"
        author = one_line(row["author"], 40)
        via = "" if reader == author else f", read by {reader}"
        closer = " (closer)" if row["closer"] else ""
        minutes = format_duration(row["seconds"])
        status = english_label(LetterStatus(row["status"])).lower()
        print(f"{row['position']:>2}. {author}{closer}{via}: {status}, {minutes} min")
    return 0

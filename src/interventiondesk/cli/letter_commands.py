"""``interventiondesk letters``: a case's reading order, and its rehearsal packet as a PDF."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

from interventiondesk.cli.context import CliContext, ask_secret, may_replace, one_line
from interventiondesk.errors import InterventionDeskError
from interventiondesk.export.pdf_common import MIN_PDF_PASSWORD

PDF_PASSWORD_ENV = "INTERVENTIONDESK_PDF_PASSWORD"


def register(subparsers: Any) -> None:
    letters = subparsers.add_parser(
        "letters",
        help="show a case's reading order, or write its rehearsal packet (PDF)",
        description="Without -o, list the letters in reading order. With -o, write the "
        "rehearsal packet: a cover with the meeting, the team and the reading order, every "
        "letter on pages of its own (drafts included and marked), objections and seating notes. "
        "With --reading-copies, write one PDF per reader holding only the letters they read.",
    )
    letters.add_argument("case", metavar="CASE", help="case reference or identity")
    letters.add_argument("-o", "--output", metavar="FILE.pdf", help="write the packet here")
    which = letters.add_mutually_exclusive_group()
    which.add_argument(
        "--drafts",
        action="store_true",
        help="include letters that are not final yet, marked as drafts (the default)",
    )
    which.add_argument(
        "--final-only",
        action="store_true",
        help="only final letters (the meeting copy); the others are named but left out",
    )
    letters.add_argument(
        "--reading-copies",
        metavar="DIR",
        help="also write one reading copy per reader into DIR "
        "(reading-copy-REFERENCE-N.pdf, N counting readers in reading order)",
    )
    letters.add_argument(
        "--encrypt",
        action="store_true",
        help="protect the PDF (and the reading copies) with a password (asked for, or read "
        f"from {PDF_PASSWORD_ENV})",
    )
    letters.add_argument("--json", action="store_true", help="print stable JSON for scripts")
    letters.add_argument(
        "-y",
        "--yes",
        action="store_true",
        help="replace an existing FILE.pdf or reading copies without asking",
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


def _copies_folder(raw: str, context: CliContext) -> Path:
    folder = Path(raw).expanduser()
    if not folder.is_dir():
        raise InterventionDeskError(
            "The folder for the reading copies does not exist (or is a file). Choose an "
            "existing folder."
        )
    context.output_path(str(folder / "reading-copy.pdf"), True)  # refuses the workspace
    return folder


def _may_replace_copies(paths: list[Path], yes: bool) -> bool:
    return all(may_replace(path, yes) for path in paths if path.exists())


def run_letters(args: argparse.Namespace, context: CliContext) -> int:
    from interventiondesk.model import LetterStatus
    from interventiondesk.model.labels import english_label
    from interventiondesk.services.cases import find_case
    from interventiondesk.services.letters import reading_order
    from interventiondesk.times import format_duration

    writes = bool(args.output or args.reading_copies)
    if args.encrypt and not writes:
        raise InterventionDeskError(
            "--encrypt needs -o FILE.pdf or --reading-copies DIR: it protects what is written."
        )
    if args.final_only and not writes:
        raise InterventionDeskError("--final-only needs -o FILE.pdf or --reading-copies DIR.")
    target = context.output_path(args.output, args.yes) if args.output else None
    if args.output and target is None:
        print("Nothing was written.")
        return 1
    folder = _copies_folder(args.reading_copies, context) if args.reading_copies else None
    password = _pdf_password() if args.encrypt else None
    db = context.open()
    if writes:
        from interventiondesk.services.exports import (
            export_rehearsal_packet,
            reading_copy_paths,
        )

        include_drafts = not args.final_only
        if folder is not None:
            with db.session() as session:
                planned = reading_copy_paths(
                    session, args.case, folder, include_drafts=include_drafts
                )
            if not _may_replace_copies(planned, args.yes):
                print("Nothing was written.")
                return 1
        done = export_rehearsal_packet(
            db,
            args.case,
            target,
            include_drafts=include_drafts,
            password=password,
            reading_copies_in=folder,
        )
        if args.json:
            report: dict[str, Any] = {
                "file": str(target) if target is not None else None,
                "letters": done.letters_included,
                "left_out": done.letters_left_out,
                "objections": done.objections,
            }
            if folder is not None:
                report["reading_copies"] = [
                    {"file": str(copy.path), "reader": copy.reader, "letters": copy.letters}
                    for copy in done.reading_copies
                ]
            print(json.dumps(report, ensure_ascii=False))
            return 0
        if target is not None:
            left = (
                f"; {done.letters_left_out} not final and left out" if done.letters_left_out else ""
            )
            drafts = done.summary.drafts_included
            marked = f"; {drafts} marked as draft{'' if drafts == 1 else 's'}" if drafts else ""
            print(
                f"Wrote the rehearsal packet to {target} "
                f"({done.letters_included} letter"
                f"{'' if done.letters_included == 1 else 's'}{marked}{left})."
            )
        for copy in done.reading_copies:
            count = f"{copy.letters} letter{'' if copy.letters == 1 else 's'}"
            print(f"Wrote {copy.path.name} for {one_line(copy.reader, 40)} ({count}).")
        if done.reading_copies and done.letters_without_reader:
            missing = done.letters_without_reader
            print(
                f"{missing} letter{' has' if missing == 1 else 's have'} no reader yet and "
                f"{'is' if missing == 1 else 'are'} in no reading copy."
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

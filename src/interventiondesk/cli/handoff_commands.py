"""``interventiondesk handoff`` (the therapist handoff PDF, recorded as a disclosure) and
``interventiondesk disclosures`` (the accounting of a case's disclosures)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from interventiondesk.cli.context import CliContext, one_line, safe
from interventiondesk.cli.letter_commands import PDF_PASSWORD_ENV, _pdf_password
from interventiondesk.errors import InterventionDeskError
from interventiondesk.export.pdf_common import MIN_PDF_PASSWORD
from interventiondesk.model.enums import HandoffSection


def register(subparsers: Any) -> None:
    handoff = subparsers.add_parser(
        "handoff",
        help="write the therapist handoff PDF (checked against the case's consents, and "
        "recorded as a disclosure)",
        description="Write the handoff for the client's next therapist. The header, the "
        "client's identifiers and a description of the consent always go in; the sections "
        "(by default every one the consent covers for that recipient) follow. Refused when no "
        "active consent covers the recipient and the sections, unless --override-reason says "
        "why it must go anyway. Every handoff written is recorded as a disclosure (see "
        "'interventiondesk disclosures').",
    )
    handoff.add_argument("case", metavar="CASE", help="case reference or identity")
    handoff.add_argument(
        "-o", "--output", metavar="FILE.pdf", required=True, help="the file to write"
    )
    handoff.add_argument(
        "--recipient",
        metavar="NAME",
        help="who receives it, as the consent names them (default: the recipient of the "
        "case's one active consent)",
    )
    handoff.add_argument(
        "--sections",
        metavar="LIST",
        help="the sections to include, separated by commas: "
        + ", ".join(section.value for section in HandoffSection)
        + " (default: every section the consent covers)",
    )
    handoff.add_argument(
        "--override-reason",
        metavar="TEXT",
        help="send it although no consent covers all of it, for this reason (kept with the "
        "disclosure and printed in the handoff; the audit trail notes that an override was made)",
    )
    secret = handoff.add_mutually_exclusive_group()
    secret.add_argument(
        "--password-file",
        metavar="FILE",
        help="protect the PDF with the password in the first line of FILE",
    )
    secret.add_argument(
        "--encrypt",
        action="store_true",
        help=f"protect the PDF with a password (asked for, or read from {PDF_PASSWORD_ENV})",
    )
    handoff.add_argument(
        "-y", "--yes", action="store_true", help="replace an existing FILE.pdf without asking"
    )
    handoff.set_defaults(run=run_handoff)

    disclosures = subparsers.add_parser(
        "disclosures",
        help="the accounting of a case's disclosures: who received what, when and why",
    )
    disclosures.add_argument("case", metavar="CASE", help="case reference or identity")
    disclosures.add_argument("--json", action="store_true", help="print stable JSON for scripts")
    disclosures.add_argument(
        "-o", "--output", metavar="FILE.pdf", help="write the accounting as a PDF for the client"
    )
    disclosures.add_argument(
        "-y", "--yes", action="store_true", help="replace an existing FILE.pdf without asking"
    )
    disclosures.set_defaults(run=run_disclosures)


def _sections(raw: str) -> frozenset[HandoffSection]:
    names = [name.strip() for name in raw.split(",") if name.strip()]
    known = {section.value for section in HandoffSection}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise InterventionDeskError(
            f"Unknown section '{one_line(unknown[0], 40)}'. The sections are: "
            + ", ".join(sorted(known))
            + "."
        )
    return frozenset(HandoffSection(name) for name in names)


def _password_from_file(raw: str) -> str:
    try:
        lines = Path(raw).expanduser().read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InterventionDeskError(
            "The password file cannot be read (it must exist and hold UTF-8 text); nothing "
            "was written."
        ) from exc
    password = lines[0] if lines else ""
    if len(password) < MIN_PDF_PASSWORD:
        raise InterventionDeskError(
            f"The password in the password file needs at least {MIN_PDF_PASSWORD} characters; "
            "nothing was written."
        )
    return password


def _recipient(db: Any, case: str) -> str:
    from interventiondesk.services.handoff import handoff_choices

    with db.session() as session:
        choices = handoff_choices(session, case)
    if len(choices.recipients) == 1:
        return choices.recipients[0]
    if not choices.recipients:
        raise InterventionDeskError(
            f"No active consent of case {choices.reference} names a recipient, so the handoff "
            "has no one to go to. Record a consent, or name the recipient with --recipient "
            "(and say why with --override-reason)."
        )
    listed = "; ".join(one_line(name, 60) for name in choices.recipients)
    raise InterventionDeskError(
        f"The active consents of case {choices.reference} name {len(choices.recipients)} "
        f"recipients: {listed}. Choose one with --recipient."
    )


def run_handoff(args: argparse.Namespace, context: CliContext) -> int:
    from interventiondesk.services.handoff import (
        HandoffRequest,
        check_handoff,
        export_handoff,
    )

    chosen = _sections(args.sections) if args.sections is not None else None
    target = context.output_path(args.output, args.yes)
    if target is None:
        print("Nothing was written.")
        return 1
    password = None
    if args.password_file:
        password = _password_from_file(args.password_file)
    elif args.encrypt:
        password = _pdf_password()
    db = context.open()
    recipient = args.recipient.strip() if args.recipient else _recipient(db, args.case)
    if chosen is None:
        with db.session() as session:
            chosen = check_handoff(session, args.case, recipient, frozenset()).allowed
    request = HandoffRequest(recipient, chosen, args.override_reason or "", password)
    row = export_handoff(db, args.case, target, request)
    from interventiondesk.export.handoff_sections import SECTION_TITLES

    titles = [SECTION_TITLES[s] for s in row.sections] or ["no optional section"]
    print(f"Wrote the handoff for {one_line(row.recipient, 60)} to {target}.")
    print("Sections: " + "; ".join(titles) + ".")
    if row.override_reason:
        print("Sent under an override; its reason is recorded with the disclosure.")
    else:
        print(f"Under the consent: {safe(row.consent)}.")
    print(f"Recorded as disclosure {row.id} (SHA-256 {row.sha256}).")
    return 0


def _row_json(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "disclosed_at": row.disclosed_at.isoformat(),
        "disclosed_by": row.disclosed_by,
        "recipient": row.recipient,
        "sections": [section.value for section in row.sections],
        "purpose": row.purpose,
        "consent_id": row.consent_id,
        "override_reason": row.override_reason or None,
        "sha256": row.sha256,
    }


def run_disclosures(args: argparse.Namespace, context: CliContext) -> int:
    from interventiondesk.services.disclosures import disclosures_view, export_accounting

    target = context.output_path(args.output, args.yes) if args.output else None
    if args.output and target is None:
        print("Nothing was written.")
        return 1
    db = context.open()
    with db.session() as session:
        view = disclosures_view(session, args.case)
    if target is not None:
        count = export_accounting(db, view.case_id, target)
        if not args.json:
            print(
                f"Wrote the accounting of disclosures of case {view.reference} to {target} "
                f"({count} disclosure{'' if count == 1 else 's'})."
            )
    if args.json:
        print(json.dumps([_row_json(row) for row in view.rows], ensure_ascii=False, indent=2))
        return 0
    if target is not None:
        return 0
    if not view.rows:
        print(f"Nothing from case {view.reference} has been disclosed.")
        return 0
    for row in view.rows:
        when = row.disclosed_at.astimezone().strftime("%Y-%m-%d %H:%M")
        under = (
            f"override: {one_line(row.override_reason, 60)}"
            if row.override_reason
            else one_line(row.consent or "a consent no longer on file", 70)
        )
        print(f"{when}  to {one_line(row.recipient, 50)}  by {one_line(row.disclosed_by, 30)}")
        print(f"    sections: {', '.join(s.value for s in row.sections) or '-'}")
        print(f"    under {under}")
        print(f"    sha256 {row.sha256}")
    return 0

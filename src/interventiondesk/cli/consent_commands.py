"""``consents``: a case's consents, their status and expiry, and what each does not name yet."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from interventiondesk.cli.context import CliContext, one_line
from interventiondesk.model.enums import HandoffSection
from interventiondesk.model.labels import english_label

if TYPE_CHECKING:
    from interventiondesk.services.consents_view import ConsentRow


def register(subparsers: Any) -> None:
    consents = subparsers.add_parser(
        "consents",
        help="a case's consents to disclose: status, expiry, what each covers and lacks",
        description="Every consent of the case in the order it was entered: its kind, status "
        "(active, not yet signed, expired, revoked), expiry and the warning 30, 14 or 7 days "
        "before it, recipients, the handoff sections it covers, the elements it does not name "
        "yet, and how many disclosures were made under it.",
    )
    consents.add_argument("case", metavar="CASE", help="case reference or identity")
    consents.add_argument("--json", action="store_true", help="print stable JSON for scripts")
    consents.set_defaults(run=run_consents)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _as_json(row: ConsentRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "kind": row.kind.value,
        "status": row.status.value,
        "patient": row.patient_name,
        "discloser": row.discloser,
        "information": row.information,
        "recipients": list(row.recipient_lines),
        "purpose": row.purpose,
        "revocation_explained": row.revocation_explained,
        "expires_on": _day(row.expires_on),
        "expiry_event": row.expiry_event,
        "days_left": row.days_left,
        "expiry_warning": row.expiry_warning,
        "signed_by": row.signed_by,
        "signed_on": _day(row.signed_on),
        "signature_method": row.signature_method,
        "revoked_on": _day(row.revoked_on),
        "sections": [s.value for s in HandoffSection if s in row.sections],
        "missing": list(row.missing),
        "disclosures": row.disclosures,
    }


def _expiry(row: ConsentRow) -> str:
    parts = []
    if row.expires_on is not None:
        parts.append(f"expires {row.expires_on}")
    if row.expiry_event.strip():
        parts.append(f"ends on: {one_line(row.expiry_event, 50)}")
    text = "; ".join(parts) or "no expiry given"
    if row.expiry_warning is not None and row.days_left is not None:
        text += " (today)" if row.days_left == 0 else f" (in {row.days_left} days)"
    return text


def _print_row(number: int, row: ConsentRow) -> None:
    from interventiondesk.services.consents import ELEMENT_CODES

    status = english_label(row.status)
    if row.revoked_on is not None:
        status += f" on {row.revoked_on}"
    print(f"{number}. {english_label(row.kind)}: {status}, {_expiry(row)}")
    print(f"   Id: {row.id}")
    recipients = "; ".join(one_line(r, 60) for r in row.recipient_lines) or "none named"
    print(f"   Recipients: {recipients}")
    covered = [english_label(s) for s in HandoffSection if s in row.sections]
    print(f"   Covers: {', '.join(covered) or 'no handoff section yet'}")
    if row.signed_on is not None or row.signed_by.strip():
        how = f" ({one_line(row.signature_method, 40)})" if row.signature_method.strip() else ""
        who = one_line(row.signed_by, 40) or "someone not named"
        print(f"   Signed by {who} on {row.signed_on or 'no date'}{how}")
    if row.missing:
        words = dict(ELEMENT_CODES)
        print("   Does not yet name: " + ", ".join(words[code] for code in row.missing))
    if row.disclosures:
        times = "1 disclosure" if row.disclosures == 1 else f"{row.disclosures} disclosures"
        print(f"   {times} made under it")


def run_consents(args: argparse.Namespace, context: CliContext) -> int:
    from interventiondesk.services.consents_view import consents_view

    with context.open().session() as session:
        view = consents_view(session, args.case)
    if args.json:
        data = {
            "case": view.case_id,
            "reference": view.reference,
            "today": view.today.isoformat(),
            "consents": [_as_json(row) for row in view.consents],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    count = len(view.consents)
    print(f"Case {view.reference}: {count} consent{'' if count == 1 else 's'}")
    if not view.consents:
        print("No consent is on file: nothing may be disclosed yet.")
    for number, row in enumerate(view.consents, start=1):
        _print_row(number, row)
    numbers = {row.id: number for number, row in enumerate(view.consents, start=1)}
    for row in view.warnings:
        when = "today" if row.days_left == 0 else f"in {row.days_left} days"
        print(f"Warning: consent {numbers[row.id]} ({english_label(row.kind)}) expires {when}.")
    return 0

"""``export-case`` and ``import-case``: one whole case to and from a documented JSON file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from interventiondesk.cli.context import CliContext, safe


def register(subparsers: Any) -> None:
    export = subparsers.add_parser(
        "export-case",
        help="write one whole case to a JSON case file (see docs/case-format.md)",
        description=(
            "Write one whole case to a case file. The file is NOT encrypted: keep it safe and "
            "delete it when it has served its purpose. An existing file is replaced only after "
            "you confirm at a terminal, or with --yes."
        ),
    )
    export.add_argument("case", metavar="CASE", help="the case's reference (IN-...) or identity")
    export.add_argument(
        "-o", "--output", metavar="FILE.json", required=True, help="the case file to write"
    )
    export.add_argument(
        "-y",
        "--yes",
        "--force",
        dest="yes",
        action="store_true",
        help="replace FILE.json if it exists, without asking",
    )
    export.set_defaults(run=run_export_case)

    imported = subparsers.add_parser(
        "import-case",
        help="add the case in a JSON case file (never overwrites: a copy is made if needed)",
    )
    imported.add_argument("file", metavar="FILE.json", help="the case file to import")
    imported.set_defaults(run=run_import_case)


def run_export_case(args: argparse.Namespace, context: CliContext) -> int:
    from interventiondesk.services.cases import find_case
    from interventiondesk.services.exports import export_case_file

    path = context.output_path(args.output, args.yes)
    if path is None:
        print("Nothing was written.")
        return 1
    db = context.open()
    with db.session(write=True) as session:
        case = find_case(session, args.case)
        reference, case_id = case.reference, case.id
    export_case_file(db, case_id, path)
    print(f"Exported case {safe(reference)} to {path}.")
    print("The file is not encrypted: keep it safe, and delete it when it is no longer needed.")
    return 0


def run_import_case(args: argparse.Namespace, context: CliContext) -> int:
    from interventiondesk.services.case_files import import_case_file

    context.require_real_workspace("importing a real case")
    db = context.open()
    with db.session(write=True) as session:
        case, was_copy = import_case_file(session, Path(args.file).expanduser())
        reference = case.reference
    if was_copy:
        print(
            f"This case (or part of it) is already in the workspace, so a copy was imported "
            f"as {safe(reference)}, with new identities; the existing case was not changed."
        )
    else:
        print(f"Imported case {safe(reference)}.")
    return 0

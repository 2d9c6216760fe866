"""File > Export case… and Import case…: one whole case to or from a case file.

The same use cases as ``interventiondesk export-case`` and ``import-case``, with the same
guarantees: an export never replaces a file unasked and never lands in the workspace folder; an
import is all or nothing, and a case that is already here comes in as a copy, never over it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from interventiondesk.gui.shared.widgets import ask_save_path, busy_cursor

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from interventiondesk.gui.shell.window_protocol import CaseWindow

FILTER = "Case files (*.json)"


def ask_and_export(window: CaseWindow) -> Path | None:
    """Ask where to save the open case as a case file, then write it."""
    case_id = window.open_case_id
    if case_id is None or not window.flush():
        return None
    reference = window.case_reference(case_id) or "case"
    target = ask_save_path(
        window.window(),
        window.tr("Export case"),
        Path.home() / f"{reference}.json",
        window.tr(FILTER),
        ".json",
    )
    return None if target is None else export_to(window, case_id, target)


def export_to(window: CaseWindow, case_id: str, target: Path) -> Path | None:
    """Write the case to ``target`` (audited with the write); tell the counselor it is not
    encrypted. Returns the file, or None when it could not be written (said in the window)."""
    from interventiondesk.services.exports import export_case_file

    with busy_cursor():
        done = window.state.run(lambda db: export_case_file(db, case_id, target))
    if done is None:
        return None
    window.statusBar().showMessage(
        window.tr(
            "Exported the case to {name}. The file is not encrypted: keep it safe, and delete it "
            "when it is no longer needed."
        ).format(name=target.name),
        15000,
    )
    return target


def ask_and_import(window: CaseWindow) -> str | None:
    """Ask for a case file, then import it."""
    if not window.attached or not window.flush():
        return None
    chosen, _filter = QFileDialog.getOpenFileName(
        window.window(), window.tr("Import case"), str(Path.home()), window.tr(FILTER)
    )
    return import_from(window, Path(chosen)) if chosen else None


def import_from(window: CaseWindow, source: Path) -> str | None:
    """Import the case in ``source`` and open it. Returns its id, or None when it was refused
    (said in the window; nothing was changed)."""
    from interventiondesk.services.case_files import import_case_file

    if window.state.is_demo:
        QMessageBox.information(
            window.window(),
            window.tr("Import case"),
            window.tr(
                "The demo workspace keeps its key in the clear, so it takes no real case. Open "
                "your own workspace to import a case."
            ),
        )
        return None

    def bring_in(session: Session) -> tuple[str, str, bool]:
        case, was_copy = import_case_file(session, source)
        return case.id, case.reference, was_copy

    with busy_cursor():
        imported = window.state.write(bring_in)
    if imported is None:
        return None
    case_id, reference, was_copy = imported
    window.reload_cases()
    window.open_case(case_id)
    if was_copy:
        text = window.tr(
            "This case (or part of it) was already here, so a copy was imported as {reference}, "
            "with new identities; the existing case was not changed."
        )
    else:
        text = window.tr("Imported case {reference}.")
    window.statusBar().showMessage(text.format(reference=reference), 15000)
    return case_id

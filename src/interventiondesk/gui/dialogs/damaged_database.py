"""At open, a damaged database: the newest good backup is offered, saying how old it is, and
restored only on the counselor's yes (the damaged file is moved aside, never deleted)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from interventiondesk.gui.shared.background import wait_for
from interventiondesk.gui.shared.date_fields import format_age, format_moment

if TYPE_CHECKING:
    from interventiondesk.storage.database import Database
    from interventiondesk.storage.workspace import Workspace


def tr(text: str) -> str:
    return QCoreApplication.translate("DamagedDatabase", text)


def offer_newest_backup(
    workspace: Workspace, data_key: bytes, parent: QWidget, folders: list[Path]
) -> tuple[Database, str] | None:
    """Ask whether to restore the newest good backup (looked for in ``folders``, the backup
    folder the window last knew, and in backups/); the restored database and a note to show
    once the window is open, or None when there is no good backup or the answer is no (then
    no file was changed)."""
    from interventiondesk.services import backups

    found = wait_for(
        lambda: backups.newest_sound_backup(workspace, data_key, folders),
        parent,
        tr("Looking for a good backup…"),
    )
    if found is None:
        return None
    backup, contents = found
    age = format_age(datetime.now(UTC) - backup.taken_at)
    question = QMessageBox(
        QMessageBox.Icon.Warning,
        tr("The workspace database is damaged"),
        tr(
            "The workspace database is damaged, so it cannot be opened as it is. The newest "
            "good backup was taken on {when}, {age} ago, and holds {cases} cases. Restore it? "
            "Whatever was saved after it is lost; the damaged database is kept in the backups "
            "folder, not deleted."
        ).format(when=format_moment(backup.taken_at), age=age, cases=contents.cases),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    question.button(QMessageBox.StandardButton.Yes).setText(tr("&Restore the backup"))
    question.button(QMessageBox.StandardButton.No).setText(tr("&Leave it as it is"))
    question.setDefaultButton(QMessageBox.StandardButton.No)
    if question.exec() != QMessageBox.StandardButton.Yes:
        return None
    key_bytes = workspace.key_file_bytes()
    database, restored = wait_for(
        lambda: backups.restore_where_none(workspace, backup.path, data_key, key_bytes),
        parent,
        tr("Restoring the backup…"),
    )
    note = tr(
        "The workspace was restored from the backup taken on {when} ({cases} cases). The "
        "damaged database was kept as {name} in the backups folder."
    ).format(
        when=format_moment(backup.taken_at),
        cases=restored.contents.cases,
        name=restored.safety_copy.name if restored.safety_copy else "",
    )
    return database, note

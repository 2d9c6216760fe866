"""The workspace check: the database read whole, SQLCipher's page check, the schema version,
the key file and its copy, the audit chain and the backups; one finding per line."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from interventiondesk.errors import DamagedWorkspace, InterventionDeskError
from interventiondesk.services import audit
from interventiondesk.services.backups import backup_folder
from interventiondesk.storage import migrate
from interventiondesk.storage.backup import newest_backup_age
from interventiondesk.storage.database import Database, raw_connect
from interventiondesk.storage.files import read_small_regular_file
from interventiondesk.storage.keys import MAX_KEY_FILE_BYTES, KeyFile
from interventiondesk.storage.workspace import Workspace


@dataclass(frozen=True)
class Finding:
    ok: bool
    text: str
    code: str
    """A stable name for scripts (``integrity``, ``cipher``, ``schema``, ``key-file``, ...)."""


def check_key_files(workspace: Workspace) -> list[Finding]:
    """keys.json and its copy: each sound, and the two the same."""
    findings: list[Finding] = []
    contents: dict[str, bytes] = {}
    for code, path, name in (
        ("key-file", workspace.key_path, "The key file (keys.json)"),
        ("key-copy", workspace.key_copy_path, "The key file's copy (backups/keys-copy.json)"),
    ):
        if not os.path.lexists(path):
            findings.append(Finding(False, f"{name} is missing.", code))
            continue
        try:
            KeyFile.read(path)
            contents[code] = read_small_regular_file(path, MAX_KEY_FILE_BYTES)
        except (DamagedWorkspace, OSError, ValueError):
            findings.append(Finding(False, f"{name} is damaged.", code))
            continue
        findings.append(Finding(True, f"{name} is sound.", code))
    if len(contents) == 2:
        same = contents["key-file"] == contents["key-copy"]
        findings.append(
            Finding(True, "The key file and its copy are the same.", "key-copies-equal")
            if same
            else Finding(
                False,
                "The key file and its copy differ (the copy is brought up to date at the next "
                "unlock).",
                "key-copies-equal",
            )
        )
    return findings


def check_database(workspace: Workspace, data_key: bytes) -> list[Finding]:
    """The database read whole (integrity_check), every page's authentication code
    (cipher_integrity_check) and the schema version. Writes nothing."""
    try:
        conn = raw_connect(workspace.database_path, data_key)
    except sqlcipher.Error:
        return [Finding(False, "The database file cannot be opened.", "integrity")]
    try:
        try:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            cipher = [row[0] for row in conn.execute("PRAGMA cipher_integrity_check")]
        except sqlcipher.DatabaseError:
            return [
                Finding(
                    False,
                    "The database is damaged, or it does not open with this workspace's key.",
                    "integrity",
                )
            ]
        findings = [
            Finding(True, "The database passed SQLite's integrity check.", "integrity")
            if result == ["ok"]
            else Finding(
                False,
                f"The database failed SQLite's integrity check ({len(result)} problems).",
                "integrity",
            ),
            Finding(True, "Every page of the database is authentic (SQLCipher).", "cipher")
            if not cipher
            else Finding(
                False,
                f"{len(cipher)} pages of the database fail SQLCipher's authentication check.",
                "cipher",
            ),
        ]
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        except sqlcipher.Error:
            revision = None
    finally:
        conn.close()
    if revision == migrate.HEAD_REVISION:
        findings.append(Finding(True, f"The schema is the current one ({revision}).", "schema"))
    elif revision in migrate.SCHEMA_REVISIONS:
        findings.append(
            Finding(True, f"The schema ({revision}) is upgraded at the next unlock.", "schema")
        )
    elif revision is None:
        findings.append(Finding(False, "The database holds no schema version.", "schema"))
    else:
        findings.append(
            Finding(False, f"The schema ({revision}) is from a newer version.", "schema")
        )
    return findings


def check_audit_chain(db: Database) -> Finding:
    with db.session() as session:
        problems = audit.verify(session)
        count = audit.count(session)
    if not problems:
        entries = f"{count} entr{'y' if count == 1 else 'ies'}"
        return Finding(True, f"The audit trail is intact ({entries}).", "audit")
    first = problems[0]
    return Finding(
        False, f"The audit trail is broken at entry {first.seq}: it {first.reason}.", "audit"
    )


def check_backups(folders: list[Path]) -> Finding:
    age = newest_backup_age(folders)
    if age is None:
        return Finding(False, "There is no backup yet.", "backups")
    days = age.days
    if age > timedelta(days=7):
        return Finding(False, f"The newest backup is {days} days old.", "backups")
    when = "less than a day" if days == 0 else f"{days} day{'s' if days != 1 else ''}"
    return Finding(True, f"The newest backup is {when} old.", "backups")


def check_workspace(workspace: Workspace, data_key: bytes) -> list[Finding]:
    """Everything ``interventiondesk check`` reports, in order; the audit chain only when the
    database is sound. A sound check is recorded in the audit trail."""
    findings = check_key_files(workspace) + check_database(workspace, data_key)
    if not all(f.ok for f in findings if f.code in ("integrity", "cipher", "schema")):
        return findings
    try:
        db = workspace.open_with_data_key(data_key)
    except InterventionDeskError as exc:
        return [*findings, Finding(False, str(exc), "open")]
    try:
        findings.append(check_audit_chain(db))
        findings.append(check_backups([backup_folder(db, workspace), workspace.backup_folder]))
        with db.session(write=True) as session:
            audit.record(session, "workspace.checked", detail="command line")
    finally:
        db.close()
    return findings

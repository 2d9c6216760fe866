"""The workspace check: one finding per part, and a problem found wherever one is."""

from __future__ import annotations

from sqlalchemy import update

from interventiondesk.model import AuditEvent
from interventiondesk.services import backups, checks
from interventiondesk.services.cases import create_case
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE


def _by_code(findings: list[checks.Finding]) -> dict[str, checks.Finding]:
    return {f.code: f for f in findings}


def test_a_sound_workspace_has_no_problem(workspace: Workspace) -> None:
    db = workspace.unlock(PASSPHRASE)
    backups.make_backup(workspace, db, "manual")
    db.close()
    findings = checks.check_workspace(workspace, workspace.data_key(PASSPHRASE))
    assert [f.code for f in findings] == [
        "key-file",
        "key-copy",
        "key-copies-equal",
        "integrity",
        "cipher",
        "schema",
        "audit",
        "backups",
    ]
    assert all(f.ok for f in findings), findings


def test_key_file_problems(workspace: Workspace) -> None:
    workspace.key_copy_path.unlink()
    assert not _by_code(checks.check_key_files(workspace))["key-copy"].ok
    workspace.key_copy_path.write_bytes(workspace.key_path.read_bytes() + b" ")
    found = _by_code(checks.check_key_files(workspace))
    assert found["key-copy"].ok and not found["key-copies-equal"].ok
    workspace.key_path.write_text("[]")
    assert not _by_code(checks.check_key_files(workspace))["key-file"].ok


def test_a_damaged_database_and_a_changed_audit_entry_are_found(workspace: Workspace) -> None:
    db = workspace.unlock(PASSPHRASE)
    with db.session() as session:
        for n in range(30):
            create_case(session, client_name=f"Person {n}", kind="family", model="systemic")
        session.execute(update(AuditEvent).where(AuditEvent.seq == 3).values(actor="someone"))
    db.close()
    key = workspace.data_key(PASSPHRASE)
    found = _by_code(checks.check_workspace(workspace, key))
    assert found["integrity"].ok and not found["audit"].ok
    assert "entry 3" in found["audit"].text
    data = bytearray(workspace.database_path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    workspace.database_path.write_bytes(bytes(data))
    found = _by_code(checks.check_workspace(workspace, key))
    assert not (found["integrity"].ok and found["cipher"].ok)
    assert "audit" not in found  # not read from a damaged database

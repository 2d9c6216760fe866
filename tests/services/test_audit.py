"""The audit trail: who did what and when, chained so that tampering shows."""

from __future__ import annotations

from sqlalchemy import text

from interventiondesk.services import audit, settings
from interventiondesk.services.cases import create_case
from interventiondesk.storage.database import Database


def test_events_chain_and_verify(db: Database) -> None:
    with db.session() as s:
        settings.put(s, settings.COUNSELOR_NAME, "Dr. Example")
        case = create_case(s, client_name="Secret Client Name", kind="crisis", model="johnson")
        audit.record(s, "case.exported", case_id=case.id, detail="format=1.0")
    with db.session() as s:
        events = audit.events_for_case(s, case.id)
        assert [e.action for e in events] == ["case.created", "case.exported"]
        assert events[1].prev_hash == events[0].hash
        assert all(e.actor == "Dr. Example" for e in events)
        assert all("Secret" not in e.detail for e in events)
        assert audit.verify(s) == []


def test_tampering_is_detected(db: Database) -> None:
    with db.session() as s:
        for _ in range(3):
            create_case(s, client_name="A B", kind="family", model="systemic")
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET action = 'case.restored' WHERE seq = 2"))
    with db.session() as s:
        problems = audit.verify(s)
    assert [p.seq for p in problems] == [2]
    assert "changed" in problems[0].reason


def test_deleted_event_breaks_the_chain(db: Database) -> None:
    with db.session() as s:
        for _ in range(3):
            create_case(s, client_name="A B", kind="family", model="systemic")
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE seq = 2"))
    with db.session() as s:
        assert [p.seq for p in audit.verify(s)] == [3]


def test_actor_falls_back_to_the_system_user(db: Database) -> None:
    import getpass

    with db.session() as s:
        assert audit.current_actor(s) == getpass.getuser()
        settings.put(s, settings.COUNSELOR_NAME, "Dr. Named")
        assert audit.current_actor(s) == "Dr. Named"


def test_events_and_count(db: Database) -> None:
    with db.session() as session:
        a = create_case(session, client_name="Audit One", kind="family", model="systemic")
        create_case(session, client_name="Audit Two", kind="family", model="systemic")
        audit.record(session, "workspace.backup", detail="manual: x.db")
    with db.session() as session:
        assert audit.count(session) == 3
        assert [e.action for e in audit.events(session)] == [
            "case.created",
            "case.created",
            "workspace.backup",
        ]
        assert [e.case_id for e in audit.events(session, a.id)] == [a.id]


def test_an_entry_repeating_the_last_one_is_not_written_again(db: Database) -> None:
    with db.session() as s:
        case = create_case(s, client_name="A B", kind="family", model="systemic")
        first = audit.record_unless_repeated(s, "consent.changed", case_id=case.id, detail="x: a")
        again = audit.record_unless_repeated(s, "consent.changed", case_id=case.id, detail="x: a")
        other = audit.record_unless_repeated(s, "consent.changed", case_id=case.id, detail="x: b")
        back = audit.record_unless_repeated(s, "consent.changed", case_id=case.id, detail="x: a")
        assert first is not None and again is None and other is not None and back is not None
        assert [e.detail for e in audit.events_for_case(s, case.id)][1:] == ["x: a", "x: b", "x: a"]
        assert audit.verify(s) == []

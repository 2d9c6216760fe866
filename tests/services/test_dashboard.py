"""The dashboard's counts and its lists of what is coming up or due, on a real workspace."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from interventiondesk.model import Case, CaseStatus, FollowUpTask
from interventiondesk.services.cases import archive_case, create_case, list_cases, update_case
from interventiondesk.services.dashboard import due_follow_ups, status_counts
from interventiondesk.storage.database import Database

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
TODAY = date(2026, 11, 28)


def _case(db: Database, name: str, status: CaseStatus = CaseStatus.INTAKE) -> str:
    with db.session() as s:
        case = create_case(s, client_name=name, kind="planned", model="love_first")
        update_case(s, case.id, {"status": status})
        return case.id


def test_status_counts_cover_every_status_and_skip_archived(db: Database) -> None:
    _case(db, "A", CaseStatus.PLANNING)
    _case(db, "B", CaseStatus.PLANNING)
    gone = _case(db, "C", CaseStatus.READY)
    with db.session() as s:
        archive_case(s, gone)
    with db.session() as s:
        counts = status_counts(s)
    assert set(counts) == set(CaseStatus)
    assert counts[CaseStatus.PLANNING] == 2
    assert counts[CaseStatus.READY] == 0


def test_due_follow_ups_include_overdue_and_soon_but_not_done(db: Database) -> None:
    case_id = _case(db, "Client")
    with db.session() as s:
        s.add_all(
            [
                FollowUpTask(case_id=case_id, title="late", due_on=TODAY - timedelta(days=3)),
                FollowUpTask(case_id=case_id, title="soon", due_on=TODAY + timedelta(days=2)),
                FollowUpTask(case_id=case_id, title="later", due_on=TODAY + timedelta(days=20)),
                FollowUpTask(case_id=case_id, title="undated"),
                FollowUpTask(case_id=case_id, title="done", due_on=TODAY, done_at=NOW),
            ]
        )
    with db.session() as s:
        tasks = due_follow_ups(s, today=TODAY)
    assert [(t.title, t.overdue) for t in tasks] == [("late", True), ("soon", False)]


def test_list_cases_can_fetch_one_row_even_when_archived(db: Database) -> None:
    first = _case(db, "First")
    _case(db, "Second")
    with db.session() as s:
        archive_case(s, first)
    with db.session() as s:
        rows = list_cases(s, case_id=first)
    assert [(r.id, r.client_name, r.archived) for r in rows] == [(first, "First", True)]


def test_due_follow_ups_can_be_capped_keeping_the_most_overdue(db: Database) -> None:
    case_id = _case(db, "Client")
    with db.session() as s:
        s.add_all(
            FollowUpTask(case_id=case_id, title=f"task {n}", due_on=TODAY - timedelta(days=n))
            for n in range(12)
        )
    with db.session() as s:
        everything = due_follow_ups(s, today=TODAY)
        first_five = due_follow_ups(s, today=TODAY, limit=5)
    assert len(everything) == 12
    assert [t.title for t in first_five] == ["task 11", "task 10", "task 9", "task 8", "task 7"]


def test_near_meetings_of_cases_not_ready_and_the_whole_view(db: Database) -> None:
    from interventiondesk.model import LogisticsStatus
    from interventiondesk.services.dashboard import dashboard_view, meetings_not_ready
    from interventiondesk.services.logistics import update_facility, update_item
    from interventiondesk.services.outcomes import record_outcome
    from interventiondesk.services.safety import set_flags
    from interventiondesk.services.scheduling import create_event

    soon, ready, later, cancelled = (_case(db, n) for n in "ABCD")
    with db.session() as s:
        for case_id, days in ((soon, 3), (ready, 4), (later, 20), (cancelled, 2)):
            create_event(
                s,
                case_id,
                kind="intervention",
                starts=NOW + timedelta(days=days),
                timezone="UTC",
                despite_open_items=True,
            )
        case = s.get(Case, ready)
        assert case is not None
        update_facility(s, ready, {"facility_name": "Cedar House"})
        case.intake_at = NOW + timedelta(days=4, hours=3)
        for item in case.logistics:
            update_item(s, item.id, {"status": LogisticsStatus.DONE})
        from interventiondesk.services.scheduling import cancel_event

        cancel_event(s, s.get(Case, cancelled).events[0].id)  # type: ignore[union-attr]
        set_flags(s, later, {"weapons_in_home": True})
        record_outcome(s, later, "refused", occurred_on=TODAY - timedelta(days=2))
    with db.session() as s:
        near = meetings_not_ready(s, now=NOW)
        assert [m.case_id for m in near] == [soon]
        assert near[0].missing >= 4
        view = dashboard_view(s, today=TODAY, now=NOW)
        assert [m.case_id for m in view.not_ready] == [soon]
        assert [r.case_id for r in view.at_risk] == [later]
        assert view.stats.refused == (later,)
        assert sum(view.status_counts.values()) == 4


def test_consents_in_force_ending_within_30_days_in_open_cases(db: Database) -> None:
    from interventiondesk.model import Consent, ConsentKind
    from interventiondesk.services.dashboard import dashboard_view

    soon, later, gone = (_case(db, name) for name in ("Soon", "Later", "Gone"))

    def signed(**values: object) -> Consent:
        return Consent(signed_by="Client", signed_on=TODAY - timedelta(days=40), **values)

    with db.session() as s:
        s.add_all(
            [
                signed(case_id=soon, expires_on=TODAY + timedelta(days=30)),
                signed(
                    case_id=soon, kind=ConsentKind.GENERAL, expires_on=TODAY + timedelta(days=2)
                ),
                signed(case_id=soon, expires_on=TODAY),  # its last day: still listed
                signed(case_id=soon, expires_on=TODAY - timedelta(days=1)),  # already ended
                signed(case_id=later, expires_on=TODAY + timedelta(days=31)),
                signed(
                    case_id=later,
                    expires_on=TODAY + timedelta(days=5),
                    revoked_on=TODAY - timedelta(days=1),
                ),
                signed(case_id=later),  # no end date (ends with an event)
                Consent(case_id=later, expires_on=TODAY + timedelta(days=4)),  # never signed
                signed(case_id=gone, expires_on=TODAY + timedelta(days=3)),
            ]
        )
        archive_case(s, gone)
    with db.session() as s:
        found = dashboard_view(s, today=TODAY).consents
    assert [(c.case_id, c.expires_on) for c in found] == [
        (soon, TODAY),
        (soon, TODAY + timedelta(days=2)),
        (soon, TODAY + timedelta(days=30)),
    ]
    assert found[1].kind is ConsentKind.GENERAL
    assert {(c.client_name, c.reference) for c in found} == {("Soon", found[0].reference)}


def test_cases_with_tasks_due_soon_are_every_such_case_once(db: Database) -> None:
    from interventiondesk.services.dashboard import due_soon_cases

    first, second, late_only = (_case(db, name) for name in ("First", "Second", "Late"))
    with db.session() as s:
        s.add_all(
            [
                FollowUpTask(case_id=first, title="a", due_on=TODAY),
                FollowUpTask(case_id=first, title="b", due_on=TODAY + timedelta(days=7)),
                FollowUpTask(case_id=second, title="c", due_on=TODAY + timedelta(days=1)),
                FollowUpTask(case_id=second, title="too far", due_on=TODAY + timedelta(days=8)),
                FollowUpTask(case_id=late_only, title="late", due_on=TODAY - timedelta(days=1)),
                FollowUpTask(case_id=late_only, title="done", due_on=TODAY, done_at=NOW),
            ]
        )
    with db.session() as s:
        assert set(due_soon_cases(s, today=TODAY)) == {first, second}
        assert len(due_soon_cases(s, today=TODAY)) == 2


def test_the_whole_view_holds_the_week_and_the_chosen_period_in_one_read(db: Database) -> None:
    from interventiondesk.services.dashboard import dashboard_view
    from interventiondesk.services.outcomes import record_outcome
    from interventiondesk.services.scheduling import create_event
    from tests.reads import Reads

    case_id = _case(db, "Client")
    with db.session() as s:
        create_event(s, case_id, kind="rehearsal", starts=NOW + timedelta(days=2), timezone="UTC")
        create_event(s, case_id, kind="rehearsal", starts=NOW + timedelta(days=9), timezone="UTC")
        record_outcome(s, case_id, "admitted", occurred_on=TODAY - timedelta(days=40))
    with Reads(db) as reads, db.session() as s:
        year = dashboard_view(s, today=TODAY, now=NOW)
        month = dashboard_view(s, today=TODAY, now=NOW, period=(TODAY - timedelta(days=29), TODAY))
    assert reads.transactions == 1
    assert [e.case_id for e in year.agenda] == [case_id]  # the coming week only
    assert year.stats.held == year.stats.admitted_within_30_days == (case_id,)
    assert (year.stats.start, year.stats.end) == (TODAY - timedelta(days=364), TODAY)
    assert month.stats.held == ()

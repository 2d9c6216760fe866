"""The demo workspace: fictional cases covering every kind and model, dated around today."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from interventiondesk.model import (
    LETTER_SECTIONS,
    Case,
    InterventionKind,
    InterventionModel,
    LetterKind,
    LogisticsStatus,
)
from interventiondesk.services import settings
from interventiondesk.services.demo import add_demo_cases, create_demo_workspace
from interventiondesk.services.interchange import export_case, import_case
from interventiondesk.storage.database import Database
from interventiondesk.storage.workspace import Workspace

LETTER_MODELS = {InterventionModel.JOHNSON, InterventionModel.LOVE_FIRST}


def test_demo_workspace_is_separate_open_and_filled(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "demo")
    db = create_demo_workspace(workspace)
    try:
        with db.session() as session:
            cases = session.scalars(select(Case)).all()
            assert len(cases) >= 6
            assert settings.get(session, settings.COUNSELOR_NAME)
    finally:
        db.close()
    assert workspace.is_demo()
    workspace.open_demo().close()  # no passphrase needed, and it opens again


def test_every_kind_and_model_is_shown_with_a_full_plan(db: Database) -> None:
    with db.session() as session:
        cases = add_demo_cases(session)
        assert {case.kind for case in cases} == set(InterventionKind)
        assert {case.model for case in cases} == set(InterventionModel)
        for case in cases:
            assert case.client.full_name and case.counselor
            assert case.goals and case.treatment_options and case.counselor_notes
            assert case.concerns and case.participants and case.events
            assert all(o.observed_on is not None and o.text for o in case.observations)
            assert case.observations
            assert all(p.name and p.relationship_to_client for p in case.participants)
            assert all(e.attendees for e in case.events)


def test_letter_models_have_complete_letters_and_answered_objections(db: Database) -> None:
    with db.session() as session:
        cases = [c for c in add_demo_cases(session) if c.model in LETTER_MODELS]
        assert len(cases) >= 3
        for case in cases:
            assert case.letters
            for letter in case.letters:
                if letter.kind == LetterKind.MAIN:
                    assert all(getattr(letter, section) for section in LETTER_SECTIONS)
                else:
                    assert letter.bottom_line
            if not case.is_archived:
                assert case.objections
                assert all(o.objection and o.answer for o in case.objections)
        love_first = [c for c in cases if c.model == InterventionModel.LOVE_FIRST]
        assert any(
            letter.kind == LetterKind.BOTTOM_LINE for c in love_first for letter in c.letters
        )
        read_by_another = [
            letter for c in cases for letter in c.letters if letter.reader_id is not None
        ]
        assert read_by_another and all(not lt.author.attending for lt in read_by_another)


def test_dates_follow_today_so_the_demo_always_looks_current(db: Database) -> None:
    today = date(2031, 5, 14)
    with db.session() as session:
        cases = add_demo_cases(session, today=today)
        middle = datetime(2031, 5, 14, 12, tzinfo=UTC)
        starts = [event.starts_at for case in cases for event in case.events]
        assert all(abs(moment - middle) < timedelta(days=120) for moment in starts)
        assert sum(moment > middle for moment in starts) >= 6  # plenty coming up
        assert any(moment < middle for moment in starts)  # and some history
        observed = [o.observed_on for case in cases for o in case.observations]
        assert all(o is not None and o < today for o in observed)


def test_logistics_outcome_follow_up_and_archive(db: Database) -> None:
    with db.session() as session:
        cases = add_demo_cases(session)
        statuses = {item.status for case in cases for item in case.logistics}
        assert {LogisticsStatus.DONE, LogisticsStatus.OPEN} <= statuses
        held = [case for case in cases if case.outcomes and case.follow_ups]
        assert held and held[0].outcomes[0].admitted_to
        assert any(task.done_at is None for task in held[0].follow_ups)
        assert sum(case.is_archived for case in cases) == 1
        crisis = [case for case in cases if case.safety_plan is not None]
        assert crisis and crisis[0].risk_screens and len(crisis[0].asam_ratings) == 6


def test_every_demo_case_survives_the_case_file_format(db: Database) -> None:
    with db.session() as session:
        cases = add_demo_cases(session)
        for case in cases:
            data = export_case(session, case)
            copied, was_copy = import_case(session, data)
            assert was_copy and len(copied.participants) == len(case.participants)


def test_the_demo_shows_outcomes_follow_up_and_safety_through_their_services(
    db: Database,
) -> None:
    from interventiondesk.model import FollowThrough, OutcomeResult, RiskLevel
    from interventiondesk.services.outcomes import outcome_view
    from interventiondesk.services.risk_screen import asked
    from interventiondesk.services.safety import safety_view
    from interventiondesk.services.stats import outcome_stats

    today = date.today()
    with db.session() as session:
        ids = [case.id for case in add_demo_cases(session, today=today)]
    with db.session() as session:
        outcomes = [outcome_view(session, case_id, today=today) for case_id in ids]
        safety = [safety_view(session, case_id) for case_id in ids]
        admitted = [v for v in outcomes if v.outcomes and v.outcomes[-1].result == "admitted"]
        # An admitted case with tasks, and the calls its admission suggests still to accept.
        assert any(v.tasks and v.suggestions for v in admitted)
        # A refusal that turned into an admission, with a bottom line that was kept.
        turned = next(
            v for v in outcomes if OutcomeResult.REFUSED in [o.result for o in v.outcomes]
        )
        assert turned.bottom_lines and turned.bottom_lines[0].status is FollowThrough.KEPT
        # A complete screen, a safety plan with its revision, ASAM with a previous rating.
        screened = next(v for v in safety if v.screens)
        assert screened.screens[0].triage is RiskLevel.LOW
        answers = dict(screened.screens[0].answers)
        assert all(answers[key] is not None for key in asked(answers))  # complete
        assert screened.plan is not None and screened.plan_revisions
        assert any(row.previous is not None for v in safety for row in v.asam)
        assert any(v.raised for v in safety)
        stats = outcome_stats(session, today - timedelta(days=365), today)
        assert stats.counts()["held"] >= 2 and stats.counts()["refused"] >= 1


def test_the_demo_has_consents_to_try_a_handoff_with(db: Database) -> None:
    """Two cases with an active, complete consent naming one recipient and covering the
    handoff's sections (one with a consent for counseling notes too), one expired consent, one
    about to expire and one not yet signed."""
    from interventiondesk.model import ConsentKind, ConsentStatus, HandoffSection
    from interventiondesk.services.consents import check_disclosure, recipient_entries
    from interventiondesk.services.consents_view import consents_view, expiring_consents

    today = date.today()
    with db.session() as session:
        cases = add_demo_cases(session)
        ready = []
        for case in cases:
            active = [c for c in case.consents if c.status(today) is ConsentStatus.ACTIVE]
            recipients = {entry for c in active for entry in recipient_entries(c)}
            if not active:
                continue
            assert len(recipients) == 1, case.reference  # the handoff's default recipient
            (recipient,) = recipients
            main = [c for c in active if c.kind is not ConsentKind.COUNSELING_NOTES]
            wanted = set(main[0].covered_sections)
            if any(c.kind is ConsentKind.COUNSELING_NOTES for c in active):
                wanted.add(HandoffSection.COUNSELING_NOTES)
            assert len(wanted) >= 8
            assert check_disclosure(case.consents, recipient, wanted, today).covered
            ready.append((case.reference, HandoffSection.COUNSELING_NOTES in wanted))
        assert len(ready) >= 2 and any(notes for _reference, notes in ready)
        statuses = [
            row.status for case in cases for row in consents_view(session, case.id).consents
        ]
        assert statuses.count(ConsentStatus.EXPIRED) == 1
        assert statuses.count(ConsentStatus.UNSIGNED) == 1
        assert [w.step for w in expiring_consents(session, today)] == [14]

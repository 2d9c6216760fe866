"""A hand-built caseload for the dashboard's tests: one case for each thing it shows."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from interventiondesk.gui.dashboard.page import Dashboard
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import Consent, FollowUpTask
from interventiondesk.services.cases import archive_case, create_case
from interventiondesk.services.outcomes import record_outcome
from interventiondesk.services.safety import save_screen, set_flags
from interventiondesk.services.scheduling import create_event
from interventiondesk.storage.database import Database

TODAY = date.today()
NOW = datetime.now(UTC)
HIGH_SCREEN = {
    "wish_to_be_dead": True,
    "suicidal_thoughts": True,
    "thoughts_of_method": True,
    "intent": False,
    "plan": True,
    "recent_behaviour": False,
}
LOW_SCREEN = {"wish_to_be_dead": False, "suicidal_thoughts": False, "recent_behaviour": False}


@pytest.fixture(autouse=True)
def _charts_freed_on_the_gui_thread() -> Iterator[None]:
    """pyqtgraph's items hold reference cycles: free the charts of a test here, on the GUI
    thread, before a later test's worker thread runs the garbage collector over them."""
    yield
    gc.collect()


@pytest.fixture
def caseload(db: Database) -> dict[str, str]:
    """Client name → case id. Olive has an overdue task, Dana one due in three days, Hal a
    high triage, Fay a risk flag, Nina her meeting in three days and nothing ready, Cora a
    consent ending in ten days; Ada was admitted ten days ago, Rex refused 100 days ago, Otto
    accepted 20 days ago and is archived; Quinn has nothing."""
    names = ("Olive", "Dana", "Hal", "Fay", "Nina", "Cora", "Ada", "Rex", "Otto", "Quinn")
    with db.session() as s:
        ids = {
            name: create_case(s, client_name=f"{name} Example", kind="planned", model="johnson").id
            for name in names
        }
        s.add_all(
            [
                FollowUpTask(case_id=ids["Olive"], title="Call", due_on=TODAY - timedelta(days=2)),
                FollowUpTask(case_id=ids["Dana"], title="Visit", due_on=TODAY + timedelta(days=3)),
                Consent(
                    case_id=ids["Cora"],
                    signed_by="Cora",
                    signed_on=TODAY - timedelta(days=80),
                    expires_on=TODAY + timedelta(days=10),
                ),
            ]
        )
        save_screen(s, ids["Hal"], HIGH_SCREEN, at=NOW - timedelta(days=1))
        save_screen(s, ids["Fay"], LOW_SCREEN, at=NOW - timedelta(days=1))
        set_flags(s, ids["Fay"], {"detox_needed": True})
        create_event(
            s,
            ids["Nina"],
            kind="intervention",
            starts=NOW + timedelta(days=3),
            timezone="UTC",
            despite_open_items=True,
        )
        record_outcome(s, ids["Ada"], "admitted", occurred_on=TODAY - timedelta(days=10))
        record_outcome(s, ids["Rex"], "refused", occurred_on=TODAY - timedelta(days=100))
        record_outcome(s, ids["Otto"], "accepted_delayed", occurred_on=TODAY - timedelta(days=20))
        archive_case(s, ids["Otto"])
    return ids


def shown_dashboard(qtbot: QtBot, app_state: AppState) -> Dashboard:
    """A dashboard shown, read and with its chart drawn, today fixed."""
    dashboard = Dashboard(app_state)
    qtbot.addWidget(dashboard)
    dashboard.today_date = TODAY
    dashboard.resize(900, 700)
    dashboard.show()
    dashboard.refresh()
    dashboard.outcomes.build_chart()
    return dashboard

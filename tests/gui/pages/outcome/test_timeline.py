"""The timeline on the page: every dated thing, oldest first, filtered by kind, times in the
user's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from interventiondesk.gui.pages.outcome.timeline import DETAILS, WHAT, WHEN
from interventiondesk.gui.shared.date_fields import format_date, format_time
from interventiondesk.model import TimelineKind
from interventiondesk.services import scheduling
from interventiondesk.services.follow_ups import add_task
from interventiondesk.services.outcomes import record_outcome
from interventiondesk.storage.database import Database
from tests.gui.pages.outcome.conftest import Shown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def rows(shown: Shown) -> list[tuple[str, str, str]]:
    listing = shown.page.timeline.list
    return [
        tuple(listing.topLevelItem(n).text(c) for c in (WHEN, WHAT, DETAILS))  # type: ignore[misc]
        for n in range(listing.topLevelItemCount())
    ]


def test_the_timeline_lists_every_kind_and_filters(db: Database, shown: Shown) -> None:
    with db.session(write=True) as s:
        meeting = scheduling.create_event(
            s,
            shown.case_id,
            kind="intervention",
            starts=datetime(2026, 11, 19, 18, 30),
            timezone="America/New_York",
            despite_open_items=True,
        )
        meeting.title = "The meeting"
        record_outcome(s, shown.case_id, "refused", occurred_on=date(2026, 11, 20))
        add_task(s, shown.case_id, "Call Ana", due_on=date(2026, 11, 23))
    shown.page.load_case(shown.case_id)
    panel = shown.page.timeline
    shown.page.tabs.setCurrentIndex(3)
    everything = rows(shown)
    starts = datetime(2026, 11, 19, 23, 30, tzinfo=UTC).astimezone()  # on this computer
    assert everything[:3] == [
        (
            f"{format_date(starts.date())} {format_time(starts.time())}",
            "Event: Intervention meeting",
            "The meeting (America/New_York)",
        ),
        (format_date(date(2026, 11, 20)), "Outcome: Refused", ""),
        (format_date(date(2026, 11, 23)), "Task due", "Call Ana"),
    ]
    assert everything[-1][1] == "Case opened: Planned"  # opened today, after the rest
    panel.kind.setCurrentIndex(panel.kind.findData(TimelineKind.OUTCOME.value))
    assert rows(shown) == [(format_date(date(2026, 11, 20)), "Outcome: Refused", "")]
    panel.kind.setCurrentIndex(panel.kind.findData(TimelineKind.RISK_SCREEN.value))
    assert rows(shown) == [] and not panel.empty.isHidden()
    panel.kind.setCurrentIndex(0)
    assert rows(shown) == everything and panel.empty.isHidden()

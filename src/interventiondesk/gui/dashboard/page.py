"""The dashboard shown when no case is open: what needs attention first, the coming week, and
outcomes over a chosen period as a chart.

Everything on it comes from one read (``services.dashboard.dashboard_view``); choosing another
period reads the period's outcomes alone. Every number opens the cases behind it: a figure or a
bar asks the window to narrow the case list to those cases (``casesRequested``), a row of a
list opens its case (``openCase``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from interventiondesk.gui.dashboard.agenda import AgendaWidget
from interventiondesk.gui.dashboard.outcomes import OutcomesBox
from interventiondesk.gui.shared.date_fields import format_date, format_day
from interventiondesk.gui.shared.labels import label
from interventiondesk.gui.shared.widgets import Banner, scrolling_page, when_painted
from interventiondesk.gui.shell.case_list import risk_words
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import CaseStatus, RiskLevel
from interventiondesk.services.dashboard import (
    CONSENT_DAYS,
    FOLLOW_UP_DAYS,
    NEAR_MEETING_DAYS,
    DashboardView,
    DueFollowUp,
    dashboard_view,
)

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
FOLLOW_UPS_SHOWN = 100
ROWS_SHOWN = 100
"""A list longer than this is cut (and says so): its figure lists every case behind it."""
SIDE_BY_SIDE_FROM = 1100
"""The dashboard's width from which the agenda and the follow-ups stand side by side."""
THREE_ACROSS_FROM = 780
"""The width from which the three lists of what needs attention stand side by side."""


class StatusTile(QPushButton):
    """A count of cases with one status; pressing it filters the case list by that status."""

    def __init__(self, status: CaseStatus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self.setFlat(False)
        self.setMinimumHeight(56)

    def set_count(self, count: int) -> None:
        self.setText(f"{count}\n{label(self.status)}")
        self.setAccessibleName(
            self.tr("{count} cases: {status}").format(count=count, status=label(self.status))
        )


class Figure(QPushButton):
    """A number of cases that need attention; pressing it lists those cases."""

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what = what
        self.case_ids: tuple[str, ...] = ()
        self.setMinimumHeight(56)
        self.setToolTip(self.tr("List these cases"))

    def set_cases(self, case_ids: Collection[str]) -> None:
        self.case_ids = tuple(case_ids)
        count = len(self.case_ids)
        self.setText(f"{count}\n{self.what}")
        self.setAccessibleName(self.tr("{count} cases: {what}").format(count=count, what=self.what))
        self.setEnabled(count > 0)


class Dashboard(QWidget):
    """Asks to open a case or list cases; reads the database only while it is shown.

    ``schedule_refresh()`` marks it out of date: it refreshes once the event loop runs if it is
    shown, otherwise when it is shown next (so that start-up and a hidden dashboard cost nothing).
    """

    openCase = Signal(str)
    filterRequested = Signal(str)
    casesRequested = Signal(str, list)
    """(what the cases are, their ids): the window narrows the case list to them."""
    newCaseRequested = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._locale = QLocale()
        self.today_date: date | None = None
        """Fixed "today" for tests and demos; None means the clock."""
        self.now: datetime | None = None
        """Fixed "now" for tests and demos; None means the clock."""
        self.view: DashboardView | None = None
        content, layout = scrolling_page(self, (20, 16, 20, 20))
        self._content = content

        self.today = QLabel(content)
        font = QFont(self.today.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setWeight(QFont.Weight.DemiBold)
        self.today.setFont(font)
        layout.addWidget(self.today)

        self.welcome = Banner(content)
        self.welcome.text.setText(
            self.tr(
                "There are no open cases yet. Start with a new case: it opens on its Plan page, "
                "and every word you type is saved as you go."
            )
        )
        start = QPushButton(self.tr("Start a new case…"), self.welcome)
        start.setAccessibleName(self.tr("Start a new case"))
        start.clicked.connect(self.newCaseRequested)
        self.welcome.row.addWidget(start)
        self.welcome.hide()
        layout.addWidget(self.welcome)

        counts_box = QGroupBox(self.tr("Open cases by status"), content)
        tiles = QGridLayout(counts_box)
        tiles.setSpacing(8)
        self.tiles: dict[CaseStatus, StatusTile] = {}
        for position, status in enumerate(CaseStatus):
            tile = StatusTile(status, counts_box)
            tile.clicked.connect(lambda _=False, s=status: self.filterRequested.emit(label(s)))
            tiles.addWidget(tile, 0, position)
            self.tiles[status] = tile
        layout.addWidget(counts_box)

        layout.addWidget(self._figures_box(content))

        self.lists = lists = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        lists.setSpacing(14)
        agenda_box = QGroupBox(content)
        agenda_layout = QVBoxLayout(agenda_box)
        self.agenda = AgendaWidget(state, agenda_box, fed=True)
        self.agenda.caseActivated.connect(self.openCase)
        agenda_layout.addWidget(self.agenda)
        lists.addWidget(agenda_box, 5)
        self.follow_ups = self._list(
            self.tr("Follow-ups overdue or due within {days} days").format(days=FOLLOW_UP_DAYS),
            self.tr("Follow-ups due"),
            content,
            lists,
        )
        layout.addLayout(lists, 1)

        self.attention = attention = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        attention.setSpacing(14)
        self.at_risk = self._list(
            self.tr("High triage or a risk flag"), self.tr("Cases at risk"), content, attention
        )
        self.not_ready = self._list(
            self.tr("Meeting within {days} days, not ready").format(days=NEAR_MEETING_DAYS),
            self.tr("Near meetings of cases not ready"),
            content,
            attention,
        )
        self.consents = self._list(
            self.tr("Consents ending within {days} days").format(days=CONSENT_DAYS),
            self.tr("Consents ending soon"),
            content,
            attention,
        )
        layout.addLayout(attention)
        self.outcomes = OutcomesBox(state, self.day, content)
        self.outcomes.casesRequested.connect(self._list_cases)
        layout.addWidget(self.outcomes)

        self._stale = True
        self._pending = False
        state.casesChanged.connect(self.schedule_refresh)
        state.caseChanged.connect(self.schedule_refresh)

    # Building ---------------------------------------------------------------------------

    def _figures_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Needs attention"), parent)
        row = QGridLayout(box)
        row.setSpacing(8)
        self.figures: dict[str, Figure] = {}
        whats = (
            ("overdue", self.tr("Overdue tasks")),
            ("high_triage", self.tr("High triage")),
            ("not_ready", self.tr("Meeting near, not ready")),
            ("due_soon", self.tr("Tasks due within a week")),
            ("risk_flag", self.tr("Risk flag")),
            ("consents", self.tr("Consent ending soon")),
        )
        for position, (key, what) in enumerate(whats):
            figure = Figure(what, box)
            figure.clicked.connect(lambda _=False, f=figure: self._list_cases(f.what, f.case_ids))
            row.addWidget(figure, position // 3, position % 3)
            self.figures[key] = figure
        return box

    def _list(self, title: str, name: str, parent: QWidget, row: QBoxLayout) -> QListWidget:
        box = QGroupBox(title, parent)
        box_layout = QVBoxLayout(box)
        items = QListWidget(box)
        items.setAccessibleName(name)
        items.setAlternatingRowColors(True)
        items.setWordWrap(True)
        items.itemActivated.connect(self._open)
        items.itemDoubleClicked.connect(self._open)
        box_layout.addWidget(items)
        row.addWidget(box, 2)
        return items

    # Refreshing -------------------------------------------------------------------------

    def schedule_refresh(self, *_args: object) -> None:
        self._stale = True
        if self.isVisible() and not self._pending:
            self._pending = True
            when_painted(self, self._refresh_if_stale)  # the user sees the window first

    def _refresh_if_stale(self) -> None:
        self._pending = False
        if self._stale and self.isVisible():
            self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Side by side on a wide screen; one above the other on a laptop, so that what each
        line says stays readable."""
        super().resizeEvent(event)
        width = event.size().width()
        for boxes, needs in ((self.lists, SIDE_BY_SIDE_FROM), (self.attention, THREE_ACROSS_FROM)):
            direction = (
                QBoxLayout.Direction.LeftToRight
                if width >= needs
                else QBoxLayout.Direction.TopToBottom
            )
            if boxes.direction() != direction:
                boxes.setDirection(direction)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.schedule_refresh()

    def day(self) -> date:
        return self.today_date or date.today()

    def refresh(self) -> None:
        """Read everything the dashboard shows, in one call, and show it."""
        self._stale = False
        today, now = self.day(), self.now
        period = self.outcomes.chosen_period()
        view = self.state.read(lambda s: dashboard_view(s, today=today, now=now, period=period))
        self.view = view
        self.today.setText(format_day(today, self._locale))
        for status, tile in self.tiles.items():
            tile.set_count(view.status_counts[status])
        self.welcome.setVisible(sum(view.status_counts.values()) == 0)
        self._fill_figures(view)
        self.agenda.show_entries(view.agenda)
        self._fill_follow_ups(list(view.follow_ups))
        self._fill_at_risk(view)
        self._fill_not_ready(view)
        self._fill_consents(view)
        if period is not None:
            self.outcomes.show_stats(view.stats)
        if self.outcomes.chart is None:
            when_painted(self, self.outcomes.build_chart)  # after the lists are on screen

    # Filling ----------------------------------------------------------------------------

    def _fill_figures(self, view: DashboardView) -> None:
        high = [r.case_id for r in view.at_risk if r.triage is RiskLevel.HIGH]
        flagged = [r.case_id for r in view.at_risk if r.flags]
        self.figures["overdue"].set_cases(sorted(view.overdue_counts))
        self.figures["due_soon"].set_cases(view.due_soon)
        self.figures["high_triage"].set_cases(high)
        self.figures["risk_flag"].set_cases(flagged)
        self.figures["not_ready"].set_cases([m.case_id for m in view.not_ready])
        self.figures["consents"].set_cases(dict.fromkeys(c.case_id for c in view.consents))

    def _add(self, target: QListWidget, text: str, case_id: str, tip: str = "") -> None:
        item = QListWidgetItem(text, target)
        item.setData(CASE_ID_ROLE, case_id)
        open_it = self.tr("Press Enter or double-click to open the case")
        item.setToolTip(f"{tip}\n{open_it}" if tip else open_it)

    def _empty(self, target: QListWidget, text: str) -> None:
        item = QListWidgetItem(text, target)
        item.setFlags(Qt.ItemFlag.NoItemFlags)

    def _cut(self, target: QListWidget, shown: int, total: int) -> None:
        if total > shown:
            self._empty(
                target,
                self.tr(
                    "Only the first {count} are listed; the figure above lists them all."
                ).format(count=shown),
            )

    def _fill_follow_ups(self, tasks: list[DueFollowUp]) -> None:
        self.follow_ups.clear()
        for task in tasks[:FOLLOW_UPS_SHOWN]:
            when = format_date(task.due_on, self._locale)
            if task.overdue:
                when = self.tr("Overdue since {date}").format(date=when)
            what = task.title or self.tr("Follow-up")
            self._add(
                self.follow_ups,
                f"{when} · {what}\n{task.client_name} ({task.reference})",
                task.case_id,
            )
        if not tasks:
            self._empty(self.follow_ups, self.tr("No follow-ups due."))
        self._cut(self.follow_ups, FOLLOW_UPS_SHOWN, len(tasks))

    def _fill_at_risk(self, view: DashboardView) -> None:
        self.at_risk.clear()
        for case in view.at_risk[:ROWS_SHOWN]:
            words = risk_words(case.triage, case.flags)
            shorts = ", ".join(short for short, _sentence in words)
            self._add(
                self.at_risk,
                f"{case.client_name} ({case.reference})\n{shorts}",
                case.case_id,
                "\n".join(sentence for _short, sentence in words),
            )
        if not view.at_risk:
            self._empty(self.at_risk, self.tr("No open case has a high triage or a risk flag."))
        self._cut(self.at_risk, ROWS_SHOWN, len(view.at_risk))

    def _fill_not_ready(self, view: DashboardView) -> None:
        self.not_ready.clear()
        for meeting in view.not_ready[:ROWS_SHOWN]:
            when = format_date(meeting.starts_at.astimezone().date(), self._locale)
            still = (
                self.tr("1 thing still open")
                if meeting.missing == 1
                else self.tr("%1 things still open").replace("%1", str(meeting.missing))
            )
            self._add(
                self.not_ready,
                f"{when} · {meeting.client_name} ({meeting.reference})\n{still}",
                meeting.case_id,
            )
        if not view.not_ready:
            self._empty(self.not_ready, self.tr("Every near meeting is ready."))
        self._cut(self.not_ready, ROWS_SHOWN, len(view.not_ready))

    def _fill_consents(self, view: DashboardView) -> None:
        self.consents.clear()
        for consent in view.consents[:ROWS_SHOWN]:
            when = self.tr("Ends {date}").format(date=format_date(consent.expires_on, self._locale))
            self._add(
                self.consents,
                f"{when} · {label(consent.kind)}\n{consent.client_name} ({consent.reference})",
                consent.case_id,
            )
        if not view.consents:
            self._empty(self.consents, self.tr("No consent ends in the coming days."))
        self._cut(self.consents, ROWS_SHOWN, len(view.consents))

    # Asking the window ------------------------------------------------------------------

    def _open(self, item: QListWidgetItem) -> None:
        case_id = item.data(CASE_ID_ROLE)
        if case_id:
            self.openCase.emit(case_id)

    def _list_cases(self, title: str, case_ids: Sequence[str]) -> None:
        if case_ids:
            self.casesRequested.emit(title, list(case_ids))

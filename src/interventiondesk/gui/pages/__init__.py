"""The pages of an open case, in tab order: where each page's class is (imported when the case
view is first built) and its English title (translated in the "CasePage" context)."""

from typing import NamedTuple


class PageEntry(NamedTuple):
    spec: str
    """"module:Class" of the page."""
    title: str


PAGES: tuple[PageEntry, ...] = (
    PageEntry("interventiondesk.gui.pages.plan.page:PlanPage", "Plan"),
    PageEntry("interventiondesk.gui.pages.participants.page:ParticipantsPage", "Participants"),
    PageEntry("interventiondesk.gui.pages.letters.page:LettersPage", "Letters"),
    PageEntry("interventiondesk.gui.pages.schedule.page:SchedulePage", "Schedule"),
    PageEntry("interventiondesk.gui.pages.logistics.page:LogisticsPage", "Logistics"),
    PageEntry("interventiondesk.gui.pages.safety.page:SafetyPage", "Safety"),
    # "&&": the title is a tab's and a menu entry's text too, where "&" marks a shortcut key.
    PageEntry("interventiondesk.gui.pages.outcome.page:OutcomePage", "Outcome && follow-up"),
    PageEntry("interventiondesk.gui.pages.consent.page:ConsentPage", "Consent"),
)

"""The pages of an open case, in tab order, as "module:Class" (imported when the view is built)."""

PAGES: list[str] = [
    "interventiondesk.gui.pages.plan.page:PlanPage",
    "interventiondesk.gui.pages.participants.page:ParticipantsPage",
    "interventiondesk.gui.pages.letters.page:LettersPage",
    "interventiondesk.gui.pages.schedule.page:SchedulePage",
    "interventiondesk.gui.pages.logistics.page:LogisticsPage",
]

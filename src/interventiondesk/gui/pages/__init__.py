"""The pages of an open case, in tab order, as "module:Class" (imported when the view is built)."""

PAGES: list[str] = [
    "interventiondesk.gui.pages.plan:PlanPage",
    "interventiondesk.gui.pages.participants:ParticipantsPage",
    "interventiondesk.gui.pages.letters:LettersPage",
    "interventiondesk.gui.pages.schedule:SchedulePage",
    "interventiondesk.gui.pages.logistics:LogisticsPage",
]

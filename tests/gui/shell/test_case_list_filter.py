"""The case list's filter: its fixed choices, and the entry naming a dashboard number's cases."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from interventiondesk.gui.shell.case_list import CaseSelection, with_high_triage
from interventiondesk.gui.shell.case_list_filter import CaseListFilter


def test_the_cases_of_a_number_get_an_entry_that_goes_once_another_is_chosen(
    qtbot: QtBot,
) -> None:
    chooser = CaseListFilter()
    qtbot.addWidget(chooser)
    assert chooser.selection is None
    assert [chooser.itemText(i) for i in range(chooser.count())] == [
        "All cases",
        "With a risk flag",
        "High triage",
        "With overdue tasks",
    ]
    with qtbot.waitSignal(chooser.selectionChanged):
        chooser.setCurrentIndex(2)
    assert chooser.selection is not None and chooser.selection.keep is with_high_triage

    refused = CaseSelection.of_cases("Refused (2)", ["a", "b"])
    with qtbot.assertNotEmitted(chooser.selectionChanged):
        chooser.show_selection(refused)
    assert chooser.currentText() == "Refused (2)" and chooser.selection is refused
    held = CaseSelection.of_cases("Held (3)", ["a", "b", "c"])
    chooser.show_selection(held)
    assert chooser.count() == 5 and chooser.selection is held  # replaced, not added

    with qtbot.waitSignal(chooser.selectionChanged):
        chooser.setCurrentIndex(0)
    assert chooser.count() == 4 and chooser.selection is None

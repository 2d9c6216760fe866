"""The handoff dialog's choices on their own: what they ask for, sections held back with the
reason, the override releasing them, and what stands in the way of a password or a reason."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from interventiondesk.gui.dialogs.handoff_choices import HandoffChoicesPane
from interventiondesk.model import HandoffSection
from tests.gui.conftest import replace_text

ALLOWED = frozenset({HandoffSection.REFERRAL, HandoffSection.ASAM})


def _pane(qtbot: QtBot) -> HandoffChoicesPane:
    pane = HandoffChoicesPane(("Dr. A", "Clinic B"), 2)
    qtbot.addWidget(pane)
    return pane


def test_the_request_follows_the_choices(qtbot: QtBot) -> None:
    pane = _pane(qtbot)
    assert [pane.recipient.itemText(i) for i in range(2)] == ["Dr. A", "Clinic B"]
    pane.apply_allowed(ALLOWED)
    pane.select(ALLOWED)
    request = pane.request()
    assert request.recipient == "Dr. A" and request.sections == ALLOWED
    assert request.override_reason == "" and request.password is None
    pane.protect.setChecked(True)
    replace_text(pane.password, "correct horse 42")
    assert pane.request().password == "correct horse 42"


def test_uncovered_sections_are_held_back_until_the_override(qtbot: QtBot) -> None:
    pane = _pane(qtbot)
    pane.select(frozenset(HandoffSection))
    pane.apply_allowed(ALLOWED)
    history = pane.sections[HandoffSection.HISTORY]
    assert not history.isEnabled() and not history.isChecked()
    assert history.text().endswith("(not covered)") and "override" in history.toolTip()
    with qtbot.waitSignal(pane.overrideToggled):
        pane.override.setChecked(True)
    pane.apply_allowed(ALLOWED)
    assert history.isEnabled() and pane.reason.isEnabled()


def test_what_stands_in_the_way_of_a_password_or_a_reason(qtbot: QtBot) -> None:
    pane = _pane(qtbot)
    assert pane.password_problem() == ""
    pane.protect.setChecked(True)
    replace_text(pane.password, "short")
    assert "at least 8 characters" in pane.password_problem()
    replace_text(pane.password, "correct horse 42")
    assert pane.password_problem() == "The two passwords differ."
    replace_text(pane.repeat, "correct horse 42")
    assert pane.password_problem() == ""
    assert "at least a few words" in pane.override_problem()
    pane.override.setChecked(True)  # the reason is written only with the override
    replace_text(pane.reason, "The hospital's psychiatrist needs it before the discharge.")
    assert pane.override_problem() == ""

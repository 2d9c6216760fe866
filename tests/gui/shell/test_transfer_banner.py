"""The open case's transfer state in words: where it is, since when, and conflicts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from interventiondesk.gui.shell.transfer_banner import TransferBanner
from interventiondesk.model import CaseStatus, InterventionKind, InterventionModel
from interventiondesk.services.cases import CaseRow

ROW = CaseRow(
    "c1",
    "IN-AAAAA",
    "Client",
    "",
    InterventionKind.PLANNED,
    InterventionModel.JOHNSON,
    CaseStatus.PLANNING,
    None,
    "",
    False,
)


def test_a_case_that_is_here_shows_nothing(qtbot: QtBot) -> None:
    banner = TransferBanner()
    qtbot.addWidget(banner)
    banner.show_case(ROW, editing_anyway=False)
    assert banner.isHidden()


def test_away_names_the_computer_and_offers_to_edit_anyway(qtbot: QtBot) -> None:
    banner = TransferBanner()
    qtbot.addWidget(banner)
    away = replace(ROW, away_since=datetime(2026, 12, 1, 9, 30, tzinfo=UTC), away_at="Laptop")
    banner.show_case(away, editing_anyway=False)
    assert not banner.isHidden()
    assert banner.text.text().startswith("At Laptop since ")
    assert "read-only" in banner.text.text()
    assert not banner.edit_anyway.isHidden() and banner.decide.isHidden()
    banner.show_case(replace(away, has_conflicts=True), editing_anyway=True)
    assert "read-only" not in banner.text.text() and "has conflicts" in banner.text.text()
    assert banner.edit_anyway.isHidden() and not banner.decide.isHidden()


def test_conflicts_alone_make_a_sentence_of_their_own(qtbot: QtBot) -> None:
    banner = TransferBanner()
    qtbot.addWidget(banner)
    banner.show_case(replace(ROW, has_conflicts=True), editing_anyway=False)
    assert banner.text.text() == "Has conflicts to decide."
    assert banner.edit_anyway.isHidden() and not banner.decide.isHidden()

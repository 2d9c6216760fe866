"""The case list model: type-to-filter, sorting in the model, archived rows and 10,000 cases."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    QPersistentModelIndex,
    Qt,
    QTime,
    QTranslator,
)
from PySide6.QtWidgets import QApplication

from interventiondesk.gui.shell.case_list import (
    CASE_ID_ROLE,
    CLIENT,
    COUNSELOR,
    KIND,
    MODEL,
    NEXT_DATE,
    OVERDUE,
    REFERENCE,
    RISK,
    STATUS,
    CaseListModel,
    CaseSelection,
    with_high_triage,
    with_overdue_tasks,
    with_risk_flag,
)
from interventiondesk.model import CaseStatus, InterventionKind, InterventionModel, RiskLevel
from interventiondesk.services.cases import CaseRow

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def row(
    number: int,
    name: str,
    *,
    preferred: str = "",
    status: CaseStatus = CaseStatus.INTAKE,
    counselor: str = "J. Rivera",
    next_date: datetime | None = None,
    archived: bool = False,
    flags: tuple[str, ...] = (),
    triage: RiskLevel | None = None,
    overdue_tasks: int = 0,
) -> CaseRow:
    return CaseRow(
        id=f"id-{number}",
        reference=f"IN-{number:05d}",
        client_name=name,
        preferred_name=preferred,
        kind=InterventionKind.PLANNED,
        model=InterventionModel.LOVE_FIRST,
        status=status,
        next_date=next_date,
        counselor=counselor,
        archived=archived,
        flags=flags,
        triage=triage,
        overdue_tasks=overdue_tasks,
    )


def shown(model: CaseListModel, column: int = CLIENT) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


@pytest.fixture
def model(qapp: QApplication) -> CaseListModel:
    cases = CaseListModel()
    cases.set_rows(
        [
            row(1, "Maria Alvarez", preferred="Mari", next_date=NOW + timedelta(days=3)),
            row(2, "Tom Becker", status=CaseStatus.FOLLOW_UP, counselor="A. Okafor"),
            row(3, "سمير حداد", next_date=NOW + timedelta(days=1)),
            row(4, "Zoë 🙂 Quinn", archived=True),
        ]
    )
    return cases


def test_filter_matches_name_preferred_name_reference_counselor_and_status(
    model: CaseListModel,
) -> None:
    model.set_filter("maria")
    assert shown(model) == ["Maria Alvarez"]
    model.set_filter("MARI")
    assert shown(model) == ["Maria Alvarez"]
    model.set_filter("in-00002")
    assert shown(model) == ["Tom Becker"]
    model.set_filter("okafor")
    assert shown(model) == ["Tom Becker"]
    model.set_filter("follow-up")  # the translated status label, as shown
    assert shown(model) == ["Tom Becker"]
    model.set_filter("حداد")
    assert shown(model) == ["سمير حداد"]
    model.set_filter("🙂")
    assert shown(model) == ["Zoë 🙂 Quinn"]
    model.set_filter("")
    assert model.rowCount() == 4


def test_filter_needs_every_word_and_widens_again_when_text_is_deleted(
    model: CaseListModel,
) -> None:
    model.set_filter("rivera alv")
    assert shown(model) == ["Maria Alvarez"]
    model.set_filter("rivera")
    assert model.rowCount() == 3
    model.set_filter("rivera x")
    assert model.rowCount() == 0
    model.set_filter("riv")
    assert model.rowCount() == 3


def test_markup_in_names_is_matched_as_plain_text(qapp: QApplication) -> None:
    cases = CaseListModel()
    cases.set_rows([row(1, "<b>&amp;</b>"), row(2, "amp")])
    cases.set_filter("&amp;")
    assert shown(cases) == ["<b>&amp;</b>"]


def test_sorts_by_any_column_both_ways(model: CaseListModel) -> None:
    model.sort(CLIENT, Qt.SortOrder.AscendingOrder)
    assert shown(model) == ["Maria Alvarez", "Tom Becker", "Zoë 🙂 Quinn", "سمير حداد"]
    model.sort(REFERENCE, Qt.SortOrder.DescendingOrder)
    assert shown(model, REFERENCE) == ["IN-00004", "IN-00003", "IN-00002", "IN-00001"]
    model.sort(COUNSELOR, Qt.SortOrder.AscendingOrder)
    assert shown(model, COUNSELOR)[0] == "A. Okafor"
    model.sort(STATUS, Qt.SortOrder.AscendingOrder)
    assert shown(model, STATUS) == ["Follow-up", "Intake", "Intake", "Intake"]


def test_sorting_by_next_date_puts_cases_without_one_last(model: CaseListModel) -> None:
    model.sort(NEXT_DATE, Qt.SortOrder.AscendingOrder)
    assert shown(model)[:2] == ["سمير حداد", "Maria Alvarez"]
    assert set(shown(model)[2:]) == {"Tom Becker", "Zoë 🙂 Quinn"}


def test_sorting_keeps_the_filter_and_persistent_indexes(model: CaseListModel) -> None:
    model.set_filter("rivera")
    held = QPersistentModelIndex(model.index(model.row_of("id-1"), CLIENT))
    model.sort(CLIENT, Qt.SortOrder.DescendingOrder)
    assert shown(model) == ["سمير حداد", "Zoë 🙂 Quinn", "Maria Alvarez"]
    assert held.data(CASE_ID_ROLE) == "id-1"
    assert held.row() == 2


def test_next_date_is_shown_in_local_time(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Asia/Kolkata")  # UTC+05:30, no daylight saving
    time.tzset()
    try:
        cases = CaseListModel()
        cases.set_rows([row(1, "A", next_date=datetime(2026, 12, 1, 20, 45, tzinfo=UTC))])
        expected = QLocale().toString(
            QDateTime(QDate(2026, 12, 2), QTime(2, 15)), QLocale.FormatType.ShortFormat
        )
        assert cases.index(0, NEXT_DATE).data() == expected
    finally:
        monkeypatch.undo()
        time.tzset()


def test_archived_rows_are_italic_and_greyed(model: CaseListModel) -> None:
    archived = model.index(model.row_of("id-4"), CLIENT)
    active = model.index(model.row_of("id-1"), CLIENT)
    assert archived.data(Qt.ItemDataRole.FontRole).italic()
    assert archived.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert active.data(Qt.ItemDataRole.FontRole) is None


def test_update_row_refreshes_one_line(model: CaseListModel) -> None:
    model.update_row(row(2, "Thomas Becker", status=CaseStatus.CLOSED))
    position = model.row_of("id-2")
    assert model.index(position, CLIENT).data() == "Thomas Becker"
    assert model.index(position, STATUS).data() == "Closed"
    model.set_filter("thomas")
    assert shown(model) == ["Thomas Becker"]


def test_ten_thousand_cases_filter_sort_and_widen_again(qapp: QApplication) -> None:
    """Functional only: how fast a keystroke is, is measured in bench/, not asserted here."""
    cases = CaseListModel()
    rows = [row(i, f"Client {i:05d} Family{i % 97}") for i in range(10_000)]
    rows[7321] = row(7321, "Marisol Zamora-Quintero", status=CaseStatus.READY)
    cases.set_rows(rows)
    cases.sort(CLIENT, Qt.SortOrder.AscendingOrder)
    assert cases.rowCount() == 10_000
    assert shown(cases)[:2] == ["Client 00000 Family0", "Client 00001 Family1"]
    typed = ""
    for letter in "zamora-q":
        typed += letter
        cases.set_filter(typed)
    assert shown(cases) == ["Marisol Zamora-Quintero"]
    assert cases.index(0, STATUS).data() == "Ready"
    cases.set_filter("family96")
    assert cases.rowCount() == len([i for i in range(10_000) if i % 97 == 96 and i != 7321])
    cases.sort(CLIENT, Qt.SortOrder.DescendingOrder)
    assert shown(cases)[0] == "Client 09990 Family96"
    cases.set_filter("")
    assert cases.rowCount() == 10_000
    assert shown(cases)[0] == "Marisol Zamora-Quintero"
    cases.set_filter("ready")
    assert shown(cases) == ["Marisol Zamora-Quintero"]


class FrenchHeld(QTranslator):
    """A one-word catalogue, enough to see when the list asks for translations."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return "Tenue" if (context, source) == ("labels", "Held") else ""


def test_labels_follow_a_new_language_at_the_next_reload(qapp: QApplication) -> None:
    """Kind, model and status are translated once per value per reload, not once per row."""
    cases = CaseListModel()
    cases.set_rows([row(1, "A", status=CaseStatus.HELD), row(2, "B", status=CaseStatus.HELD)])
    assert [cases.index(r, STATUS).data() for r in range(2)] == ["Held", "Held"]
    assert cases.index(0, KIND).data() == "Planned"
    assert cases.index(0, MODEL).data() == "Love First-style"
    translator = FrenchHeld()
    QCoreApplication.installTranslator(translator)
    try:
        cases.set_rows([row(1, "A", status=CaseStatus.HELD)])
        assert cases.index(0, STATUS).data() == "Tenue"
        cases.set_filter("tenue")
        assert cases.rowCount() == 1
    finally:
        QCoreApplication.removeTranslator(translator)


@pytest.fixture
def watched(qapp: QApplication) -> CaseListModel:
    cases = CaseListModel()
    cases.set_rows(
        [
            row(1, "Ann Calm"),
            row(2, "Bo Flagged", flags=("detox_needed",), overdue_tasks=1),
            row(3, "Cy High", triage=RiskLevel.HIGH, flags=("overdose_history", "no_naloxone")),
            row(4, "Di Late", triage=RiskLevel.LOW, overdue_tasks=3),
        ]
    )
    return cases


def test_the_risk_column_names_a_high_triage_and_each_flag_in_words(
    watched: CaseListModel,
) -> None:
    assert shown(watched, RISK) == [
        "",
        "Detox needed",
        "High triage, Overdose history, No naloxone",
        "",  # a low triage is no risk to show
    ]
    tip = watched.index(2, RISK).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines()[0] == "The latest risk screen gave a high triage."
    assert "no naloxone on hand" in tip
    watched.sort(RISK, Qt.SortOrder.AscendingOrder)
    assert shown(watched) == ["Cy High", "Bo Flagged", "Ann Calm", "Di Late"]


def test_overdue_tasks_stand_out_in_words_and_sort_the_most_overdue_first(
    watched: CaseListModel,
) -> None:
    assert shown(watched, OVERDUE) == ["", "1 overdue", "", "3 overdue"]
    assert watched.index(3, OVERDUE).data(Qt.ItemDataRole.FontRole).bold()
    assert watched.index(0, OVERDUE).data(Qt.ItemDataRole.FontRole) is None
    assert watched.index(1, OVERDUE).data(Qt.ItemDataRole.ToolTipRole) == (
        "1 follow-up task of this case is past its due date."
    )
    watched.sort(OVERDUE, Qt.SortOrder.AscendingOrder)
    assert shown(watched)[:2] == ["Di Late", "Bo Flagged"]
    watched.sort(OVERDUE, Qt.SortOrder.DescendingOrder)
    assert shown(watched)[-2:] == ["Bo Flagged", "Di Late"]


def test_a_selection_narrows_the_list_together_with_typed_words(
    watched: CaseListModel,
) -> None:
    watched.set_selection(CaseSelection("flag", with_risk_flag))
    assert shown(watched) == ["Bo Flagged", "Cy High"]
    watched.set_selection(CaseSelection("high", with_high_triage))
    assert shown(watched) == ["Cy High"]
    watched.set_selection(CaseSelection("late", with_overdue_tasks))
    assert shown(watched) == ["Bo Flagged", "Di Late"]
    watched.set_filter("di")
    assert shown(watched) == ["Di Late"]
    watched.set_filter("")
    watched.set_selection(CaseSelection.of_cases("these", ["id-1", "id-3", "id-unknown"]))
    assert shown(watched) == ["Ann Calm", "Cy High"]
    watched.set_rows([*(watched.case_row(r) for r in range(2)), row(5, "Ed New")])
    assert shown(watched) == ["Ann Calm", "Cy High"]  # kept over a reload
    watched.set_selection(None)
    assert shown(watched) == ["Ann Calm", "Cy High", "Ed New"]

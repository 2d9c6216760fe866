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
    REFERENCE,
    STATUS,
    CaseListModel,
)
from interventiondesk.model import CaseStatus, InterventionKind, InterventionModel
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

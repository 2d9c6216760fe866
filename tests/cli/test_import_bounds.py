"""``import-case`` refuses what the editors refuse: one line on standard error, nothing written;
and a case at the very limits imports, then lists and exports as a calendar."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from interventiondesk import limits
from interventiondesk.cli import main
from interventiondesk.export.case_format import case_file_bytes
from interventiondesk.storage.workspace import Workspace
from tests.conftest import PASSPHRASE, TEST_KDF
from tests.services.test_interchange import SECRET, build_full_case, exported, row_counts


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def case_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """A whole case as another workspace exports it."""
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    db, _ = Workspace(tmp_path / "elsewhere").create(PASSPHRASE, kdf=TEST_KDF)
    try:
        with db.session() as session:
            case_id = build_full_case(session, SECRET).id
        return exported(db, case_id)
    finally:
        db.close()


def _set(*path: Any) -> Callable[[dict[str, Any], Any], None]:
    def change(data: dict[str, Any], value: Any) -> None:
        target: Any = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


REFUSED: dict[str, tuple[Callable[[dict[str, Any], Any], None], Any, str]] = {
    "event in year 9999": (_set("events", 0, "starts_at"), "9999-12-31T23:00:00Z", "starts_at"),
    "event in year 1": (_set("events", 0, "starts_at"), "0001-01-01T00:00:00Z", "starts_at"),
    "number of 4,300 digits": (_set("case", "reading_minutes_limit"), "DIGITS", "reading_minutes"),
    "duration of 1,441 minutes": (_set("events", 0, "duration_minutes"), 1441, "duration"),
    "reading limit 0": (_set("case", "reading_minutes_limit"), 0, "reading_minutes_limit"),
    "reference with ESC": (_set("case", "reference"), "IN-\x1b[2J", "reference"),
    "reference with RLO": (_set("case", "reference"), "IN-\u202eXQ", "reference"),
    "empty time zone": (_set("events", 0, "timezone"), "", "timezone"),
    "letter section too long": (
        _set("letters", 0, "connection"),
        "w" * (limits.MAX_TEXT_CHARS + 1),
        "connection",
    ),
}


def _rows(folder: Path) -> dict[str, int]:
    db = Workspace(folder).unlock(PASSPHRASE)
    try:
        counts = row_counts(db)
    finally:
        db.close()
    counts.pop("audit_events")  # unlocking is itself audited
    return counts


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_import_case_refuses_in_one_line_and_changes_nothing(
    workspace: Workspace,
    case_file: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
) -> None:
    change, value, field = REFUSED[name]
    change(case_file, value)
    target = tmp_path / "case.json"
    target.write_bytes(case_file_bytes(case_file))
    if value == "DIGITS":
        raw = target.read_text(encoding="utf-8").replace('"DIGITS"', "9" * 4300, 1)
        target.write_text(raw, encoding="utf-8")
    before = _rows(workspace.folder)
    code, out, err = run(capsys, "--data-dir", str(workspace.folder), "import-case", str(target))
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("interventiondesk: ") and "nothing was imported" in err
    assert field in err and "Traceback" not in err and SECRET not in err
    assert _rows(workspace.folder) == before
    code, out, _ = run(capsys, "--data-dir", str(workspace.folder), "cases", "--all", "--json")
    assert code == 0 and json.loads(out) == []


def test_a_case_at_the_limits_imports_then_lists_and_exports_its_events(
    workspace: Workspace,
    case_file: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    case_file["events"][0]["starts_at"] = "1900-01-01T00:00:00Z"
    case_file["events"][0]["timezone"] = "Pacific/Pago_Pago"  # -11: still 1899 there
    case_file["events"][1]["starts_at"] = "2199-12-31T23:59:00Z"
    case_file["events"][1]["timezone"] = "Pacific/Kiritimati"  # +14: already 2200 there
    case_file["events"][1]["duration_minutes"] = limits.MAX_DURATION_MINUTES
    target = tmp_path / "case.json"
    target.write_bytes(case_file_bytes(case_file))
    folder = str(workspace.folder)
    code, out, err = run(capsys, "--data-dir", folder, "import-case", str(target))
    assert code == 0, err
    reference = case_file["case"]["reference"]
    code, out, err = run(capsys, "--data-dir", folder, "events", reference, "--json")
    assert code == 0, err
    assert len(json.loads(out)) == 2
    calendar = tmp_path / "case.ics"
    code, out, err = run(capsys, "--data-dir", folder, "ics", reference, "-o", str(calendar))
    assert code == 0, err
    starts = sorted(
        component.decoded("dtstart").year
        for component in Calendar.from_ical(calendar.read_bytes()).walk("VEVENT")
    )
    assert starts == [1899, 2200]  # in their own zones

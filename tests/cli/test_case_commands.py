"""``interventiondesk cases``: the case list as a table or as JSON, searched and filtered."""

from __future__ import annotations

import json

import pytest

from interventiondesk.services.cases import archive_case, create_case
from interventiondesk.storage.workspace import Workspace
from tests.cli.running import run, seed
from tests.conftest import PASSPHRASE


def test_cases_table_json_and_search(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = seed(workspace)
    from interventiondesk.services.safety import set_flags

    db = workspace.unlock(PASSPHRASE)
    with db.session() as s:
        set_flags(s, ids["b"], {"weapons_in_home": True})
    db.close()
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    d = str(workspace.folder)
    code, out, _ = run(capsys, "--data-dir", d, "cases")
    assert code == 0 and "Maribel <b>Ochoa</b>" in out and "Teodor Vance" in out
    code, out, _ = run(capsys, "--data-dir", d, "cases", "--json")
    rows = json.loads(out)
    assert {r["id"] for r in rows} == {ids["a"], ids["b"]}
    assert set(rows[0]) == {
        "id",
        "reference",
        "client_name",
        "preferred_name",
        "kind",
        "model",
        "status",
        "next_date",
        "counselor",
        "archived",
        "risk_flags",
        "triage",
        "overdue_tasks",
        "away_since",
        "away_at",
        "has_conflicts",
    }
    by_id = {r["id"]: r for r in rows}
    assert (by_id[ids["a"]]["risk_flags"], by_id[ids["b"]]["risk_flags"]) == (
        [],
        ["weapons_in_home"],
    )
    first = by_id[ids["a"]]
    assert (first["triage"], first["away_since"], first["away_at"]) == (None, None, None)
    assert (first["overdue_tasks"], first["has_conflicts"]) == (0, False)
    code, out, _ = run(capsys, "--data-dir", d, "cases", "--search", "quinn", "--json")
    assert [r["reference"] for r in json.loads(out)] == [ids["a_ref"]]
    code, out, _ = run(capsys, "--data-dir", d, "cases", "--search", "nobody-matches")
    assert out.strip() == "No case matches that search."


def test_search_folds_case_beyond_ascii(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = workspace.unlock(PASSPHRASE)
    with db.session() as s:
        create_case(s, client_name="Łucja Ńowak", kind="crisis", model="johnson")
        create_case(s, client_name="ÉMILE STRASSE", kind="crisis", model="johnson")
    db.close()
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    for needle, expected in (
        ("łucja ńowak", "Łucja Ńowak"),
        ("ŁUCJA", "Łucja Ńowak"),
        ("émile", "ÉMILE STRASSE"),
        ("straße", "ÉMILE STRASSE"),
    ):
        _code, out, _ = run(
            capsys, "--data-dir", str(workspace.folder), "cases", "--search", needle, "--json"
        )
        assert [r["client_name"] for r in json.loads(out)] == [expected], needle


def test_hostile_names_cannot_drive_the_terminal(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = workspace.unlock(PASSPHRASE)
    with db.session() as s:
        create_case(
            s, client_name="Evil \x1b]0;pwned\x07\x1b[2J Name\u202e", kind="crisis", model="johnson"
        )
    db.close()
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    code, out, _ = run(capsys, "--data-dir", str(workspace.folder), "cases")
    assert code == 0 and "Evil ]0;pwned[2J Name" in out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out


def test_archived_cases_are_listed_only_when_asked(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = seed(workspace)
    db = workspace.unlock(PASSPHRASE)
    with db.session() as s:
        archive_case(s, ids["b"])
    db.close()
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    d = str(workspace.folder)
    shown = {}
    for flag in ("", "--all", "--archived"):
        _code, out, _ = run(capsys, "--data-dir", d, "cases", "--json", *([flag] if flag else []))
        shown[flag] = {(r["id"], r["archived"]) for r in json.loads(out)}
    assert shown[""] == {(ids["a"], False)}
    assert shown["--all"] == {(ids["a"], False), (ids["b"], True)}
    assert shown["--archived"] == {(ids["b"], True)}
    with pytest.raises(SystemExit):
        run(capsys, "--data-dir", d, "cases", "--all", "--archived")
    assert "not allowed with argument" in capsys.readouterr().err


def test_the_table_names_kinds_models_and_statuses_as_the_window_does(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(workspace)
    monkeypatch.setenv("INTERVENTIONDESK_PASSPHRASE", PASSPHRASE)
    d = str(workspace.folder)
    code, out, _ = run(capsys, "--data-dir", d, "cases")
    assert code == 0
    assert "Crisis" in out and "Johnson-style" in out and "Systemic family" in out
    assert "Intake" in out
    for code_word in ("crisis", "johnson", "systemic", "intake"):
        assert code_word not in out.split(), code_word  # the codes stay in --json
    code, out, _ = run(capsys, "--data-dir", d, "cases", "--json")
    assert {(r["kind"], r["model"]) for r in json.loads(out)} == {
        ("crisis", "johnson"),
        ("family", "systemic"),
    }

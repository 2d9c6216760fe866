"""The demo workspace's whole content, compared with a committed snapshot.

The demo cases are written by hand in resources/demo/; this snapshot notices any change in what
they produce (a field lost by the loader, a date moved). After an intended change to the demo,
write the snapshot again with ``python -m tests.services.test_demo_snapshot`` and review the diff.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from interventiondesk.model import Case
from interventiondesk.services import settings
from interventiondesk.services.demo import add_demo_cases, create_demo_workspace
from interventiondesk.services.interchange import case_document
from interventiondesk.storage.database import Database
from interventiondesk.storage.workspace import Workspace

SNAPSHOT = Path(__file__).resolve().parent.parent / "fixtures" / "demo-workspace.json"
TODAY = date(2040, 5, 14)
"""Far from the real date, so that dates counted from ``today`` and from the clock differ."""

_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_MOMENT = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
_STAMPS = {"created_at", "updated_at", "exported_at", "generator"}


class _Normaliser:
    """Identities as labels in order of appearance; moments set by the clock as days ago."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.labels: dict[str, str] = {}

    def value(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: self.value(v) for k, v in value.items() if k not in _STAMPS}
        if isinstance(value, list):
            return [self.value(item) for item in value]
        if isinstance(value, str) and _ID.match(value):
            return self.labels.setdefault(value, f"#{len(self.labels) + 1}")
        if isinstance(value, str) and re.match(r"^IN-[A-Z0-9]{5}$", value):
            return "IN-?????"
        if isinstance(value, str) and _MOMENT.match(value):
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            if moment.year < TODAY.year - 1:  # set from the clock, not from TODAY
                days = round((self.now - moment).total_seconds() / 86400)
                return f"<now minus {days} days>"
        return value


def demo_content(session: Session) -> dict[str, Any]:
    """Every demo case as a case-file document, normalised so that two runs compare equal."""
    cases = add_demo_cases(session, today=TODAY)
    normaliser = _Normaliser(datetime.now(UTC))
    return {"cases": [normaliser.value(case_document(case)) for case in cases]}


def test_the_demo_cases_are_exactly_the_snapshot(db: Database) -> None:
    with db.session() as session:
        content = demo_content(session)
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert len(content["cases"]) == len(expected["cases"])
    for made, kept in zip(content["cases"], expected["cases"], strict=True):
        assert made == kept, kept["client"]["full_name"]


def test_the_demo_workspace_names_the_counselor_of_its_cases(tmp_path: Path) -> None:
    db = create_demo_workspace(Workspace(tmp_path / "demo"))
    try:
        with db.session() as session:
            counselors = set(session.scalars(select(Case.counselor)))
            assert counselors == {settings.get(session, settings.COUNSELOR_NAME)}
    finally:
        db.close()
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert counselors == {case["case"]["counselor"] for case in expected["cases"]}


def _write_snapshot() -> None:
    """Write the snapshot from the current demo (run after an intended change, then review)."""
    import tempfile

    from tests.conftest import TEST_KDF

    with tempfile.TemporaryDirectory() as folder:
        db, _key = Workspace(Path(folder) / "w").create("snapshot only, not a secret", kdf=TEST_KDF)
        try:
            with db.session() as session:
                content = demo_content(session)
                session.rollback()
        finally:
            db.close()
    text = json.dumps(content, indent=1, ensure_ascii=False, sort_keys=False) + "\n"
    SNAPSHOT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    _write_snapshot()

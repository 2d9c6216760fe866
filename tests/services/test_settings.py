"""Workspace preferences (``services/settings.py``), kept inside the encrypted database."""

from __future__ import annotations

from interventiondesk.services import settings
from interventiondesk.storage.database import Database


def test_an_unset_preference_gives_the_default(db: Database) -> None:
    with db.session() as s:
        assert settings.get(s, settings.COUNSELOR_NAME) == ""
        assert settings.get(s, settings.TRAVEL_BUFFER_MINUTES, "30") == "30"


def test_a_preference_is_kept_and_replaced(db: Database) -> None:
    with db.session(write=True) as s:
        settings.put(s, settings.COUNSELOR_EMAIL, "dana@example.org")
    with db.session() as s:
        assert settings.get(s, settings.COUNSELOR_EMAIL, "unused") == "dana@example.org"
    with db.session(write=True) as s:
        settings.put(s, settings.COUNSELOR_EMAIL, "")
        settings.put(s, settings.COUNSELOR_NAME, "Dana Cruz — ünïcödé")
    with db.session() as s:
        assert settings.get(s, settings.COUNSELOR_EMAIL, "unused") == ""
        assert settings.get(s, settings.COUNSELOR_NAME) == "Dana Cruz — ünïcödé"


def test_put_twice_in_one_session_keeps_one_row(db: Database) -> None:
    with db.session(write=True) as s:
        settings.put(s, "tests.key", "one")
        settings.put(s, "tests.key", "two")
    with db.session() as s:
        assert settings.get(s, "tests.key") == "two"

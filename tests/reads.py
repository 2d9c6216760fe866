"""Counting what a page reads: transactions and statements on the workspace database, and the
ORM objects still alive after a load (a page keeps plain values, never ORM objects)."""

from __future__ import annotations

import gc

from sqlalchemy import event

from interventiondesk.model import Base
from interventiondesk.storage.database import Database


class Reads:
    """Counts the transactions ("begin") and statements run on a database inside ``with``."""

    def __init__(self, db: Database) -> None:
        self.engine = db.engine
        self.transactions = 0
        self.statements = 0

    def __enter__(self) -> Reads:
        event.listen(self.engine, "begin", self._begin)
        event.listen(self.engine, "before_cursor_execute", self._statement)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self.engine, "begin", self._begin)
        event.remove(self.engine, "before_cursor_execute", self._statement)

    def _begin(self, _conn: object) -> None:
        self.transactions += 1

    def _statement(self, *_args: object) -> None:
        self.statements += 1

    def reset(self) -> None:
        self.transactions = self.statements = 0


def orm_objects_of(ids: set[str]) -> list[object]:
    """The mapped objects still alive in the process whose identity is one of ``ids``."""
    gc.collect()
    return [o for o in gc.get_objects() if isinstance(o, Base) and o.__dict__.get("id") in ids]

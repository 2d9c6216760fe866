"""A synthetic caseload: any number of fictional cases with rosters and events, inserted in bulk.

    python -m bench.caseload --data-dir DIR --cases 10000 [--seed 7]

A new DIR becomes a demo-style workspace (no passphrase: the data is invented); an existing
workspace is opened as the app would (demo, or with INTERVENTIONDESK_PASSPHRASE).
"""

from __future__ import annotations

import argparse
import os
import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from interventiondesk.model import (
    Case,
    CaseStatus,
    Client,
    Event,
    EventAttendee,
    EventKind,
    InterventionKind,
    InterventionModel,
    Participant,
    ParticipantRole,
    new_id,
)
from interventiondesk.storage.database import Database
from interventiondesk.storage.workspace import PASSPHRASE_ENV, Workspace

# fmt: off
FIRST = (
    "Ada", "Bram", "Cleo", "Dov", "Elin", "Faye", "Gus", "Hana", "Ivo", "Jude", "Kit", "Lena",
    "Milo", "Nell", "Otto", "Pia", "Quin", "Rhea", "Saul", "Tova", "Uma", "Vito", "Wren", "Yara",
)
LAST = (
    "Ashdown", "Birchley", "Coldwell", "Dunmore", "Elderby", "Foxcombe", "Greenhow", "Hollins",
    "Ivesdale", "Juniper", "Kestrel", "Larchmont", "Moorcroft", "Netherby", "Oakhurst",
    "Pinegrove", "Quarrie", "Rookwood", "Saltmarsh", "Thornfield", "Underhill", "Whinfell",
)
RELATIONS = (
    "mother", "father", "sister", "brother", "wife", "husband", "partner", "son", "daughter",
    "aunt", "uncle", "cousin", "friend", "colleague",
)
# fmt: on
PLACES = ("The family home", "Office, room 2", "Video call", "A sister's house", "Church hall")
KINDS_BY_MODEL = {
    InterventionModel.JOHNSON: (EventKind.REHEARSAL, EventKind.INTERVENTION),
    InterventionModel.LOVE_FIRST: (EventKind.REHEARSAL, EventKind.INTERVENTION),
    InterventionModel.INVITATIONAL: (EventKind.NETWORK_MEETING,),
    InterventionModel.CRAFT: (EventKind.COACHING_SESSION,),
    InterventionModel.SYSTEMIC: (EventKind.NETWORK_MEETING, EventKind.FOLLOW_UP_CALL),
}
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _references(session: Session, rng: random.Random, count: int) -> list[str]:
    taken = set(session.scalars(select(Case.reference)))
    chosen: list[str] = []
    while len(chosen) < count:
        reference = "IN-" + "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(5))
        if reference not in taken:
            taken.add(reference)
            chosen.append(reference)
    return chosen


def generate(session: Session, n_cases: int, seed: int = 1) -> int:
    """Add ``n_cases`` fictional cases (3-7 participants and 2-5 events each); returns the count.

    Rows go in with bulk inserts, so 10,000 cases take a few seconds.
    """
    rng = random.Random(seed)
    now = datetime.now(UTC).replace(microsecond=0)
    rows: dict[Any, list[dict[str, Any]]] = {
        table: [] for table in (Case, Client, Participant, Event, EventAttendee)
    }
    kinds, models, statuses = list(InterventionKind), list(InterventionModel), list(CaseStatus)
    roles = list(ParticipantRole)
    for n, reference in enumerate(_references(session, rng, n_cases)):
        created = now - timedelta(minutes=n_cases - n)  # newest last, like a real caseload
        stamp = {"created_at": created, "updated_at": created, "version": 1}
        case_id = new_id()
        model = rng.choice(models)
        surname = rng.choice(LAST)
        rows[Case].append(
            {"id": case_id, "reference": reference, "kind": rng.choice(kinds), "model": model,
             "status": rng.choice(statuses), "counselor": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
             "goals": "Accept the treatment place that is ready on the day.",
             "archived_at": created if rng.random() < 0.1 else None, **stamp}
        )  # fmt: skip
        rows[Client].append(
            {"id": new_id(), "case_id": case_id, "full_name": f"{rng.choice(FIRST)} {surname}",
             "preferred_name": "", **stamp}
        )  # fmt: skip
        roster = []
        for position in range(rng.randint(3, 7)):
            participant_id = new_id()
            roster.append(participant_id)
            family = surname if rng.random() < 0.6 else rng.choice(LAST)
            rows[Participant].append(
                {"id": participant_id, "case_id": case_id, "position": position,
                 "name": f"{rng.choice(FIRST)} {family}",
                 "relationship_to_client": rng.choice(RELATIONS), "role": roles[position % 5],
                 "attending": rng.random() < 0.85, **stamp}
            )  # fmt: skip
        for _ in range(rng.randint(2, 5)):
            event_id = new_id()
            kind = rng.choice(KINDS_BY_MODEL[model])
            starts = now + timedelta(days=rng.randint(-60, 60), hours=rng.randint(0, 10))
            rows[Event].append(
                {"id": event_id, "case_id": case_id, "kind": kind, "title": kind.value.title(),
                 "starts_at": starts, "duration_minutes": rng.choice((45, 60, 90)),
                 "timezone": "America/Chicago", "place": rng.choice(PLACES), **stamp}
            )  # fmt: skip
            for participant_id in rng.sample(roster, k=min(len(roster), 3)):
                rows[EventAttendee].append(
                    {"id": new_id(), "event_id": event_id, "participant_id": participant_id,
                     "response": "invited", **stamp}
                )  # fmt: skip
    for table, values in rows.items():
        if values:
            session.execute(insert(table), values)
    return n_cases


def open_workspace(folder: Path) -> Database:
    """The benchmark workspace: created as a demo-style workspace when the folder is new."""
    workspace = Workspace(folder)
    if not workspace.exists():
        return workspace.create_demo()
    if workspace.is_demo():
        return workspace.open_demo()
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if passphrase is None:
        raise SystemExit(f"This workspace needs its passphrase: set {PASSPHRASE_ENV}.")
    return workspace.unlock(passphrase)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.caseload", description=__doc__)
    parser.add_argument("--data-dir", required=True, metavar="DIR", help="workspace folder")
    parser.add_argument("--cases", type=int, default=10_000, metavar="N", help="cases to add")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same data)")
    args = parser.parse_args(argv)
    db = open_workspace(Path(args.data_dir).expanduser())
    try:
        started = time.perf_counter()
        with db.session() as session:
            generate(session, args.cases, args.seed)
        elapsed = time.perf_counter() - started
    finally:
        db.close()
    print(f"Added {args.cases:,} synthetic cases in {elapsed:.2f} s.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

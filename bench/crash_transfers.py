"""The transfers of the crash harness (bench/crash_cycles.py): a laptop workspace beside the one
under test writes transfer files, each holding one more home visit, and the writer receives them
(``transfer_in``) while it may be killed.

A visit is an observation "visit N" in the laptop's case; every file holds all the visits made
so far, so the case received is always the laptop's latest. After a kill during a receive the
case holds the visits it had before, or all of the file's: never a part.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from interventiondesk.model import Observation
from interventiondesk.services.cases import add_observation, create_case
from interventiondesk.services.transfers import transfer_in, transfer_out
from interventiondesk.storage.database import Database
from interventiondesk.storage.keys import KdfParams
from interventiondesk.storage.workspace import Workspace

TRANSFER_PASSPHRASE = "kitchen table visit lantern 31"
VISIT = "visit "


@dataclass
class Laptop:
    """The other computer: its workspace, its case, and the transfer file to receive next."""

    folder: Path
    passphrase: str
    kdf: KdfParams
    case_id: str
    visits: int = 0
    file: Path | None = None
    file_visits: frozenset[int] = frozenset()


def make_laptop(folder: Path, passphrase: str, kdf: KdfParams) -> Laptop:
    db, _ = Workspace(folder).create(passphrase, kdf=kdf, check_strength=False)
    with db.session(write=True) as session:
        case_id = create_case(session, client_name="Home Visit", kind="family", model="craft").id
    db.close()
    laptop = Laptop(folder, passphrase, kdf, case_id)
    next_file(laptop)
    return laptop


def next_file(laptop: Laptop) -> None:
    """One more visit on the laptop, and a transfer file holding the case as it now stands."""
    laptop.visits += 1
    db = Workspace(laptop.folder).unlock(laptop.passphrase)
    try:
        with db.session(write=True) as session:
            add_observation(session, laptop.case_id, f"{VISIT}{laptop.visits}")
        path = laptop.folder.parent / f"visit-{laptop.visits}.idtransfer"
        transfer_out(
            db, [laptop.case_id], path, TRANSFER_PASSPHRASE, kdf=laptop.kdf, any_computer=True
        )
    finally:
        db.close()
    if laptop.file is not None:
        laptop.file.unlink(missing_ok=True)
    laptop.file = path
    laptop.file_visits = frozenset(range(1, laptop.visits + 1))


def receive(workspace: Workspace, db: Database, path: Path) -> None:
    """What the writer does: receive the file (a file received before changes nothing)."""
    transfer_in(workspace, db, path, TRANSFER_PASSPHRASE)


def visits_present(session: Session) -> set[int]:
    texts = session.scalars(select(Observation.text).where(Observation.text.like(f"{VISIT}%")))
    return {int(text.removeprefix(VISIT)) for text in texts}

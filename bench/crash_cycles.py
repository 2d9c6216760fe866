"""Crash safety, proven: a writer process makes real edits through the services and is killed
(SIGKILL) at random moments, also in the middle of a backup, a restore, a migration, a
passphrase change and the receiving of a transfer file; after every kill the workspace is
reopened and checked.

    python -m bench.crash_cycles --cycles 1000 [--seed 1] [--folder DIR]

Each cycle forks a writer from this process (so that a cycle costs no interpreter start-up). The
writer prints a line for every edit *after* its commit returned ("SAVED n"), and for every
backup, restore, passphrase change and transfer received when it is done. After the kill the
checker opens the workspace as the app does (which reads every page: SQLite's quick_check,
SQLCipher's page authentication), runs integrity_check and cipher_integrity_check, verifies the
audit chain, checks that every backup present under its final name is whole, compares the edits
in the database with those the writer reported as saved, and the case received from the laptop
with the visits of the file received (bench/crash_transfers.py). POSIX only (fork, SIGKILL).
"""

from __future__ import annotations

import argparse
import os
import random
import select
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select as sql_select

from bench.crash_transfers import Laptop, make_laptop, next_file, receive, visits_present
from interventiondesk.model import Observation
from interventiondesk.services import audit
from interventiondesk.services.backups import make_backup, restore_into
from interventiondesk.services.cases import add_observation, create_case
from interventiondesk.storage import migrate
from interventiondesk.storage.backup import find_backups
from interventiondesk.storage.database import Database, raw_connect
from interventiondesk.storage.keys import KdfParams, new_data_key
from interventiondesk.storage.restore import inspect_backup
from interventiondesk.storage.workspace import Workspace

PASSPHRASES = ("quiet harbour lantern 42 walnut", "marble otter climbs seventeen ladders")
KDF = KdfParams(time_cost=1, memory_cost_kib=8192, parallelism=1)
"""Real Argon2id with a light cost, so that a passphrase change takes milliseconds."""
OPERATIONS = ("EDIT", "BACKUP", "RESTORE", "PASSPHRASE", "MIGRATION", "TRANSFER")
SCRATCH = "migration-scratch.db"


# The writer (a forked child) ------------------------------------------------------------------


def _emit(fd: int, line: str) -> None:
    os.write(fd, (line + "\n").encode("ascii"))


def _writer(
    folder: Path,
    passphrase: int,
    first_edit: int,
    seed: int,
    aim: str,
    fd: int,
    transfer: Path | None,
) -> None:
    """Edit, back up, restore, change the passphrase, migrate and receive until killed."""
    rng = random.Random(seed)
    workspace = Workspace(folder)
    db = workspace.unlock(PASSPHRASES[passphrase])
    with db.session() as session:
        edits = sql_select(Observation.case_id).where(Observation.text.like("edit %"))
        case_id = session.scalars(edits.limit(1)).first()
    if case_id is None:
        raise RuntimeError("the workspace has no edits to start from")
    made: list[Path] = []
    edit = first_edit
    _emit(fd, "READY")
    while True:
        roll = rng.random()
        chosen = aim if aim != "EDIT" and roll < 0.25 else None
        if chosen is None:
            roll = rng.random()
            chosen = (
                "EDIT"
                if roll < 0.78
                else "BACKUP"
                if roll < 0.85
                else "RESTORE"
                if roll < 0.89
                else "PASSPHRASE"
                if roll < 0.93
                else "MIGRATION"
                if roll < 0.96
                else "TRANSFER"
            )
        if chosen == "RESTORE" and not [p for p in made if p.exists()]:
            chosen = "BACKUP"
        if chosen == "TRANSFER" and transfer is None:
            chosen = "EDIT"
        if chosen == "EDIT":
            edit += 1
            _emit(fd, f"EDIT-START {edit}")
            with db.session(write=True) as session:
                add_observation(session, case_id, f"edit {edit}")
            _emit(fd, f"SAVED {edit}")
        elif chosen == "BACKUP":
            _emit(fd, "BACKUP-START")
            path = make_backup(workspace, db, "manual").path
            made.append(path)
            _emit(fd, f"BACKUP {path.name}")
        elif chosen == "RESTORE":
            path = rng.choice([p for p in made if p.exists()])
            _emit(fd, f"RESTORE-START {path.name}")
            restore_into(workspace, db, path, db._key)
            _emit(fd, f"RESTORED {path.name}")
        elif chosen == "PASSPHRASE":
            new = 1 - passphrase
            _emit(fd, f"PASSPHRASE-START {new}")
            workspace.change_passphrase(
                PASSPHRASES[passphrase], PASSPHRASES[new], kdf=KDF, check_strength=False
            )
            passphrase = new
            _emit(fd, f"PASSPHRASE {new}")
        elif chosen == "TRANSFER":
            assert transfer is not None
            _emit(fd, f"TRANSFER-START {transfer.name}")
            receive(workspace, db, transfer)
            _emit(fd, f"TRANSFERRED {transfer.name}")
        else:
            _emit(fd, "MIGRATION-START")
            scratch = folder.parent / SCRATCH
            for suffix in ("", "-wal", "-shm"):
                Path(str(scratch) + suffix).unlink(missing_ok=True)
            fresh = Database(scratch, _scratch_key(folder))
            migrate.upgrade(fresh)
            fresh.close()
            _emit(fd, "MIGRATED")


def _scratch_key(folder: Path) -> bytes:
    path = folder.parent / "migration-scratch.key"
    if not path.exists():
        path.write_bytes(new_data_key())
    return path.read_bytes()


# The checker (this process) -------------------------------------------------------------------


@dataclass
class Totals:
    cycles: int = 0
    saved: int = 0
    """Edits the writer reported as saved (acknowledged commits), over all cycles."""
    lost: int = 0
    unexpected: int = 0
    damaged: int = 0
    passphrase_failures: int = 0
    backups_checked: int = 0
    transfers_received: int = 0
    kills_during: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)


@dataclass
class State:
    """What the database must hold: the edits saved, and what each known backup holds."""

    expected: set[int]
    backups: dict[str, frozenset[int]]
    passphrase: int
    next_edit: int
    laptop: Laptop
    visits: set[int] = field(default_factory=set)
    """The visits the case received from the laptop holds (none before the first receive)."""
    backup_visits: dict[str, frozenset[int]] = field(default_factory=dict)


def make_workspace(folder: Path) -> State:
    db, _ = Workspace(folder).create(PASSPHRASES[0], kdf=KDF, check_strength=False)
    with db.session(write=True) as session:
        case = create_case(session, client_name="Crash Harness", kind="family", model="systemic")
        add_observation(session, case.id, "edit 0")
    db.close()
    laptop = make_laptop(folder.parent / "laptop", PASSPHRASES[1], KDF)
    return State(expected={0}, backups={}, passphrase=0, next_edit=1, laptop=laptop)


def _read_lines(fd: int, deadline: float, buffer: bytearray) -> list[str]:
    """Lines the writer has printed, waiting at most until ``deadline``."""
    timeout = max(0.0, deadline - time.monotonic())
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return []
    chunk = os.read(fd, 65536)
    if not chunk:
        return []
    buffer.extend(chunk)
    *lines, rest = buffer.split(b"\n")
    buffer[:] = rest
    return [line.decode("ascii") for line in lines]


def run_cycle(
    folder: Path, state: State, rng: random.Random, totals: Totals, longest: float = 0.4
) -> None:
    """One writer, one kill (within about ``longest`` seconds of its start), one check."""
    aim = rng.choice(OPERATIONS)
    read_fd, write_fd = os.pipe()
    seed = rng.randrange(2**31)
    pid = os.fork()
    if pid == 0:  # the writer
        os.close(read_fd)
        try:
            transfer = state.laptop.file
            _writer(folder, state.passphrase, state.next_edit, seed, aim, write_fd, transfer)
        except BaseException as exc:
            _emit(write_fd, f"ERROR {type(exc).__name__}: {exc}"[:300])
        os._exit(3)
    os.close(write_fd)
    buffer = bytearray()
    lines: list[str] = []
    ready_deadline = time.monotonic() + 30
    while "READY" not in lines and time.monotonic() < ready_deadline:
        lines += _read_lines(read_fd, ready_deadline, buffer)
        if any(line.startswith("ERROR") for line in lines):
            break
    # Kill at a random moment; or, when aiming, a few milliseconds into the first aimed
    # operation that starts after a random while (or at the deadline if none does).
    started = time.monotonic()
    deadline = started + rng.uniform(0.02, longest)
    if aim != "EDIT":
        earliest, deadline = deadline, deadline + 1.0
    aimed_at: float | None = None
    while time.monotonic() < (aimed_at or deadline):
        new = _read_lines(read_fd, aimed_at or deadline, buffer)
        lines += new
        if (
            aim != "EDIT"
            and aimed_at is None
            and time.monotonic() >= earliest
            and any(line.startswith(f"{aim}-START") for line in new)
        ):
            aimed_at = time.monotonic() + rng.uniform(0.0, 0.02)
        if any(line.startswith("ERROR") for line in new):
            break
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    while True:  # what the writer printed before it died
        more = _read_lines(read_fd, time.monotonic() + 0.05, buffer)
        if not more:
            break
        lines += more
    os.close(read_fd)
    totals.cycles += 1
    _check(folder, state, lines, totals)


def _check(folder: Path, state: State, lines: list[str], totals: Totals) -> None:
    errors = [line for line in lines if line.startswith("ERROR")]
    if errors:
        totals.problems.append(f"cycle {totals.cycles}: writer failed: {errors[0]}")
    old_expected = set(state.expected)
    in_flight: set[int] = set()
    pending_restore: str | None = None
    pending_passphrase: int | None = None
    old_visits = set(state.visits)
    pending_transfer = False
    received = False
    last_start = "EDIT"
    for line in lines:
        word, _, rest = line.partition(" ")
        if word.endswith("-START"):
            last_start = word.removesuffix("-START")
        if word == "EDIT-START":
            in_flight = {int(rest)}
            state.next_edit = int(rest) + 1
        elif word == "SAVED":
            state.expected.add(int(rest))
            totals.saved += 1
            in_flight = set()
            last_start = ""
        elif word == "BACKUP":
            state.backups[rest] = frozenset(state.expected)
            state.backup_visits[rest] = frozenset(state.visits)
            last_start = ""
        elif word == "RESTORE-START":
            pending_restore = rest
            old_expected = set(state.expected)
            old_visits = set(state.visits)
        elif word == "RESTORED":
            state.expected = set(state.backups[rest])
            state.visits = set(state.backup_visits[rest])
            pending_restore = None
            last_start = ""
        elif word == "TRANSFER-START":
            pending_transfer = True
            old_visits = set(state.visits)
        elif word == "TRANSFERRED":
            state.visits = set(state.laptop.file_visits)
            pending_transfer = False
            received = True
            last_start = ""
        elif word == "PASSPHRASE-START":
            pending_passphrase = int(rest)
        elif word == "PASSPHRASE":
            state.passphrase = int(rest)
            pending_passphrase = None
            last_start = ""
        elif word == "MIGRATED":
            last_start = ""
    totals.kills_during[last_start or "between operations"] += 1
    state.next_edit += 1000  # a new writer never reuses a number an unreported edit may hold

    db = _open(folder, state, pending_passphrase, totals)
    if db is None:
        return
    try:
        with db.engine.connect() as conn:
            integrity = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
            cipher = conn.exec_driver_sql("PRAGMA cipher_integrity_check").fetchall()
        with db.session() as session:
            chain = audit.verify(session)
            texts = session.scalars(sql_select(Observation.text)).all()
            visits = visits_present(session)
    finally:
        db.close()
    if integrity != "ok" or cipher or chain:
        totals.damaged += 1
        totals.problems.append(f"cycle {totals.cycles}: integrity {integrity}, chain {chain}")
    present = {int(t.removeprefix("edit ")) for t in texts if t.startswith("edit ")}
    if pending_restore is not None:
        # Killed during a restore: the database holds the old state or the backup's, whole.
        restored = set(state.backups[pending_restore])
        if present == restored:
            old_expected = restored
            old_visits = set(state.backup_visits[pending_restore])
        state.expected = old_expected
        state.visits = old_visits
    if pending_transfer and visits in (old_visits, set(state.laptop.file_visits)):
        state.visits = visits  # killed while receiving: the case as it was, or as sent, whole
    if visits != state.visits:
        totals.lost += len(state.visits - visits)
        totals.unexpected += len(visits - state.visits)
        totals.problems.append(
            f"cycle {totals.cycles}: the case received holds visits {sorted(visits)}, "
            f"expected {sorted(state.visits)} (killed during {last_start or 'nothing'})"
        )
        state.visits = visits
    lost = state.expected - present
    unexpected = present - state.expected - in_flight
    if lost or unexpected:
        totals.lost += len(lost)
        totals.unexpected += len(unexpected)
        totals.problems.append(
            f"cycle {totals.cycles}: {len(lost)} saved edits missing, {len(unexpected)} "
            f"unexpected (killed during {last_start or 'nothing'})"
        )
    state.expected = present  # what the next writer starts from
    _check_backups(folder, db._key, totals)
    _check_scratch(folder, totals)
    if received:
        totals.transfers_received += 1
        next_file(state.laptop)  # the next cycle receives one more visit


def _open(folder: Path, state: State, pending: int | None, totals: Totals) -> Database | None:
    """Open as the app does: with the passphrase in force, or (killed during a change) the
    old or the new one."""
    tries = [state.passphrase] + ([pending] if pending is not None else [])
    for index in tries:
        try:
            db = Workspace(folder).unlock(PASSPHRASES[index])
        except Exception as exc:
            last = f"{type(exc).__name__}: {exc}"
            continue
        state.passphrase = index
        return db
    totals.passphrase_failures += 1
    totals.problems.append(f"cycle {totals.cycles}: the workspace did not open: {last}")
    return None


def _check_backups(folder: Path, key: bytes, totals: Totals) -> None:
    """Every backup under its final name is whole (a killed backup leaves only a .partial)."""
    for backup in find_backups(Workspace(folder).backup_folder):
        totals.backups_checked += 1
        try:
            inspect_backup(backup.path, key)
        except Exception as exc:
            totals.damaged += 1
            totals.problems.append(f"cycle {totals.cycles}: backup {backup.path.name}: {exc}")


def _check_scratch(folder: Path, totals: Totals) -> None:
    """A migration killed half-way leaves no schema or the whole schema, never a part."""
    scratch = folder.parent / SCRATCH
    if not scratch.exists():
        return
    conn = raw_connect(scratch, _scratch_key(folder))
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        revision = (
            conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if "alembic_version" in tables
            else None
        )
    finally:
        conn.close()
    whole = (not tables) or (revision is not None and revision[0] == migrate.HEAD_REVISION)
    if not ok or not whole:
        totals.damaged += 1
        totals.problems.append(f"cycle {totals.cycles}: a killed migration left a partial schema")


def run(cycles: int, seed: int, folder: Path, longest: float = 0.4, progress: int = 0) -> Totals:
    """``cycles`` kill cycles on a new workspace in ``folder``; with ``progress``, a report
    line every that many cycles (so that a long run that is cut short still says something)."""
    rng = random.Random(seed)
    state = make_workspace(folder / "workspace")
    totals = Totals()
    started = time.monotonic()
    for _ in range(cycles):
        run_cycle(folder / "workspace", state, rng, totals, longest)
        if progress and totals.cycles % progress == 0:
            print(report(totals, time.monotonic() - started), flush=True)
    return totals


def report(totals: Totals, seconds: float) -> str:
    during = ", ".join(f"{k.lower()} {v}" for k, v in sorted(totals.kills_during.items()))
    return (
        f"{totals.cycles} kill cycles in {seconds:.0f} s: {totals.saved} edits reported saved, "
        f"{totals.lost} lost, {totals.unexpected} unexpected, {totals.damaged} damaged "
        f"(database or backup), {totals.passphrase_failures} workspaces that did not open; "
        f"{totals.backups_checked} backup checks, {totals.transfers_received} transfer files "
        f"received. Killed during: {during}."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cycles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--folder", type=Path, help="an empty folder to work in (default: temp)")
    parser.add_argument(
        "--longest",
        type=float,
        default=0.4,
        help="the longest a writer runs before its kill, in seconds (more edits per cycle)",
    )
    args = parser.parse_args(argv)
    folder = args.folder or Path(tempfile.mkdtemp(prefix="interventiondesk-crash-"))
    started = time.monotonic()
    totals = run(args.cycles, args.seed, folder, args.longest, progress=100)
    print(report(totals, time.monotonic() - started))
    for problem in totals.problems[:50]:
        print(f"  {problem}")
    if args.folder is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if not totals.problems else 1


if __name__ == "__main__":
    sys.exit(main())

"""Transfer out and in of 50 full demo cases, against export-case and import-case in the same run.

    python -m bench.transfers [--cases 50] [--runs 3]

Two temporary workspaces (the office and the laptop) with real SQLCipher and a light Argon2 for
their own keys; the office gets the demonstration cases added again and again up to ``--cases``.
Timed, median of ``--runs``, each step on fresh copies of the workspaces:

- the baseline: ``export-case`` of every case to its own file, then ``import-case`` of every
  file into an empty workspace (what counselors did before transfers);
- ``transfer-out`` of all the cases to one file (one Argon2id derivation at the app's default
  cost, then AES-GCM), and ``transfer-in`` of it into the empty laptop (a backup first, then
  every case added whole);
- the way back: one field of every case edited on the laptop, ``transfer-out`` there, and
  ``transfer-in`` at the office, which merges every case against the version both last shared.

The Argon2id derivation alone is timed too, since it is a fixed cost per file, not per case.
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from interventiondesk.model import Case
from interventiondesk.services.case_files import import_case_file
from interventiondesk.services.demo import add_demo_cases
from interventiondesk.services.exports import export_case_file
from interventiondesk.services.transfer_state import workspace_identity
from interventiondesk.services.transfers import transfer_in, transfer_out
from interventiondesk.storage.keys import KdfParams, passphrase_key
from interventiondesk.storage.workspace import Workspace

PASSPHRASE = "bench passphrase for two computers"
WORDS = "bench transfer words kept apart"
LIGHT = KdfParams(time_cost=1, memory_cost_kib=8192, parallelism=1)


def _workspace(folder: Path, cases: int) -> list[str]:
    db, _key = Workspace(folder).create(PASSPHRASE, kdf=LIGHT, check_strength=False)
    ids: list[str] = []
    with db.session(write=True) as session:
        workspace_identity(session)
        while len(ids) < cases:
            ids += [case.id for case in add_demo_cases(session, today=date(2026, 12, 1))]
    db.close()
    return ids[:cases]


def _timed(step: Callable[[], object]) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def _copy(source: Path, target: Path) -> Workspace:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    (target / "workspace.lock").unlink(missing_ok=True)
    return Workspace(target)


def one_run(root: Path, office_seed: Path, laptop_seed: Path, ids: list[str]) -> dict[str, float]:
    times: dict[str, float] = {}
    office = _copy(office_seed, root / "office")
    laptop = _copy(laptop_seed, root / "laptop")
    colleague = _copy(laptop_seed, root / "colleague")
    files = root / "files"
    shutil.rmtree(files, ignore_errors=True)
    files.mkdir()
    office_db, laptop_db = office.unlock(PASSPHRASE), laptop.unlock(PASSPHRASE)
    colleague_db = colleague.unlock(PASSPHRASE)
    try:
        times["export-case, each case"] = _timed(
            lambda: [export_case_file(office_db, i, files / f"{i}.json") for i in ids]
        )

        def import_all() -> None:
            for i in ids:
                with colleague_db.session(write=True) as session:
                    import_case_file(session, files / f"{i}.json")

        times["import-case, each file"] = _timed(import_all)
        out = files / "out.idtransfer"
        times["transfer-out, one file"] = _timed(lambda: transfer_out(office_db, ids, out, WORDS))
        times["transfer-in, new cases"] = _timed(lambda: transfer_in(laptop, laptop_db, out, WORDS))
        with laptop_db.session(write=True) as session:
            for i in ids:
                session.get_one(Case, i).seating_notes = "changed at the kitchen table"
        back = files / "back.idtransfer"
        times["transfer-out, the way back"] = _timed(
            lambda: transfer_out(laptop_db, ids, back, WORDS)
        )
        times["transfer-in, merged"] = _timed(lambda: transfer_in(office, office_db, back, WORDS))
        times["Argon2id alone"] = _timed(
            lambda: passphrase_key(WORDS, secrets.token_bytes(16), KdfParams())
        )
    finally:
        office_db.close()
        laptop_db.close()
        colleague_db.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        ids = _workspace(root / "office-seed", args.cases)
        _workspace(root / "laptop-seed", 0)
        runs = [
            one_run(root, root / "office-seed", root / "laptop-seed", ids) for _ in range(args.runs)
        ]
        size = (root / "files" / "out.idtransfer").stat().st_size
        json_size = sum(p.stat().st_size for p in (root / "files").glob("*.json"))
    medians = {name: statistics.median(run[name] for run in runs) for name in runs[0]}
    export = medians["export-case, each case"]
    print(f"{len(ids)} cases, median of {args.runs} run(s)")
    print(f"{'step':32} {'seconds':>8} {'x export':>9}")
    for name, seconds in medians.items():
        print(f"{name:32} {seconds:8.2f} {seconds / export:9.2f}")
    print(f"transfer file {size / 1e6:.2f} MB; the case files together {json_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()

"""Crash safety, proven in CI: a writer making real edits through the services is killed with
SIGKILL at random moments (also during backups, restores, migrations, passphrase changes and
the receiving of transfer files);
after every kill the workspace opens, passes its integrity checks, and holds every edit the
writer reported as saved. The long run is ``python -m bench.crash_cycles`` (bench/README.md)."""

from __future__ import annotations

from pathlib import Path

from bench.crash_cycles import report, run


def test_fifty_kills_lose_no_saved_edit_and_damage_nothing(tmp_path: Path) -> None:
    totals = run(cycles=50, seed=13, folder=tmp_path, longest=0.15)
    assert totals.problems == [], report(totals, 0)
    assert totals.cycles == 50
    assert (totals.lost, totals.unexpected, totals.damaged, totals.passphrase_failures) == (
        0,
        0,
        0,
        0,
    )
    assert totals.saved >= 100  # the writers did real work between the kills
    # The kills landed inside the risky operations, not only between edits.
    for operation in ("BACKUP", "RESTORE", "PASSPHRASE", "MIGRATION", "TRANSFER"):
        assert totals.kills_during[operation] >= 1, report(totals, 0)
    assert totals.backups_checked > 0
    assert totals.transfers_received >= 2  # the laptop's visits came in, one file after another

"""The window survives a day's work: many void Qt calls, and a long session in the real window.

PySide6-Essentials 6.12.0 on CPython 3.11 drops a reference to ``None`` on every Qt call that
returns nothing, and the interpreter aborts after a few thousand such calls. A short test never
sees it, so both checks run long, each in a fresh interpreter whose death cannot take the test run
with it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]

VOID_CALLS = 200_000

VOID_CALL_SCRIPT = f"""
from PySide6.QtGui import QStandardItem
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication([])
label = QLabel()
item = QStandardItem()
for i in range({VOID_CALLS} // 4):
    label.setText("x")
    label.setToolTip("y")
    item.setData(i)
    label.setEnabled(i % 2 == 0)
print("survived", {VOID_CALLS})
"""


def offscreen_environment() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def test_two_hundred_thousand_void_qt_calls_survive_in_a_fresh_interpreter() -> None:
    result = subprocess.run(
        [sys.executable, "-c", VOID_CALL_SCRIPT],
        capture_output=True,
        text=True,
        env=offscreen_environment(),
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == f"survived {VOID_CALLS}"


def test_a_long_session_in_the_real_window_keeps_every_edit(tmp_path: Path) -> None:
    rounds = 8
    result = subprocess.run(
        [sys.executable, "-m", "tests.gui.soak_session", str(tmp_path / "demo"), str(rounds)],
        capture_output=True,
        text=True,
        env=offscreen_environment(),
        cwd=REPOSITORY,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    counts = json.loads(result.stdout.strip().splitlines()[-1])
    assert counts["alive"] is True
    assert counts["dialogs"] == []
    assert counts["mismatches"] == 0
    assert counts["edits_refused"] == 0
    assert counts["cases"] >= 5
    # Hundreds of saved edits and page switches: the length at which the crash above appeared.
    assert counts["edits_saved"] >= 300
    assert counts["page_switches"] >= 200

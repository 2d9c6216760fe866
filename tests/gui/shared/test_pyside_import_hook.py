"""PySide6's per-import check no longer keeps every module's source in memory."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from types import ModuleType

import interventiondesk.gui.shell.case_list  # the package replaces the check, as at the app's start

FRESH_START = """
import json, linecache
import interventiondesk.gui
import sqlalchemy.orm
import interventiondesk.gui.shell.case_list  # the package replaces the check, as at the app's start
import interventiondesk.services.cases
kept = [name for name, entry in linecache.cache.items() if len(entry) == 4 and name.endswith(".py")]
print(json.dumps(kept))
"""


def test_modules_imported_after_the_gui_leave_no_source_in_linecache() -> None:
    done = subprocess.run(
        [sys.executable, "-c", FRESH_START], capture_output=True, text=True, check=True, timeout=120
    )
    kept = json.loads(done.stdout.strip().splitlines()[-1])
    assert kept == []  # PySide6's own check keeps hundreds of files here (SQLAlchemy's, ours)


def _by_source(module: ModuleType) -> bool:
    """PySide6's own answer: does the module's source mention PySide6?"""
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError):
        return False


def test_pyside_decides_as_before() -> None:
    feature = sys.modules["shibokensupport.feature"]
    check = feature._mod_uses_pyside  # the hook PySide6 6.11 has
    assert getattr(check, "reads_the_file", False)
    modules = [interventiondesk.gui.shell.case_list, json, inspect, sys]
    assert (
        [check(m) for m in modules]
        == [_by_source(m) for m in modules]
        == [
            True,
            False,
            False,
            False,
        ]
    )

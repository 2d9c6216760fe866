"""Start-up stays light: the main window's first frame comes before the data layer is imported,
and the exporters, migrations and checkers are not imported at start-up at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.gui.shell.menus import CASE_ACTIONS, SAFETY_ACTIONS
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import CaseStatus
from interventiondesk.options import window_options
from interventiondesk.services.cases import create_case
from interventiondesk.services.demo import create_demo_workspace
from interventiondesk.storage.database import Database
from interventiondesk.storage.workspace import PASSPHRASE_ENV, Workspace
from tests.conftest import PASSPHRASE

HEAVY_MODULES = ("reportlab", "icalendar", "alembic", "spellchecker", "jsonschema", "zxcvbn")
"""Needed for exports, migrations, letter guidance and passphrase checks, never at start-up."""
DATA_LAYER = ("sqlalchemy", "sqlcipher3", "interventiondesk.storage.database")
"""Needed to show cases, but not to draw the window's first frame."""
CHART = ("pyqtgraph", "numpy")
"""The dashboard's chart: imported once the dashboard's lists are on screen, never before."""
ROOT = Path(__file__).resolve().parents[2]


def _run(script: str, *args: str, passphrase: bool = False) -> dict[str, list[str]]:
    """Run ``script`` in a fresh interpreter, offscreen; it prints one JSON line last."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    if passphrase:
        env[PASSPHRASE_ENV] = PASSPHRASE
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, list[str]] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


LOADED = """
def loaded(names):
    return [name for name in names if name in sys.modules]
"""

SHELL_SCRIPT = (
    """
import json, os, sys
"""
    + LOADED
    + """
from interventiondesk.options import window_options
from interventiondesk.gui.shell.app import application
from interventiondesk.gui.shell.main_window import MainWindow
from interventiondesk.gui.shell.menus import CASE_ACTIONS
from interventiondesk.gui.shared.widgets import PAINTED
window_options(["--demo"])
app = application()
window = MainWindow()
window.show()
while not window.property(PAINTED):
    app.processEvents()
print(json.dumps({"heavy": loaded(%r), "data": loaded(%r)}))
sys.stdout.flush()
os._exit(0)
"""
)


def test_the_window_paints_its_first_frame_before_the_data_layer_is_imported() -> None:
    script = SHELL_SCRIPT % (HEAVY_MODULES + CHART, DATA_LAYER)
    assert _run(script) == {"heavy": [], "data": []}


START_SCRIPT = (
    """
import json, os, sys
"""
    + LOADED
    + """
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QMainWindow
from interventiondesk.cli import main
from interventiondesk.gui.shell.app import application

HEAVY, DATA = %r, %r
app = application()
seen = {}

class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() != QEvent.Type.Paint:
            return False
        window = self.window
        if "first_frame" not in seen:
            seen["first_frame"] = loaded(HEAVY + DATA)
            window.table.viewport().installEventFilter(self)
        elif window.case_model.rowCount() and "filled" not in seen:
            seen["filled"] = loaded(HEAVY + DATA)
            QTimer.singleShot(0, window.close)
        return False

    def find(self):  # queued before the window shows: runs before its first frame
        (self.window,) = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow)]
        self.window.installEventFilter(self)

watch = Watch()
QTimer.singleShot(0, watch.find)
status = main(sys.argv[1:])
seen["status"] = [str(status)]
print(json.dumps(seen))
sys.stdout.flush()
os._exit(0)
"""
)


def test_the_real_start_paints_first_then_loads_the_data_layer_but_no_exporter(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "demo"
    create_demo_workspace(Workspace(folder)).close()  # made here: making one runs migrations
    script = START_SCRIPT % (HEAVY_MODULES, DATA_LAYER)
    seen = _run(script, "--demo", "--data-dir", str(folder))
    assert seen["status"] == ["0"]
    assert seen["first_frame"] == []
    assert seen["filled"] == list(DATA_LAYER)  # what the filled list needs, and no more


UNLOCKED_SCRIPT = (
    """
import json, os, sys
from pathlib import Path
"""
    + LOADED
    + """
from interventiondesk.gui.shell.app import application, show_main_window
from interventiondesk.storage.workspace import Workspace
app = application()
workspace = Workspace(Path(sys.argv[1]))
db = workspace.unlock(os.environ["INTERVENTIONDESK_PASSPHRASE"])
window = show_main_window(db, workspace, is_demo=False)
for _ in range(10):
    app.processEvents()
assert window.case_model.rowCount() == 1, window.case_model.rowCount()
print(json.dumps({"heavy": loaded(%r)}))
db.close()
sys.stdout.flush()
os._exit(0)
"""
)


def test_showing_the_window_on_an_unlocked_workspace_loads_no_exporter_either(
    workspace: Workspace, db: Database
) -> None:
    with db.session() as s:
        create_case(s, client_name="Robin Quillfeather", kind="planned", model="love_first")
    db.close()
    seen = _run(UNLOCKED_SCRIPT % (HEAVY_MODULES,), str(workspace.folder), passphrase=True)
    assert seen == {"heavy": []}


# The shell -------------------------------------------------------------------------------


def test_the_shell_says_it_is_opening_and_offers_nothing_that_needs_the_workspace(
    db: Database, workspace: Workspace, qtbot: QtBot, qapp: QApplication
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "InterventionDesk"
    assert window.count_label.text() == "Opening the workspace…"
    assert window.stack.currentWidget() is window.opening
    for name, action in window.actions_by_name.items():
        needs_workspace = name in (
            "new_case", "reload", "find", "archive", "restore", "close_case", "change_passphrase",
            "import_case", "send_cases", "receive_cases", *CASE_ACTIONS, *SAFETY_ACTIONS,
        )  # fmt: skip
        assert action.isEnabled() != needs_workspace, name
    assert not window.new_button.isEnabled()
    window.reload_cases()  # the Refresh key before the workspace is open does nothing
    assert window.case_model.rowCount() == 0 and window.flush()

    with db.session() as s:
        create_case(s, client_name="Lou Marsh", kind="crisis", model="craft")
    window.attach(AppState(db, is_demo=False, parent=window), workspace)
    window.reload_cases()
    assert window.case_model.rowCount() == 1
    assert window.count_label.text() == "Cases shown: 1"
    assert window.stack.currentWidget() is window.dashboard
    assert window.actions_by_name["new_case"].isEnabled()
    assert window.actions_by_name["change_passphrase"].isEnabled()
    assert not window.actions_by_name["archive"].isEnabled()  # no case open yet
    assert not window.actions_by_name["new_case"].icon().isNull()  # drawn when attached
    qtbot.waitUntil(lambda: window.dashboard.tiles[CaseStatus.INTAKE].text().startswith("1\n"))


def test_the_shell_draws_its_icons_right_after_its_first_frame(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.new_button.icon().isNull()
    window.show()
    qtbot.waitUntil(lambda: not window.new_button.icon().isNull())
    assert not window.actions_by_name["about"].icon().isNull()
    assert not window.windowIcon().isNull()


# The command line's shortcut to the window -----------------------------------------------


def test_the_window_is_started_without_reading_any_command() -> None:
    plain = window_options([])
    assert plain is not None and plain.command is None and not plain.demo
    demo = window_options(["--demo", "--data-dir", "ünïcode folder"])
    assert demo is not None and demo.demo and demo.data_dir == "ünïcode folder"
    joined = window_options(["--data-dir=x"])
    assert joined is not None and joined.data_dir == "x"
    # Anything else goes to the whole command line, which knows every command and message.
    for other in (["cases"], ["--version"], ["-h"], ["--data-dir"], ["--dem"], ["--demo", "x"]):
        assert window_options(other) is None, other

"""Start-up and case-list timings over a large caseload, as ratios against a bare Qt window.

    python -m bench.startup_and_list [--data-dir DIR] [--cases 10000] [--runs 5]

Each start-up is timed in a fresh process, from just before the process is spawned to the first
paint of the main window, and on to the case list filled with the whole caseload. The app runs
its real start: the command line's ``main(["--demo", "--data-dir", DIR])``, exactly what
``python -m interventiondesk --demo --data-dir DIR`` runs. Two baselines are timed the same way:
a bare PySide6 QMainWindow (the target is measured against it), and the same bare window after
the work any window showing this data must do first (importing SQLAlchemy and the model, opening
the encrypted workspace): the "data floor", shown for information. The case list and the filter
keystroke are also timed inside the app's process, over its real widgets. Each child also
reports its peak resident memory, so that the app's peak is compared with the bare window's in
the same run.
Without --data-dir, a temporary demo-style workspace with a synthetic caseload is made first.

With ``--app-command CMD`` (for example the frozen build,
``dist/InterventionDesk/interventiondesk``) the app's start-ups are ``CMD --demo --data-dir DIR``
instead, watched from outside: a frozen executable cannot take the in-process watch, so Qt's own
painting log (``QT_LOGGING_RULES=qt.widgets.painting=true``) is read from its standard error, and
the first paint is the moment the line saying that the first top-level window is drawn arrives.
The bare window and the data floor are timed as always; the case-list timings, which need the
app's widgets in the bench's process, are left out.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TARGET_PAINT_RATIO = 1.5
TARGET_LIST_SECONDS = 1.0
TARGET_KEYSTROKE_SECONDS = 0.016
TARGET_MEMORY_RATIO = 2.5
SEARCHES = ("a", "as", "ash", "ashd", "ash", "as", "a", "", "in-", "in-4", "in-", "", "plan", "")


def _peak_mib() -> float:
    """This process's peak resident memory so far, in MiB (VmHWM on Linux, else getrusage)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _child_bare() -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1200, 800)
    return {"paint": _first_paint(app, window.show), "peak": _peak_mib()}


def _child_floor(folder: Path) -> dict[str, Any]:
    """The bare window, after what must come before any window can show the caseload."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    import interventiondesk.model  # noqa: F401 - the mapped classes every query needs
    from interventiondesk.storage.workspace import Workspace

    app = QApplication(sys.argv[:1])
    db = Workspace(folder).open_demo()
    window = QMainWindow()
    window.resize(1200, 800)
    result = {"paint": _first_paint(app, window.show), "peak": _peak_mib()}
    db.close()
    return result


def _watch_paints(app: Any, on_paint: Callable[[Any, Any], bool]) -> Any:
    """Call ``on_paint(widget, window)`` at each paint of the main window about to be shown
    (and of the widgets it adds with ``watch.add``) until it returns True.

    The watch sits on that window alone. It is put there by a zero timer queued before the
    window is shown, which the event loop runs before the window's first frame. (A watch on the
    whole application would distort what it measures: it wraps every object that receives an
    event into Python, about 25 ms in a window with a few dozen widgets.)
    """
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QMainWindow

    class Watch(QObject):
        window: Any = None
        done = False

        def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 - Qt's name
            if not self.done and event.type() == QEvent.Type.Paint:
                self.done = on_paint(watched, self.window)
            return False

        def add(self, widget: Any) -> None:
            widget.installEventFilter(self)

        def find_window(self) -> None:
            windows = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow)]
            if len(windows) != 1 or windows[0].property("interventiondesk_painted"):
                raise SystemExit("the main window was not found before its first paint")
            self.window = windows[0]
            self.add(self.window)

    watch = Watch(app)  # owned by the application, so it lives as long
    QTimer.singleShot(0, watch.find_window)
    return watch


def _first_paint(app: Any, show: Callable[[], object]) -> float:
    """Run ``show`` and the event loop until the main window has painted; returns that moment."""
    from PySide6.QtCore import QTimer

    painted: list[float] = []

    def on_paint(widget: Any, window: Any) -> bool:
        if widget is window:
            painted.append(time.time())
            QTimer.singleShot(0, app.quit)
        return bool(painted)

    _watch_paints(app, on_paint)
    show()
    app.exec()
    return painted[0]


def _child_app(folder: Path, measure_list: bool) -> dict[str, Any]:
    """The app's own start, watched from outside: the first paint of its main window, then the
    first repaint of the case list with rows in it. The watch is the only thing added."""
    from PySide6.QtCore import QTimer

    from interventiondesk.cli import main
    from interventiondesk.gui.shell.app import application

    app = application()  # the app's own function; its start below finds this instance
    moments: dict[str, float] = {}
    result: dict[str, Any] = {}

    def finish(window: Any) -> None:
        result["peak"] = _peak_mib()  # the window open on the whole caseload
        if measure_list:
            result.update(_list_timings(app, window))
            result["peak_after_use"] = _peak_mib()  # and after reloads and filtering
        window.close()

    def on_paint(widget: Any, window: Any) -> bool:
        if "paint" not in moments:
            if widget is window:
                moments["paint"] = time.time()
                watch.add(window.table.viewport())
            return False
        if widget is window.table.viewport() and window.case_model.rowCount() > 0:
            moments["filled"] = time.time()
            result["rows"] = window.case_model.rowCount()
            QTimer.singleShot(0, lambda: finish(window))
            return True
        return False

    watch = _watch_paints(app, on_paint)
    status = main(["--demo", "--data-dir", str(folder)])
    if status != 0:
        raise SystemExit(f"the app ended with status {status}")
    return {**result, **moments}


def _list_timings(app: Any, window: Any) -> dict[str, Any]:
    fills = []
    for _ in range(5):
        started = time.perf_counter()
        window.reload_cases()
        app.processEvents()  # the view repaints with the new rows
        fills.append(time.perf_counter() - started)
    keystrokes = []
    for _ in range(15):
        for text in SEARCHES:
            started = time.perf_counter()
            window.search.setText(text)
            app.processEvents()
            keystrokes.append(time.perf_counter() - started)
    return {
        "rows": window.case_model.rowCount(),
        "fill": statistics.median(fills),
        "keystroke": statistics.median(keystrokes),
        "keystroke_p95": statistics.quantiles(keystrokes, n=20)[-1],
        "keystrokes": len(keystrokes),
    }


def _spawn(mode: str, folder: Path, env: dict[str, str], *extra: str) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.startup_and_list", "--child", mode]
    command += ["--data-dir", str(folder), *extra]
    spawned = time.time()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True, timeout=120)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    for moment in ("paint", "filled"):
        if moment in result:
            result[moment] -= spawned
    return result


def _spawn_command(command: list[str], folder: Path, env: dict[str, str]) -> dict[str, Any]:
    """``command --demo --data-dir folder`` watched from outside: its first paint is when Qt's
    painting log says that the first top-level window (drawn "as root") is being drawn, the
    moment the in-process watch sees the window's first paint event. The process is then
    ended (it holds nothing to save: the workspace is only read)."""
    env = {**env, "QT_LOGGING_RULES": "qt.widgets.painting=true"}
    painted: float | None = None
    spawned = time.time()
    with subprocess.Popen(
        [*command, "--demo", "--data-dir", str(folder)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
    ) as child:
        watchdog = threading.Timer(120, child.kill)
        watchdog.start()
        try:
            assert child.stderr is not None
            for line in child.stderr:
                if "Drawing" in line and "DrawAsRoot" in line:
                    painted = time.time()
                    break
        finally:
            watchdog.cancel()
            child.kill()
    if painted is None:
        raise SystemExit(f"{shlex.join(command)} ended without painting a window")
    return {"paint": painted - spawned}


def _prepare(folder: Path | None, cases: int) -> Path:
    if folder is not None:
        return folder
    from bench.caseload import generate, open_workspace

    made = Path(tempfile.mkdtemp(prefix="interventiondesk-bench-")) / "workspace"
    db = open_workspace(made)
    with db.session() as session:
        generate(session, cases, seed=1)
    db.close()
    return made


def _report_command(
    command: list[str], runs: int, bare: list[float], floor: list[float], app: list[float]
) -> None:
    bare_s, floor_s, app_s = (statistics.median(times) for times in (bare, floor, app))
    ratio = app_s / bare_s
    verdict = "meets the target" if ratio <= TARGET_PAINT_RATIO else "MISSES the target"
    print(f"Start-up of: {shlex.join(command)} (watched from outside); {runs} fresh processes.")
    print(f"Bare QMainWindow, first paint:   {bare_s:6.3f} s (median, from spawn)")
    print(f"Data floor, first paint:         {floor_s:6.3f} s = {floor_s / bare_s:.2f} x bare")
    print(
        f"The command, first paint:        {app_s:6.3f} s = {ratio:.2f} x bare "
        f"(target {TARGET_PAINT_RATIO} x bare: {verdict}); {app_s / floor_s:.2f} x the data floor"
    )
    print(f"  each run: {', '.join(f'{t:.3f}' for t in app)} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.startup_and_list", description=__doc__)
    parser.add_argument("--data-dir", metavar="DIR", help="a workspace made by bench.caseload")
    parser.add_argument("--cases", type=int, default=10_000, help="caseload for a new workspace")
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per start-up timing")
    parser.add_argument(
        "--app-command",
        metavar="CMD",
        help="time this command's start instead of the app's own (e.g. the frozen executable); "
        "first paint only",
    )
    parser.add_argument(
        "--child", choices=("bare", "floor", "app", "app-list"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.child:
        folder = Path(args.data_dir)
        if args.child == "bare":
            child = _child_bare()
        elif args.child == "floor":
            child = _child_floor(folder)
        else:
            child = _child_app(folder, args.child != "app")
        print(json.dumps(child), flush=True)
        os._exit(0)  # skip interpreter teardown: it times nothing and PySide6 may crash there

    folder = _prepare(Path(args.data_dir) if args.data_dir else None, args.cases)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # Start as an installed app does: with compiled bytecode (an installer writes it; a
    # development shell may have turned that off, which would time compiling our sources).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    config = tempfile.TemporaryDirectory(prefix="interventiondesk-bench-config-")
    env["XDG_CONFIG_HOME"] = config.name  # window settings of the runs stay out of yours
    command = shlex.split(args.app_command) if args.app_command else None

    def start_app() -> dict[str, Any]:
        return _spawn_command(command, folder, env) if command else _spawn("app", folder, env)

    for mode in ("bare", "floor"):  # not timed: writes the bytecode, warms the disk cache
        _spawn(mode, folder, env)
    start_app()
    bare, floor, app, filled = [], [], [], []
    bare_peak, floor_peak, app_peak = [], [], []
    for _ in range(args.runs):  # interleaved, so that a busy moment of the machine hits all three
        plain = _spawn("bare", folder, env)
        bare.append(plain["paint"])
        bare_peak.append(plain["peak"])
        floored = _spawn("floor", folder, env)
        floor.append(floored["paint"])
        floor_peak.append(floored["peak"])
        started = start_app()
        app.append(started["paint"])
        if not command:
            filled.append(started["filled"])
            app_peak.append(started["peak"])
    if command:
        _report_command(command, args.runs, bare, floor, app)
        config.cleanup()
        if not args.data_dir:
            shutil.rmtree(folder.parent)  # the synthetic workspace made for this run
        return 0
    lists = _spawn("app-list", folder, env)
    bare_s, floor_s, app_s, filled_s = (
        statistics.median(times) for times in (bare, floor, app, filled)
    )
    ratio = app_s / bare_s
    own = app_s / floor_s

    def verdict(ok: bool) -> str:
        return "meets the target" if ok else "MISSES the target"

    print(f"Caseload: {lists['rows']:,} cases in the list; {args.runs} fresh processes each.")
    print(f"Bare QMainWindow, first paint:   {bare_s:6.3f} s (median, from spawn)")
    print(f"Data floor, first paint:         {floor_s:6.3f} s = {floor_s / bare_s:.2f} x bare")
    print(
        f"InterventionDesk, first paint:   {app_s:6.3f} s = {ratio:.2f} x bare "
        f"(target {TARGET_PAINT_RATIO} x bare: {verdict(ratio <= TARGET_PAINT_RATIO)}); "
        f"{own:.2f} x the data floor"
    )
    print(
        f"Case list filled, from spawn:    {filled_s:6.3f} s "
        f"(target {TARGET_LIST_SECONDS:.1f} s: {verdict(filled_s <= TARGET_LIST_SECONDS)})"
    )
    fill = lists["fill"]
    print(
        f"Case list filled, reload alone:  {fill:6.3f} s "
        f"(target {TARGET_LIST_SECONDS:.1f} s: {verdict(fill <= TARGET_LIST_SECONDS)})"
    )
    key = lists["keystroke"]
    print(
        f"Filter keystroke:                {key * 1000:6.2f} ms median, "
        f"{lists['keystroke_p95'] * 1000:.2f} ms 95th percentile over {lists['keystrokes']} "
        f"(target {TARGET_KEYSTROKE_SECONDS * 1000:.0f} ms: "
        f"{verdict(key <= TARGET_KEYSTROKE_SECONDS)})"
    )
    bare_mib, floor_mib, app_mib = (
        statistics.median(peaks) for peaks in (bare_peak, floor_peak, app_peak)
    )
    memory = app_mib / bare_mib
    print(f"Bare QMainWindow, peak memory:   {bare_mib:6.1f} MiB (median peak resident size)")
    print(
        f"Data floor, peak memory:         {floor_mib:6.1f} MiB = {floor_mib / bare_mib:.2f} x bare"
    )
    print(
        f"InterventionDesk, peak memory:   {app_mib:6.1f} MiB = {memory:.2f} x bare, the list "
        f"filled (target {TARGET_MEMORY_RATIO} x bare: {verdict(memory <= TARGET_MEMORY_RATIO)}); "
        f"{lists['peak_after_use']:.1f} MiB after the reloads and keystrokes above"
    )
    config.cleanup()
    if not args.data_dir:
        shutil.rmtree(folder.parent)  # the synthetic workspace made for this run
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

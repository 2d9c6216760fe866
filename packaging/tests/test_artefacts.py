"""Proof that what packaging/build.sh built works: the onedir app and the installed .deb.

Run by packaging/test_build.sh (its own pytest run, outside the main test suite's testpaths),
after the build and after `dpkg -i` of the package. Every test runs for real against the
artefacts; a missing artefact or tool is a failure, never a skip.
"""

from __future__ import annotations

import configparser
import copy
import gzip
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
VERSION = re.search(
    r'^__version__ = "(.+)"$',
    (ROOT / "src" / "interventiondesk" / "__init__.py").read_text(),
    re.MULTILINE,
).group(1)  # type: ignore[union-attr]
APP_ID = "org.interventiondesk.InterventionDesk"
DIST = ROOT / "dist"
ONEDIR = DIST / "InterventionDesk"
DEB = DIST / f"interventiondesk_{VERSION}_amd64.deb"
TARBALL = DIST / f"InterventionDesk-{VERSION}-linux-x86_64.tar.gz"
ICONS = ROOT / "build" / "icons"
FIXTURE = ROOT / "tests" / "fixtures" / "workspace-0001"  # the first released schema
FIXTURE_PASSPHRASE = "fixture passphrase for old schemas"  # tests/fixtures/make_workspace_fixture
PASSPHRASE = "a long passphrase for the packaging proof"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
# Greek, Cyrillic and Arabic: the bundled DejaVu font and the bidi shaping must travel.
GREEK = "Αγαπητή Ελένη, σε αγαπάμε"
CYRILLIC = "Дорогая Елена, мы тебя любим"
ARABIC = "نحن نحبك"
# Qt's GTK 3 theme plug-in loads only where GTK 3 is installed (the package recommends it);
# without it Qt falls back to its own theme, so its missing libraries are allowed.
OPTIONAL_PLUGINS = ("platformthemes/libqgtk3.so",)

TARGETS = {
    "onedir": ONEDIR / "interventiondesk",
    "deb": Path("/usr/bin/interventiondesk"),
}


@pytest.fixture(params=sorted(TARGETS))
def app(request: pytest.FixtureRequest) -> Path:
    """The executable under test: the onedir build, or the command the .deb put on PATH."""
    executable = TARGETS[request.param]
    if request.param == "deb":
        status = subprocess.run(
            ["dpkg-query", "-W", "-f", "${Status} ${Version}", "interventiondesk"],
            capture_output=True,
            text=True,
        )
        assert status.stdout == f"install ok installed {VERSION}", (
            "install the package first (packaging/test_build.sh does: dpkg -i)"
        )
    assert executable.is_file(), f"{executable} is missing: run packaging/build.sh first"
    return executable


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A clean environment: a home of its own (settings, logs), Qt offscreen."""
    home = tmp_path / "home"
    home.mkdir()
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("INTERVENTIONDESK_", "QT_"))}
    return {
        **kept,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }


def run(
    app: Path, *args: str, env: dict[str, str], ok: bool = True, **extra: str
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(app), *args],
        env={**env, **extra},
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )
    if ok:
        assert done.returncode == 0, f"{args}: {done.returncode}\n{done.stdout}\n{done.stderr}"
        assert "Traceback" not in done.stderr
    return done


def test_version(app: Path, env: dict[str, str]) -> None:
    assert run(app, "--version", env=env).stdout.strip() == f"InterventionDesk {VERSION}"


def test_workspace_commands_round_trip(app: Path, env: dict[str, str], tmp_path: Path) -> None:
    """init, demo --yes, cases --json, export-case, import-case (with Greek, Cyrillic and Arabic
    text), letters -o PDF (read back with pypdf), ics -o (parsed back with icalendar)."""
    from icalendar import Calendar
    from pypdf import PdfReader

    first, second, out = tmp_path / "first", tmp_path / "second", tmp_path / "out"
    out.mkdir()
    unlock = {"INTERVENTIONDESK_PASSPHRASE": PASSPHRASE}

    def cli(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
        return run(app, "--data-dir", str(folder), *args, env=env, **unlock)

    made = cli(first, "init")
    assert "recovery key" in made.stdout
    assert (first / "workspace.db").is_file()
    assert b"SQLite format 3" not in (first / "workspace.db").read_bytes()[:16]  # encrypted
    added = cli(first, "demo", "--yes")
    assert "fictional demonstration cases" in added.stdout
    cases = json.loads(cli(first, "cases", "--json").stdout)
    assert len(cases) >= 5

    def letters_of(folder: Path, case: str) -> list[dict[str, object]]:
        return json.loads(cli(folder, "letters", case, "--json").stdout)  # type: ignore[no-any-return]

    def events_of(folder: Path, case: str) -> list[dict[str, object]]:
        return json.loads(cli(folder, "events", case, "--json").stdout)  # type: ignore[no-any-return]

    chosen = next(
        c for c in cases if letters_of(first, c["reference"]) and events_of(first, c["reference"])
    )
    reference = chosen["reference"]
    exported = out / "case.json"
    cli(first, "export-case", reference, "-o", str(exported))
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["case"]["reference"] == chosen["reference"]

    # Non-Latin text in a letter and an author's name, then into a second, new workspace.
    changed = copy.deepcopy(document)
    letter = next(item for item in changed["letters"] if item["deleted_at"] is None)
    letter["impact"] = f"{GREEK}.\n{CYRILLIC}.\n{ARABIC}."
    author = next(p for p in changed["participants"] if p["id"] == letter["author"])
    author["name"] = "Олена Коваленко"
    moved = out / "non-latin.json"
    moved.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    run(app, "--data-dir", str(second), "init", env=env, INTERVENTIONDESK_NEW_PASSPHRASE=PASSPHRASE)
    imported = cli(second, "import-case", str(moved))
    assert reference in imported.stdout
    (listed,) = json.loads(cli(second, "cases", "--json").stdout)
    assert listed["id"] == chosen["id"]

    again = out / "again.json"
    cli(second, "export-case", reference, "-o", str(again))
    round_trip = json.loads(again.read_text(encoding="utf-8"))
    for one in (changed, round_trip):
        one.pop("exported_at")
    assert round_trip == changed  # export, import elsewhere, export: the same case

    packet = out / "packet.pdf"
    written = cli(second, "letters", reference, "-o", str(packet), "--drafts")
    assert "Wrote the rehearsal packet" in written.stdout
    text = "\n".join(page.extract_text() for page in PdfReader(packet).pages)
    assert GREEK in text
    assert CYRILLIC in text
    assert "Олена Коваленко" in text
    assert re.search("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]", text), "no Arabic in the PDF"
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(packet).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVu" in name for name in fonts), fonts  # the bundled font was found

    calendar_file = out / "case.ics"
    cli(second, "ics", reference, "-o", str(calendar_file))
    calendar = Calendar.from_ical(calendar_file.read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == len(events_of(second, reference)) > 0
    assert all(event.get("DTSTART") is not None for event in events)
    assert calendar.walk("VTIMEZONE"), "time zones travel with the events (tzdata bundled)"


def test_wrong_passphrase_is_one_clear_line(app: Path, env: dict[str, str], tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    run(app, "--data-dir", str(folder), "init", env=env, INTERVENTIONDESK_PASSPHRASE=PASSPHRASE)
    refused = run(
        app,
        "--data-dir",
        str(folder),
        "cases",
        env=env,
        ok=False,
        INTERVENTIONDESK_PASSPHRASE="not the passphrase at all",
    )
    assert refused.returncode != 0
    assert refused.stderr.count("\n") == 1 and refused.stderr.startswith("interventiondesk: ")
    assert "Traceback" not in refused.stderr


@pytest.fixture
def gui(app: Path, env: dict[str, str], tmp_path: Path) -> Iterator[list[subprocess.Popen[Any]]]:
    """Processes started by a test, ended after it (the window never quits by itself)."""
    started: list[subprocess.Popen[Any]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_for_line(process: subprocess.Popen[str], needle: str, timeout: float) -> str:
    """Read the process's standard error until a line holds ``needle``."""
    assert process.stderr is not None
    deadline = time.monotonic() + timeout
    seen = []
    for line in process.stderr:
        seen.append(line)
        if needle in line:
            return line
        if time.monotonic() > deadline:
            break
    raise AssertionError(f"no {needle!r} from the app in {timeout} s:\n{''.join(seen[-20:])}")


def test_window_opens_the_demo_and_stays_up(
    app: Path, env: dict[str, str], tmp_path: Path, gui: list[subprocess.Popen[Any]]
) -> None:
    folder = tmp_path / "demo"
    window = subprocess.Popen(
        [str(app), "--demo", "--data-dir", str(folder)],
        env={**env, "QT_LOGGING_RULES": "qt.widgets.painting=true"},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    gui.append(window)
    wait_for_line(window, "DrawAsRoot", timeout=60)  # the main window painted
    assert window.stderr is not None
    window.stderr.close()  # no more reading: the log must not fill the pipe
    time.sleep(10)
    assert window.poll() is None, "the window closed by itself"
    assert (folder / "workspace.db").is_file(), "the demo workspace was not made"
    window.send_signal(signal.SIGTERM)
    window.wait(timeout=10)
    shown = run(app, "--demo", "--data-dir", str(folder), "cases", "--json", env=env)
    assert len(json.loads(shown.stdout)) >= 5  # the window made the whole demo workspace


def test_first_released_schema_opens_from_the_command_line(
    app: Path, env: dict[str, str], tmp_path: Path
) -> None:
    """The workspace made by the first released schema opens (and is upgraded, when the build's
    schema is newer) with the migrations that travel inside the build."""
    from interventiondesk.storage import migrate

    folder = tmp_path / "old"
    shutil.copytree(FIXTURE, folder)
    unlock = {"INTERVENTIONDESK_PASSPHRASE": FIXTURE_PASSPHRASE}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return run(app, "--data-dir", str(folder), *args, env=env, **unlock)

    cases = json.loads(cli("cases", "--json", "--all").stdout)
    assert len(cases) >= 6
    out = tmp_path / "out"
    out.mkdir()
    for case in cases[:2]:  # the main suite exports every upgraded case; here: it travels
        target = out / f"{case['reference']}.json"
        cli("export-case", case["reference"], "-o", str(target))
        assert json.loads(target.read_text(encoding="utf-8"))["case"]["id"] == case["id"]
    upgraded = list((folder / "backups").glob("*-before-upgrade.db"))
    assert bool(upgraded) == (FIXTURE.name != f"workspace-{migrate.HEAD_REVISION}")


def xdotool(*args: str, display: str) -> str:
    done = subprocess.run(
        ["xdotool", *args],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.stdout.strip() if done.returncode == 0 else ""


def visible_windows(name: str, display: str) -> list[str]:
    return xdotool("search", "--onlyvisible", "--name", name, display=display).split()


def test_first_released_schema_unlocks_in_the_real_window(
    app: Path, env: dict[str, str], tmp_path: Path, gui: list[subprocess.Popen[Any]]
) -> None:
    """The window on X (Xvfb, Qt's xcb platform, as on a desktop): the passphrase typed into
    the unlock dialog opens the old workspace, and the window stays up with no error box."""
    folder = tmp_path / "old"
    shutil.copytree(FIXTURE, folder)
    number = 90 + os.getpid() % 100
    display = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    gui.append(server)
    for _ in range(100):
        if Path(f"/tmp/.X11-unix/X{number}").exists():
            break
        time.sleep(0.1)
    window = subprocess.Popen(
        [str(app), "--data-dir", str(folder)],
        env={**env, "QT_QPA_PLATFORM": "xcb", "DISPLAY": display},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    gui.insert(0, window)
    dialog = ""
    for _ in range(120):
        dialog = " ".join(visible_windows("^Unlock InterventionDesk$", display))
        if dialog or window.poll() is not None:
            break
        time.sleep(0.5)
    assert window.stderr is not None
    said = window.stderr.read() if window.poll() is not None else ""
    assert dialog, f"no unlock dialog; the app said: {said}"
    wid = dialog.split()[0]
    xdotool("windowactivate", "--sync", wid, display=display)
    xdotool("windowfocus", "--sync", wid, display=display)
    time.sleep(0.5)
    xdotool("type", "--delay", "20", "--window", wid, FIXTURE_PASSPHRASE, display=display)
    xdotool("key", "--window", wid, "Return", display=display)
    for _ in range(60):
        if not visible_windows("^Unlock InterventionDesk$", display):
            break
        time.sleep(0.5)
    assert not visible_windows("^Unlock InterventionDesk$", display), "the dialog did not unlock"
    time.sleep(10)
    assert window.poll() is None, "the window closed by itself"
    # One window named InterventionDesk: the main window, and no message box beside it.
    assert len(visible_windows("^InterventionDesk$", display)) == 1


def elf_files(folder: Path) -> list[Path]:
    return [
        path
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink() and path.open("rb").read(4) == b"\x7fELF"
    ]


@pytest.mark.parametrize("folder", [ONEDIR, Path("/opt/interventiondesk")], ids=["onedir", "deb"])
def test_every_bundled_library_resolves(folder: Path) -> None:
    """ldd finds every library of every bundled binary: the .deb's Depends are complete."""
    assert folder.is_dir(), f"{folder} is missing"
    missing = {}
    for path in elf_files(folder):
        done = subprocess.run(["ldd", str(path)], capture_output=True, text=True)
        lost = [line.split()[0] for line in done.stdout.splitlines() if "not found" in line]
        if lost and not str(path).endswith(OPTIONAL_PLUGINS):
            missing[str(path.relative_to(folder))] = lost
    assert not missing


def test_onedir_is_lean() -> None:
    inside = ONEDIR / "_internal"
    names = {p.relative_to(inside).as_posix() for p in inside.rglob("*")}
    left_out = (
        "tkinter",
        "_tkinter",
        "pytest",
        "PySide6/QtNetwork",
        "PySide6/Qt/translations",
    )
    for never in left_out:
        assert not any(n.startswith(never) for n in names), never
    for needed in (
        "interventiondesk/resources/fonts/DejaVuSans.ttf",
        "interventiondesk/resources/fonts/DroidSansFallback.ttf",  # Chinese, Japanese, Korean
        "interventiondesk/resources/case-format.schema.json",
        "interventiondesk/resources/icons/app.svg",
        "interventiondesk/storage/migrations/env.py",
        "interventiondesk/storage/migrations/versions/0001_initial_schema.py",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    ):
        assert needed in names, needed
    assert any(n.startswith("spellchecker/resources/") for n in names)
    # The dashboard's chart: pyqtgraph and the numpy it computes with.
    assert any(n.startswith("pyqtgraph/") for n in names)
    assert any(n.startswith("numpy/") for n in names)
    assert any(n.startswith("tzdata/zoneinfo/") for n in names)
    # Compiled modules (the spec keeps them as files): the forms, the libraries imported
    # lazily, Alembic's operations (the migration scripts import them), zxcvbn's word lists.
    for module in (
        "interventiondesk/gui/forms/ui_unlock_dialog.pyc",
        "interventiondesk/cli/letter_commands.pyc",
        "reportlab/platypus/__init__.pyc",
        "icalendar/__init__.pyc",
        "alembic/op.pyc",
        "sqlcipher3/__init__.pyc",
        "zxcvbn/frequency_lists.pyc",
        "spellchecker/__init__.pyc",
        "jsonschema/__init__.pyc",
        "pyqtgraph/__init__.pyc",
        "pydoc.pyc",
    ):
        assert module in names, module
    # pydoc stays: pyqtgraph (the dashboard's chart) imports it.
    for never in ("unittest/", "sqlalchemy/testing/", "alembic/testing/", "pygments/"):
        assert not any(n.startswith(never) for n in names), never


def test_tarball_holds_the_onedir_app() -> None:
    with tarfile.open(TARBALL) as archive:
        members = {m.name: m for m in archive.getmembers()}
    on_disk = {
        "InterventionDesk/" + p.relative_to(ONEDIR).as_posix() for p in ONEDIR.rglob("*")
    } | {"InterventionDesk"}
    assert set(members) == on_disk
    assert members["InterventionDesk/interventiondesk"].mode & 0o111
    assert all(m.uid == 0 and m.gid == 0 for m in members.values())


def deb_field(name: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "-f", str(DEB), name], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_deb_metadata_and_layout() -> None:
    assert deb_field("Package") == "interventiondesk"
    assert deb_field("Version") == VERSION
    assert deb_field("Architecture") == "amd64"
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(DEB)], capture_output=True, text=True, check=True
    ).stdout
    paths = {line.split()[5].removeprefix(".") for line in listing.splitlines()}
    assert "/opt/interventiondesk/interventiondesk" in paths
    assert "/usr/bin/interventiondesk" in paths and "/usr/bin/interventiondesk-gui" in paths
    assert f"/usr/share/applications/{APP_ID}.desktop" in paths
    assert f"/usr/share/metainfo/{APP_ID}.metainfo.xml" in paths
    assert f"/usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg" in paths
    for size in HICOLOR_SIZES:
        assert f"/usr/share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png" in paths
    assert "/usr/share/doc/interventiondesk/copyright" in paths
    changelog = (ROOT / "packaging" / "debian" / "changelog").read_text()
    assert changelog.startswith(f"interventiondesk ({VERSION}) ")
    manual = (ROOT / "packaging" / "debian" / "interventiondesk.1").read_text()
    assert f'"InterventionDesk {VERSION}"' in manual


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", head[16:24])


def test_installed_desktop_integration() -> None:
    """The installed entry, metadata and icons, checked with the desktops' own validators."""
    entry = Path(f"/usr/share/applications/{APP_ID}.desktop")
    metainfo = Path(f"/usr/share/metainfo/{APP_ID}.metainfo.xml")
    checked = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout + checked.stderr
    valid = subprocess.run(
        ["appstreamcli", "validate", "--no-net", "--pedantic", str(metainfo)],
        capture_output=True,
        text=True,
    )
    assert valid.returncode == 0, valid.stdout + valid.stderr
    parsed = configparser.ConfigParser(interpolation=None)
    parsed.optionxform = str  # type: ignore[assignment, method-assign]
    parsed.read(entry)
    command = parsed["Desktop Entry"]["Exec"].split()[0]
    on_path = shutil.which(command)
    assert on_path == f"/usr/bin/{command}"
    shown = subprocess.run([on_path, "--version"], capture_output=True, text=True)
    assert shown.stdout.strip() == f"InterventionDesk {VERSION}"
    for size in HICOLOR_SIZES:
        icon = Path(f"/usr/share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png")
        assert png_size(icon) == (size, size)
    assert (
        Path(f"/usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg").read_bytes()
        == (ROOT / "resources" / "icons" / "app.svg").read_bytes()
    )
    with gzip.open("/usr/share/doc/interventiondesk/changelog.gz", "rt") as changelog:
        assert changelog.readline().startswith(f"interventiondesk ({VERSION})")


def test_windows_icon() -> None:
    ico = (ICONS / "interventiondesk.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, 7)
    sides = []
    for number in range(count):
        side, _h, _c, _r, _planes, bits, size, offset = struct.unpack(
            "<BBBBHHII", ico[6 + 16 * number : 22 + 16 * number]
        )
        assert bits == 32 and ico[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + size <= len(ico)
        sides.append(side or 256)
    assert sides == [16, 24, 32, 48, 64, 128, 256]
    iss = (ROOT / "packaging" / "interventiondesk.iss").read_text()
    assert f'#define AppVersion "{VERSION}"' in iss
    assert "interventiondesk.ico" in iss


def test_lintian_accepts_the_package() -> None:
    """lintian's errors and warnings fail; what is overridden is explained in the overrides."""
    checked = subprocess.run(
        ["lintian", "--fail-on", "error,warning", "--no-tag-display-limit", str(DEB)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    print(checked.stdout)
    assert checked.returncode == 0, checked.stdout + checked.stderr

"""Packaging: the wheel carries resources, migrations and forms; metadata agrees with the code."""

from __future__ import annotations

import configparser
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from interventiondesk import __version__

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "org.interventiondesk.InterventionDesk"


def test_wheel_ships_resources_and_migrations(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("interventiondesk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "interventiondesk/resources/fonts/DejaVuSans.ttf" in names
    assert "interventiondesk/resources/fonts/DejaVu-LICENSE.txt" in names
    assert "interventiondesk/resources/fonts/DroidSansFallback.ttf" in names
    assert "interventiondesk/resources/fonts/DroidSansFallback-LICENSE.txt" in names
    assert "interventiondesk/storage/migrations/env.py" in names
    assert "interventiondesk/storage/migrations/script.py.mako" in names
    assert any(n.startswith("interventiondesk/storage/migrations/versions/0001") for n in names)
    assert "interventiondesk/py.typed" in names
    shipped = {n for n in names if n.startswith("interventiondesk/resources/")}
    on_disk = {
        "interventiondesk/resources/" + p.relative_to(ROOT / "resources").as_posix()
        for p in (ROOT / "resources").rglob("*")
        if p.is_file()
    }
    assert on_disk <= shipped


def test_desktop_entry_and_metainfo_agree() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment, method-assign]
    entry.read(ROOT / "packaging" / f"{APP_ID}.desktop")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Icon"] == APP_ID
    assert section["Exec"].split()[0] == "interventiondesk-gui"
    meta = ET.parse(ROOT / "packaging" / f"{APP_ID}.metainfo.xml").getroot()
    assert meta.findtext("id") == APP_ID
    assert meta.find("launchable").text == f"{APP_ID}.desktop"  # type: ignore[union-attr]
    assert meta.find("releases/release").get("version") == __version__  # type: ignore[union-attr]
    assert (
        f'#define AppVersion "{__version__}"'
        in (ROOT / "packaging" / "interventiondesk.iss").read_text()
    )

"""The compiled forms in gui/forms must match their Qt Designer files in ui/."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI_FILES = sorted((ROOT / "ui").glob("*.ui"))
FORMS = ROOT / "src" / "interventiondesk" / "gui" / "forms"


def _uic() -> str:
    beside_python = Path(sys.executable).with_name("pyside6-uic")
    found = str(beside_python) if beside_python.exists() else shutil.which("pyside6-uic")
    assert found, "pyside6-uic is needed to check the compiled forms (it comes with PySide6)"
    return found


def _without_version(text: str) -> list[str]:
    return [
        line for line in text.splitlines() if "Created by: Qt User Interface Compiler" not in line
    ]


def test_every_ui_file_has_a_compiled_form() -> None:
    assert UI_FILES, "no Designer files found in ui/"
    compiled = {p.name for p in FORMS.glob("ui_*.py")}
    assert compiled == {f"ui_{ui.stem}.py" for ui in UI_FILES}


@pytest.mark.parametrize("ui_file", UI_FILES, ids=lambda p: p.name)
def test_compiled_form_is_up_to_date(ui_file: Path, tmp_path: Path) -> None:
    fresh = tmp_path / f"ui_{ui_file.stem}.py"
    subprocess.run([_uic(), str(ui_file), "-o", str(fresh)], check=True, cwd=ROOT / "ui")
    committed = FORMS / fresh.name
    assert _without_version(committed.read_text("utf-8")) == _without_version(
        fresh.read_text("utf-8")
    ), f"{committed.name} is out of date: re-run pyside6-uic on ui/{ui_file.name}"
    assert "WARNING! All changes made in this file will be lost" in committed.read_text("utf-8")

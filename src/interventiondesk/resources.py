"""Finds the files shipped in resources/: from a wheel, an editable checkout or a frozen build."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resource_root() -> Path:
    """The folder that holds fonts, icons and letter templates."""
    here = Path(__file__).resolve().parent
    candidates = [here / "resources", here.parent.parent / "resources"]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.insert(0, Path(frozen) / "interventiondesk" / "resources")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("InterventionDesk's resource files are missing from this installation.")


def resource_path(*parts: str) -> Path:
    """The path of one shipped resource, e.g. ``resource_path("fonts", "DejaVuSans.ttf")``."""
    return resource_root().joinpath(*parts)


@cache
def guide_root() -> Path:
    """The folder of the user guide (docs/): shipped in the wheel and the frozen build too."""
    here = Path(__file__).resolve().parent
    candidates = [here / "docs", here.parent.parent / "docs"]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.insert(0, Path(frozen) / "interventiondesk" / "docs")
    for candidate in candidates:
        if (candidate / "user-guide.md").is_file():
            return candidate
    raise FileNotFoundError("InterventionDesk's user guide is missing from this installation.")


def guide_path(*parts: str) -> Path:
    """A page or picture of the user guide, e.g. ``guide_path("user-guide.md")``."""
    return guide_root().joinpath(*parts)

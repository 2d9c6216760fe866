"""Finding the shipped resources (``resources.py``): from the checkout, a wheel or a frozen build."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from interventiondesk.resources import resource_path, resource_root


@pytest.fixture
def fresh_lookup() -> Iterator[None]:
    """The root is looked up once per process; forget it around the test, before and after."""
    resource_root.cache_clear()
    yield
    resource_root.cache_clear()


def test_the_root_holds_the_shipped_files() -> None:
    root = resource_root()
    assert root.is_dir() and root.name == "resources"
    assert (root / "case-format.schema.json").is_file()
    assert resource_root() is root  # found once


def test_a_resource_path_is_joined_under_the_root() -> None:
    path = resource_path("case-format.schema.json")
    assert path == resource_root() / "case-format.schema.json" and path.is_file()
    assert resource_path("a", "b.txt") == resource_root() / "a" / "b.txt"


def test_a_frozen_build_finds_its_own_copy_first(
    fresh_lookup: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "interventiondesk" / "resources"
    bundled.mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_root() == bundled


def test_a_frozen_build_without_its_copy_falls_back(
    fresh_lookup: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert (resource_root() / "case-format.schema.json").is_file()

"""Fingerprints of every file in a folder, to prove that a refused action changed nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path


def folder_hashes(folder: Path) -> dict[str, str]:
    """Relative path → SHA-256 of every regular file under ``folder`` (sorted)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }

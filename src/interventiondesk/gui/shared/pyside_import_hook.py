"""Keeps PySide6's import hook from holding the source of every module in memory.

Once PySide6 is imported it looks at each module imported after it, to see whether the module
uses PySide6 (for its opt-in ``from __feature__ import ...``). It does so with
``inspect.getsource``, which reads the module's whole source into ``linecache`` and keeps it
there: with SQLAlchemy and the rest of the app, about 18 MiB of source lines the app never
reads (the measurements are in bench/README.md). The same question is answered here by
reading the file once, without keeping it. PySide6 decides exactly as before.
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from types import ModuleType

_FEATURE_MODULE = "shibokensupport.feature"
_CHECK = "_mod_uses_pyside"


def _reading_the_file(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)  # built-in, compiled or zipped modules: PySide6's own way

    uses_pyside.reads_the_file = True  # type: ignore[attr-defined]
    return uses_pyside


def stop_keeping_module_sources() -> None:
    """Answer PySide6's per-import question without ``linecache``, and drop what it kept so far.

    Does nothing when PySide6 has no such hook (other versions): the app works either way.
    """
    import PySide6.QtCore  # noqa: F401 - installs the hook this replaces

    feature = sys.modules.get(_FEATURE_MODULE)
    original = getattr(feature, _CHECK, None)
    if not callable(original) or getattr(original, "reads_the_file", False):
        return
    setattr(feature, _CHECK, _reading_the_file(original))
    linecache.clearcache()  # the sources of the modules imported before PySide6; re-read if needed

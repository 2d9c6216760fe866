"""The package's shape: no module imports another that imports it back, lazily or not.

The layer rule itself is checked by import-linter (``lint-imports``, run by .ci/run, contracts
in pyproject.toml). Imports made only for type checking are left out: they never run.
"""

from __future__ import annotations

import grimp


def test_no_import_cycles_between_modules_including_lazy_imports() -> None:
    graph = grimp.build_graph("interventiondesk", exclude_type_checking_imports=True)
    cycles = []
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back is not None:
                cycles.append(f"{module} -> {' -> '.join(back)}")
    assert cycles == []


def test_the_check_sees_lazy_imports() -> None:
    """A function-level import counts: the window's entry point reaches the GUI that way."""
    graph = grimp.build_graph("interventiondesk", exclude_type_checking_imports=True)
    assert graph.direct_import_exists(
        importer="interventiondesk.entry", imported="interventiondesk.gui.shell.app"
    )
    assert not graph.chain_exists(importer="interventiondesk.gui", imported="interventiondesk.cli")


def test_outside_the_model_not_even_type_checking_imports_go_round() -> None:
    """The mapped classes name each other for type checking (relationships go both ways);
    nothing else needs to, so nothing else does."""
    graph = grimp.build_graph("interventiondesk", exclude_type_checking_imports=False)
    cycles = []
    for module in sorted(graph.modules):
        if module.startswith("interventiondesk.model"):
            continue
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back is not None:
                cycles.append(f"{module} -> {' -> '.join(back)}")
    assert cycles == []

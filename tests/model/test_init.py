"""The model package's names (``model/__init__.py``): loaded lazily, the enums without SQLAlchemy."""

from __future__ import annotations

import subprocess
import sys

import pytest

import interventiondesk.model as model


def test_every_listed_name_resolves_to_what_its_module_defines() -> None:
    from interventiondesk.model.case import Case
    from interventiondesk.model.enums import CaseStatus

    for name in model.__all__:
        assert getattr(model, name) is not None, name
    assert model.Case is Case and model.CaseStatus is CaseStatus
    assert dir(model) == sorted(model.__all__)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'Casse'"):
        _ = model.Casse


def test_the_enums_load_without_sqlalchemy() -> None:
    code = (
        "import sys\n"
        "from interventiondesk.model import CaseStatus\n"
        "assert CaseStatus.HELD == 'held'\n"
        "print('sqlalchemy' in sys.modules)\n"
        "from interventiondesk.model import Case\n"
        "print('sqlalchemy' in sys.modules, Case.__tablename__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split("\n")[:2] == ["False", "True cases"]

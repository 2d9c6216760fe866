"""What ``model/case.py`` computes: a client's initials and whether a case is archived."""

from __future__ import annotations

import pytest

from interventiondesk.model import Client
from interventiondesk.model.base import utcnow
from interventiondesk.model.case import initials_of
from tests.model.cases import a_case


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("Maria del Carmen Ruiz", "M.D.C.R."),
        ("Łukasz Nowak", "Ł.N."),
        ("  ", "?"),
        ("J. R. R. Tolkien", "J.R.R.T."),
        ("Ana-Sofía 42 Perez", "A.P."),
    ],
)
def test_client_initials(name: str, initials: str) -> None:
    assert Client(full_name=name).initials == initials


def test_initials_of_any_name() -> None:
    assert initials_of("Nguyễn Đức Anh") == "N.Đ.A."
    assert initials_of("ådne ørn") == "Å.Ø."
    assert initials_of("") == "?"
    assert initials_of("42 7") == "?"


def test_a_case_is_archived_once_it_has_an_archive_date() -> None:
    case = a_case()
    assert not case.is_archived
    case.archived_at = utcnow()
    assert case.is_archived

"""A case built in memory, as the model tests add it (not through a service)."""

from __future__ import annotations

from interventiondesk.model import Case, Client, InterventionKind, InterventionModel


def a_case(reference: str = "IN-MODEL") -> Case:
    case = Case(reference=reference, kind=InterventionKind.CRISIS, model=InterventionModel.CRAFT)
    case.client = Client(full_name="Mo Del")
    return case

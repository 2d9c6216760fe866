"""The case's risk flags: which columns they are, what each is called, which are raised.

Kept apart from ``services.safety`` so that the case list (``services.cases``) can name the
raised flags in its one read without importing the safety services, which import it.
"""

from __future__ import annotations

from collections.abc import Mapping

FLAGS: tuple[tuple[str, str], ...] = (
    ("overdose_history", "Overdose history"),
    ("naloxone_on_hand", "Naloxone on hand"),
    ("detox_needed", "Withdrawal needs medical detox"),
    ("weapons_in_home", "Violence or weapons in the home"),
    ("co_occurring_illness", "Co-occurring mental illness"),
)
"""(column on the case, label). All but naloxone are risks; naloxone on hand protects."""
RISK_FLAGS = tuple(key for key, _label in FLAGS if key != "naloxone_on_hand")
NO_NALOXONE = "no_naloxone"
"""Raised when there is an overdose history and no naloxone on hand."""
FLAG_FIELDS = frozenset(key for key, _label in FLAGS)

RAISED_WORDS: dict[str, tuple[str, str]] = {
    "overdose_history": ("Overdose history", "The client has overdosed before."),
    "detox_needed": ("Detox needed", "Withdrawal is expected to need medical detox."),
    "weapons_in_home": ("Weapons or violence", "There is violence or a weapon in the home."),
    "co_occurring_illness": (
        "Co-occurring illness",
        "The client also lives with a mental illness.",
    ),
    NO_NALOXONE: (
        "No naloxone",
        "Overdose history and no naloxone on hand: ask the family to get some.",
    ),
}
"""Raised flag → (a short word for a chip or a column, a sentence for its tooltip)."""


def raised(values: Mapping[str, bool]) -> tuple[str, ...]:
    """The risk flags raised by a case's flag values, in ``FLAGS`` order, ``no_naloxone``
    last."""
    found = [key for key in RISK_FLAGS if values[key]]
    if values["overdose_history"] and not values["naloxone_on_hand"]:
        found.append(NO_NALOXONE)
    return tuple(found)

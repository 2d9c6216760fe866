"""The labels of the model's vocabularies: the ones added for outcomes and the timeline."""

from __future__ import annotations

from enum import StrEnum

from interventiondesk.model import enums
from interventiondesk.model.enums import FollowThrough, TimelineKind
from interventiondesk.model.labels import LABELS, english_label

ADDED = (FollowThrough, TimelineKind)


def _vocabularies() -> list[type[StrEnum]]:
    return [
        value
        for value in vars(enums).values()
        if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum
    ]


def test_the_new_vocabularies_share_no_value_with_another() -> None:
    # Labels are looked up by value, and equal strings are one key: a shared value would give
    # one vocabulary the other's label (as "bottom_line" once did: the Letters page named the
    # bottom-line letter "Bottom line noted").
    for added in ADDED:
        for other in _vocabularies():
            if other is not added:
                shared = {m.value for m in added} & {m.value for m in other}
                assert shared == set(), (added.__name__, other.__name__)


def test_every_new_value_has_its_own_label() -> None:
    for added in ADDED:
        for member in added:
            assert member in LABELS, member
            assert english_label(member) == LABELS[member]
    assert english_label(TimelineKind.BOTTOM_LINE) == "Bottom line noted"
    assert english_label(enums.LetterKind.BOTTOM_LINE) == "Bottom-line letter"

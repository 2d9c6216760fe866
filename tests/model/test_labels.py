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


def test_every_new_value_has_its_own_label() -> None:
    for added in ADDED:
        for member in added:
            assert (added, member.value) in LABELS, member
            assert english_label(member) == LABELS[added, member.value]
    assert english_label(TimelineKind.BOTTOM_LINE) == "Bottom line noted"
    assert english_label(enums.LetterKind.BOTTOM_LINE) == "Bottom-line letter"


def test_vocabularies_sharing_a_value_keep_their_own_labels() -> None:
    assert english_label(enums.WarningSign.OTHER) == "Other observation"
    assert english_label(enums.EventKind.OTHER) == "Other"
    assert english_label(enums.TherapyModality.OTHER) == "Other therapy"
    assert english_label(enums.ConsentStatus.ACTIVE) == "Active"
    # Labels were once looked up by value alone: the Letters page then named the bottom-line
    # letter "Bottom line noted" (the timeline's word), and every "other" read "Other".
    assert english_label(enums.TimelineKind.ASAM) == "ASAM rating"
    assert english_label(enums.HandoffSection.ASAM) == "ASAM dimensions"
    for vocabulary in _vocabularies():
        labels = [english_label(member) for member in vocabulary]
        assert len(set(labels)) == len(labels), vocabulary.__name__

"""Which risk flags a case's values raise, and the words for each."""

from __future__ import annotations

import pytest

from interventiondesk.services.risk_flags import (
    FLAGS,
    NO_NALOXONE,
    RAISED_WORDS,
    RISK_FLAGS,
    raised,
)

NONE_SET = {key: False for key, _label in FLAGS}


def test_nothing_set_raises_nothing_and_naloxone_alone_is_no_risk() -> None:
    assert raised(NONE_SET) == ()
    assert raised({**NONE_SET, "naloxone_on_hand": True}) == ()


def test_flags_come_in_their_order_and_no_naloxone_last() -> None:
    every = {key: True for key in RISK_FLAGS} | {"naloxone_on_hand": False}
    assert raised(every) == (*RISK_FLAGS, NO_NALOXONE)
    assert raised({**every, "naloxone_on_hand": True}) == RISK_FLAGS


@pytest.mark.parametrize("flag", [*RISK_FLAGS, NO_NALOXONE])
def test_every_raised_flag_has_a_short_word_and_a_sentence(flag: str) -> None:
    short, sentence = RAISED_WORDS[flag]
    assert 0 < len(short) <= 22
    assert sentence.endswith(".") and len(sentence) > len(short)

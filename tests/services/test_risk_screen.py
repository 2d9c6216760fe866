"""The screen's branching and triage, path by path."""

from __future__ import annotations

from itertools import product

import pytest

from interventiondesk.errors import InvalidInput
from interventiondesk.model import RiskLevel
from interventiondesk.services.risk_screen import (
    ASKED_AFTER_THOUGHTS,
    NEXT_STEPS,
    NOTHING_REPORTED,
    TOPIC_KEYS,
    asked,
    checked_answers,
    next_step,
    triage,
)


def _paths() -> list[dict[str, bool | None]]:
    """Every way through the screen: the always-asked topics in every combination, and the
    three follow-on topics in every combination when thoughts of suicide are yes."""
    paths: list[dict[str, bool | None]] = []
    for wish, thoughts, behaviour in product((False, True), repeat=3):
        base: dict[str, bool | None] = {
            "wish_to_be_dead": wish,
            "suicidal_thoughts": thoughts,
            "recent_behaviour": behaviour,
        }
        if not thoughts:
            paths.append({**base, **dict.fromkeys(ASKED_AFTER_THOUGHTS, None)})
            continue
        for method, intent, plan in product((False, True), repeat=3):
            paths.append({**base, "thoughts_of_method": method, "intent": intent, "plan": plan})
    return paths


def _expected(path: dict[str, bool | None]) -> RiskLevel:
    """The triage rule written out independently of the code under test."""
    if path["recent_behaviour"] or path["intent"] is True or path["plan"] is True:
        return RiskLevel.HIGH
    if path["thoughts_of_method"] is True:
        return RiskLevel.MODERATE
    return RiskLevel.LOW


@pytest.mark.parametrize(
    "path", _paths(), ids=lambda p: "".join("-" if v is None else "YN"[not v] for v in p.values())
)
def test_every_path_is_accepted_and_triaged(path: dict[str, bool | None]) -> None:
    assert checked_answers(path) == {key: path[key] for key in TOPIC_KEYS}
    assert set(asked(path)) == {key for key, value in path.items() if value is not None}
    assert triage(path) is _expected(path)
    if any(path.values()):
        assert next_step(path) == NEXT_STEPS[_expected(path)]
    else:
        assert next_step(path) == NOTHING_REPORTED


def test_there_are_thirty_six_paths_and_all_three_levels_occur() -> None:
    paths = _paths()
    assert len(paths) == 4 * 1 + 4 * 8  # thoughts no: 4 paths; thoughts yes: 4 × 8
    assert {triage(p) for p in paths} == set(RiskLevel)


def test_branching_asks_the_follow_on_topics_only_after_thoughts_of_suicide() -> None:
    assert asked({}) == ("wish_to_be_dead", "suicidal_thoughts", "recent_behaviour")
    assert asked({"wish_to_be_dead": True, "suicidal_thoughts": False}) == asked({})
    assert asked({"suicidal_thoughts": True}) == TOPIC_KEYS


def test_incomplete_skipped_or_unknown_answers_are_refused() -> None:
    with pytest.raises(InvalidInput, match="Answer yes or no to “Recent suicidal behaviour”"):
        checked_answers({"wish_to_be_dead": False, "suicidal_thoughts": False})
    with pytest.raises(InvalidInput, match="Thoughts of a method"):
        checked_answers({"wish_to_be_dead": True, "suicidal_thoughts": True, "intent": False})
    with pytest.raises(InvalidInput, match="asked only after"):
        checked_answers(
            {
                "wish_to_be_dead": True,
                "suicidal_thoughts": False,
                "plan": True,
                "recent_behaviour": False,
            }
        )
    with pytest.raises(InvalidInput, match="no such question"):
        checked_answers({"mood": True})

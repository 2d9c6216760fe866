"""The suicide-risk screen's questions, branching and triage: pure rules, no database.

Six yes/no topics in the order a structured screen asks them. The first two are always asked;
the three about method, intent and plan only when the person has had actual thoughts of
ending their life; the last (recent behaviour) always. The wording is InterventionDesk's own.
Saving and history are in ``services.safety``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from interventiondesk.errors import InvalidInput
from interventiondesk.model.enums import RiskLevel


@dataclass(frozen=True, slots=True)
class Topic:
    key: str
    """The screen's column, and the stable code in --json output."""
    title: str
    question: str


TOPICS: tuple[Topic, ...] = (
    Topic(
        "wish_to_be_dead",
        "Wish to be dead",
        "In the past month, has the client wished they were dead, or wished they could go to "
        "sleep and not wake up?",
    ),
    Topic(
        "suicidal_thoughts",
        "Thoughts of suicide",
        "In the past month, has the client actually had thoughts of killing themselves?",
    ),
    Topic(
        "thoughts_of_method",
        "Thoughts of a method",
        "Have they thought about how they might do it?",
    ),
    Topic(
        "intent",
        "Intent to act",
        "Have they had these thoughts and meant, even partly, to act on them?",
    ),
    Topic(
        "plan",
        "A plan",
        "Have they begun to work out, or worked out, the details of how, and do they mean to "
        "carry it out?",
    ),
    Topic(
        "recent_behaviour",
        "Recent suicidal behaviour",
        "In the past three months, have they done anything, started to do anything, or got "
        "anything ready in order to end their life?",
    ),
)
TOPIC_KEYS = tuple(topic.key for topic in TOPICS)
ASKED_AFTER_THOUGHTS = ("thoughts_of_method", "intent", "plan")
"""Asked only when ``suicidal_thoughts`` is yes."""

NEXT_STEPS: Mapping[RiskLevel, str] = {
    RiskLevel.HIGH: (
        "Do not leave the client alone. Arrange an emergency evaluation now (a crisis line, "
        "emergency services or the nearest emergency department), keep means of harm out of "
        "reach, and tell the team."
    ),
    RiskLevel.MODERATE: (
        "Arrange an assessment by a mental-health professional today or tomorrow, make or "
        "review the safety plan with the client, and limit access to means of harm."
    ),
    RiskLevel.LOW: (
        "Make or review the safety plan, give the crisis line, and screen again at the next "
        "contact or whenever anything changes."
    ),
}
NOTHING_REPORTED = (
    "No thoughts of suicide were reported. Screen again whenever anything changes, and make "
    "sure the family knows the crisis line."
)

Answers = Mapping[str, bool | None]


def asked(answers: Answers) -> tuple[str, ...]:
    """The topics to ask, given the answers so far (a topic not reached yet counts as no)."""
    if answers.get("suicidal_thoughts") is True:
        return TOPIC_KEYS
    return tuple(key for key in TOPIC_KEYS if key not in ASKED_AFTER_THOUGHTS)


def checked_answers(answers: Answers) -> dict[str, bool | None]:
    """Every topic's answer: yes or no where it is asked, None where branching skips it.

    Refuses unknown topics, a missing answer, and an answer to a topic that is skipped.
    """
    unknown = set(answers) - set(TOPIC_KEYS)
    if unknown:
        raise InvalidInput("The screen has no such question.")
    wanted = asked(answers)
    result: dict[str, bool | None] = {}
    for topic in TOPICS:
        value = answers.get(topic.key)
        if topic.key in wanted:
            if not isinstance(value, bool):
                raise InvalidInput(f"Answer yes or no to “{topic.title}”.")
        elif value is not None:
            raise InvalidInput(
                f"“{topic.title}” is asked only after thoughts of suicide; leave it unanswered."
            )
        result[topic.key] = value
    return result


def triage(answers: Answers) -> RiskLevel:
    """Low, moderate or high from a whole set of answers (see ``checked_answers``).

    High: intent, a plan, or recent suicidal behaviour. Moderate: thoughts of a method.
    Low: a wish to be dead or thoughts of suicide only, or nothing at all.
    """
    if answers.get("intent") or answers.get("plan") or answers.get("recent_behaviour"):
        return RiskLevel.HIGH
    if answers.get("thoughts_of_method"):
        return RiskLevel.MODERATE
    return RiskLevel.LOW


def next_step(answers: Answers) -> str:
    """What the counselor should do next, in words."""
    if not any(answers.get(key) for key in TOPIC_KEYS):
        return NOTHING_REPORTED
    return NEXT_STEPS[triage(answers)]

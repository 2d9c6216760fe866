"""The guidance engine: each rule fires where it should and stays quiet where it should not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interventiondesk.services.guidance import (
    Finding,
    GuidanceEngine,
    RuleBook,
    default_rules,
    reading_seconds,
    word_count,
)

MAIN = ("connection", "incidents", "impact", "request")
GOOD = {
    "connection": "I love you. I remember fishing with you at the lake.",
    "incidents": "Last Tuesday I saw you asleep at the wheel in the driveway. I felt afraid.",
    "impact": "I lie awake and worry about you.",
    "request": "Help is ready today. Will you accept it?",
}


@pytest.fixture(scope="module")
def engine() -> GuidanceEngine:
    return GuidanceEngine(accepted_words=["Zephyrine", "Oakhaven"])


def _ids(findings: list[Finding] | tuple[Finding, ...]) -> list[str]:
    return [f.rule_id for f in findings]


def _letter(engine: GuidanceEngine, limit: int = 3, **changes: str) -> list[Finding]:
    return engine.check_letter({**GOOD, **changes}, MAIN, limit)


def test_a_good_letter_has_no_findings(engine: GuidanceEngine) -> None:
    assert _letter(engine) == []


@pytest.mark.parametrize(
    ("section", "text", "rule", "fragment"),
    [
        ("impact", "You always choose the bottle.", "blaming", "You always"),
        ("connection", "You NEVER\ncall.", "blaming", "NEVER"),
        ("impact", "It is your fault we moved.", "blaming", "your fault"),
        ("impact", "You don’t care anymore.", "blaming", "don’t care"),
        ("connection", "You are an addict.", "label", "addict"),
        ("incidents", "On May 2 you were drunk.", "label", "drunk"),
        ("impact", "Such a junkie.", "label", "junkie"),
        ("request", "If you don't go, I'm done.", "threat", "If you don't"),
        ("impact", "Go today or else.", "threat", "or else"),
        ("request", "Please go for 30 days.", "length_of_stay", "for 30 days"),
        ("request", "Join the ninety-day program.", "length_of_stay", "ninety-day program"),
        ("request", "It is a 28-day stay.", "length_of_stay", "28-day stay"),
        ("connection", "I remember [a memory you share].", "placeholder", "[a memory you share]"),
        ("impact", "I beleive in you.", "spelling", "beleive"),
    ],
)
def test_each_phrase_rule_fires_with_its_span(
    engine: GuidanceEngine, section: str, text: str, rule: str, fragment: str
) -> None:
    findings = [f for f in engine.check_section(section, text) if f.rule_id == rule]
    assert findings, rule
    first = findings[0]
    assert text[first.start : first.end].endswith(fragment.split()[-1])
    assert fragment.split()[0] in text[first.start : first.end]
    assert first.section == section and first.reason and first.suggestion


@pytest.mark.parametrize(
    ("section", "text", "rule"),
    [
        ("impact", "You are always welcome with me.", "blaming"),
        ("impact", "I never stopped loving you.", "blaming"),
        ("incidents", "Your addiction scares me.", "label"),  # naming the illness is not a label
        ("connection", "Your laziness... no: the crazy quilt Grandma made.", "blaming"),
        ("bottom_line", "If you don't accept help, I will stop paying your rent.", "threat"),
        ("connection", "For 30 days last spring you were sober.", "length_of_stay"),
        ("request", "Will you accept the help that is ready today?", "length_of_stay"),
        ("impact", "Zephyrine, Oakhaven and Zephyrine's dog.", "spelling"),
        ("impact", "NA meetings and AA meetings.", "spelling"),
        ("impact", "مريم الحسن — שרה — Łódź 😂", "spelling"),
        ("connection", "Nothing bracketed here (only round).", "placeholder"),
    ],
)
def test_rules_stay_quiet_where_they_should(
    engine: GuidanceEngine, section: str, text: str, rule: str
) -> None:
    assert rule not in _ids(engine.check_section(section, text))


def test_missing_sections_are_named(engine: GuidanceEngine) -> None:
    findings = _letter(engine, impact="", request="  \n ")
    assert [(f.rule_id, f.section) for f in findings] == [
        ("missing_section", "impact"),
        ("missing_section", "request"),
    ]
    bottom = engine.check_letter({"bottom_line": ""}, ("bottom_line",), 3)
    assert _ids(bottom) == ["missing_section"]


def test_incidents_need_one_concrete_moment(engine: GuidanceEngine) -> None:
    assert "no_concrete_incident" in _ids(_letter(engine, incidents="Things have been bad."))
    for concrete in (
        "In March things got bad.",
        "Two years ago you missed the wedding.",
        "On 4 July you fell.",
        "That night you did not come home.",
        "I saw you shaking.",
    ):
        assert "no_concrete_incident" not in _ids(_letter(engine, incidents=concrete)), concrete
    # An empty incidents section is reported as missing, not twice.
    assert _ids(_letter(engine, incidents="")) == ["missing_section"]


def test_reading_time_limit(engine: GuidanceEngine) -> None:
    base = sum(word_count(t) for t in GOOD.values())
    limit_words = 3 * 130
    at_limit = {**GOOD, "impact": GOOD["impact"] + " word" * (limit_words - base)}
    assert engine.check_letter(at_limit, MAIN, 3) == []
    over = {**GOOD, "impact": at_limit["impact"] + " word"}
    findings = engine.check_letter(over, MAIN, 3)
    assert _ids(findings) == ["over_time"]
    assert "3:01 min" in findings[0].reason and "3 min" in findings[0].reason
    assert "about 1 words" in findings[0].suggestion
    assert engine.check_letter(over, MAIN, 4) == []


def test_reading_time_arithmetic() -> None:
    assert reading_seconds(0) == 0
    assert reading_seconds(130) == 60
    assert reading_seconds(131) == 61
    assert reading_seconds(65) == 30
    assert reading_seconds(100, 100) == 60
    assert word_count("") == 0
    assert word_count("I can't — well-being, 3 times!") == 5  # "3" is spoken too
    assert word_count("مريم الحسن") == 2


def test_offsets_across_paragraphs_point_at_the_words(engine: GuidanceEngine) -> None:
    text = "First line is fine.\nSecond: you always lie.\n\nThird: an addict?"
    findings = engine.check_section("impact", text)
    spans = {f.rule_id: text[f.start : f.end] for f in findings}
    assert spans["blaming"].lower() == "you always"
    assert spans["label"] == "addict"


def test_accepted_words_change_the_spelling_result() -> None:
    engine = GuidanceEngine()
    assert "spelling" in _ids(engine.check_section("impact", "Quillfeather came."))
    engine.set_accepted_words(["quillfeather"])
    assert "spelling" not in _ids(engine.check_section("impact", "Quillfeather came."))
    assert "spelling" not in _ids(engine.check_section("impact", "Naloxone and behaviour."))


def test_spelling_can_be_switched_off() -> None:
    engine = GuidanceEngine(spelling=False)
    assert "spelling" not in _ids(engine.check_section("impact", "Xqzvw blorpt."))


def test_hostile_and_huge_text(engine: GuidanceEngine) -> None:
    hostile = "<b>&amp;</b> <script>alert(1)</script> \"quoted\" 'single' " + "x" * 100_000
    findings = engine.check_section("connection", hostile)
    for f in findings:
        assert 0 <= f.start <= f.end <= len(hostile)
    huge = " ".join(["remember the lake"] * 17_000)  # about 50,000 words
    result = engine.check_letter({**GOOD, "connection": huge}, MAIN, 3)
    assert "over_time" in _ids(result)


def test_rules_come_from_the_data_file_and_are_validated(tmp_path: Path) -> None:
    rules = default_rules()
    assert {r.id for r in rules.rules} >= {
        "blaming",
        "label",
        "threat",
        "length_of_stay",
        "missing_section",
        "no_concrete_incident",
        "over_time",
        "spelling",
    }
    data = {
        "format": 1,
        "words_per_minute": 100,
        "rules": [
            {
                "id": "hedge",
                "title": "Hedging",
                "match": "phrases",
                "severity": "advice",
                "sections": ["impact"],
                "patterns": ["kind of"],
                "reason": "r",
                "suggestion": "s",
            }
        ],
    }
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data))
    custom = GuidanceEngine(RuleBook.from_file(path))
    assert _ids(custom.check_section("impact", "It is kind  of sad.")) == ["hedge"]
    assert custom.reading_seconds(100) == 60
    data["rules"][0]["match"] = "guess"  # type: ignore[index]
    from jsonschema import ValidationError

    with pytest.raises(ValidationError):
        RuleBook.from_data(data)


def test_a_keystroke_rechecks_only_the_paragraph_it_changed(engine: GuidanceEngine) -> None:
    # Speed itself is measured in bench/guidance_bench.py; here: the work per keystroke is one
    # paragraph, whatever the length of the letter.
    paragraphs = [
        f"On Friday {n} I saw you at the lake and I felt worried about you again."
        for n in range(55)
    ]
    sections = {**GOOD, "incidents": "\n".join(paragraphs)}
    engine.check_letter(sections, MAIN, 30)
    checked = len(engine._paragraphs)
    for i in range(1, 6):
        paragraphs[-1] += "x"
        sections["incidents"] = "\n".join(paragraphs)
        findings = engine.check_letter(sections, MAIN, 30)
        assert len(engine._paragraphs) == checked + i
    assert "spelling" in _ids(findings)  # "again.xxxxx" is not a word: the edit was checked

"""Live writing guidance for letters: table-driven rules from a data file, cached per paragraph."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interventiondesk.resources import resource_path
from interventiondesk.times import format_duration

if TYPE_CHECKING:
    from spellchecker import SpellChecker

WORDS_PER_MINUTE = 130
"""Spoken pace assumed for reading time (the rules file may set its own)."""

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_SPELL_TOKEN = re.compile(r"(?<![\w'’])[^\W\d_]+(?:['’][^\W\d_]+)*(?![\w])")
_MAX_SPELL_LENGTH = 30
_CACHE_LIMIT = 50_000

RULE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["format", "rules"],
    "properties": {
        "format": {"const": 1},
        "words_per_minute": {"type": "integer", "minimum": 60, "maximum": 250},
        "rules": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "id",
                    "title",
                    "match",
                    "severity",
                    "sections",
                    "reason",
                    "suggestion",
                ],
                "properties": {
                    "id": {"type": "string", "pattern": "^[a-z_]+$"},
                    "match": {"enum": ["phrases", "regex", "check"]},
                    "check": {
                        "enum": ["empty_section", "needs_marker", "reading_time", "spelling"]
                    },
                    "severity": {"enum": ["advice", "spelling"]},
                    "sections": {"type": "array", "items": {"type": "string"}},
                    "patterns": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
    },
}


def word_count(text: str) -> int:
    """Words as they are spoken: "don't" and "well-being" count once."""
    return sum(1 for _ in _WORD.finditer(text))


def reading_seconds(words: int, words_per_minute: int = WORDS_PER_MINUTE) -> int:
    """Seconds to read ``words`` aloud at ``words_per_minute``, rounded up."""
    return math.ceil(words * 60 / words_per_minute)


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of guidance: where (section and character span), why, and what to try instead.

    ``start`` and ``end`` are offsets in the section's text (or in the paragraph given to
    ``check_paragraph``); a finding about a whole section or letter has ``start == end == 0``.
    """

    rule_id: str
    section: str
    start: int
    end: int
    title: str
    reason: str
    suggestion: str
    severity: str


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    match: str
    check: str
    severity: str
    sections: frozenset[str]
    reason: str
    suggestion: str
    pattern: re.Pattern[str] | None
    extra: Mapping[str, str] = field(default_factory=dict)


def _phrase_pattern(phrase: str) -> str:
    escaped = re.escape(phrase.strip())
    return escaped.replace(r"\ ", r"\s+").replace("'", "['’]")


def _compile(entry: Mapping[str, Any]) -> Rule:
    patterns: list[str] = list(entry.get("patterns", []))
    pattern: re.Pattern[str] | None = None
    if entry["match"] == "phrases":
        body = "|".join(_phrase_pattern(p) for p in sorted(patterns, key=len, reverse=True))
        pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
    elif patterns:
        pattern = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    check = entry.get("check", entry["match"])
    if entry["match"] == "check" and check not in _SECTION_CHECKS | _LETTER_CHECKS | {"spelling"}:
        raise ValueError(f"unknown guidance check {check!r}")
    extra = {k: v for k, v in entry.items() if k.startswith("suggestion_") and isinstance(v, str)}
    return Rule(
        id=entry["id"],
        title=entry["title"],
        match=entry["match"],
        check=check,
        severity=entry["severity"],
        sections=frozenset(entry["sections"]),
        reason=entry["reason"],
        suggestion=entry["suggestion"],
        pattern=pattern,
        extra=extra,
    )


@dataclass(frozen=True)
class RuleBook:
    """The guidance rules, compiled once from the rules file."""

    rules: tuple[Rule, ...]
    words_per_minute: int

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> RuleBook:
        import jsonschema

        jsonschema.validate(data, RULE_SCHEMA)
        return cls(
            rules=tuple(_compile(entry) for entry in data["rules"]),
            words_per_minute=int(data.get("words_per_minute", WORDS_PER_MINUTE)),
        )

    @classmethod
    def from_file(cls, path: Path) -> RuleBook:
        return cls.from_data(json.loads(path.read_text(encoding="utf-8")))

    def rule(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)


@cache
def default_rules() -> RuleBook:
    """The rules shipped in resources/letters/guidance_rules.json."""
    return RuleBook.from_file(resource_path("letters", "guidance_rules.json"))


@cache
def _spell_checker() -> SpellChecker:
    from spellchecker import SpellChecker

    checker = SpellChecker(distance=1)
    extra = resource_path("letters", "extra_words.txt").read_text(encoding="utf-8")
    checker.word_frequency.load_words(
        [w.strip().lower() for w in extra.splitlines() if w.strip() and not w.startswith("#")]
    )
    return checker


@dataclass(frozen=True, slots=True)
class _Paragraph:
    findings: tuple[Finding, ...]
    words: int
    markers: frozenset[str]


_SECTION_CHECKS = frozenset({"empty_section", "needs_marker"})
_LETTER_CHECKS = frozenset({"reading_time"})


class GuidanceEngine:
    """Runs the rule book over letter text; remembers paragraphs it has already checked.

    Typing changes one paragraph at a time, so a keystroke in a long letter costs one paragraph's
    check plus a look-up for each of the others.
    """

    def __init__(
        self,
        rules: RuleBook | None = None,
        accepted_words: Iterable[str] = (),
        *,
        spelling: bool = True,
    ) -> None:
        self.rules = rules or default_rules()
        self.spelling = spelling
        self._accepted: frozenset[str] = frozenset()
        self._paragraphs: dict[tuple[str, str], _Paragraph] = {}
        self._known: dict[str, bool] = {}
        self._candidates: dict[str, str | None] = {}
        self.set_accepted_words(accepted_words)

    def set_accepted_words(self, words: Iterable[str]) -> None:
        """Words the spelling check accepts for this case (names, the counselor's dictionary)."""
        accepted = frozenset(w.lower().replace("’", "'") for w in words if w)
        if accepted != self._accepted:
            self._accepted = accepted
            self._paragraphs.clear()

    # Paragraphs: phrase rules, patterns and spelling ------------------------------------

    def check_paragraph(self, section: str, text: str) -> tuple[Finding, ...]:
        """Findings inside one paragraph (one line of the section), offsets within ``text``."""
        return self._paragraph(section, text).findings

    def _paragraph(self, section: str, text: str) -> _Paragraph:
        key = (section, text)
        found = self._paragraphs.get(key)
        if found is None:
            if len(self._paragraphs) > _CACHE_LIMIT:
                self._paragraphs.clear()
            found = self._analyse(section, text)
            self._paragraphs[key] = found
        return found

    def _analyse(self, section: str, text: str) -> _Paragraph:
        findings: list[Finding] = []
        markers: set[str] = set()
        for rule in self.rules.rules:
            if section not in rule.sections:
                continue
            if rule.match in ("phrases", "regex") and rule.pattern is not None:
                for m in rule.pattern.finditer(text):
                    findings.append(_finding(rule, section, m.start(), m.end()))
            elif rule.check == "needs_marker" and rule.pattern is not None:
                if rule.pattern.search(text):
                    markers.add(rule.id)
            elif rule.check == "spelling" and self.spelling:
                findings.extend(self._spelling(rule, section, text))
        findings.sort(key=lambda f: (f.start, f.end))
        return _Paragraph(tuple(findings), word_count(text), frozenset(markers))

    def _spelling(self, rule: Rule, section: str, text: str) -> Iterable[Finding]:
        for m in _SPELL_TOKEN.finditer(text):
            word = m.group()
            if not self._is_known(word):
                candidate = self._candidate(word)
                if candidate:
                    suggestion = rule.suggestion.format(candidate=candidate)
                else:
                    suggestion = rule.extra.get("suggestion_without_candidate", "")
                yield Finding(
                    rule.id,
                    section,
                    m.start(),
                    m.end(),
                    rule.title,
                    rule.reason,
                    suggestion,
                    rule.severity,
                )

    def _is_known(self, word: str) -> bool:
        if len(word) < 2 or len(word) > _MAX_SPELL_LENGTH or word.isupper():
            return True
        plain = word.replace("’", "'")
        if not plain.isascii():
            return True  # the offline dictionary is English; other scripts are not judged
        lower = plain.lower()
        known = self._known.get(lower)
        if known is None:
            checker = _spell_checker()
            base = lower[:-2] if lower.endswith("'s") else lower
            known = lower in checker or base in checker
            self._known[lower] = known
        if known:
            return True
        base = lower[:-2] if lower.endswith("'s") else lower
        return lower in self._accepted or base in self._accepted

    def _candidate(self, word: str) -> str | None:
        lower = word.lower()
        if lower not in self._candidates:
            self._candidates[lower] = _spell_checker().correction(lower)
        return self._candidates[lower]

    # Sections and whole letters ----------------------------------------------------------

    def check_section(self, section: str, text: str) -> list[Finding]:
        """Paragraph findings with offsets in the whole section, plus the section's own checks."""
        findings, _words, markers = self._section(section, text)
        for rule in self.rules.rules:
            if section not in rule.sections:
                continue
            fires = _SECTION_CHECK_FUNCTIONS.get(rule.check)
            if fires is not None and fires(rule, text, markers):
                findings.append(_finding(rule, section, 0, 0))
        return findings

    def _section(self, section: str, text: str) -> tuple[list[Finding], int, set[str]]:
        findings: list[Finding] = []
        words = 0
        markers: set[str] = set()
        offset = 0
        for line in text.split("\n"):
            paragraph = self._paragraph(section, line)
            words += paragraph.words
            markers |= paragraph.markers
            if paragraph.findings:
                findings.extend(
                    Finding(
                        f.rule_id,
                        f.section,
                        f.start + offset,
                        f.end + offset,
                        f.title,
                        f.reason,
                        f.suggestion,
                        f.severity,
                    )
                    for f in paragraph.findings
                )
            offset += len(line) + 1
        return findings, words, markers

    def section_words(self, section: str, text: str) -> int:
        return self._section(section, text)[1]

    def check_letter(
        self, sections: Mapping[str, str], order: Sequence[str], minutes_limit: int
    ) -> list[Finding]:
        """Every finding for a letter whose sections, in ``order``, hold the given text."""
        findings: list[Finding] = []
        words = 0
        for name in order:
            text = sections.get(name, "")
            findings.extend(self.check_section(name, text))
            words += self.section_words(name, text)
        for rule in self.rules.rules:
            if rule.check in _LETTER_CHECKS:
                findings.extend(
                    _LETTER_CHECK_FUNCTIONS[rule.check](self, rule, words, minutes_limit)
                )
        return findings

    def reading_seconds(self, words: int) -> int:
        return reading_seconds(words, self.rules.words_per_minute)


def _finding(rule: Rule, section: str, start: int, end: int, **values: Any) -> Finding:
    return Finding(
        rule.id,
        section,
        start,
        end,
        rule.title,
        rule.reason.format(**values) if values else rule.reason,
        rule.suggestion.format(**values) if values else rule.suggestion,
        rule.severity,
    )


def _reading_time(
    engine: GuidanceEngine, rule: Rule, words: int, minutes_limit: int
) -> list[Finding]:
    allowed = minutes_limit * engine.rules.words_per_minute
    if minutes_limit <= 0 or words <= allowed:
        return []
    seconds = engine.reading_seconds(words)
    return [
        _finding(
            rule,
            "",
            0,
            0,
            minutes=f"{format_duration(seconds)} min",
            limit=minutes_limit,
            excess=words - allowed,
        )
    ]


_SECTION_CHECK_FUNCTIONS: Mapping[str, Callable[[Rule, str, set[str]], bool]] = {
    # A section with no words at all.
    "empty_section": lambda rule, text, markers: not text.strip(),
    # A written section in which none of the rule's marker patterns appear.
    "needs_marker": lambda rule, text, markers: bool(text.strip()) and rule.id not in markers,
}

_LETTER_CHECK_FUNCTIONS: Mapping[str, Callable[[GuidanceEngine, Rule, int, int], list[Finding]]] = {
    "reading_time": _reading_time
}

"""Guidance speed on a 3,000-word letter: one keystroke's check, as a ratio to a bare split().

Run with ``python bench/guidance_bench.py``. The baseline is a plain ``str.split()`` over the
same letter text, measured in the same run, so the ratio travels between machines.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from interventiondesk.model import LETTER_SECTIONS
from interventiondesk.services.guidance import GuidanceEngine

SENTENCES = [
    "On Friday the ninth I saw you asleep in the car outside the house.",
    "I felt scared and I did not know who to call.",
    "You always said we would go fishing again, and I remember the lake.",
    "Last winter you missed Emma's birthday, and she asked me where you were.",
    "I beleive you can do this, and we are all here for you today.",
]


def letter(words: int, paragraph_words: int) -> dict[str, str]:
    """A letter of about ``words`` words, split evenly over the four sections."""
    per_section = words // len(LETTER_SECTIONS)
    sections = {}
    for name in LETTER_SECTIONS:
        out: list[str] = []
        count = 0
        line: list[str] = []
        i = 0
        while count < per_section:
            sentence = SENTENCES[i % len(SENTENCES)]
            i += 1
            line.append(sentence)
            count += len(sentence.split())
            if sum(len(s.split()) for s in line) >= paragraph_words:
                out.append(" ".join(line))
                line = []
        if line:
            out.append(" ".join(line))
        sections[name] = "\n".join(out)
    return sections


def median_seconds(run: Callable[[int], object], repeats: int) -> float:
    times = []
    for i in range(repeats):
        started = time.perf_counter()
        run(i)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(label: str, paragraph_words: int, repeats: int = 200) -> None:
    sections = letter(3000, paragraph_words)
    engine = GuidanceEngine(accepted_words=["Emma"])
    engine.check_letter(sections, LETTER_SECTIONS, 30)  # the first, full check when a letter opens
    typed = dict(sections)
    base = sections["impact"]
    text = "\n".join(sections.values())

    def keystroke(i: int) -> None:
        # Typing at the end of one paragraph: a new character each time, as a person would.
        typed["impact"] = base + " and" + "s" * (i + 1)
        engine.check_letter(typed, LETTER_SECTIONS, 30)

    def baseline(_i: int) -> None:
        text.split()

    per_key = median_seconds(keystroke, repeats)
    bare = median_seconds(baseline, repeats)
    words = sum(len(t.split()) for t in sections.values())
    print(
        f"{label}: {words} words, keystroke check {per_key * 1000:.2f} ms, "
        f"bare split {bare * 1000:.3f} ms, ratio {per_key / bare:.1f}x"
    )


def main() -> None:
    cold = GuidanceEngine()
    started = time.perf_counter()
    cold.check_letter(letter(3000, 60), LETTER_SECTIONS, 30)
    print(
        f"first full check, spelling dictionary loading included: "
        f"{(time.perf_counter() - started) * 1000:.0f} ms"
    )
    measure("paragraphs of about 60 words", 60)
    measure("one long paragraph per section", 10_000)


if __name__ == "__main__":
    main()

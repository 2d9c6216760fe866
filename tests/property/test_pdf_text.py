"""Any text in the rehearsal packet and the safety plan: the PDF is made, reads back cleanly
with pypdf, passes `qpdf --check`, and every word the fonts can show is in it."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

from hypothesis import example, given, settings
from hypothesis import strategies as st

from interventiondesk.export.pdf_common import can_draw
from interventiondesk.export.rehearsal_packet import (
    LetterToRead,
    Meeting,
    ObjectionToAnswer,
    PacketContent,
    Person,
    TeamMember,
    reading_copies,
    render_packet,
    render_reading_copy,
)
from interventiondesk.export.safety_plan import SafetyPlanContent, render_safety_plan
from interventiondesk.services.safety import CRISIS_LINE, STEPS
from tests.pdf_checks import pdf_text, qpdf_check
from tests.property.strategies import MEGABYTE, examples, texts

SECTIONS = ("connection", "incidents", "impact", "request")


REVERSING = "\u202b\u202e\u2067\u2068"
"""Right-to-left embedding, override and isolate, first-strong isolate: in their reach even
left-to-right letters may be drawn in another order, as the writer asked."""


def shown_words(text: str) -> list[str]:
    """The runs of left-to-right letters a bundled font draws: those must come out verbatim
    (right-to-left runs come out in visual order, and other characters may be replaced)."""
    if any(ch in REVERSING for ch in text):
        return []
    words, run = [], []
    for ch in text:
        if ch.isalpha() and unicodedata.bidirectional(ch) == "L" and can_draw(ch):
            run.append(ch)
        else:
            if run:
                words.append("".join(run))
            run = []
    if run:
        words.append("".join(run))
    return words


def assert_shown(data: bytes, *inputs: str) -> None:
    extracted = "".join(pdf_text(data).split())
    for text in inputs:
        for word in shown_words(text):
            assert word in extracted, word
    qpdf_check(data)


def packet(name: str, letter: str, objection: str, notes: str) -> PacketContent:
    writer = Person("p1", name, relationship=name[:10])
    reader = Person("p2", f"{name[::-1]} reader")
    letters = (
        LetterToRead(
            writer, writer, False, "Final", True, 90, tuple((s, letter) for s in SECTIONS)
        ),
        LetterToRead(reader, writer, True, "Draft", False, 30, (("connection", letter[::-1]),)),
    )
    return PacketContent(
        reference="IN-7K3QX",
        counselor=name,
        prepared=date(2026, 12, 1),
        main=letters,
        bottom_line=(
            LetterToRead(writer, None, False, "Draft", False, 5, (("bottom_line", letter),)),
        ),
        objections=(ObjectionToAnswer(objection, letter, writer),),
        seating_notes=notes,
        meeting=Meeting(datetime(2026, 12, 1, 18, 30), 90, "Europe/Berlin", notes, True),
        team=(TeamMember(writer, name, True), TeamMember(reader, "Reader", False)),
    )


@given(
    name=texts(max_size=12, surrogates=True),
    letter=texts(max_size=60, surrogates=True),
    objection=texts(max_size=20, surrogates=True),
    notes=texts(max_size=20, surrogates=True),
)
@example(
    name="王小明 👨‍👩‍👧",
    letter="<b>&amp;</b> 我们爱你 😂 שלום 你好 \ud83d",
    objection="]]>",
    notes="",
)
# Isolates: python-bidi stopped on them ("PDI not allowed here"); they are embeddings now.
@example(name="\x00\x1b", letter="\u202e\u2066abc\u2069\u200f", objection="\r", notes="\x0b\x0c")
@example(name="", letter="", objection="", notes="\u202e你A")  # drawn "A你", as the override asks
@settings(max_examples=examples(20))
def test_the_packet_and_its_reading_copies_show_every_word_the_fonts_can(
    name: str, letter: str, objection: str, notes: str
) -> None:
    content = packet(name, letter, objection, notes)
    data, summary = render_packet(content)
    assert summary.letters_included == 3
    assert_shown(data, name, letter, objection, notes)
    first = reading_copies(content)[0]
    assert_shown(render_reading_copy(content, first), letter)


def plan(steps: list[str], name: str) -> SafetyPlanContent:
    return SafetyPlanContent(
        steps=tuple(
            (title, hint, text) for (_key, title, hint), text in zip(STEPS, steps, strict=True)
        ),
        crisis_line=CRISIS_LINE,
        prepared=date(2026, 12, 1),
        name=name,
        reference="IN-7K3QX",
        concerns=(name, steps[0][:20]),
    )


@given(
    steps=st.lists(texts(max_size=30, surrogates=True), min_size=6, max_size=6),
    name=texts(max_size=10),
)
@example(steps=["我会打电话", "散歩", "음악", "🙂\ud800", "\x00", MEGABYTE[:20_000]], name="李")
@settings(max_examples=examples(15))
def test_the_safety_plan_shows_every_word_the_fonts_can(steps: list[str], name: str) -> None:
    data, summary = render_safety_plan(plan(steps, name))
    assert summary.steps_filled == sum(1 for text in steps if text.strip())
    assert_shown(data, name, *steps)

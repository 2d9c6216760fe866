"""The safety plan PDF: one page, every step, hostile text literal, nothing identifying unasked."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from interventiondesk.export.safety_plan import (
    TYPE_SIZES,
    SafetyPlanContent,
    render_safety_plan,
)
from interventiondesk.services.safety import CRISIS_LINE, STEPS
from tests.pdf_checks import pdf_text, qpdf_check

HOSTILE = "<b>&amp;</b> <script>alert('x')</script> & \"quoted\" </para> 100%"


def _content(texts: list[str], **extra: object) -> SafetyPlanContent:
    return SafetyPlanContent(
        steps=tuple(
            (title, hint, text) for (_key, title, hint), text in zip(STEPS, texts, strict=True)
        ),
        crisis_line=CRISIS_LINE,
        prepared=date(2026, 12, 1),
        **extra,  # type: ignore[arg-type]
    )


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_step_and_the_crisis_line_are_on_one_page_in_large_type() -> None:
    texts = [f"Step {n} text: {HOSTILE}" for n in range(1, 7)]
    data, summary = render_safety_plan(_content(texts))
    assert (summary.pages, summary.steps_filled) == (1, 6)
    assert summary.body_size >= TYPE_SIZES[1]  # large type: 14 pt or more for a plan this size
    text = _flat(_text(data))
    for number, (_key, title, _hint) in enumerate(STEPS, start=1):
        assert f"{number}. {title}" in text
        assert _flat(f"Step {number} text: {HOSTILE}") in text  # literal, not markup
    assert _flat(CRISIS_LINE) in text
    assert "2026-12-01" in text


def test_nothing_identifying_is_printed_unless_chosen() -> None:
    texts = ["Pacing at night", "", "", "", "", ""]
    plain, summary = render_safety_plan(_content(texts))
    assert summary.steps_filled == 1
    plain_text = _flat(_text(plain))
    assert "Case" not in plain_text and "Concerns" not in plain_text
    assert "(to fill in)" in plain_text
    chosen, _ = render_safety_plan(
        _content(texts, name="Robin", reference="IN-7K3QX", concerns=("Alcohol", "Depression"))
    )
    chosen_text = _flat(_text(chosen))
    assert "My safety plan: Robin" in chosen_text
    assert "Case IN-7K3QX" in chosen_text and "Concerns: Alcohol; Depression" in chosen_text


def test_a_long_plan_is_set_smaller_to_stay_on_one_page_and_an_endless_one_runs_on() -> None:
    longer = ["A sentence that the client wrote down in their own words. " * 5] * 6
    data, summary = render_safety_plan(_content(longer))
    assert summary.pages == 1 and summary.body_size < TYPE_SIZES[0]
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    endless = ["Words and more words. " * 400] * 6
    data, summary = render_safety_plan(_content(endless))
    assert summary.pages > 1 and summary.body_size == TYPE_SIZES[-1]
    assert _flat(CRISIS_LINE) in _flat(_text(data))


def test_right_to_left_and_other_scripts_render() -> None:
    texts = ["שלום", "Łódź, Tiếng Việt", "Русский", "مرحبا", "Ελληνικά", "plain"]
    data, summary = render_safety_plan(_content(texts))
    assert summary.pages == 1
    text = _text(data)
    for word in ("Łódź", "Tiếng Việt", "Русский", "Ελληνικά"):
        assert word in text


def test_chinese_japanese_korean_print_and_emoji_show_as_the_replacement() -> None:
    texts = [
        "我会打电话给姐姐。",
        "散歩に行く",
        "음악을 듣는다",
        "שלום 你好 😂",
        "<b>&</b> 🙏",
        "plain",
    ]
    data, summary = render_safety_plan(_content(texts, name="李 💙", concerns=("不眠",)))
    assert summary.pages == 1
    text = _flat(pdf_text(data))
    for words in ("我会打电话给姐姐。", "散歩に行く", "음악을 듣는다", "<b>&</b> \ufffd"):
        assert words in text
    assert "My safety plan: 李 \ufffd" in text and "Concerns: 不眠" in text
    qpdf_check(data)

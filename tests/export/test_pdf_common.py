"""Text in every PDF: right to left in visual order with joined Arabic letters and mirrored
brackets; Chinese, Japanese and Korean in the fallback font; a visible replacement for the rest."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from interventiondesk.export.pdf_common import (
    FALLBACK_FONT,
    FONT,
    FONT_BOLD,
    MAX_PARAGRAPH_CHARS,
    REPLACEMENT,
    base_direction,
    build_pdf,
    escape,
    font_runs,
    needs_bidi,
    page_mark,
    paragraph,
    printable,
    styles,
    text_blocks,
    text_pieces,
    visual_order,
)
from tests.pdf_checks import page_fonts, pdf_text, qpdf_check


def test_text_without_right_to_left_letters_is_untouched() -> None:
    for text in ("Plain (text) <b>&amp;</b>", "Łódź Ελληνικά Русский", "💙 family", ""):
        assert not needs_bidi(text)
        assert visual_order(text) == text


def test_hebrew_is_reversed_with_brackets_mirrored_and_numbers_kept() -> None:
    assert visual_order("שלום (דני) 2024") == "2024 (ינד) םולש"
    assert base_direction("2024 שלום Ann") == "R"
    assert base_direction("Ann שלום") == "L"
    # Within a left-to-right line only the Hebrew run turns round.
    assert visual_order("Ann said שלום to Ben") == "Ann said םולש to Ben"
    # Our own wording can fix the direction of a line that starts with a Hebrew name.
    assert visual_order("דני Cohen (father)", "L") == "ינד Cohen (father)"


def test_arabic_letters_are_joined_including_lam_alef() -> None:
    # meem initial, ra final, ha initial, ba medial, alef final; drawn right to left.
    assert visual_order("مرحبا") == "\ufe8e\ufe92\ufea3\ufeae\ufee3"
    assert visual_order("لا") == "\ufefb"


def test_vowel_marks_are_kept_and_precede_their_letter_when_drawn() -> None:
    # The font's marks have no width and sit on the letter drawn after them.
    assert visual_order("שָׁ") == "\u05c1\u05b8\u05e9"
    assert "\u064e" in visual_order("مَ")


def test_direction_overrides_are_applied_and_then_dropped() -> None:
    assert visual_order("abc \u202eevil\u202c def") == "abc live def"


def test_header_and_footer_with_hebrew_are_drawn_in_visual_order() -> None:
    data = build_pdf([paragraph("Body")], title="t", header="Case שלום header", footer="Footer דני")
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text(extraction_mode="layout")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    assert "Case םולש header" in lines
    assert any(line.startswith("Footer ינד") for line in lines)


# Long texts are cut into paragraphs reportlab lays out quickly ------------------------------


def test_long_lines_are_cut_into_bounded_pieces_that_give_the_text_back() -> None:
    prose = ("We love you and we are here for you. " * 6_000)[:200_000]
    pieces = list(text_pieces(prose))
    assert all(len(piece) <= MAX_PARAGRAPH_CHARS for piece in pieces)
    assert len(pieces) >= 200_000 // MAX_PARAGRAPH_CHARS
    assert " ".join(pieces) == prose.rstrip()  # cut at spaces: only those spaces go
    one_word = "x" * 200_000
    pieces = list(text_pieces(one_word))
    assert all(len(piece) <= MAX_PARAGRAPH_CHARS for piece in pieces)
    assert "".join(pieces) == one_word


def test_lines_stay_lines_and_blank_lines_are_left_out() -> None:
    assert list(text_pieces("one\r\ntwo\n\n  \nthree\rfour")) == ["one", "two", "three", "four"]
    assert list(text_pieces("")) == []


def test_a_cut_never_separates_a_letter_from_its_marks() -> None:
    # Hebrew letters with vowel points, emoji with skin tones and joiners: no spaces at all.
    for unit in ("שָׁ", "👍🏽", "👨‍👩‍👧", "é"):
        text = unit * (3 * MAX_PARAGRAPH_CHARS // len(unit) + 7)
        pieces = list(text_pieces(text))
        assert len(pieces) >= 3 and "".join(pieces) == text
        assert all(len(piece) <= MAX_PARAGRAPH_CHARS for piece in pieces)
        assert all(len(piece) % len(unit) == 0 for piece in pieces), unit


def test_text_blocks_print_all_of_a_long_text() -> None:
    # 240,000 characters without a space: numbers written in letters (a = 0 ... j = 9), so that
    # the page numbers drawn in the footer can be told apart (their "Page N of M" is taken out).
    letters = str.maketrans("0123456789", "abcdefghij")
    text = "".join(f"{n:06d}".translate(letters) for n in range(40_000))
    data = build_pdf(text_blocks(text), title="t", header="#", footer="#")
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) > 20
    bodies = [re.sub(r"Page \d+ of \d+", "", page.extract_text() or "") for page in pages]
    printed = "".join(ch for body in bodies for ch in body if "a" <= ch <= "j")
    assert printed == text


def test_every_page_is_numbered_and_carries_its_mark_until_the_next() -> None:
    blocks = [paragraph(f"Block {n} " + "word " * 400) for n in range(6)]
    story = [*blocks[:2], page_mark("MARKED PAGE"), *blocks[2:4], page_mark(""), *blocks[4:]]
    data = build_pdf(story, title="t", header="Head", footer="Confidential line")
    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
    assert len(pages) >= 4
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text and "Confidential line" in text
    marked = [n for n, text in enumerate(pages) if "MARKED PAGE" in text]
    # A page carries the mark in force at its end: from the page where the mark lands up to
    # the page before the one where the next (empty) mark lands. (The packet puts each mark at
    # the top of a new page, so that a mark covers exactly its letter's pages.)
    first = next(n for n, text in enumerate(pages) if "Block 2" in text)
    ended = next(n for n, text in enumerate(pages) if "Block 4" in text)
    assert first < ended and marked == list(range(first, ended))


# Every character comes out: CJK in the fallback font, a visible replacement for the rest ----

CHINESE, JAPANESE, KOREAN = (
    "我们爱你，请接受帮助。",
    "ひらがなとカタカナと漢字。",
    "우리는 너를 사랑해.",
)


def test_chinese_japanese_and_korean_are_set_in_the_fallback_font_and_read_back() -> None:
    look = styles()
    story = [
        paragraph(f"{CHINESE} {JAPANESE}", look.heading),  # bold: the fallback has one weight
        *text_blocks(f"{KOREAN}\n{CHINESE}{JAPANESE}{KOREAN}" * 3, look.reading),
    ]
    data = build_pdf(story, title="t", header=f"Case 王小明 {KOREAN}", footer=JAPANESE)
    text = pdf_text(data)
    for words in (CHINESE, JAPANESE, KOREAN, f"Case 王小明 {KOREAN}"):
        assert words in text
    assert {FONT, FONT_BOLD, FALLBACK_FONT} <= page_fonts(data)
    qpdf_check(data)


def test_runs_go_to_the_first_font_that_has_them() -> None:
    assert font_runs("Ann 王 & Łódź 안녕", FONT) == [
        (FONT, "Ann "),
        (FALLBACK_FONT, "王"),
        (FONT, " & Łódź "),
        (FALLBACK_FONT, "안녕"),
    ]
    # Markup is escaped inside and outside the fallback's runs.
    assert escape("<b>你好</b> & 안") == (
        f'&lt;b&gt;<font name="{FALLBACK_FONT}">你好</font>&lt;/b&gt; &amp; '
        f'<font name="{FALLBACK_FONT}">안</font>'
    )


def test_characters_no_font_has_become_one_visible_replacement_each() -> None:
    assert printable("a 💙 b") == f"a {REPLACEMENT} b"
    # An emoji sequence (joiners, skin tone, variation selector, flag tags) is one replacement.
    for emoji in (
        "👨‍👩‍👧‍👦",
        "👍🏽",
        "🏳️‍🌈",
        "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
    ):
        assert printable(f"x{emoji}y") == f"x{REPLACEMENT}y", emoji
    # A lone surrogate, an unassigned code point, a private-use one, a non-character: shown.
    for odd in ("\ud800", "\udfff", "\u0378", "\ue000", "\uffff", "\U0001d400"):
        assert printable(f"[{odd}]") == f"[{REPLACEMENT}]", hex(ord(odd))
    # Controls are left out as before; every kind of line end is a line break.
    assert printable("bell\x07\x00\x1b!") == "bell!"
    assert printable("a\r\nb\rc\x0bd\x0ce\x85f\u2028g\u2029h\ti") == "a\nb\nc\nd\ne\nf\ng\nh\ti"
    # What a font draws stays, direction marks included (the layout drops them after use).
    kept = "Zoë ❤ שלום \u200f 你好 \u202e"
    assert printable(kept) == kept


def test_emoji_and_lone_surrogates_print_as_the_replacement_and_the_pdf_stays_clean() -> None:
    hostile = "Love 💙 you 👨‍👩‍👧‍👦 \ud83d alone 🏳️‍🌈 ❤ 你好 😂"
    story = [paragraph(hostile, styles().title), *text_blocks(hostile * 40, styles().reading)]
    data = build_pdf(story, title="t", header=hostile, footer=hostile)
    text = pdf_text(data)
    assert "Love \ufffd you \ufffd \ufffd alone \ufffd ❤ 你好 \ufffd" in text
    qpdf_check(data)


def test_markup_characters_print_literally_beside_cjk() -> None:
    line = '<b>你好</b> & <i>안녕</i> &amp; <font name="x">日本</font> "quoted"'
    data = build_pdf([paragraph(line), paragraph(line, styles().subheading)], title="t",
                     header="h", footer="f")  # fmt: skip
    assert pdf_text(data).count(line) == 2


def test_a_line_mixing_right_to_left_and_cjk_reads_in_visual_order() -> None:
    data = build_pdf(
        [paragraph("שלום 你好 עולם"), paragraph("Ann 안녕 שלום 世界 end")],
        title="t",
        header="h",
        footer="f",
    )
    pdf_text(data)  # clean
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text(extraction_mode="layout")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    assert "םלוע 你好 םולש" in lines  # a right-to-left line: the CJK word sits in the middle
    assert "Ann 안녕 םולש 世界 end" in lines
    qpdf_check(data)

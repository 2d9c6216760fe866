"""Right-to-left text in every PDF: visual order, joined Arabic letters, mirrored brackets."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from interventiondesk.export.pdf_common import (
    MAX_PARAGRAPH_CHARS,
    base_direction,
    build_pdf,
    needs_bidi,
    page_mark,
    paragraph,
    text_blocks,
    text_pieces,
    visual_order,
)


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

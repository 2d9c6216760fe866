"""The text rules the renderers share: line ends, and what a file format cannot carry."""

from __future__ import annotations

from interventiondesk.export.plain_text import line_breaks_normalized, without_controls


def test_every_kind_of_line_end_is_one_line_feed() -> None:
    text = "a\r\nb\rc\nd\x0be\x0cf\x1cg\x1dh\x1ei\x85j\u2028k\u2029l"
    assert line_breaks_normalized(text) == "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl"
    assert line_breaks_normalized(text).split("\n") == text.splitlines()


def test_controls_and_byte_order_marks_are_left_out_and_the_rest_kept() -> None:
    assert without_controls("\ufeffa\x00b\x01\x1b[31mc\x7f\x9fd\te\r\nf") == "ab[31mcd\te\nf"
    kept = "Zoë <b>&amp;</b> שלום \u202e 你好 💙 \u200d\ufffd"
    assert without_controls(kept) == kept
    assert without_controls("plain ASCII") == "plain ASCII"


def test_a_lone_surrogate_becomes_the_replacement_character() -> None:
    assert without_controls("a\ud800b\udfff") == "a\ufffdb\ufffd"

"""Rules for user text that every renderer shares: what a line end is, and which characters a
file format cannot carry."""

from __future__ import annotations

import re

_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
"""What Python's str.splitlines() takes for the end of a line (a paste from a word processor
brings vertical tabs and line separators)."""

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff]")
"""Control characters but tab and LF, and U+FEFF (a byte-order mark inside text)."""

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def line_breaks_normalized(text: str) -> str:
    """``text`` with every kind of line end (CR LF, CR, vertical tab, form feed, the
    separators, U+2028 and U+2029) written as one LF."""
    return _LINE_BREAK.sub("\n", text)


def without_controls(text: str) -> str:
    """``text`` with its line ends as LF, its other control characters and byte-order marks
    left out, and a lone surrogate (which no UTF-8 file holds) as U+FFFD."""
    if text.isascii() and text.isprintable():
        return text
    cleaned = _CONTROLS.sub("", line_breaks_normalized(text))
    return _LONE_SURROGATE.sub("\ufffd", cleaned)

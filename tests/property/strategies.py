"""Hostile text for the property tests: any Unicode, with the characters that break programs
drawn far more often than chance would draw them."""

from __future__ import annotations

import os
from dataclasses import dataclass

from hypothesis import strategies as st


def examples(count: int) -> int:
    """``count`` examples for a slow test, ten times as many in the ``explore`` profile."""
    return count * (10 if os.environ.get("HYPOTHESIS_PROFILE") == "explore" else 1)


CONTROLS = "\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x1c\x1f\x7f\x80\x85\x9f"
"""NUL, bell, backspace, vertical tab, form feed, escape, separators, DEL, C1 controls."""

LINE_ENDS = "\n\r\u2028\u2029"
DIRECTION_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\ufe0f\U000e0001"
"""Soft hyphen, zero-width space and joiners, word joiner, BOM, variation selector, a tag."""
ODD_CODE_POINTS = "\ufffd\ufffe\uffff\ue000\U0010ffff\u0378\U0001d400"
"""The replacement character, non-characters, private use, unassigned, beyond the BMP."""
MARKUP = "<>&\"';:,\\^%$`{}[]#/*"
"""Characters that mean something to XML, reportlab, JSON, SQL, iCalendar or a shell."""
SCRIPTS = "aZé́ßΩжשָׁمَ你好こカ안녕ก🙂👨‍👩‍👧🏽🏳️‍🌈"
"""Latin with combining marks, Greek, Cyrillic, pointed Hebrew, Arabic, CJK, Thai, emoji."""
LONE_SURROGATES = "\ud800\udbff\udc00\udfff\ud83d"
"""Half of a UTF-16 pair: Python strings can hold them (undecodable bytes, JSON "\\ud800"),
UTF-8 cannot."""

_FAVOURED = st.sampled_from(
    [
        *(CONTROLS + LINE_ENDS + DIRECTION_MARKS + INVISIBLE + ODD_CODE_POINTS + MARKUP + SCRIPTS),
        "\r\n",
        " ",
        "\t",
    ]
)
_ANY_VALID = st.characters(codec="utf-8")  # every code point but the surrogates


def texts(*, max_size: int = 40, surrogates: bool = False) -> st.SearchStrategy[str]:
    """Text of up to ``max_size`` pieces (a piece is a character or CR LF): half of them from
    the favoured hostile characters, half from all of Unicode; with ``surrogates``, now and
    then a lone surrogate."""
    pieces: list[st.SearchStrategy[str]] = [_FAVOURED, _ANY_VALID]
    if surrogates:
        pieces.append(st.sampled_from(list(LONE_SURROGATES)))
    return st.lists(st.one_of(pieces), max_size=max_size).map("".join)


def short_texts(limit: int) -> st.SearchStrategy[str]:
    """Text for a field of at most ``limit`` characters, now and then one past it."""
    return texts(max_size=limit // 4 + 2, surrogates=True)


def holds_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)


MEGABYTE = "A line of a long letter, 我们爱你, שלום 🙂\x00\u202e.\n" * 25_000
"""About 1 MB of text (1,100,000 characters) with NUL, direction marks, CJK and emoji: past
every field's limit."""


@dataclass(frozen=True)
class Damage:
    """What happens to a file: ``cut`` short at ``at``, a byte ``change``d (xor ``mask``),
    ``junk`` put in at ``at``, or the whole file ``replace``d by ``junk``. ``at`` counts from
    the start, modulo the file's length, so that one damage applies to any file."""

    kind: str
    at: int = 0
    mask: int = 1
    junk: bytes = b""

    def __call__(self, good: bytes) -> bytes:
        at = self.at % max(len(good), 1)
        if self.kind == "cut":
            return good[:at]
        if self.kind == "change":
            return good[:at] + bytes([good[at] ^ self.mask]) + good[at + 1 :]
        if self.kind == "insert":
            return good[:at] + self.junk + good[at:]
        return self.junk


_AT = st.integers(0, 1 << 24)
DAMAGES = st.one_of(
    st.builds(Damage, st.just("cut"), _AT),
    st.builds(Damage, st.just("change"), _AT, st.integers(1, 255)),
    st.builds(Damage, st.just("insert"), _AT, junk=st.binary(min_size=1, max_size=64)),
    st.builds(Damage, st.just("replace"), junk=st.binary(max_size=8192)),
)
"""Any of the four, anywhere in the file."""

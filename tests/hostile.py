"""Hostile text that every text field must accept and give back unchanged."""

from __future__ import annotations

HOSTILE_TEXTS: dict[str, str] = {
    "markup": "<b>bold</b> &amp; <script>alert('x')</script> <para/> &nbsp; ]]>",
    "quotes": "She said \"don't\" — it's `fine`; 'single' \\ backslash; -- DROP TABLE cases;",
    "rtl": "مرحبا بالعالم — שלום עולם \u202eevil\u202c",
    "emoji": "💙 family 👨‍👩‍👧‍👦 🏳️‍🌈 ✨",
    "accents": "Zoë Łukasz Nguyễn Đức Ærøskøbing Ünïcödé",
    "newlines": "line one\nline two\r\nline three\ttabbed\n\n",
    "large": ("A long observation about a hard week. " * 2800)[:100_000],
    "empty": "",
}
"""Name → text. ``large`` is exactly 100,000 characters."""

"""What the CJK fallback font costs a PDF: size and render time, against a bare reportlab
document of the same text in the same run.

Run with ``python -m bench.pdf_fonts``. Each text is set by ``pdf_common`` (the font fallback,
bidirectional layout, page frame) and by a bare ``SimpleDocTemplate`` of plain Paragraphs of
the same pieces in DejaVu Sans (which prints no CJK: its time is the floor for the same text).
Medians of ``--runs``; the first build of each is left out (it loads the fonts).
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from interventiondesk.export.pdf_common import (
    build_pdf,
    register_fallback,
    register_fonts,
    styles,
    text_blocks,
    text_pieces,
)

WORDS = ["we", "love", "you", "and", "want", "you", "home", "safe", "today", "together"]


def texts(seed: int) -> dict[str, str]:
    """A 3,000-word English letter, alone and with Chinese added (few or many distinct
    characters: a subset embeds only the characters used)."""
    rng = random.Random(seed)
    latin = " ".join(rng.choice(WORDS) for _ in range(3000))
    few = "我们爱你，请接受帮助。" * 50  # 550 characters, 11 distinct
    many = "".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(6000))  # ~2,600 distinct
    return {
        "English only": latin,
        "+ 550 Chinese (11 distinct)": f"{latin}\n{few}",
        "+ 6,000 Chinese (~2,600 distinct)": f"{latin}\n{many}",
    }


def bare(text: str) -> bytes:
    """The same pieces of text in plain Paragraphs, without the rest of pdf_common."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    buffer = io.BytesIO()
    style = styles().reading
    story = [Paragraph(piece, style) for piece in text_pieces(text)]
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


def ours(text: str) -> bytes:
    return build_pdf(text_blocks(text, styles().reading), title="t", header="h", footer="f")


def timed(make: Callable[[str], bytes], text: str, runs: int) -> tuple[float, int]:
    make(text)
    times = []
    size = 0
    for _ in range(runs):
        started = time.perf_counter()
        size = len(make(text))
        times.append(time.perf_counter() - started)
    return statistics.median(times), size


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    args: Any = parser.parse_args(argv)
    started = time.perf_counter()
    register_fonts()
    took = time.perf_counter() - started
    print(f"registering DejaVu Sans (once per process): {took:.2f} s")
    started = time.perf_counter()
    register_fallback()
    took = time.perf_counter() - started
    print(f"registering the CJK fallback (once, when a text needs it): {took:.2f} s")
    print(f"{'text':36} {'bare':>12} {'pdf_common':>12} {'ratio':>6} {'size':>9}")
    for name, text in texts(args.seed).items():
        floor, _ = timed(bare, text, args.runs)
        took, size = timed(ours, text, args.runs)
        print(
            f"{name:36} {floor * 1000:9.0f} ms {took * 1000:9.0f} ms {took / floor:6.2f} "
            f"{size / 1024:6.0f} KiB"
        )


if __name__ == "__main__":
    main()

"""Shared PDF plumbing: bundled fonts, escaped paragraphs, page frame, encryption, safe writing.

reportlab is imported inside the functions, so that importing this module costs nothing at start-up.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from interventiondesk.resources import resource_path
from interventiondesk.storage.files import write_private_atomically

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"


@cache
def register_fonts() -> tuple[str, str]:
    """Register the bundled DejaVu fonts (wide script coverage) once; returns their names."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT, str(resource_path("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf"))))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT)
    addMapping(FONT, 1, 1, FONT_BOLD)
    return FONT, FONT_BOLD


def escape(text: str) -> str:
    """User text made safe for a reportlab Paragraph: markup escaped, line breaks kept."""
    cleaned = "".join(ch for ch in text if ch in "\n\t" or ord(ch) >= 32)
    escaped = xml_escape(cleaned, {'"': "&quot;"})
    return escaped.replace("\r\n", "\n").replace("\n", "<br/>")


@dataclass(frozen=True, slots=True)
class Styles:
    title: Any
    heading: Any
    subheading: Any
    body: Any
    small: Any


@cache
def styles() -> Styles:
    """Paragraph styles in the bundled font, so every script the font covers renders."""
    from reportlab.lib.styles import ParagraphStyle

    regular, bold = register_fonts()
    body = ParagraphStyle(
        "Body", fontName=regular, fontSize=11, leading=15, spaceAfter=6, splitLongWords=1
    )
    return Styles(
        title=ParagraphStyle(
            "Title", parent=body, fontName=bold, fontSize=18, leading=22, spaceAfter=12
        ),
        heading=ParagraphStyle(
            "Heading",
            parent=body,
            fontName=bold,
            fontSize=14,
            leading=18,
            spaceBefore=12,
            spaceAfter=6,
        ),
        subheading=ParagraphStyle(
            "Subheading",
            parent=body,
            fontName=bold,
            fontSize=11,
            leading=15,
            spaceBefore=6,
            spaceAfter=3,
        ),
        body=body,
        small=ParagraphStyle("Small", parent=body, fontSize=9, leading=12),
    )


def paragraph(text: str, style: Any | None = None) -> Any:
    """A Paragraph of user text, escaped."""
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text), style or styles().body)


def build_pdf(
    flowables: Sequence[Any],
    *,
    title: str,
    header: str,
    footer: str,
    password: str | None = None,
) -> bytes:
    """Lay out ``flowables`` on A4 pages with a header and a numbered footer; returns the PDF.

    ``header`` and ``footer`` are plain text drawn on every page. With ``password`` the file is
    encrypted (128-bit) and opens only with it.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    regular, _bold = register_fonts()
    encrypt: Any = None
    if password:
        from reportlab.lib.pdfencrypt import StandardEncryption

        encrypt = StandardEncryption(password, canModify=0, strength=128)

    def frame(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(regular, 8)
        width, height = A4
        canvas.drawString(18 * mm, height - 12 * mm, header[:150])
        canvas.drawString(18 * mm, 10 * mm, footer[:150])
        canvas.drawRightString(width - 18 * mm, 10 * mm, str(doc.page))
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=20 * mm,
        bottomMargin=18 * mm,
        title=title,
        author="InterventionDesk",
        creator="InterventionDesk",
        encrypt=encrypt,
    )
    doc.build(list(flowables), onFirstPage=frame, onLaterPages=frame)
    return buffer.getvalue()


def write_pdf(path: Path, data: bytes) -> None:
    """Write the PDF beside its final place, then rename: never a half-written file."""
    write_private_atomically(Path(path), data)

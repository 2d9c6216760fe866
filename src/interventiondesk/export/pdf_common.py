"""Shared PDF plumbing: bundled fonts, escaped paragraphs, right-to-left text, page frame,
encryption and safe writing.

reportlab is imported inside the functions, so that importing this module costs nothing at start-up.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from interventiondesk.resources import resource_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"

MIN_PDF_PASSWORD = 8
"""The shortest password a PDF may be protected with (the window and the command line)."""

READING_SIZE = 13
"""The type size of words read aloud (letters, reading copies): large enough to read from a
sheet held in a hand, in a room whose light the family does not choose."""


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
    reading: Any
    """Words read aloud: 13 pt on 20 pt lines."""
    reading_heading: Any
    """A section heading inside a letter, in the reading size."""
    letter_title: Any
    """Whose letter it is, at the top of its first page."""


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
        reading=ParagraphStyle(
            "Reading",
            parent=body,
            fontSize=READING_SIZE,
            leading=READING_SIZE * 1.55,
            spaceAfter=READING_SIZE * 0.6,
        ),
        reading_heading=ParagraphStyle(
            "ReadingHeading",
            parent=body,
            fontName=bold,
            fontSize=READING_SIZE,
            leading=READING_SIZE * 1.55,
            spaceBefore=READING_SIZE,
            spaceAfter=READING_SIZE * 0.3,
        ),
        letter_title=ParagraphStyle(
            "LetterTitle", parent=body, fontName=bold, fontSize=20, leading=26, spaceAfter=4
        ),
    )


# Dates in a fixed, unambiguous long form (a printed page has no locale to follow) ------------

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: date) -> str:
    """E.g. ``Tuesday 1 December 2026``: the same in every locale, never 1/12 or 12/1."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def long_when(starts: datetime, minutes: int, zone_name: str) -> str:
    """A meeting's local time with its zone, e.g. ``Tuesday 1 December 2026, 18:30–20:00
    (Europe/Berlin)``; ``starts`` is already in that zone."""
    ends = starts + timedelta(minutes=minutes)
    until = f"{ends:%H:%M}" if ends.date() == starts.date() else f"{long_date(ends)}, {ends:%H:%M}"
    return f"{long_date(starts.date())}, {starts:%H:%M}–{until} ({zone_name})"


# Page marks ---------------------------------------------------------------------------------


def page_mark(text: str) -> Any:
    """An invisible flowable: a page carries, in a band at its top, the text of the last mark
    placed by the page's end (an empty text: no band). A letter that is not final starts a new
    page with one, and the next letter's page starts with its own, so that exactly the draft's
    pages say so."""
    return _page_mark_class()(text)


@cache
def _page_mark_class() -> Any:
    from reportlab.platypus import Flowable

    class PageMark(Flowable):  # type: ignore[misc]
        def __init__(self, text: str) -> None:
            super().__init__()
            self.page_mark = text
            self.width = self.height = 0

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return 0, 0

        def draw(self) -> None:
            pass

    return PageMark


def keep_room(height: float) -> Any:
    """Start a new page unless ``height`` points are left: put before a heading, so that it is
    never stranded at a page foot without its first lines."""
    from reportlab.platypus import CondPageBreak

    return CondPageBreak(height)


def paragraph(text: str, style: Any | None = None, *, direction: str | None = None) -> Any:
    """A paragraph of user text, escaped; right-to-left words are laid out in reading order.

    ``direction`` "L" or "R" fixes the paragraph's base direction (for a line our own English
    wording frames); by default each line takes it from its first letter, as Unicode says.
    """
    from reportlab.platypus import Paragraph

    look = style or styles().body
    if needs_bidi(text):
        return _bidi_paragraph_class()(text, look, direction)
    return Paragraph(escape(text), look)


# Long texts -------------------------------------------------------------------------------
# reportlab lays out one paragraph in time that grows much faster than its length: a letter
# section of 200,000 characters without a space took ten seconds, 1.75 million characters about
# ten minutes. Cut into pieces of bounded length, the same text prints in about a second.

MAX_PARAGRAPH_CHARS = 2_000
"""The longest paragraph handed to reportlab; about a third of a page of body text."""

_JOINERS = frozenset("\u200c\u200d")


def text_pieces(text: str, limit: int = MAX_PARAGRAPH_CHARS) -> Iterator[str]:
    """``text`` as paragraphs of at most ``limit`` characters: one per line (blank lines left
    out), a longer line cut at a space in its last half where there is one, otherwise between
    two characters that are not joined (never inside a letter with its marks)."""
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        rest = line
        while len(rest) > limit:
            cut = rest.rfind(" ", limit // 2, limit + 1)
            if cut != -1:
                piece, rest = rest[:cut], rest[cut + 1 :]
            else:
                cut = limit
                while cut > limit // 2 and _joined(rest[cut - 1], rest[cut]):
                    cut -= 1
                piece, rest = rest[:cut], rest[cut:]
            if piece.strip():
                yield piece
        if rest.strip():
            yield rest


def _joined(before: str, after: str) -> bool:
    return (
        unicodedata.category(after) in ("Mn", "Mc", "Me")  # marks stay with their letter
        or before in _JOINERS
        or after in _JOINERS
        or 0xFE00 <= ord(after) <= 0xFE0F  # variation selectors (emoji style)
        or 0x1F3FB <= ord(after) <= 0x1F3FF  # skin tones
    )


def text_blocks(text: str, style: Any | None = None) -> list[Any]:
    """Paragraphs of user text of any length, each small enough to lay out quickly."""
    return [paragraph(piece, style) for piece in text_pieces(text)]


# Right-to-left text ----------------------------------------------------------------------
# reportlab draws characters in the order they are stored. Hebrew and Arabic are stored in
# reading (logical) order, so each line is wrapped in that order, then put into the order it
# is drawn from left to right (python-bidi), with Arabic letters in their joined forms
# (arabic-reshaper) and brackets mirrored.

_RTL_CLASSES = frozenset({"R", "AL", "AN", "RLE", "RLO", "RLI"})
_BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def needs_bidi(text: str) -> bool:
    """Whether ``text`` holds right-to-left letters (or asks for right-to-left order)."""
    return any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text)


def base_direction(text: str) -> str:
    """ "R" when the first letter with a direction is right-to-left, otherwise "L"."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return "L"
        if kind in ("R", "AL"):
            return "R"
    return "L"


@cache
def _reshaper() -> Any:
    from arabic_reshaper import ArabicReshaper  # type: ignore[import-untyped]

    # Keep the writer's vowel marks; joined letters only, no decorative word ligatures.
    return ArabicReshaper(
        configuration={
            "delete_harakat": False,
            "support_ligatures": True,
            "ARABIC LIGATURE ALLAH": False,
        }
    )


@cache
def _font_characters() -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    regular, _bold = register_fonts()
    return frozenset(pdfmetrics.getFont(regular).face.charToGlyph)


def join_arabic(text: str) -> str:
    """Arabic letters in the joined forms they take in a word, where the font has those forms."""
    if not any(unicodedata.bidirectional(ch) == "AL" for ch in text):
        return text
    known = _font_characters()
    words = []
    for word in text.split(" "):
        joined: str = _reshaper().reshape(word)
        words.append(joined if all(ord(ch) in known for ch in joined) else word)
    return " ".join(words)


def visual_order(line: str, direction: str | None = None) -> str:
    """One line of logical text in the order its characters are drawn from left to right."""
    return _display(join_arabic(line), direction or base_direction(line))


def _display(joined: str, direction: str) -> str:
    if not needs_bidi(joined):
        return joined
    from bidi.algorithm import get_display  # type: ignore[import-untyped]

    # The pure-Python algorithm of python-bidi, because it also mirrors brackets (rule L4).
    # Marks stay before their letter in a reversed run: the font's Hebrew and Arabic marks
    # have no width and are drawn over the letter that follows them.
    return str(get_display(joined, base_dir=direction)).translate(_BIDI_CONTROLS)


def _wrap(text: str, font: str, size: float, width: float) -> Iterator[str]:
    """Greedy line breaking of one logical line at spaces; a word wider than a line is cut."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    space = stringWidth(" ", font, size)
    line: list[str] = []
    used = 0.0
    for whole in text.split(" "):
        for word in _cut(whole, font, size, width):
            needed = stringWidth(word, font, size)
            if line and used + space + needed > width:
                yield " ".join(line)
                line, used = [], 0.0
            used += (space if line else 0.0) + needed
            line.append(word)
    yield " ".join(line)


def _cut(word: str, font: str, size: float, width: float) -> Iterator[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(word, font, size) <= width:
        yield word
        return
    piece: list[str] = []
    used = 0.0
    for ch in word:
        needed = stringWidth(ch, font, size)
        if piece and used + needed > width:
            yield "".join(piece)
            piece, used = [], 0.0
        piece.append(ch)
        used += needed
    yield "".join(piece)


def _layout(text: str, style: Any, width: float, direction: str | None) -> list[tuple[str, bool]]:
    """Visual lines of user text, each with whether it is aligned to the right."""
    cleaned = "".join(ch for ch in text if ch in "\n\t" or ord(ch) >= 32)
    lines: list[tuple[str, bool]] = []
    for logical in cleaned.replace("\r\n", "\n").split("\n"):
        base = direction or base_direction(logical)
        for piece in _wrap(join_arabic(logical), style.fontName, style.fontSize, width):
            lines.append((_display(piece, base), base == "R"))
    return lines


@cache
def _bidi_paragraph_class() -> Any:
    """The flowable for text with right-to-left words (built on first use: reportlab is lazy)."""
    from reportlab.platypus import Flowable

    class BidiParagraph(Flowable):  # type: ignore[misc]
        """Wrapped in reading order, drawn line by line in visual order."""

        def __init__(
            self,
            text: str,
            style: Any,
            direction: str | None = None,
            lines: list[tuple[str, bool]] | None = None,
        ) -> None:
            super().__init__()
            self.text, self.style, self.direction = text, style, direction
            self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
            self._fixed = lines
            self._lines: list[tuple[str, bool]] = lines or []
            self._for_width: float | None = None

        def _lines_for(self, width: float) -> list[tuple[str, bool]]:
            if self._fixed is not None:
                return self._fixed
            if self._for_width != width:
                self._lines = _layout(self.text, self.style, width, self.direction)
                self._for_width = width
            return self._lines

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            self.width = available_width
            self.height = len(self._lines_for(available_width)) * self.style.leading
            return self.width, self.height

        def split(self, available_width: float, available_height: float) -> list[Any]:
            lines = self._lines_for(available_width)
            fit = int(available_height // self.style.leading)
            if fit <= 0:
                return []
            if fit >= len(lines):
                return [self]
            return [
                BidiParagraph(self.text, self.style, self.direction, lines[:fit]),
                BidiParagraph(self.text, self.style, self.direction, lines[fit:]),
            ]

        def draw(self) -> None:
            canvas = self.canv
            canvas.setFont(self.style.fontName, self.style.fontSize)
            canvas.setFillColor(self.style.textColor)
            y = self.height - self.style.fontSize
            for text, right in self._lines:
                if right:
                    canvas.drawRightString(self.width, y, text)
                else:
                    canvas.drawString(0, y, text)
                y -= self.style.leading

    return BidiParagraph


def build_pdf(
    flowables: Sequence[Any],
    *,
    title: str,
    header: str,
    footer: str,
    password: str | None = None,
    subject: str = "",
) -> bytes:
    """Lay out ``flowables`` on A4 pages; returns the PDF.

    Every page carries ``header`` at its top, ``footer`` (the confidentiality line) and "Page N
    of M" at its foot, and the text of the last ``page_mark`` in a band below the header. With
    ``password`` the file is encrypted with AES-256 and opens only with it. ``title`` and
    ``subject`` go into the document's metadata.
    """
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import SimpleDocTemplate

    regular, bold = register_fonts()
    width, height = A4
    margin = 18 * mm

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Keeps each page until the end, when the number of pages is known."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(regular, 8)
                self.drawRightString(width - margin, 10 * mm, f"Page {number} of {total}")
                Canvas.showPage(self)
            Canvas.save(self)

    class Document(SimpleDocTemplate):  # type: ignore[misc]
        mark = ""

        def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 (reportlab's name)
            text = getattr(flowable, "page_mark", None)
            if text is not None:
                self.mark = text

        def afterPage(self) -> None:  # noqa: N802 (reportlab's name)
            if not self.mark:
                return
            canvas = self.canv
            canvas.saveState()
            canvas.setFillColor(colors.Color(1, 0.92, 0.85))
            canvas.rect(margin, height - 21 * mm, width - 2 * margin, 7 * mm, stroke=0, fill=1)
            canvas.setFillColor(colors.Color(0.55, 0.1, 0.0))
            canvas.setFont(bold, 10)
            canvas.drawCentredString(width / 2, height - 18.8 * mm, self.mark[:120])
            canvas.restoreState()

    def frame(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.drawString(margin, height - 11 * mm, visual_order(header[:150], "L"))
        canvas.drawString(margin, 10 * mm, visual_order(footer[:120], "L"))
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = Document(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=25 * mm,
        bottomMargin=18 * mm,
        title=title,
        subject=subject,
        author="InterventionDesk",
        creator="InterventionDesk",
    )
    doc.build(list(flowables), onFirstPage=frame, onLaterPages=frame, canvasmaker=NumberedCanvas)
    return encrypt_pdf(buffer.getvalue(), password) if password else buffer.getvalue()


def encrypt_pdf(data: bytes, password: str) -> bytes:
    """The same PDF, encrypted with AES-256 (PDF 2.0 security handler, revision 6).

    reportlab itself offers only RC4 or an unmaintained AES add-on, so pypdf (with the
    ``cryptography`` package) re-encrypts the finished document in memory.
    """
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=None, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

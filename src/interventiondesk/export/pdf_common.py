"""Shared PDF plumbing: bundled fonts with a fallback per character, escaped paragraphs,
right-to-left text, page frame, encryption and safe writing.

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

from interventiondesk.export.plain_text import line_breaks_normalized
from interventiondesk.resources import resource_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FALLBACK_FONT = "DroidSansFallback"
"""Chinese, Japanese and Korean: TrueType outlines (reportlab reads no CFF), one weight. A
character the text's own font lacks is set in the first bundled font that has it: the text's
font, DejaVu Sans, then this one (resources/fonts/README.md)."""

REPLACEMENT = "\ufffd"
"""Printed in place of a character no bundled font can draw (an emoji, an unassigned code
point, a lone surrogate): it shows that something was there, where the character would vanish."""

MIN_PDF_PASSWORD = 8
"""The shortest password a PDF may be protected with (the window and the command line)."""

READING_SIZE = 13
"""The type size of words read aloud (letters, reading copies): large enough to read from a
sheet held in a hand, in a room whose light the family does not choose."""


@cache
def register_fonts() -> tuple[str, str]:
    """Register the bundled DejaVu fonts (wide script coverage) once; returns their names.
    The CJK fallback is registered when a text first needs it (``register_fallback``)."""
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


@cache
def register_fallback() -> None:
    """Register the CJK fallback: reading its 3.4 MB takes about 0.2 s, which a text that
    DejaVu Sans prints alone never pays."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    fallback = resource_path("fonts", "DroidSansFallback.ttf")
    pdfmetrics.registerFont(TTFont(FALLBACK_FONT, str(fallback)))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FALLBACK_FONT, bold, italic, FALLBACK_FONT)


# Every character comes out -----------------------------------------------------------------
# reportlab draws a character the font lacks as nothing (an empty box at best), and writes an
# invalid entry in the text map for one beyond the Basic Multilingual Plane (pypdf: "Odd-length
# string"). So text is first made printable: each character is one a bundled font draws, a
# visible replacement, or a line break or tab; then each run is set in the first font that has
# its characters.

_CLUSTER_PARTS = frozenset(
    [0x200D, 0x20E3, *range(0xFE00, 0xFE10), *range(0x1F3FB, 0x1F400), *range(0xE0020, 0xE0080)]
)
"""Joiner, keycap, variation selectors, skin tones, tags: the pieces of one emoji after its
first character. After a replaced character they are part of the same replacement."""


@cache
def _covered(font: str) -> frozenset[str]:
    """The characters ``font`` draws, within the Basic Multilingual Plane (reportlab's text map
    holds no others), controls and surrogates left out."""
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    if font == FALLBACK_FONT:
        register_fallback()
    return frozenset(
        chr(code)
        for code, glyph in pdfmetrics.getFont(font).face.charToGlyph.items()
        if glyph and 0x20 <= code <= 0xFFFF and not 0xD800 <= code <= 0xDFFF
    )


@cache
def _drawn_by(font: str) -> dict[str, str]:
    """Character → the first bundled font that draws it: ``font``, DejaVu Sans, the fallback."""
    first: dict[str, str] = {}
    for name in reversed(tuple(dict.fromkeys((font, FONT, FALLBACK_FONT)))):
        first.update(dict.fromkeys(_covered(name), name))
    return first


_DIRECTION_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_LAYOUT_CHARACTERS = frozenset("\n\t" + _DIRECTION_MARKS)
"""Kept by ``printable`` whatever the fonts: line breaks, tabs, direction marks (the layout
uses those, then drops them)."""


@cache
def _kept_without_fallback(font: str) -> frozenset[str]:
    return _covered(font) | _covered(FONT) | _LAYOUT_CHARACTERS


@cache
def _kept(font: str) -> frozenset[str]:
    """What ``printable`` keeps as it is: what a bundled font draws, and the layout's marks."""
    return frozenset(_drawn_by(font)) | _LAYOUT_CHARACTERS


def can_draw(ch: str, font: str = FONT) -> bool:
    """Whether a bundled font draws ``ch`` (``font`` first, then the fallbacks)."""
    return ch in _drawn_by(font)


def printable(text: str, font: str = FONT) -> str:
    """``text`` as it is printed: line ends as LF; tabs kept; control characters and invisible
    format characters that no bundled font has left out (as the screen shows them: not at all);
    direction marks kept for the bidirectional layout; any other character that no bundled font
    draws replaced by ``REPLACEMENT``, once per emoji sequence (joiners, skin tones and
    variation selectors go with it)."""
    text = line_breaks_normalized(text)
    if _kept_without_fallback(font).issuperset(text):  # the common case, checked at C speed
        return text
    kept = _kept(font)
    out: list[str] = []
    replaced = joining = False
    for ch in text:
        code = ord(ch)
        if replaced and (code in _CLUSTER_PARTS or joining):
            joining = code == 0x200D
            if code in _CLUSTER_PARTS or ch not in kept:
                continue
        joining = False
        if ch in kept:
            out.append(ch)
            replaced = False
        elif unicodedata.category(ch) in ("Cc", "Cf"):
            continue
        else:
            out.append(REPLACEMENT)
            replaced = True
    return "".join(out)


def font_runs(text: str, font: str) -> list[tuple[str, str]]:
    """Printable ``text`` cut into (font name, characters) runs: each character in the first
    bundled font that has it, starting with ``font``; line breaks, tabs and direction marks stay
    in the run they are in."""
    if not text:
        return []
    if _covered(font).issuperset(text.replace("\n", "").replace("\t", "")):
        return [(font, text)]
    first = _drawn_by(font)
    runs: list[tuple[str, str]] = []
    current, start = font, 0
    for index, ch in enumerate(text):
        name = first.get(ch, current)
        if name != current:
            if index > start:
                runs.append((current, text[start:index]))
            current, start = name, index
    runs.append((current, text[start:]))
    return runs


def escape(text: str, font: str = FONT) -> str:
    """User text made safe for a reportlab Paragraph set in ``font``: printable (see
    ``printable``), markup escaped, line breaks kept, and each run the font lacks set in the
    bundled font that has it."""
    parts = []
    for name, run in font_runs(printable(text, font).translate(_BIDI_CONTROLS), font):
        body = xml_escape(run, {'"': "&quot;"}).replace("\n", "<br/>")
        parts.append(body if name == font else f'<font name="{name}">{body}</font>')
    return "".join(parts)


def text_width(text: str, font: str, size: float) -> float:
    """The width of printable ``text`` drawn with the font fallback, in points."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(sum(stringWidth(run, name, size) for name, run in font_runs(text, font)))


def draw_text(
    canvas: Any, x: float, y: float, text: str, font: str, size: float, align: str = "left"
) -> None:
    """Draw one line of user text (in the order it is drawn) on ``canvas`` with the font
    fallback; ``x`` is its left end, right end or centre for ``align`` "left", "right" or
    "centre"."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    runs = font_runs(printable(text, font).replace("\n", " ").replace("\t", " "), font)
    widths = [stringWidth(run, name, size) for name, run in runs]
    if align == "right":
        x -= sum(widths)
    elif align == "centre":
        x -= sum(widths) / 2
    line = canvas.beginText(x, y)  # one text object: extraction reads it as one line
    for name, run in runs:
        line.setFont(name, size)
        line.textOut(run)
    canvas.drawText(line)


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
    return Paragraph(escape(text, look.fontName), look)


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
    for line in line_breaks_normalized(text).split("\n"):
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
_BIDI_CONTROLS = dict.fromkeys(map(ord, _DIRECTION_MARKS))


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


def join_arabic(text: str) -> str:
    """Arabic letters in the joined forms they take in a word, where the font has those forms."""
    if not any(unicodedata.bidirectional(ch) == "AL" for ch in text):
        return text
    known = _covered(FONT)
    words = []
    for word in text.split(" "):
        joined: str = _reshaper().reshape(word)
        words.append(joined if known.issuperset(joined) else word)
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
    return str(get_display(_isolates_as_embeddings(joined), base_dir=direction)).translate(
        _BIDI_CONTROLS
    )


def _isolates_as_embeddings(text: str) -> str:
    """The isolates of Unicode 6.3 as the embeddings they refine: python-bidi's pure-Python
    algorithm knows no isolates (it stopped on "PDI not allowed here"). A first-strong isolate
    takes the direction of the first letter after it."""
    if not any("\u2066" <= ch <= "\u2069" for ch in text):
        return text
    out = []
    for index, ch in enumerate(text):
        if ch == "\u2068":
            ch = "\u202b" if base_direction(text[index + 1 :]) == "R" else "\u202a"
        out.append(_EMBEDDING_FOR.get(ch, ch))
    return "".join(out)


_EMBEDDING_FOR = {"\u2066": "\u202a", "\u2067": "\u202b", "\u2069": "\u202c"}
"""Left-to-right isolate → embedding, right-to-left isolate → embedding, pop isolate → pop."""


def _wrap(text: str, font: str, size: float, width: float) -> Iterator[str]:
    """Greedy line breaking of one logical line at spaces; a word wider than a line is cut."""
    space = text_width(" ", font, size)
    line: list[str] = []
    used = 0.0
    for whole in text.split(" "):
        for word in _cut(whole, font, size, width):
            needed = text_width(word, font, size)
            if line and used + space + needed > width:
                yield " ".join(line)
                line, used = [], 0.0
            used += (space if line else 0.0) + needed
            line.append(word)
    yield " ".join(line)


def _cut(word: str, font: str, size: float, width: float) -> Iterator[str]:
    if text_width(word, font, size) <= width:
        yield word
        return
    piece: list[str] = []
    used = 0.0
    for ch in word:
        needed = text_width(ch, font, size)
        if piece and used + needed > width:
            yield "".join(piece)
            piece, used = [], 0.0
        piece.append(ch)
        used += needed
    yield "".join(piece)


def _layout(text: str, style: Any, width: float, direction: str | None) -> list[tuple[str, bool]]:
    """Visual lines of user text, each with whether it is aligned to the right."""
    lines: list[tuple[str, bool]] = []
    for logical in printable(text, style.fontName).replace("\t", " ").split("\n"):
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
            font, size = self.style.fontName, self.style.fontSize
            canvas.setFont(font, size)
            canvas.setFillColor(self.style.textColor)
            y = self.height - size
            for text, right in self._lines:
                if right:
                    draw_text(canvas, self.width, y, text, font, size, "right")
                else:
                    draw_text(canvas, 0, y, text, font, size)
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
            mark = visual_order(printable(self.mark[:120], bold), "L")
            draw_text(canvas, width / 2, height - 18.8 * mm, mark, bold, 10, "centre")
            canvas.restoreState()

    def frame(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        for y, line, limit in ((height - 11 * mm, header, 150), (10 * mm, footer, 120)):
            drawn = visual_order(printable(line[:limit], regular), "L")
            draw_text(canvas, margin, y, drawn, regular, 8)
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

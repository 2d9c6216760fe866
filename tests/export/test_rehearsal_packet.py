"""The rehearsal packet: what goes in, hostile text read back exactly, encryption, safe writing."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader
from sqlalchemy.orm import Session

from interventiondesk.export import pdf_common
from interventiondesk.export.pdf_common import escape
from interventiondesk.export.rehearsal_packet import PacketSummary, packet_story, render_packet
from interventiondesk.services.cases import create_case, update_case
from interventiondesk.services.exports import read_packet
from interventiondesk.services.letters import (
    add_letter,
    add_objection,
    assign_reader,
    set_status,
    update_letter,
)
from interventiondesk.services.participants import add_participant
from interventiondesk.storage.database import Database


def rehearsal_packet(session: Session, case_id: str, **options: Any) -> tuple[bytes, PacketSummary]:
    """The packet of a case as the export builds it: read, then rendered."""
    return render_packet(read_packet(session, case_id), **options)


HOSTILE = {
    "connection": "<b>&amp;</b> <script>alert('x')</script> & \"quoted\" <i>not italic</i>",
    "incidents": "On 3 May I saw you fall. Ünïcödé: Łódź, Tiếng Việt, Ελληνικά, Русский.",
    "impact": "שלום, אני אוהב אותך. مرحبا يا أخي",
    "request": "Will you accept help today? 100%",
    "bottom_line": "We laughed 😂 ❤ that day.",
}


# The impact line as drawn from left to right: the paragraph reads right to left, so its last
# words come first; the Arabic letters are in their joined forms (final kha-ya, initial ya-alef,
# final alef, ...), the comma and full stop sit where a reader of Hebrew expects them.
IMPACT_VISUAL = (
    "\ufef2\ufea7\ufe83 \ufe8e\ufef3 \ufe8e\ufe92\ufea3\ufeae\ufee3 .ךתוא בהוא ינא ,םולש"
)


def _layout_lines(data: bytes) -> list[str]:
    """Each printed line as drawn from left to right (pypdf's layout mode keeps page order)."""
    reader = PdfReader(io.BytesIO(data))
    lines = []
    for page in reader.pages:
        for line in page.extract_text(extraction_mode="layout").split("\n"):
            if line.strip():
                lines.append(" ".join(line.split()))
    return lines


def _words(text: str) -> list[str]:
    return text.split()


def _pdf_text(data: bytes, password: str | None = None) -> str:
    reader = PdfReader(io.BytesIO(data))
    if password is not None:
        assert reader.is_encrypted
        reader.decrypt(password)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _case(db: Database) -> tuple[str, dict[str, str]]:
    with db.session() as s:
        case = create_case(s, client_name="Robin Client", kind="planned", model="love_first")
        update_case(s, case.id, {"seating_notes": "Closer sits <left> of the door & near Robin."})
        ann = add_participant(s, case.id, "Ann Näslund", relationship_to_client="sister")
        ben = add_participant(s, case.id, "Ben", relationship_to_client="father", role="closer")
        dee = add_participant(s, case.id, "Dee", role="letter_only")
        cy = add_participant(s, case.id, "Cy Draft")
        ids = {"ann": ann.id, "ben": ben.id, "dee": dee.id, "cy": cy.id}
        for key in ("ann", "ben", "dee"):
            letter = add_letter(s, ids[key])
            text = {k: v for k, v in HOSTILE.items() if k != "bottom_line"}
            update_letter(s, letter.id, text if key == "ann" else {"connection": f"From {key}."})
            set_status(s, letter.id, "reviewed")
            set_status(s, letter.id, "final")
            if key == "dee":
                assign_reader(s, letter.id, ann.id)
        draft = add_letter(s, ids["cy"])
        update_letter(s, draft.id, {"connection": "Secret draft words zebra."})
        bottom = add_letter(s, ids["ben"], "bottom_line")
        update_letter(
            s, bottom.id, {"bottom_line": "I will stop paying rent. " + HOSTILE["bottom_line"]}
        )
        set_status(s, bottom.id, "reviewed")
        set_status(s, bottom.id, "final")
        add_objection(
            s, case.id, "I can <quit> on my own.", "We believe you & want it today.", ben.id
        )
        add_objection(s, case.id, "I can't leave my job.", "", None)
        return case.id, ids


def test_packet_holds_order_final_letters_objections_and_seating(db: Database) -> None:
    case_id, _ids = _case(db)
    with db.session() as s:
        data, summary = rehearsal_packet(s, case_id)
    text = " ".join(_pdf_text(data).split())
    for name in ("connection", "incidents", "request"):
        assert " ".join(_words(HOSTILE[name])) in text, name
    # Right-to-left text is drawn in visual order; pypdf's plain extraction puts right-to-left
    # runs back in reading order, so the Hebrew comes back exactly as typed.
    assert "שלום, אני אוהב אותך" in text
    assert IMPACT_VISUAL in _layout_lines(data)
    assert "Secret draft words" not in text
    assert "not final yet" in text
    assert "I will stop paying rent." in text
    # The bundled font has no colour emoji: the words around one survive, the emoji is a gap.
    assert "We laughed" in text and "❤ that day." in text
    assert "I can <quit> on my own." in text and "We believe you & want it today." in text
    assert "Answer, given by Ben (father)" in text
    assert "Closer sits <left> of the door & near Robin." in text
    # Reading order: the closer last, the absent writer read by Ann.
    order = text[text.index("Reading order") :]
    assert order.index("Ann Näslund") < order.index("Dee") < order.index("Ben (father) (closer)")
    assert "Read aloud by Ann Näslund (sister)" in text
    assert (summary.letters_included, summary.letters_left_out, summary.objections) == (4, 1, 2)


def test_drafts_can_be_included_on_request(db: Database) -> None:
    case_id, _ = _case(db)
    with db.session() as s:
        data, summary = rehearsal_packet(s, case_id, include_drafts=True)
    text = " ".join(_pdf_text(data).split())
    assert "Secret draft words zebra." in text and "draft (not final)" in text
    assert summary.letters_left_out == 0


def test_encrypted_packet_needs_the_password(db: Database) -> None:
    case_id, _ = _case(db)
    with db.session() as s:
        data, _ = rehearsal_packet(s, case_id, password="tulip river 9")
    reader = PdfReader(io.BytesIO(data))
    assert reader.is_encrypted
    # AES-256 (security handler revision 6), not RC4: V 5 and the AESV3 crypt filter.
    encryption = reader.trailer["/Encrypt"]
    assert encryption["/V"] == 5 and encryption["/R"] == 6
    assert encryption["/CF"]["/StdCF"]["/CFM"] == "/AESV3"
    assert b"Robin" not in data
    assert "Robin" in _pdf_text(data, "tulip river 9")
    assert reader.decrypt("not the password") == 0


def test_a_50000_word_letter_reads_back_word_for_word(db: Database) -> None:
    words = [f"w{i}" for i in range(50_000)]
    with db.session() as s:
        case = create_case(s, client_name="R", kind="planned", model="johnson")
        person = add_participant(s, case.id, "Long Writer")
        letter = add_letter(s, person.id)
        update_letter(s, letter.id, {"connection": " ".join(words), "impact": "y" * 100_000})
        data, _ = rehearsal_packet(s, case.id, include_drafts=True)
    text = _pdf_text(data)
    assert text.split().count("w49999") == 1
    found = [t for t in text.split() if t.startswith("w") and t[1:].isdigit()]
    assert found == words
    assert "".join(t for t in text.split() if set(t) == {"y"}) == "y" * 100_000


def test_empty_case_still_makes_a_packet(db: Database) -> None:
    with db.session() as s:
        case = create_case(s, client_name="R", kind="planned", model="johnson")
        data, summary = rehearsal_packet(s, case.id)
    text = _pdf_text(data)
    assert "No letters yet." in text and "No objections prepared yet." in text
    assert summary.letters_included == 0


def test_escape_keeps_markup_as_text() -> None:
    assert escape("<b>a & b</b>\nnext") == "&lt;b&gt;a &amp; b&lt;/b&gt;<br/>next"
    assert escape('"') == "&quot;"
    assert escape("bell\x07") == "bell"


def _letter_packet(db: Database, writer: str, sections: dict[str, str]) -> bytes:
    with db.session() as s:
        case = create_case(s, client_name="R", kind="planned", model="johnson")
        person = add_participant(s, case.id, writer, relationship_to_client="אח")
        letter = add_letter(s, person.id)
        update_letter(s, letter.id, sections)
        data, _ = rehearsal_packet(s, case.id, include_drafts=True)
    return data


def test_mixed_lines_keep_latin_words_and_reverse_only_the_hebrew(db: Database) -> None:
    data = _letter_packet(
        db,
        "דני Cohen",
        {
            "connection": "On Friday שרה said (דני) was home <b>&amp;</b> safe.",
            "impact": "שלום (דני) 2024",
        },
    )
    lines = _layout_lines(data)
    assert "On Friday הרש said (ינד) was home <b>&amp;</b> safe." in lines
    # A right-to-left paragraph: brackets are mirrored, the number keeps its digits' order.
    assert "2024 (ינד) םולש" in lines
    # Our own wording around a name reads left to right; the name reads in its own direction.
    assert "1. ינד Cohen (חא)" in lines


def test_a_long_hebrew_letter_wraps_in_reading_order_across_pages(db: Database) -> None:
    letters = "אבגדהוזחטיכלמנסעפצקרשת"
    words = []
    for number in range(3000):  # distinct words: the number written in Hebrew letters
        word, n = "", number
        while True:
            word, n = word + letters[n % 22], n // 22
            if not n:
                break
        words.append(word)
    data = _letter_packet(db, "Writer", {"connection": " ".join(words)})
    lines = _layout_lines(data)
    body = [line for line in lines if set(line) <= set(letters + " ")]
    assert len(body) > 40 and len(PdfReader(io.BytesIO(data)).pages) >= 3
    # Each drawn line, read from right to left, continues where the line above ended.
    read_back = [word[::-1] for line in body for word in reversed(line.split())]
    assert read_back == words


def test_100_kb_of_right_to_left_text_survives(db: Database) -> None:
    many_words = ("שלום עולם " * 10_000)[:100_000]
    one_word = "ש" * 100_000
    data = _letter_packet(db, "Writer", {"connection": many_words, "impact": one_word})
    text = _pdf_text(data)
    assert text.split().count("שלום") == 10_000 and text.split().count("עולם") == 10_000
    assert text.count("ש") == 100_000 + 10_000  # the word, and one in each "שלום"


def test_emoji_in_right_to_left_text_never_breaks_the_export(db: Database) -> None:
    data = _letter_packet(db, "Writer", {"connection": "שלום 😂 עולם 👨‍👩‍👧‍👦 ❤ כן"})
    drawn = [line for line in _layout_lines(data) if "םולש" in line]
    assert len(drawn) == 1
    words = drawn[0].split()
    assert words[0] == "ןכ" and words[-1] == "םולש" and "םלוע" in words and "❤" in words


def test_a_200000_character_section_is_printed_whole_in_bounded_paragraphs(db: Database) -> None:
    # No space anywhere (as pasted data or a script without spaces would be): numbers written in
    # Greek letters (α = 0 ... κ = 9), so that they stand apart from everything else printed.
    digits = "αβγδεζηθικ"
    letters = str.maketrans("0123456789", digits)
    text = "".join(f"{n:05d}".translate(letters) for n in range(40_000))
    assert len(text) == 200_000
    objection = "Ich schaffe das allein. " * 3_000  # 72,000 characters in one line, with spaces
    with db.session() as s:
        case = create_case(s, client_name="R", kind="planned", model="johnson")
        person = add_participant(s, case.id, "Writer")
        letter = add_letter(s, person.id)
        update_letter(s, letter.id, {"impact": text})
        add_objection(s, case.id, objection, "", None)
        story, _summary = packet_story(read_packet(s, case.id), include_drafts=True)
        data, _summary = rehearsal_packet(s, case.id, include_drafts=True)
    longest = max(len(getattr(flowable, "text", "")) for flowable in story)
    assert longest <= pdf_common.MAX_PARAGRAPH_CHARS
    pages = PdfReader(io.BytesIO(data)).pages
    printed = "".join(ch for page in pages for ch in page.extract_text() or "" if ch in digits)
    assert printed == text
    assert _pdf_text(data).split().count("schaffe") == 3_000

"""The rehearsal packet: what goes in, hostile text read back exactly, encryption, safe writing."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from typing import Any

from pypdf import PdfReader
from sqlalchemy.orm import Session

from interventiondesk.export import pdf_common
from interventiondesk.export.pdf_common import escape, long_date, long_when
from interventiondesk.export.rehearsal_packet import (
    CONFIDENTIAL,
    DRAFT_MARK,
    SECTION_TITLES,
    PacketContent,
    PacketSummary,
    packet_story,
    reading_copies,
    render_packet,
    render_reading_copy,
)
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
from interventiondesk.services.scheduling import create_event
from interventiondesk.storage.database import Database
from tests.pdf_checks import pdf_text, qpdf_check


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
        # Final letters only (the meeting copy); drafts are included by default since issue 9.
        data, summary = rehearsal_packet(s, case_id, include_drafts=False)
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
    # The bundled fonts have no colour emoji: the words around one survive, the emoji prints
    # as the replacement character.
    assert "We laughed" in text and "❤ that day." in text
    assert "We laughed \ufffd ❤ that day." in text
    assert "I can <quit> on my own." in text and "We believe you & want it today." in text
    assert "Answer, given by Ben (father)" in text
    assert "Closer sits <left> of the door & near Robin." in text
    # Reading order: the closer last, the absent writer read by Ann.
    order = text[text.index("Reading order") :]
    assert order.index("Ann Näslund") < order.index("Dee") < order.index("Ben (father) (closer)")
    assert "Read aloud by Ann Näslund (sister)" in text
    assert (summary.letters_included, summary.letters_left_out, summary.objections) == (4, 1, 2)


def test_drafts_are_included_by_default(db: Database) -> None:
    case_id, _ = _case(db)
    with db.session() as s:
        data, summary = rehearsal_packet(s, case_id)
    text = " ".join(_pdf_text(data).split())
    assert "Secret draft words zebra." in text and "draft (not final)" in text
    assert summary.letters_left_out == 0 and summary.drafts_included == 1


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


# The packet a family reads aloud (issue 9) ---------------------------------------------------

MARGIN_LINES = ("Rehearsal packet · case", "Confidential:", DRAFT_MARK)


def _pages(data: bytes, password: str | None = None) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    if password is not None:
        assert reader.decrypt(password) != 0
    return [page.extract_text() or "" for page in reader.pages]


def _body(page: str) -> list[str]:
    """A page's lines without its header, confidentiality line, draft band and page number."""
    lines = [" ".join(line.split()) for line in page.split("\n")]
    return [
        line
        for line in lines
        if line
        and not line.startswith(MARGIN_LINES)
        and not re.fullmatch(r"Page \d+ of \d+|Reading copy \d+ · case .*", line)
    ]


def _meeting_case(db: Database) -> tuple[str, dict[str, str]]:
    """Three letters: Ann's (final), Cy's long draft (several pages), Dee's read by Ann."""
    with db.session() as s:
        case = create_case(s, client_name="Robin Client", kind="planned", model="johnson")
        ann = add_participant(s, case.id, "Ann", relationship_to_client="sister")
        cy = add_participant(s, case.id, "Cy", relationship_to_client="brother")
        dee = add_participant(s, case.id, "Dee", role="letter_only")
        ben = add_participant(s, case.id, "Ben", role="closer")
        ids = {"ann": ann.id, "cy": cy.id, "dee": dee.id, "ben": ben.id}
        letters = {}
        for key, words in (
            ("ann", "Ann opens zebra."),
            ("cy", " ".join(f"cy{i}" for i in range(2500))),
            ("dee", "Dee writes from far away."),
            ("ben", "Ben closes the circle."),
        ):
            letter = add_letter(s, ids[key])
            update_letter(s, letter.id, {"connection": words, "request": f"Request of {key}."})
            letters[key] = letter.id
        for key in ("ann", "dee", "ben"):
            set_status(s, letters[key], "reviewed")
            set_status(s, letters[key], "final")
        assign_reader(s, letters["dee"], ann.id)
        create_event(
            s,
            case.id,
            kind="intervention",
            starts=datetime(2026, 12, 1, 18, 30),
            timezone="Europe/Berlin",
            duration_minutes=90,
            place="The family home <kitchen>",
            despite_open_items=True,
        )
        return case.id, ids


def _packet(db: Database, case_id: str, **options: Any) -> tuple[bytes, PacketContent]:
    with db.session() as s:
        content = read_packet(s, case_id, now=datetime(2026, 11, 1, tzinfo=UTC))
    data, _summary = render_packet(content, **options)
    return data, content


def test_the_cover_names_the_meeting_the_team_and_the_reading_order(db: Database) -> None:
    case_id, _ids = _meeting_case(db)
    data, content = _packet(db, case_id)
    cover = " ".join(_pages(data)[0].split())
    assert "Tuesday 1 December 2026, 18:30–20:00 (Europe/Berlin)" in cover
    assert "Place: The family home <kitchen>" in cover
    assert f"Case {content.reference}." in cover
    for who, role in (("Ann (sister)", "Reader"), ("Ben", "Closer"), ("Dee", "Letter only")):
        assert f"{who} {role}" in cover
    order = cover[cover.index("Reading order") :]
    assert order.index("Ann (sister)") < order.index("Cy (brother)") < order.index("Dee")
    assert "Dee Ann (sister)" in order  # Dee's letter, read by Ann
    assert "Total reading time:" in order


def test_a_case_without_a_meeting_says_so_on_the_cover(db: Database) -> None:
    with db.session() as s:
        case = create_case(s, client_name="R", kind="planned", model="johnson")
        letter = add_letter(s, add_participant(s, case.id, "Ann").id)
        update_letter(s, letter.id, {"connection": "Words."})
    data, _content = _packet(db, case.id)
    assert "The meeting is not scheduled yet." in " ".join(_pages(data)[0].split())


def test_every_letter_starts_a_page_in_reading_size(db: Database) -> None:
    case_id, _ids = _meeting_case(db)
    data, _content = _packet(db, case_id)
    pages = _pages(data)
    titles = ["1. Ann (sister)", "2. Cy (brother)", "3. Dee", "4. Ben"]
    starts = [number for number, page in enumerate(pages) if _body(page)[0] in titles]
    assert [_body(pages[n])[0] for n in starts] == titles
    assert starts[2] - starts[1] >= 3  # Cy's long letter runs over several pages
    # Each letter's own words follow its title; the next letter's never share its pages.
    assert "Ann opens zebra." in pages[starts[0]] and "Dee" not in _body(pages[starts[0]])[1:]
    assert "Read aloud by Ann (sister)." in pages[starts[2]]
    # The letters are set in the reading size: 13 pt or more.
    sizes: set[float] = set()

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if "zebra" in text:
            sizes.add(size * tm[0])

    PdfReader(io.BytesIO(data)).pages[starts[0]].extract_text(visitor_text=visit)
    assert sizes and min(sizes) >= 13


def test_a_draft_is_marked_on_every_one_of_its_pages(db: Database) -> None:
    case_id, _ids = _meeting_case(db)
    data, _content = _packet(db, case_id)
    pages = _pages(data)
    of_cy = [n for n, page in enumerate(pages) if re.search(r"\bcy\d+\b", page)]
    assert len(of_cy) >= 3
    for number, page in enumerate(pages):
        marked = DRAFT_MARK in " ".join(page.split())
        assert marked == (number in of_cy), number
    assert "Status: draft (not final)." in pages[of_cy[0]]


def test_final_letters_only_leaves_drafts_out_and_names_them(db: Database) -> None:
    case_id, _ids = _meeting_case(db)
    data, _content = _packet(db, case_id, include_drafts=False)
    text = " ".join(" ".join(_pages(data)).split())
    assert "cy1 " not in text and DRAFT_MARK not in text
    assert "Left out: not final yet" in text and "Final letters only: 1 letter" in text


def test_page_n_of_m_and_the_confidentiality_line_are_on_every_page(db: Database) -> None:
    case_id, _ids = _meeting_case(db)
    data, _content = _packet(db, case_id)
    pages = _pages(data)
    assert len(pages) >= 7
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert CONFIDENTIAL in " ".join(page.split())


def test_objections_and_seating_follow_the_letters(db: Database) -> None:
    case_id, _ids = _case(db)
    data, _content = _packet(db, case_id)
    pages = _pages(data)
    last = " ".join(pages[-1].split())
    assert "Objections and answers" in last and "Seating plan" in last
    assert "I can <quit> on my own." in last


def test_a_section_heading_is_never_left_at_the_foot_of_a_page(db: Database) -> None:
    # Letters of many lengths, so that section headings fall at every height of a page.
    with db.session() as s:
        case = create_case(s, client_name="R", kind="planned", model="johnson")
        for number in range(24):
            person = add_participant(s, case.id, f"Writer {number}")
            letter = add_letter(s, person.id)
            text = "\n".join(f"Line {number}-{i} of the letter." for i in range(5 + number * 2))
            update_letter(
                s,
                letter.id,
                {"connection": text, "incidents": text, "impact": text, "request": "Please."},
            )
    data, _content = _packet(db, case.id)
    headings = set(SECTION_TITLES.values())
    for number, page in enumerate(_pages(data), start=1):
        body = _body(page)
        assert body and body[-1] not in headings, (number, body[-3:])


def test_each_reader_gets_a_copy_of_only_the_letters_they_read(db: Database) -> None:
    case_id, _ids = _meeting_case(db)
    _data, content = _packet(db, case_id)
    copies = reading_copies(content)
    assert [(c.number, c.reader.name, [t.number for t in c.turns]) for c in copies] == [
        (1, "Ann", [1, 3]),
        (2, "Cy", [2]),
        (3, "Ben", [4]),
    ]
    ann = _pages(render_reading_copy(content, copies[0], password="copy pass 1"), "copy pass 1")
    text = " ".join(" ".join(ann).split())
    assert "Reading copy for Ann (sister)" in text
    assert "Ann opens zebra." in text and "Dee writes from far away." in text
    assert "You read it for Dee." in text
    assert "cy1 " not in text and "Ben closes" not in text
    assert "Tuesday 1 December 2026, 18:30–20:00 (Europe/Berlin)" in text
    assert [_body(page)[0] for page in ann[1:]] == ["1. Ann (sister)", "3. Dee"]
    assert all("Page" in page for page in ann)
    ben = " ".join(" ".join(_pages(render_reading_copy(content, copies[2]))).split())
    assert "Ben closes the circle." in ben and "Ann opens" not in ben
    # Final letters only: Cy's draft is in no copy, so Cy has none.
    finals = reading_copies(content, include_drafts=False)
    assert [c.reader.name for c in finals] == ["Ann", "Ben"]


def test_long_dates_are_the_same_in_every_locale() -> None:
    assert long_date(date(2026, 12, 1)) == "Tuesday 1 December 2026"
    when = datetime(2026, 12, 1, 23, 30)
    assert long_when(when, 90, "Europe/Berlin") == (
        "Tuesday 1 December 2026, 23:30–Wednesday 2 December 2026, 01:00 (Europe/Berlin)"
    )


CJK = {"connection": "我们爱你。", "incidents": "あの日、駅で。", "impact": "우리는 너를 사랑해."}


def test_chinese_japanese_and_korean_print_and_emoji_show_as_the_replacement(
    db: Database,
) -> None:
    with db.session() as s:
        case = create_case(s, client_name="R", kind="planned", model="johnson")
        writer = add_participant(s, case.id, "王小明", relationship_to_client="兄 👨‍👩‍👧")
        letter = add_letter(s, writer.id)
        update_letter(s, letter.id, {**CJK, "request": "Please 🙏 come <b>home</b> & 안녕 😂"})
        add_objection(s, case.id, "私は大丈夫 💙", "괜찮지 않아", writer.id)
        update_case(s, case.id, {"seating_notes": "王 sits by the door 🚪."})
        data, _ = rehearsal_packet(s, case.id, include_drafts=True)
    text = " ".join(pdf_text(data).split())
    for words in CJK.values():
        assert words in text
    assert "1. 王小明 (兄 \ufffd)" in text
    assert "Please \ufffd come <b>home</b> & 안녕 \ufffd" in text
    assert "私は大丈夫 \ufffd" in text and "괜찮지 않아" in text
    assert "Answer, given by 王小明 (兄 \ufffd)" in text
    assert "王 sits by the door \ufffd." in text
    qpdf_check(data)


def test_the_hostile_emoji_letter_extracts_cleanly(db: Database) -> None:
    """Once, an emoji left an invalid entry in the packet's text map."""
    data = _letter_packet(db, "Writer 💙", {**HOSTILE, "impact": "💙 family 👨‍👩‍👧‍👦 🏳️‍🌈 ✨"})
    text = pdf_text(data)
    assert "\ufffd family \ufffd \ufffd \ufffd" in text
    qpdf_check(data)

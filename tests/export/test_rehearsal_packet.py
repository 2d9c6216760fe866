"""The rehearsal packet: what goes in, hostile text read back exactly, encryption, safe writing."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from interventiondesk.errors import DiskFull
from interventiondesk.export import pdf_common
from interventiondesk.export.pdf_common import escape
from interventiondesk.export.rehearsal_packet import export_rehearsal_packet, rehearsal_packet
from interventiondesk.services import audit
from interventiondesk.services.cases import create_case, update_case
from interventiondesk.services.letters import (
    add_letter,
    add_objection,
    assign_reader,
    set_status,
    update_letter,
)
from interventiondesk.services.participants import add_participant
from interventiondesk.storage.database import Database

HOSTILE = {
    "connection": "<b>&amp;</b> <script>alert('x')</script> & \"quoted\" <i>not italic</i>",
    "incidents": "On 3 May I saw you fall. Ünïcödé: Łódź, Tiếng Việt, Ελληνικά, Русский.",
    "impact": "שלום, אני אוהב אותך. مرحبا يا أخي",
    "request": "Will you accept help today? 100%",
    "bottom_line": "We laughed 😂 ❤ that day.",
}


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
    # Right-to-left text is drawn in stored (logical) order; pypdf reads such runs back
    # reversed, so the exact characters typed come back as the reversed line.
    assert HOSTILE["impact"][::-1] in text
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


def test_export_writes_atomically_and_is_audited(db: Database, tmp_path: Path) -> None:
    case_id, _ = _case(db)
    target = tmp_path / "out" / "packet.pdf"
    target.parent.mkdir()
    with db.session() as s:
        export_rehearsal_packet(s, case_id, target)
        events = audit.events_for_case(s, case_id)
    assert events[-1].action == "export.rehearsal_packet"
    assert "Ann" not in events[-1].detail and "letters=4" in events[-1].detail
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in target.parent.iterdir()] == ["packet.pdf"]
    if os.name == "posix":
        assert target.stat().st_mode & 0o077 == 0


def test_encrypted_packet_needs_the_password(db: Database) -> None:
    case_id, _ = _case(db)
    with db.session() as s:
        data, _ = rehearsal_packet(s, case_id, password="tulip river 9")
    reader = PdfReader(io.BytesIO(data))
    assert reader.is_encrypted
    assert "Robin" in _pdf_text(data, "tulip river 9")


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


def test_full_disk_gives_a_message_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old packet")
    with pytest.raises(DiskFull, match="disk is full"):
        pdf_common.write_pdf(target, b"%PDF-new")
    assert target.read_bytes() == b"old packet"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_a_missing_folder_gives_a_message(tmp_path: Path) -> None:
    from interventiondesk.errors import InterventionDeskError

    with pytest.raises(InterventionDeskError, match="does not exist"):
        pdf_common.write_pdf(tmp_path / "nowhere" / "x.pdf", b"%PDF")

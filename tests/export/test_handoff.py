"""The therapist handoff PDF read back with pypdf: chosen sections present and exact, the others
absent, hostile text literal, the notice and page numbers on every page, metadata, password."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

from interventiondesk.export.handoff import CONFIDENTIAL, PART2_NOTICE, render_handoff
from interventiondesk.export.handoff_content import HandoffContent, Meeting, Observed, TeamMember
from interventiondesk.export.handoff_sections import SECTION_TITLES
from interventiondesk.model import ConsentKind, HandoffSection
from interventiondesk.services.handoff import HandoffRequest, prepare_handoff
from interventiondesk.storage.database import Database
from tests.handoff_case import (
    CLIENT,
    COUNSELOR,
    MARKERS,
    RECIPIENT,
    add_consent,
    make_case,
)
from tests.hostile import HOSTILE_TEXTS

EVERYTHING = frozenset(HandoffSection)


def _content(
    db: Database, sections: frozenset[HandoffSection] = EVERYTHING, **plan: object
) -> HandoffContent:
    with db.session() as s:
        case = make_case(s, **plan)
        add_consent(s, case.case_id)
        add_consent(
            s,
            case.case_id,
            kind=ConsentKind.COUNSELING_NOTES,
            sections=frozenset({HandoffSection.COUNSELING_NOTES}),
        )
    return prepare_handoff(db, case.case_id, HandoffRequest(RECIPIENT, sections)).content


def _pages(data: bytes, password: str | None = None) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    if password is not None:
        reader.decrypt(password)
    return [page.extract_text() for page in reader.pages]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _furniture(line: str) -> bool:
    """The lines every page repeats: header, confidentiality line, notice, page number."""
    return (
        line.startswith("Therapist handoff · case ")
        or line in (CONFIDENTIAL, PART2_NOTICE)
        or (line.startswith("Page ") and " of " in line)
    )


def _text(data: bytes, password: str | None = None) -> str:
    """The body text of every page, in order, without the page furniture, on one line."""
    lines = [
        line
        for page in _pages(data, password)
        for line in page.split("\n")
        if not _furniture(line.strip())
    ]
    return _flat(" ".join(lines))


def test_every_chosen_section_is_there_in_order_with_its_words(db: Database) -> None:
    content = _content(db)
    text = _text(render_handoff(content))
    for section, marker in MARKERS.items():
        assert marker in text, section
    positions = [text.index(SECTION_TITLES[s]) for s in HandoffSection]
    assert positions == sorted(positions)
    assert text.index("Client identifiers") < positions[0]
    assert text.index("The consent this handoff is disclosed under") > positions[-1]
    for words in (CLIENT, "1988-04-12", "555-0199", COUNSELOR, f"For: {RECIPIENT}"):
        assert words in text
    assert "Recommended: Dialectical behaviour therapy (DBT)" in text


@pytest.mark.parametrize("left_out", sorted(HandoffSection))
def test_a_section_left_out_leaves_no_trace(db: Database, left_out: HandoffSection) -> None:
    content = _content(db, EVERYTHING - {left_out})
    text = _text(render_handoff(content))
    assert MARKERS[left_out] not in text
    contents = text.split("In this handoff: ")[1].split(".")[0].split("; ")
    assert SECTION_TITLES[left_out] not in contents
    assert len(contents) == len(HandoffSection) + 1  # the identifiers and the consent always
    for section, marker in MARKERS.items():
        if section is not left_out:
            assert marker in text, section


def test_header_identifiers_and_consent_alone(db: Database) -> None:
    text = _text(render_handoff(_content(db, frozenset())))
    assert CLIENT in text and "What the consent says" in text
    assert not any(marker in text for marker in MARKERS.values())
    assert "Continuity of care after residential treatment." in text


def test_notice_page_numbers_and_confidentiality_on_every_page(db: Database) -> None:
    content = _content(db, family_system=HOSTILE_TEXTS["large"])
    pages = _pages(render_handoff(content))
    assert len(pages) > 10
    for number, page in enumerate(pages, start=1):
        flat = _flat(page)
        assert PART2_NOTICE in flat, number
        assert f"Page {number} of {len(pages)}" in flat
        assert CONFIDENTIAL in flat
        assert f"case {content.reference}" in flat


def test_no_notice_without_substance_use_information(db: Database) -> None:
    content = replace(_content(db), part2=False)
    text = _text(render_handoff(content))
    assert PART2_NOTICE not in text
    assert "confidential health information" in text


@pytest.mark.parametrize("name", ["markup", "quotes", "accents", "newlines", "large"])
def test_hostile_text_comes_out_literally(db: Database, name: str) -> None:
    hostile = HOSTILE_TEXTS[name]
    content = _content(db, referral_reason=hostile)
    content = replace(content, observations=(Observed(None, "Other observation", hostile),))
    text = _text(render_handoff(content))
    assert text.count(_flat(hostile)) == 2


@pytest.mark.parametrize("name", ["rtl", "emoji"])
def test_right_to_left_text_and_emoji_never_break_the_handoff(db: Database, name: str) -> None:
    content = _content(db, referral_reason=HOSTILE_TEXTS[name], family_system=HOSTILE_TEXTS[name])
    pages = _pages(render_handoff(content))
    assert MARKERS[HandoffSection.REFERRAL] not in " ".join(pages)
    assert "Page 1 of" in pages[0]


def test_metadata_names_no_one(db: Database) -> None:
    content = _content(db)
    metadata = PdfReader(io.BytesIO(render_handoff(content))).metadata
    assert metadata is not None
    fields = [metadata.title, metadata.author, metadata.subject, metadata.creator]
    assert metadata.title == f"Therapist handoff, case {content.reference}"
    assert metadata.subject
    for value in fields:
        for name in (CLIENT, "Whitcombe", COUNSELOR, "Osei"):
            assert name not in (value or "")


def test_a_password_is_needed_to_read_it(db: Database) -> None:
    content = _content(db)
    data = render_handoff(content, password="correct horse 42")
    reader = PdfReader(io.BytesIO(data))
    assert reader.is_encrypted
    with pytest.raises(FileNotDecryptedError):
        reader.pages[0].extract_text()
    assert not reader.decrypt("wrong password")
    assert MARKERS[HandoffSection.HISTORY] in _text(data, "correct horse 42")
    assert reader.trailer["/Encrypt"]["/V"] == 5  # AES-256


def test_long_tables_repeat_their_header_on_every_page(db: Database) -> None:
    content = _content(db)
    team = tuple(TeamMember(f"Member number {n}", "Cousin", "Reader", True) for n in range(150))
    data = render_handoff(replace(content, team=team))
    holding = [page for page in _pages(data) if "Member number" in page]
    assert len(holding) >= 3
    assert all("Name Relationship Role In the room" in _flat(page) for page in holding)
    text = _text(data)
    assert all(f"Member number {n} Cousin Reader Yes" in text for n in range(150))


def test_a_table_row_taller_than_a_page_flows_on(db: Database) -> None:
    content = _content(db)
    long_place = HOSTILE_TEXTS["large"][:20_000]
    meetings = (Meeting("Saturday 21 November 2026, 18:00–19:00 (UTC)", "Meeting", long_place),)
    text = _text(render_handoff(replace(content, meetings=meetings)))
    # The row is split inside; the table's header repeats on the next page, between the pieces.
    assert _flat(long_place) in text.replace("When What Where ", "")

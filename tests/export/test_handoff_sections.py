"""The handoff's parts: every optional section has a builder and a title; the blocks say "Not
recorded." for empty text and keep a heading with what follows; tables repeat their header."""

from __future__ import annotations

from datetime import date

from reportlab.platypus import CondPageBreak, Table

from interventiondesk.export.handoff_content import HandoffContent
from interventiondesk.export.handoff_sections import (
    NOT_RECORDED,
    SECTION_TITLES,
    SECTIONS,
    blocks,
    cell,
    day_text,
    heading,
    table,
)
from interventiondesk.model import HandoffSection
from interventiondesk.model.case import ClientIdentity


def _empty() -> HandoffContent:
    client = ClientIdentity("Jo", "", None, "", "", "", "")
    return HandoffContent(
        "IN-ABCDE", date(2026, 12, 1), "", "", "Dr. X", "", frozenset(), client, False, ()
    )


def test_every_optional_section_has_a_title_and_a_builder() -> None:
    assert set(SECTIONS) == set(SECTION_TITLES) == set(HandoffSection)


def test_every_section_prints_something_when_its_content_is_empty() -> None:
    for section, build in SECTIONS.items():
        story = build(_empty())
        texts = [getattr(flowable, "text", "") for flowable in story]
        assert SECTION_TITLES[section] in texts, section
        assert len(story) >= 3, section  # its heading, and words saying what is missing


def test_blocks_and_cells_of_empty_text() -> None:
    assert [b.text for b in blocks("")] == [NOT_RECORDED]
    assert [b.text for b in blocks("one\n\ntwo")] == ["one", "two"]
    assert [c.text for c in cell("  ")] == ["–"]
    assert day_text(None) == "undated" and day_text(date(2026, 3, 4)) == "2026-03-04"


def test_a_heading_keeps_room_for_what_follows() -> None:
    story = heading(HandoffSection.ASAM)
    assert isinstance(story[0], CondPageBreak) and story[1].text == "ASAM dimensions"


def test_tables_repeat_their_header_and_split_inside_rows() -> None:
    made = table(("A", "B"), [[cell("x"), cell("y")]], [100, 100])
    assert isinstance(made, Table)
    assert made.repeatRows == 1 and made.splitInRow

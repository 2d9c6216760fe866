"""The accounting of disclosures renderer: a summary table, then each disclosure in full."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from pypdf import PdfReader

from interventiondesk.export.disclosures import (
    AccountingContent,
    DisclosureEntry,
    render_accounting,
)
from tests.hostile import HOSTILE_TEXTS


def _entry(number: int, **fields: object) -> DisclosureEntry:
    values: dict[str, object] = {
        "disclosed_at": datetime(2026, 11, 2, 9, number % 60, tzinfo=UTC),
        "disclosed_by": "Rosa Quintero",
        "recipient": f"Recipient {number}",
        "what": ("ASAM dimensions",),
        "information": "",
        "purpose": "Continuity of care.",
        "under": "Substance-use records (42 CFR Part 2), signed 2026-10-01",
        "override_reason": "",
        "sha256": f"{number:064x}",
        **fields,
    }
    return DisclosureEntry(**values)  # type: ignore[arg-type]


def _text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def test_many_disclosures_flow_over_pages_with_the_summary_header_repeated() -> None:
    entries = tuple(_entry(n) for n in range(60))
    data = render_accounting(
        AccountingContent("IN-ABCDE", "Jo Client", date(2026, 12, 1), "R", entries)
    )
    reader = PdfReader(io.BytesIO(data))
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    first_detail = next(
        n for n, page in enumerate(pages) if "1. 2026-11-02 09:00 UTC, to Recipient 0" in page
    )
    assert first_detail >= 1  # the summary of 60 runs over more than one page
    for page in pages[: first_detail + 1]:
        assert "# When To whom Under" in page
    text = " ".join(pages)
    assert all(f"{n:064x}" in text for n in range(60))
    assert all(f"Page {n} of {len(pages)}" in pages[n - 1] for n in range(1, len(pages) + 1))


def test_an_override_is_marked_with_its_reason_and_hostile_text_is_literal() -> None:
    reason = HOSTILE_TEXTS["markup"]
    entry = _entry(1, override_reason=reason, under="", purpose=HOSTILE_TEXTS["quotes"])
    text = _text(
        render_accounting(AccountingContent("IN-ABCDE", "Jo", date(2026, 12, 1), "", (entry,)))
    )
    assert "An override (no covering consent)" in text
    assert " ".join(reason.split()) in text
    assert " ".join(HOSTILE_TEXTS["quotes"].split()) in text
    assert "Prepared on Tuesday 1 December 2026 by the counselor." in text

"""The safety plan PDF the client keeps: one page, large type, the six steps and a crisis line.

A renderer: a ``SafetyPlanContent`` (built by ``services.exports``) in, PDF bytes out. It shows
no case reference, name or presenting concern unless the content carries them (the counselor
chooses). Long plans are set in smaller type until they fit one page; a plan that does not fit
even in the smallest type runs on, and the summary says how many pages it took.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from interventiondesk.export.pdf_common import build_pdf, paragraph, register_fonts, text_blocks

TYPE_SIZES = (16, 14, 13, 12, 11, 10)
"""Body sizes tried in turn, largest first, to keep the plan on one page."""


@dataclass(frozen=True, slots=True)
class SafetyPlanContent:
    """Everything the printed plan shows, read in one session."""

    steps: tuple[tuple[str, str, str], ...]
    """(title, what belongs there, the client's own text) for the six steps in order."""
    crisis_line: str
    prepared: date
    name: str = ""
    """The client's name, only when the counselor chose to print it."""
    reference: str = ""
    """The case reference, only when chosen."""
    concerns: tuple[str, ...] = ()
    """Presenting concerns, only when chosen."""


@dataclass(frozen=True, slots=True)
class SafetyPlanSummary:
    pages: int
    body_size: int
    steps_filled: int


@dataclass(frozen=True, slots=True)
class _Look:
    title: Any
    step: Any
    hint: Any
    body: Any
    crisis: Any


def _look(size: int) -> _Look:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    regular, bold = register_fonts()
    body = ParagraphStyle(
        f"PlanBody{size}",
        fontName=regular,
        fontSize=size,
        leading=size * 1.3,
        spaceAfter=size * 0.25,
        splitLongWords=1,
    )
    return _Look(
        title=ParagraphStyle(
            f"PlanTitle{size}", parent=body, fontName=bold, fontSize=size + 8, leading=size + 12
        ),
        step=ParagraphStyle(
            f"PlanStep{size}",
            parent=body,
            fontName=bold,
            fontSize=size + 2,
            leading=(size + 2) * 1.25,
            spaceBefore=size * 0.6,
        ),
        hint=ParagraphStyle(
            f"PlanHint{size}",
            parent=body,
            fontSize=max(size - 4, 8),
            leading=max(size - 4, 8) * 1.3,
            textColor=colors.HexColor("#444444"),
        ),
        body=body,
        crisis=ParagraphStyle(
            f"PlanCrisis{size}",
            parent=body,
            fontName=bold,
            fontSize=size + 2,
            leading=(size + 2) * 1.3,
            borderColor=colors.black,
            borderWidth=1.2,
            borderPadding=size * 0.5,
            spaceBefore=size * 1.2,
        ),
    )


def _story(content: SafetyPlanContent, size: int) -> list[Any]:
    look = _look(size)
    title = f"My safety plan: {content.name}" if content.name.strip() else "My safety plan"
    story: list[Any] = [paragraph(title, look.title, direction="L")]
    facts = []
    if content.reference.strip():
        facts.append(f"Case {content.reference}")
    if content.concerns:
        facts.append("Concerns: " + "; ".join(content.concerns))
    facts.append(f"Made on {content.prepared:%Y-%m-%d}")
    story.append(paragraph(". ".join(facts) + ".", look.hint, direction="L"))
    for number, (step_title, hint, text) in enumerate(content.steps, start=1):
        story.append(paragraph(f"{number}. {step_title}", look.step))
        story.append(paragraph(hint, look.hint))
        blocks = text_blocks(text, look.body)
        story.extend(blocks or [paragraph("(to fill in)", look.hint)])
    story.append(paragraph(content.crisis_line, look.crisis, direction="L"))
    return story


def _pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def render_safety_plan(content: SafetyPlanContent) -> tuple[bytes, SafetyPlanSummary]:
    """The plan as PDF bytes, in the largest type that fits it on one page."""
    filled = sum(1 for _title, _hint, text in content.steps if text.strip())
    data, pages, size = b"", 0, TYPE_SIZES[0]
    for size in TYPE_SIZES:
        data = build_pdf(
            _story(content, size),
            title="My safety plan",
            header="My safety plan",
            footer="Keep this plan where you can find it quickly.",
        )
        pages = _pages(data)
        if pages == 1:
            break
    return data, SafetyPlanSummary(pages=pages, body_size=size, steps_filled=filled)

"""The therapist handoff of a large case: read and render, against a bare reportlab document.

Run with ``python -m bench.handoff``. A temporary workspace gets one large case: 20 participants,
200 dated entries on its timeline (150 observations of about 25 words, 30 meetings, 20
outcomes), a letter of 1,500 words by every participant (letters are not part of the handoff,
but the case holds them), and long texts where a handoff has them (a substance-use history of
1,000 words, a family system of 800, a mental-health history of 600, ...); consents cover every
section. Timed, median of ``--runs``: the one read (``read_handoff`` in a read session), the
render (``render_handoff``: tables, headings, the notice band and page numbers), and, in the
same run, a bare reportlab document of the same text: plain paragraphs in the same font on
``SimpleDocTemplate``, no tables, no page furniture. Target: the render within 0.5 s.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from interventiondesk.export.handoff import render_handoff
from interventiondesk.export.handoff_content import HandoffContent
from interventiondesk.model import Consent, ConsentKind, HandoffSection
from interventiondesk.model.consent import join_sections
from interventiondesk.services import settings
from interventiondesk.services.cases import add_concern, add_observation, create_case, find_case
from interventiondesk.services.handoff import HandoffRequest, prepare_handoff
from interventiondesk.services.handoff_read import read_handoff
from interventiondesk.services.letters import add_letter, update_letter
from interventiondesk.services.outcomes import record_outcome
from interventiondesk.services.participants import add_participant
from interventiondesk.services.safety import rate_asam, save_safety_plan
from interventiondesk.services.scheduling import create_event
from interventiondesk.storage.database import Database
from interventiondesk.storage.keys import KdfParams
from interventiondesk.storage.workspace import Workspace

RECIPIENT = "Dr. Lena Marsh, Harbourview Clinic"
SENTENCE = (
    "Over the spring his drinking moved from weekends to most evenings, and the family "
    "noticed him hiding bottles in the garage and missing work on Mondays. "
)


def long_text(words: int) -> str:
    """About ``words`` words in paragraphs of about 120 words."""
    per = len(SENTENCE.split())
    paragraphs = [SENTENCE * (120 // per) for _ in range(max(1, words // 120))]
    return "\n".join(paragraphs)


def large_case(db: Database) -> str:
    today = date.today()
    with db.session(write=True) as s:
        settings.put(s, settings.COUNSELOR_NAME, "Bench Counselor")
        case = create_case(
            s,
            client_name="Bench Client",
            kind="planned",
            model="love_first",
            referral_reason=long_text(300),
            substance_history=long_text(1000),
            mental_health_history=long_text(600),
            family_system=long_text(800),
            family_support=long_text(200),
            recommended_modality="family_therapy",
            modality_rationale=long_text(400),
            counselor_notes=long_text(300),
        )
        add_concern(s, case.id, "substance", "Alcohol", long_text(200))
        people = [
            add_participant(s, case.id, f"Person {n}", relationship_to_client="Relative")
            for n in range(20)
        ]
        for person in people:
            letter = add_letter(s, person.id)
            update_letter(s, letter.id, {"incidents": long_text(1500)})
        for n in range(150):
            add_observation(
                s, case.id, SENTENCE, sign="decline", observed_on=today - timedelta(days=n)
            )
        start = datetime.now(UTC) - timedelta(days=200)
        for n in range(30):
            create_event(
                s,
                case.id,
                kind="network_meeting" if n < 29 else "intervention",
                starts=start + timedelta(days=n * 5),
                timezone="America/New_York",
                place="The family home",
                despite_open_items=True,
            )
        for n in range(20):
            record_outcome(
                s, case.id, "partial", occurred_on=today - timedelta(days=100 - n), notes=SENTENCE
            )
        rate_asam(s, case.id, {"biomedical": (2, long_text(100))})
        save_safety_plan(s, case.id, {"people_to_ask": long_text(100)})
        for kind in (ConsentKind.PART2, ConsentKind.COUNSELING_NOTES):
            s.add(
                Consent(
                    case_id=case.id,
                    kind=kind,
                    patient_name="Bench Client",
                    discloser="Bench Counselor",
                    information="The handoff.",
                    recipients=RECIPIENT,
                    purpose="Continuity of care.",
                    revocation_explained=True,
                    expires_on=today + timedelta(days=90),
                    signed_by="Bench Client",
                    signed_on=today - timedelta(days=1),
                    sections=join_sections(HandoffSection),
                )
            )
        return case.id


def _texts(content: HandoffContent) -> list[str]:
    """Every text the handoff prints, for the bare document."""
    found: list[str] = []

    def visit(value: Any) -> None:
        if isinstance(value, str):
            if value.strip():
                found.append(value)
        elif isinstance(value, tuple | list):
            for item in value:
                visit(item)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                visit(getattr(value, name))

    visit(content)
    return found


def bare_document(texts: list[str]) -> bytes:
    """The same text in plain paragraphs, same font, nothing else."""
    import io

    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from interventiondesk.export.pdf_common import escape, styles, text_pieces

    body = styles().body
    story = [Paragraph(escape(piece), body) for text in texts for piece in text_pieces(text)]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build(story)
    return buffer.getvalue()


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def interleaved(runs: int, *work: Callable[[], object]) -> list[list[float]]:
    """The times of each piece of ``work``, run in turn ``runs`` times, so that a machine
    whose load changes during the run weighs on all of them alike."""
    times: list[list[float]] = [[] for _ in work]
    for _ in range(runs):
        for index, run in enumerate(work):
            times[index].append(timed(run))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db, _recovery = Workspace(Path(folder) / "ws").create(
            "bench passphrase for the handoff 42",
            kdf=KdfParams(time_cost=1, memory_cost_kib=8192, parallelism=1),
        )
        try:
            case_id = large_case(db)
            request = HandoffRequest(RECIPIENT, frozenset(HandoffSection))
            prepared = prepare_handoff(db, case_id, request)  # warm: imports, fonts

            def read() -> HandoffContent:
                with db.session() as session:
                    case = find_case(session, case_id)
                    relied = list(case.consents)
                    return read_handoff(session, case, RECIPIENT, request.sections, relied)

            content = read()
            texts = _texts(content)
            bare = bare_document(texts)
            reading, rendering, baseline = interleaved(
                args.runs, read, lambda: render_handoff(content), lambda: bare_document(texts)
            )
        finally:
            db.close()
    import io

    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(prepared.data)).pages)
    bare_pages = len(PdfReader(io.BytesIO(bare)).pages)
    words = sum(len(text.split()) for text in texts)
    print(
        f"Large case: {words:,} words in {len(texts)} texts; handoff {pages} pages, "
        f"{len(prepared.data) / 1024:.0f} KB; bare document {bare_pages} pages."
    )
    render_median = statistics.median(rendering)
    print("                           median   fastest")
    for label, times in (
        ("Read (one session)", reading),
        ("Render (render_handoff)", rendering),
        ("Bare reportlab, same text", baseline),
    ):
        print(f"{label:<26} {statistics.median(times) * 1000:6.0f} ms {min(times) * 1000:6.0f} ms")
    print(
        f"Render / bare: {render_median / statistics.median(baseline):.2f} x (medians), "
        f"{min(rendering) / min(baseline):.2f} x (fastest). Target 0.5 s: "
        + ("met" if render_median < 0.5 else "not met")
        + " by the median."
    )


if __name__ == "__main__":
    main()

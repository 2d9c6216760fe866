"""The in-app PDF preview: pypdfium2 draws the very bytes given, zoom in, out and to the width."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from interventiondesk.export.pdf_common import build_pdf, encrypt_pdf, paragraph
from interventiondesk.gui.dialogs.pdf_preview import NEARBY, ZOOMS, PdfPreview, render_pages


def _pdf(pages: int) -> bytes:
    from reportlab.platypus import PageBreak

    story = []
    for number in range(pages):
        story += [paragraph(f"Page body {number}"), PageBreak()]
    return build_pdf(story[:-1], title="t", header="h", footer="f")


def test_every_page_is_drawn_at_the_zoom_asked() -> None:
    images = render_pages(_pdf(3), None, 1.0)
    assert len(images) == 3
    assert all((image.width(), image.height()) == (794, 1123) for image in images)  # A4 at 96 dpi
    assert render_pages(_pdf(1), None, 2.0)[0].width() == 1588

    def dark(rows: range) -> int:
        return sum(
            1
            for x in range(images[0].width())
            for y in rows
            if images[0].pixelColor(x, y).lightness() < 128
        )

    assert dark(range(100, 125)) > 20  # "Page body 0" is drawn
    assert dark(range(500, 525)) == 0  # and the middle of the page is blank


def test_an_encrypted_pdf_needs_its_password() -> None:
    data = encrypt_pdf(_pdf(2), "correct horse 42")
    assert len(render_pages(data, "correct horse 42", 0.5)) == 2
    with pytest.raises(Exception, match=r"(?i)password"):
        render_pages(data, "wrong", 0.5)


def _drawn_width(preview: PdfPreview) -> int:
    return preview.pages[0].pixmap().width() if preview.drawn else 0


def test_zoom_steps_stop_at_the_ends_and_fit_the_width(qtbot: QtBot) -> None:
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.resize(900, 600)
    preview.show()
    assert not preview.zoom_in.isEnabled()  # nothing shown yet
    preview.show_pdf(_pdf(2))
    assert len(preview.pages) == 2 and preview.status.text() == "2 pages, at 100%"
    assert preview.zoom_in.isEnabled() and preview.zoom_out.isEnabled()
    qtbot.waitUntil(lambda: _drawn_width(preview) == 794, timeout=10_000)
    for _step in ZOOMS:
        preview.step_zoom(1)
    qtbot.waitUntil(lambda: _drawn_width(preview) > 2000, timeout=10_000)
    assert preview.zoom == ZOOMS[-1] and not preview.zoom_in.isEnabled()
    assert preview.status.text() == "2 pages, at 300%"
    preview.fit_width()
    viewport = preview.view.viewport().width()
    qtbot.waitUntil(lambda: 0 < _drawn_width(preview) < viewport, timeout=10_000)
    assert preview.zoom_in.isEnabled() and preview.zoom_out.isEnabled()
    preview.clear("Gone.")
    assert preview.pages == [] and preview.status.text() == "Gone."


def test_only_the_pages_in_view_are_drawn(qtbot: QtBot) -> None:
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.resize(900, 600)
    preview.show()
    preview.show_pdf(_pdf(30))
    qtbot.waitUntil(lambda: preview.drawn > 0, timeout=10_000)
    qtbot.wait(200)
    assert preview.pages[0].pixmap().width() > 0
    assert preview.pages[-1].pixmap().isNull()
    assert preview.drawn <= 1 + 1 + NEARBY  # the page in view, the next one showing, and more
    bar = preview.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: not preview.pages[-1].pixmap().isNull(), timeout=10_000)
    assert preview.pages[0].pixmap().isNull()  # far out of view: let go
    assert len(preview.pages) == 30 and preview.drawn < 30

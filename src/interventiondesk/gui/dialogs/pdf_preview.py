"""A PDF shown inside the app, page under page, zoomable: the very bytes that will be saved.

QtPdf is not available to every supported install (``pyside6-pdf`` exists only for PySide6
6.12, which the project does not take on Python 3.11; docs/architecture.md), so the pages are
rendered with pypdfium2 (PDFium, the engine of Chromium's PDF viewer) into images, on a pool
thread, and shown in a scroll area. Only the pages in view (and the next ones) are drawn, and
those far out of view are let go again: a long handoff at 300% would otherwise hold hundreds of
megabytes of pictures.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QKeySequence, QPalette, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from interventiondesk.gui.shared.background import Background
from interventiondesk.logs import log_unexpected

ZOOMS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0)
"""The zoom steps; 1.0 is the page at its printed size on a 96 dpi screen."""
POINTS_TO_PIXELS = 96 / 72


NEARBY = 2
"""Pages drawn beyond those in view, on each side, so that scrolling shows them at once."""
PDFIUM = threading.Lock()
"""PDFium is not safe to call from two threads at once: every use holds this lock."""


def page_sizes(data: bytes, password: str | None) -> list[tuple[float, float]]:
    """The size of every page of the PDF ``data``, in points (quick: nothing is drawn)."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    with PDFIUM:
        document = pdfium.PdfDocument(data, password=password)
        try:
            return [document.get_page_size(index) for index in range(len(document))]
        finally:
            document.close()


def render_pages(
    data: bytes, password: str | None, zoom: float, indices: list[int] | None = None
) -> list[QImage]:
    """The pages ``indices`` (default: all) of the PDF ``data`` as images at ``zoom``; runs off
    the GUI thread (QImage, unlike QPixmap, may be made there)."""
    import pypdfium2 as pdfium

    images: list[QImage] = []
    with PDFIUM:
        document = pdfium.PdfDocument(data, password=password)
        try:
            for index in range(len(document)) if indices is None else indices:
                page = document[index]
                bitmap = page.render(scale=zoom * POINTS_TO_PIXELS, rev_byteorder=True)
                rgb = bitmap.n_channels == 3
                look = QImage.Format.Format_RGB888 if rgb else QImage.Format.Format_RGBX8888
                image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, look)
                images.append(image.copy())  # the bitmap's memory goes with it
                bitmap.close()
                page.close()
        finally:
            document.close()
    return images


class PdfPreview(QWidget):
    """Pages of one PDF in a scroll area, with zoom out, zoom in and fit to width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: bytes | None = None
        self.password: str | None = None
        self.zoom = 1.0
        self.pages: list[QLabel] = []
        self.job: Background | None = None
        self._sizes: list[tuple[float, float]] = []
        self._drawn: dict[int, bool] = {}
        self._generation = 0
        """Counts the documents and zooms shown, so that a late picture of an earlier one is
        never put on the pages of the next."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._render_visible)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.zoom_out = self._button(self.tr("Zoom out"), "-", QKeySequence.StandardKey.ZoomOut)
        self.zoom_in = self._button(self.tr("Zoom in"), "+", QKeySequence.StandardKey.ZoomIn)
        self.fit = self._button(self.tr("Fit width"), self.tr("&Fit width"), None)
        self.zoom_out.clicked.connect(lambda: self.step_zoom(-1))
        self.zoom_in.clicked.connect(lambda: self.step_zoom(1))
        self.fit.clicked.connect(self.fit_width)
        self.status = QLabel(self.tr("Nothing to show yet: choose what goes in, then Preview."))
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Preview status"))
        for button in (self.zoom_out, self.zoom_in, self.fit):
            bar.addWidget(button)
        bar.addWidget(self.status, 1)
        layout.addLayout(bar)

        self.view = QScrollArea(self)
        self.view.setWidgetResizable(True)
        self.view.setFrameShape(QFrame.Shape.StyledPanel)
        self.view.setAccessibleName(self.tr("Pages of the preview"))
        self.sheet = QWidget(self.view)
        self.sheet.setBackgroundRole(QPalette.ColorRole.Mid)
        self.sheet.setAutoFillBackground(True)
        self.column = QVBoxLayout(self.sheet)
        self.column.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.column.setSpacing(12)
        self.view.setWidget(self.sheet)
        self.view.verticalScrollBar().valueChanged.connect(self._render_soon)
        layout.addWidget(self.view, 1)
        self._enable_zoom()

    def _button(self, name: str, text: str, key: QKeySequence.StandardKey | None) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setAccessibleName(name)
        button.setToolTip(name)
        if key is not None:
            button.setShortcut(QKeySequence(key))
        return button

    def _enable_zoom(self) -> None:
        shown = self.data is not None
        self.zoom_out.setEnabled(shown and self.zoom > ZOOMS[0])
        self.zoom_in.setEnabled(shown and self.zoom < ZOOMS[-1])
        self.fit.setEnabled(shown)

    def show_pdf(self, data: bytes, password: str | None = None) -> None:
        """Show ``data`` (opened with ``password`` when it is encrypted)."""
        self.data, self.password = data, password
        self._render()

    def clear(self, message: str) -> None:
        """Show no pages, only ``message`` (e.g. that the choices changed since the preview)."""
        self.data = self.password = None
        self._sizes = []
        self._set_pages(0)
        self.status.setText(message)
        self._enable_zoom()

    def step_zoom(self, step: int) -> None:
        nearest = min(range(len(ZOOMS)), key=lambda i: abs(ZOOMS[i] - self.zoom))
        self.set_zoom(ZOOMS[max(0, min(len(ZOOMS) - 1, nearest + step))])

    def fit_width(self) -> None:
        """The zoom at which a page fills the width of the view (A4 is 595 points wide)."""
        room = self.view.viewport().width() - 2 * self.column.contentsMargins().left() - 4
        self.set_zoom(max(ZOOMS[0], min(ZOOMS[-1], room / (595 * POINTS_TO_PIXELS))))

    def set_zoom(self, zoom: float) -> None:
        if abs(zoom - self.zoom) < 0.005:
            return
        share = self._scrolled_share()
        self.zoom = zoom
        if self.data is not None:
            self._size_pages()
            self._say_pages()
            self.column.activate()  # the new heights, before scrolling to the same place
            self.view.verticalScrollBar().setValue(
                round(share * self.view.verticalScrollBar().maximum())
            )
            self._render_soon()
        self._enable_zoom()

    def _scrolled_share(self) -> float:
        bar = self.view.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() else 0.0

    @property
    def drawn(self) -> int:
        """How many pages show their picture now."""
        return len(self._drawn)

    def _render(self) -> None:
        """Open the document, lay out a frame per page at its size, then draw those in view."""
        data, password = self.data, self.password
        if data is None:
            return
        try:
            self._sizes = page_sizes(data, password)
        except Exception as exc:
            self._failed(exc)
            return
        self._set_pages(len(self._sizes))
        self._size_pages()
        self._say_pages()
        self._enable_zoom()
        self._render_soon()

    def _say_pages(self) -> None:
        count = len(self._sizes)
        self.status.setText(
            (self.tr("1 page") if count == 1 else self.tr("%1 pages").replace("%1", str(count)))
            + self.tr(", at %1%").replace("%1", str(round(self.zoom * 100)))
        )

    def _size_pages(self) -> None:
        scale = self.zoom * POINTS_TO_PIXELS
        for label, (width, height) in zip(self.pages, self._sizes, strict=True):
            label.setPixmap(QPixmap())
            label.setFixedSize(round(width * scale) + 2, round(height * scale) + 2)
        self._drawn = {}
        self._generation += 1

    def _render_soon(self) -> None:
        self._timer.start()

    def _in_view(self) -> list[int]:
        """The pages in view, and ``NEARBY`` more on each side."""
        self.column.activate()  # where the pages are now, not before the last change
        area = self.view.viewport().rect()
        area.translate(
            self.view.horizontalScrollBar().value(), self.view.verticalScrollBar().value()
        )
        seen = [i for i, label in enumerate(self.pages) if label.geometry().intersects(area)]
        if not seen:
            return []
        first, last = max(0, seen[0] - NEARBY), min(len(self.pages) - 1, seen[-1] + NEARBY)
        return list(range(first, last + 1))

    def _render_visible(self) -> None:
        if self.data is None:
            return
        if self.job is not None and self.job.running:
            return  # when it reports, what is in view then is drawn
        wanted = self._in_view()
        for index in [i for i in self._drawn if i not in wanted]:
            self.pages[index].setPixmap(QPixmap())  # far out of view: let the picture go
            del self._drawn[index]
        missing = [i for i in wanted if i not in self._drawn]
        if not missing:
            return
        data, password, zoom, generation = self.data, self.password, self.zoom, self._generation
        job = Background(
            lambda: (generation, missing, render_pages(data, password, zoom, missing)), self
        )
        job.done.connect(self._rendered)
        job.failed.connect(self._failed)
        self.job = job
        job.start()

    def _rendered(self, outcome: Any) -> None:
        generation, indices, images = outcome
        if generation == self._generation and self.data is not None:
            for index, image in zip(indices, images, strict=True):
                self.pages[index].setPixmap(QPixmap.fromImage(image))
                self._drawn[index] = True
        self._render_visible()  # the view may have moved, or the zoom changed, meanwhile

    def _failed(self, exc: Any) -> None:
        if isinstance(exc, Exception):
            log_unexpected(exc)
        self.clear(self.tr("The preview could not be drawn; the file itself is not affected."))

    def _set_pages(self, count: int) -> None:
        for label in self.pages:
            self.column.removeWidget(label)
            label.hide()
            label.deleteLater()
        self.pages = []
        self._drawn = {}
        for number in range(1, count + 1):
            label = QLabel(self.sheet)
            label.setAccessibleName(self.tr("Page %1").replace("%1", str(number)))
            label.setFrameShape(QFrame.Shape.Box)
            label.setAutoFillBackground(True)
            label.setBackgroundRole(QPalette.ColorRole.Base)
            self.column.addWidget(label)
            self.pages.append(label)

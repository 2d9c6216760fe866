"""A PDF shown inside the app, page under page, zoomable: the very bytes that will be saved.

QtPdf is not available to every supported install (``pyside6-pdf`` exists only for PySide6
6.12, which the project does not take on Python 3.11; docs/architecture.md), so the pages are
rendered with pypdfium2 (PDFium, the engine of Chromium's PDF viewer) into images, on a pool
thread, and shown in a scroll area.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
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


def render_pages(data: bytes, password: str | None, zoom: float) -> list[QImage]:
    """Every page of the PDF ``data`` as an image at ``zoom`` (runs off the GUI thread: QImage,
    unlike QPixmap, may be made there)."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    document = pdfium.PdfDocument(data, password=password)
    images: list[QImage] = []
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=zoom * POINTS_TO_PIXELS, rev_byteorder=True)
            channels = bitmap.n_channels
            look = QImage.Format.Format_RGB888 if channels == 3 else QImage.Format.Format_RGBX8888
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
        self._pending = False

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
        self._set_pages([])
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
        self.zoom = zoom
        if self.data is not None:
            self._render()
        self._enable_zoom()

    def _render(self) -> None:
        if self.job is not None and self.job.running:
            self._pending = True  # render again with the latest choice once this one is done
            return
        data, password, zoom = self.data, self.password, self.zoom
        if data is None:
            return
        self.status.setText(self.tr("Drawing the pages…"))
        job = Background(lambda: render_pages(data, password, zoom), self)
        job.done.connect(self._rendered)
        job.failed.connect(self._failed)
        self.job = job
        job.start()

    def _again(self) -> bool:
        if self._pending:
            self._pending = False
            self._render()
            return True
        return False

    def _rendered(self, images: Any) -> None:
        if self._again():
            return
        self._set_pages([QPixmap.fromImage(image) for image in images])
        count = len(images)
        self.status.setText(
            (self.tr("1 page") if count == 1 else self.tr("%1 pages").replace("%1", str(count)))
            + self.tr(", at %1%").replace("%1", str(round(self.zoom * 100)))
        )
        self._enable_zoom()

    def _failed(self, exc: Any) -> None:
        if self._again():
            return
        if isinstance(exc, Exception):
            log_unexpected(exc)
        self.clear(self.tr("The preview could not be drawn; the file itself is not affected."))

    def _set_pages(self, pixmaps: list[QPixmap]) -> None:
        for label in self.pages:
            self.column.removeWidget(label)
            label.hide()
            label.deleteLater()
        self.pages = []
        for number, pixmap in enumerate(pixmaps, start=1):
            label = QLabel(self.sheet)
            label.setPixmap(pixmap)
            label.setAccessibleName(self.tr("Page %1").replace("%1", str(number)))
            label.setFrameShape(QFrame.Shape.Box)
            self.column.addWidget(label)
            self.pages.append(label)

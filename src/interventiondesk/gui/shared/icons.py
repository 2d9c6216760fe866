"""The app's own SVG icons, drawn in the palette's text colour so they read in light and dark."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from interventiondesk.resources import resource_path

_SIZES = (16, 20, 24, 32, 48, 64)


def _svg_bytes(name: str) -> bytes:
    return resource_path("icons", f"{name}.svg").read_bytes()


def _render(svg: bytes, size: int, ratio: float) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg))
    pixels = round(size * ratio)
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


@cache
def _icon(name: str, colour: str) -> QIcon:
    svg = _svg_bytes(name)
    if colour:
        svg = svg.replace(b"currentColor", colour.encode("ascii"))
    icon = QIcon()
    for size in _SIZES:
        for ratio in (1.0, 2.0):
            icon.addPixmap(_render(svg, size, ratio))
    return icon


def icon(name: str) -> QIcon:
    """A monochrome action icon (``resources/icons/NAME.svg``) in the current text colour."""
    palette = QGuiApplication.palette()
    colour = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText).name()
    return _icon(name, colour)


def app_icon() -> QIcon:
    """The application icon, in its own colours."""
    return _icon("app", "")

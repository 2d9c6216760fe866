"""A consent's status as the Consent page shows it: the word, and a coloured mark beside it
(the colour is never alone)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from interventiondesk.gui.shared.date_fields import format_date
from interventiondesk.gui.shared.labels import label
from interventiondesk.model import ConsentStatus

STATUS_COLOURS = {
    ConsentStatus.ACTIVE: "#43a047",
    ConsentStatus.UNSIGNED: "#f9a825",
    ConsentStatus.EXPIRED: "#e53935",
    ConsentStatus.REVOKED: "#757575",
}
"""Mid-tone colours that read on light and dark backgrounds alike."""


def status_mark(status: ConsentStatus, size: int = 12) -> QIcon:
    """A filled circle in the status's colour."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(STATUS_COLOURS[status]))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


def status_words(status: ConsentStatus, revoked_on: date | None, expires_on: date | None) -> str:
    """ "Active", "Not yet signed", "Expired on <date>" or "Revoked on <date>"."""
    if status is ConsentStatus.REVOKED and revoked_on is not None:
        return QCoreApplication.translate("ConsentPage", "Revoked on {date}").replace(
            "{date}", format_date(revoked_on)
        )
    if status is ConsentStatus.EXPIRED and expires_on is not None:
        return QCoreApplication.translate("ConsentPage", "Expired on {date}").replace(
            "{date}", format_date(expires_on)
        )
    return label(status)

"""The words for a consent about to expire, on the Consent page and in the case's header."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def expires_in_words(days_left: int) -> str:
    """ "Consent expires today", "... tomorrow", "... in 12 days"."""
    if days_left <= 0:
        return QCoreApplication.translate("consent_expiry", "Consent expires today")
    if days_left == 1:
        return QCoreApplication.translate("consent_expiry", "Consent expires tomorrow")
    return QCoreApplication.translate("consent_expiry", "Consent expires in {days} days").replace(
        "{days}", str(days_left)
    )

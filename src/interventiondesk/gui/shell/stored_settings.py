"""Where the window keeps what it remembers between runs on this computer (QSettings): its
geometry, the case list's columns, and where each workspace's backups went. Never client data."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from interventiondesk import APP_NAME

ORGANIZATION = "InterventionDesk"


def app_settings() -> QSettings:
    return QSettings(ORGANIZATION, APP_NAME)

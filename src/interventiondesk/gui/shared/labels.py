"""Translated, counselor-facing names for every vocabulary of the model, for all pages (the
English source text is in ``model.labels``)."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QCoreApplication

from interventiondesk.model.labels import english_label


def label(value: StrEnum) -> str:
    """The translated name of an enum value, e.g. ``label(CaseStatus.FOLLOW_UP)``."""
    return QCoreApplication.translate("labels", english_label(value))


def choices(enum_cls: type[StrEnum]) -> list[tuple[str, StrEnum]]:
    """(label, value) pairs in declaration order, for filling a QComboBox."""
    return [(label(member), member) for member in enum_cls]

"""Column helpers so every table spells enums, text and foreign keys the same way."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import Enum, ForeignKey, String, Text
from sqlalchemy.orm import MappedColumn, mapped_column


def enum_column(enum_cls: type[StrEnum], **kwargs: Any) -> MappedColumn[Any]:
    """An enum stored as its string value, checked on the Python side."""
    return mapped_column(
        Enum(
            enum_cls,
            native_enum=False,
            length=32,
            values_callable=lambda members: [m.value for m in members],
            validate_strings=True,
        ),
        **kwargs,
    )


def text_column() -> MappedColumn[Any]:
    """Free text the counselor types: never NULL, empty when blank, no length cap."""
    return mapped_column(Text, nullable=False, default="")


def line_column(length: int = 200) -> MappedColumn[Any]:
    """A one-line field such as a name or phone number."""
    return mapped_column(String(length), nullable=False, default="")


def case_fk() -> MappedColumn[Any]:
    """The owning case; rows go when the case is purged (cases themselves are soft-deleted)."""
    return mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True, nullable=False)

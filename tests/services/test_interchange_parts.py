"""What a case file holds (``services/interchange_parts.py``): every column of every table is
in the format or left out on purpose, and every field names a column."""

from __future__ import annotations

from interventiondesk.model import Base
from interventiondesk.services.interchange_parts import ALL_PARTS, NOT_IN_FORMAT, WORKSPACE_TABLES


def test_every_column_of_every_table_is_in_the_format_or_excluded_on_purpose() -> None:
    by_table = {part.model.__table__.name: part for part in ALL_PARTS}  # type: ignore[attr-defined]
    for table in Base.metadata.sorted_tables:
        if table.name in WORKSPACE_TABLES:
            assert all(fk.column.table.name != "cases" for fk in table.foreign_keys)
            continue
        assert table.name in by_table, f"table {table.name} is not in the case format"
        part = by_table[table.name]
        in_file = set(part.fields.values()) | {part.parent}
        for column in table.columns:
            known = (
                column.name in in_file
                or f"{table.name}.{column.name}" in NOT_IN_FORMAT
                or f"*.{column.name}" in NOT_IN_FORMAT
            )
            assert known, f"{table.name}.{column.name} is neither in the format nor excluded"
        for name, column_name in part.fields.items():
            assert column_name in table.columns, f"{part.key}.{name} names no column"

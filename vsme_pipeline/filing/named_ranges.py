"""The cells of a named range of EFRAG's digital template (each named range is an XBRL concept)."""

from typing import Any


def named_range_cells(workbook: Any, name: str) -> list[Any]:
    """The cells of the defined name ``name`` of an openpyxl workbook, top to bottom (first column);
    [] when the workbook has no such name."""
    defined = workbook.defined_names.get(name)
    if defined is None:
        return []
    out: list[Any] = []
    for sheet, ref in defined.destinations:
        cells = workbook[sheet][ref]
        for row in cells if isinstance(cells, tuple) else (cells,):
            out.append(row[0] if isinstance(row, tuple) else row)
    return out

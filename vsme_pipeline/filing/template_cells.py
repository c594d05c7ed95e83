"""Cells of a filled EFRAG digital template: where a value is (``sheet!cell`` and its named range),
placeholders, labels of taxonomy members, unit cells. Pure helpers over an openpyxl workbook.

Shared by the single-cell import (`template_import`) and the table readers (`template_table_reader`).
"""

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from vsme_pipeline.filing.taxonomy import Taxonomy

__all__ = [
    "PLACEHOLDERS",
    "CellValue",
    "TemplateContext",
    "axis_domain",
    "config_labels",
    "convert_unit",
    "member_for_label",
    "unit_of",
]

PLACEHOLDERS = frozenset({"-", "", "n/a", "N/A"})
"""Cell values meaning "nothing reported" (the converter skips ``-``; blanks and n/a likewise)."""


@dataclass(frozen=True, slots=True)
class CellValue:
    """A filled cell: its value, ``Sheet!D80`` and the named range it was read through."""

    value: Any
    ref: str
    name: str
    row: int
    column: int

    def where(self) -> str:
        return f"{self.ref} ({self.name})"


@dataclass(slots=True)
class TemplateContext:
    """What the table readers share: the workbook, the edition, the report data being built
    (nested dicts by field name), the findings and the named ranges consumed."""

    workbook: Any
    taxonomy: Taxonomy
    data: dict[str, Any]
    findings: list[str]
    used: set[str] = field(default_factory=set)
    dropped: set[str] = field(default_factory=set)
    """Named ranges read but whose value was not imported (a finding says why)."""

    def finding(self, where: str, message: str, *, drop: str | None = None) -> None:
        self.findings.append(f"{where}: {message}")
        if drop is not None:
            self.dropped.add(drop)

    def put(self, path: str, value: Any) -> None:
        """Set ``data[a][b][c] = value`` for ``path`` ``"a.b.c"`` (missing levels created)."""
        node = self.data
        *parents, last = path.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value

    def has(self, name: str) -> bool:
        return self.workbook.defined_names.get(name) is not None

    def cells(self, name: str) -> Iterator[CellValue]:
        """Every filled, non-placeholder cell of the named range ``name`` (row by row)."""
        defined = self.workbook.defined_names.get(name)
        if defined is None:
            return
        self.used.add(name)
        for sheet, ref in defined.destinations:
            block = self.workbook[sheet][ref]
            rows = block if isinstance(block, tuple) else ((block,),)
            for row in rows:
                for cell in row if isinstance(row, tuple) else (row,):
                    value = cell.value
                    if value is None or (isinstance(value, str) and value.strip() in PLACEHOLDERS):
                        continue
                    yield CellValue(value, f"{sheet}!{cell.coordinate}", name, cell.row, cell.column)

    def rows(self, name: str) -> dict[int, CellValue]:
        """The first filled cell of each row of ``name`` by sheet row (merged cells: the first column)."""
        out: dict[int, CellValue] = {}
        for cell in self.cells(name):
            out.setdefault(cell.row, cell)
        return out

    def single(self, name: str) -> CellValue | None:
        return next(iter(self.cells(name)), None)

    def where(self, name: str) -> str:
        """``Sheet!C293 (name)``: the first cell of a named range (also when it is empty)."""
        defined = self.workbook.defined_names.get(name)
        if defined is None:
            return name
        sheet, ref = next(iter(defined.destinations))
        return f"{sheet}!{ref.split(':', 1)[0].replace('$', '')} ({name})"

    def cell_at(self, name: str, row: int, column: int) -> Any:
        """The value of another cell on the sheet of ``name`` (labels next to a range)."""
        defined = self.workbook.defined_names.get(name)
        if defined is None:
            return None
        sheet = next(iter(defined.destinations))[0]
        return self.workbook[sheet].cell(row=row, column=column).value


@cache
def config_labels() -> dict[str, str]:
    """The converter's ``cellValuesToTaxonomyLabels`` (template wording -> taxonomy label)."""
    text = resources.files("vsme_pipeline.filing").joinpath("data", "converter-vsme-config.json").read_text("utf-8")
    labels: dict[str, str] = json.loads(text)["cellValuesToTaxonomyLabels"]
    return labels


def _normal(text: str) -> str:
    text = text.lower().removesuffix(" [member]")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def member_for_label(taxonomy: Taxonomy, text: str, domain: Iterable[str]) -> str | None:
    """The member of ``domain`` whose standard label is ``text`` (the converter's label corrections
    applied; case, punctuation and a ``[member]`` suffix ignored)."""
    wanted = _normal(config_labels().get(text.strip(), text.strip()))
    for member in domain:
        if _normal(taxonomy.member_label(member) or "") == wanted:
            return member
    return None


def axis_domain(taxonomy: Taxonomy, axis: str) -> frozenset[str]:
    """Members of an explicit axis over all the tables it is in."""
    members: set[str] = set()
    for table in taxonomy.tables:
        members.update(table.explicit.get(axis, ()))
    return frozenset(members)


_UNIT_IDS = {"t": "t", "kg": "kg", "m3": "m3", "m³": "m3", "m2": "sqm", "m²": "sqm", "sqm": "sqm", "ha": "ha"}
_CANONICAL = {"t": ("t", Decimal(1)), "kg": ("t", Decimal("0.001")), "m3": ("m3", Decimal(1)),
              "ha": ("ha", Decimal(1)), "sqm": ("ha", Decimal("0.0001"))}
"""Template unit -> (unit the report model stores, factor)."""


def unit_of(text: Any) -> str | None:
    """``"metric tonnes (t)"`` -> ``t``, ``"squared meters (m2)"`` -> ``sqm``; None when unknown."""
    if text is None:
        return None
    raw = str(text).strip()
    for candidate in [raw, *re.findall(r"\((.*?)\)", raw)]:
        unit = _UNIT_IDS.get(candidate.strip())
        if unit is not None:
            return unit
    return None


def convert_unit(value: Any, unit: str) -> tuple[float, str]:
    """``value`` in ``unit`` -> (value, unit) in the report model's unit (t, m3, ha), exactly in decimal."""
    target, factor = _CANONICAL[unit]
    return float(Decimal(str(value)) * factor), target

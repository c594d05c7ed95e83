"""Cells of a filled EFRAG digital template: where a value is (``sheet!cell`` and its named range),
placeholders, labels of taxonomy members, unit cells, the English text of label cells. Pure helpers
over an openpyxl workbook.

Label cells (grid headers, Table of Contents rows, Scope 3 category rows) are formulas such as
``=template_label_climate_change``: their text is the ``Translations`` sheet's row of that name in
the display language. A file saved by Excel or LibreOffice caches that text; a file written by
openpyxl (the project's export) has no cached values. `english_labels` and `label_text` read the
label from the formula itself, in English whatever the display language (the taxonomy's labels
are English), so a grid is read the same from either file.

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
    "english_labels",
    "grid_member",
    "label_text",
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
    source: Any = None
    """The file the workbook was read from (the formulas of label cells are read from it)."""
    english: dict[str, str] | None = None
    memo: dict[str, Any] = field(default_factory=dict)
    """Values computed once and reused (the Scope 3 category rows, the formula workbook)."""

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

    def labels(self, name: str, coordinates: Iterable[tuple[int, int]]) -> dict[tuple[int, int], str | None]:
        """The English text of the label cells at ``(row, column)`` on the sheet of ``name``: from
        their formulas (``source`` opened read-only once per import), else the cached text."""
        defined = self.workbook.defined_names.get(name)
        wanted = sorted(set(coordinates))
        if defined is None or not wanted:
            return {}
        sheet = next(iter(defined.destinations))[0]
        return self.labels_on(sheet, wanted)

    def labels_on(self, sheet: str, coordinates: Iterable[tuple[int, int]]) -> dict[tuple[int, int], str | None]:
        """`labels` for cells of ``sheet`` (no named range needed)."""
        wanted = sorted(set(coordinates))
        if not wanted:
            return {}
        if self.english is None:
            self.english = english_labels(self.workbook)
        formulas = _formulas(self._formula_book(), sheet, wanted) if self.source is not None else {}
        out: dict[tuple[int, int], str | None] = {}
        for row, column in wanted:
            text = label_text(formulas.get((row, column)), self.english)
            if text is None:
                cached = self.workbook[sheet].cell(row=row, column=column).value
                text = cached.strip() if isinstance(cached, str) and not cached.startswith("=") else None
            out[row, column] = text
        return out

    def _formula_book(self) -> Any:
        """The source file opened read-only with its formulas (once; `close` closes it)."""
        if "formula_book" not in self.memo:
            import openpyxl  # type: ignore[import-untyped]

            self.memo["formula_book"] = openpyxl.load_workbook(self.source, read_only=True)
        return self.memo["formula_book"]

    def close(self) -> None:
        """Close the read-only workbook of the formulas, if it was opened."""
        book = self.memo.pop("formula_book", None)
        if book is not None:
            book.close()

    def cell_at(self, name: str, row: int, column: int) -> Any:
        """The value of another cell on the sheet of ``name`` (labels next to a range)."""
        defined = self.workbook.defined_names.get(name)
        if defined is None:
            return None
        sheet = next(iter(defined.destinations))[0]
        return self.workbook[sheet].cell(row=row, column=column).value


def _formulas(workbook: Any, sheet: str, wanted: list[tuple[int, int]]) -> dict[tuple[int, int], Any]:
    """The formulas (or values) of ``wanted`` cells of ``sheet`` in a read-only workbook opened with
    formulas: one pass over the rows they span."""
    rows, columns = [r for r, _ in wanted], [c for _, c in wanted]
    keep = set(wanted)
    out: dict[tuple[int, int], Any] = {}
    for row in workbook[sheet].iter_rows(min_row=min(rows), max_row=max(rows), min_col=min(columns), max_col=max(columns)):
        for cell in row:
            coordinate = (getattr(cell, "row", None), getattr(cell, "column", None))
            if coordinate in keep:
                out[coordinate] = cell.value
    return out


def english_labels(workbook: Any) -> dict[str, str]:
    """``template_label_*`` defined name -> its English text (the ``Translations`` sheet's ``en``
    column, row of the name's cell). Works on a workbook opened with formulas or with values."""
    if "Translations" not in workbook.sheetnames:
        return {}
    sheet = workbook["Translations"]
    column = next((c for c in range(1, sheet.max_column + 1) if sheet.cell(row=2, column=c).value == "en"), None)
    if column is None:
        return {}
    out: dict[str, str] = {}
    for name, defined in workbook.defined_names.items():
        if not name.startswith("template_label_"):
            continue
        destinations = list(defined.destinations)
        if len(destinations) != 1 or destinations[0][0] != "Translations":
            continue
        match = re.match(r"^\$?[A-Z]+\$?(\d+)$", destinations[0][1])
        if match is not None:
            text = sheet.cell(row=int(match.group(1)), column=column).value
            if isinstance(text, str):
                out[name] = text.strip().strip('"').strip()
    return out


_LABEL_PART = re.compile(r'\s*(?:(template_label_[a-z0-9_]+)|"((?:[^"]|"")*)")\s*(?:&|$)')


def label_text(value: Any, english: dict[str, str]) -> str | None:
    """The English text of a label cell: a formula joining ``template_label_*`` names and string
    literals with ``&`` evaluated (``=template_label_b6_water_validation`` -> ``B6 - Water``);
    ``None`` for a plain value or any other formula."""
    if not isinstance(value, str) or not value.startswith("="):
        return None
    body, parts, position = value[1:].strip(), [], 0
    while position < len(body):
        match = _LABEL_PART.match(body, position)
        if match is None or match.end() == position:
            return None
        name, literal = match.groups()
        if name is not None:
            if name not in english:
                return None
            parts.append(english[name])
        else:
            parts.append(literal.replace('""', '"'))
        position = match.end()
    return "".join(parts).strip() or None


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


def grid_member(taxonomy: Taxonomy, text: str, domain: Iterable[str]) -> str | None:
    """The member of an enumeration-set grid (or Table of Contents row) labelled ``text``: the
    member with that label; else ``other ...`` -> the domain's ``Other...`` member; else the one
    member whose label ends the text (``Introduction: disclosure of any other general ...``)."""
    members = list(domain)
    member = member_for_label(taxonomy, text, members)
    if member is not None:
        return member
    if _normal(text).startswith("other"):
        return next((m for m in members if m.split(":", 1)[1].startswith("Other")), None)
    wanted = _normal(text)
    ending = [m for m in members if (label := _normal(taxonomy.member_label(m) or "")) and wanted.endswith(" " + label)]
    return ending[0] if len(ending) == 1 else None


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

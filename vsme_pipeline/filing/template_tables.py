"""The geometry of EFRAG's digital template 1.3.0 and the writers of its tables (openpyxl, no I/O).

The template's named ranges carry the whole layout, so the writers are generic:

* ``<Concept>_<Member>`` single cells: a fact with one explicit dimension (energy breakdown rows,
  C3 base/target year values);
* row tables: a concept range and an axis range on the same sheet spanning the same rows (sites,
  subsidiaries, B5 sites, materials: typed axes; pollutants, waste streams, employees per
  country: explicit axes). Each distinct key/member gets the next free row; the key (typed) or the
  member's drop-down text (explicit) goes into the axis column, the values into the concept
  columns of that row, the unit into ``<Concept>_unit`` (per row, or one cell for the table);
* enumeration-set grids: one boolean cell per member (B2 issues D512:M512, C6 contents
  D174:D179, C7 human rights D186:D190), the member found by the label beside the cell (its
  English text, `template_cells.label_text`, as the import reads it);
* lists: one drop-down text per cell (NACE codes, disclosures unchanged since the last report);
* omitted disclosures: the Table of Contents' "classified or sensitive" check box (column D) of
  the row labelled by the member (column B); the template lists them in B1 (E126:E176) itself;
* Scope 3 per GHG Protocol category (`FactSet.scope3_categories`, no concept): Env rows 30-44
  (category n in row 29 + n, label "n. ..."), reporting/base/target year in D/G/J, switch G29;
  the template sums them into the Scope 3 totals (D45/G45/J45), which count as written when the
  sum is the reported total.

Cells holding a formula are never written (``is_formula``), except the fuel row of the energy
breakdown, which the template itself lets the undertaking overwrite with MWh (note Env!M14).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from documents.enums import Scope3Category
from vsme_pipeline.filing.facts import Fact, FactSet, format_number
from vsme_pipeline.filing.taxonomy import Taxonomy
from vsme_pipeline.filing.template_cells import english_labels, grid_member, label_text

__all__ = ["FORMULA_OVERRIDES", "OMITTED_CONCEPT", "SCOPE3_COLUMNS", "SCOPE3_FIRST_ROW", "SCOPE3_LABEL_COLUMN", "SCOPE3_SHEET",
           "SCOPE3_SWITCH", "SCOPE3_TOTAL", "TOC_BOX_COLUMN", "TOC_LABEL_COLUMN", "TOC_SHEET", "UNIT_TEXTS", "Range", "TableWriter",
           "is_formula", "ranges"]

UNIT_TEXTS = {
    "utr:t": "metric tonnes (t)",
    "utr:kg": "kilograms (kg)",
    "utr:m3": "cubic meters (m3)",
    "utr:ha": "hectares (ha)",
    "utr:sqm": "squared meters (m2)",
}
"""Unit -> the template's drop-down text (``enum_ListUnitMeasurement``, ``enum_ListHectM2``)."""

_TO_TONNES = {"utr:t": 1.0, "utr:kg": 0.001}

FORMULA_OVERRIDES = frozenset({
    "EnergyConsumptionFromFuels_RenewableEnergyMember",
    "EnergyConsumptionFromFuels_NonRenewableEnergyMember",
})
"""Formula cells the template lets the undertaking overwrite (fuel energy in MWh, Env!M14)."""

GRID_CONCEPTS = (
    "SustainabilityIssueAddressedByPracticePolicyAndOrFutureInitiative",
    "TypeOfContentCoveredByTheCodeOfConductOrHumanRightsPolicyForItsOwnWorkforce",
    "TypeOfHumanRightRelatedToTheConfirmedIncident",
)
OMITTED_CONCEPT = "ListOfOmittedDisclosuresDeemedToBeClassifiedOrSensitiveInformation"
TOC_SHEET, TOC_LABEL_COLUMN, TOC_BOX_COLUMN = "Table of Contents & Validation", 2, 4
"""The Table of Contents: a disclosure's label (B) and its "classified or sensitive" check box (D)."""
SCOPE3_SHEET, SCOPE3_FIRST_ROW, SCOPE3_LABEL_COLUMN, SCOPE3_SWITCH = "Environmental Disclosures", 30, 3, "G29"
SCOPE3_COLUMNS = (4, 7, 10)
"""Scope 3 category rows: reporting year (D), base year (G), target year (J)."""
SCOPE3_TOTAL = "GrossScope3GreenhouseGasEmissions"
_SCOPE3_TOTAL_COLUMN = {None: 4, "vsme:BaselineYearMember": 7, "vsme:TargetYearMember": 10}
LIST_CONCEPTS = (
    "NaceSectorClassificationCodes",
    "ListOfDisclosuresForWhichNoChangesAreReportedComparedToThePreviousPeriodReporting",
)


def is_formula(cell: Any) -> bool:
    """A formula (plain or array) the template computes."""
    value = cell.value
    return (isinstance(value, str) and value.startswith("=")) or type(value).__name__ == "ArrayFormula"


@dataclass(frozen=True, slots=True)
class Range:
    """One named range: sheet and bounds (1-based, inclusive)."""

    name: str
    sheet: str
    min_col: int
    min_row: int
    max_col: int
    max_row: int

    @property
    def rows(self) -> int:
        return self.max_row - self.min_row + 1

    @property
    def single(self) -> bool:
        return self.rows == 1 and self.min_col == self.max_col


def ranges(workbook: Any) -> dict[str, Range]:
    """Every single-area named range of the workbook."""
    from openpyxl.utils.cell import range_boundaries  # type: ignore[import-untyped]

    out: dict[str, Range] = {}
    for name, defined in workbook.defined_names.items():
        try:
            destinations = list(defined.destinations)
        except Exception:  # noqa: BLE001 - a broken defined name is not a table
            continue
        if len(destinations) != 1:
            continue
        sheet, ref = destinations[0]
        try:
            min_col, min_row, max_col, max_row = range_boundaries(ref.replace("$", ""))
        except (TypeError, ValueError):
            continue
        if min_col is None or min_row is None:
            continue
        out[name] = Range(name, sheet, min_col, min_row, max_col or min_col, max_row or min_row)
    return out


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower().removesuffix(" [member]"))


class TableWriter:
    """Writes the dimensional facts and list/grid facts of a fact set into an openpyxl workbook."""

    def __init__(self, workbook: Any, facts: FactSet, taxonomy: Taxonomy) -> None:
        self.workbook = workbook
        self.facts = facts
        self.taxonomy = taxonomy
        self.ranges = ranges(workbook)
        self.written: set[Fact] = set()
        self.formula: set[Fact] = set()  # facts whose cell the template computes
        self.reasons: dict[Fact, str] = {}  # why a fact is not written, where the writer knows better
        self._scope3_sums: dict[int, Decimal] = {}  # column -> sum of the category values written
        self._rows: dict[tuple[str, str], int] = {}  # (axis range, key) -> row
        self._dropdowns: dict[str, str] | None = None
        self._units: dict[tuple[str, str], str] = {}  # unit cell -> unit written there
        self._english: dict[str, str] | None = None

    # --- helpers ------------------------------------------------------------------------------
    def cell(self, rng: Range, row: int | None = None, col: int | None = None) -> Any:
        return self.workbook[rng.sheet].cell(row if row is not None else rng.min_row, col if col is not None else rng.min_col)

    def put(self, cell: Any, value: Any, *, override: bool = False) -> bool:
        if is_formula(cell) and not override:
            return False
        cell.value = value
        return True

    def dropdown(self, label: str) -> str:
        """The template's drop-down text for a member label (NACE, waste, pollutants, countries)."""
        if self._dropdowns is None:
            self._dropdowns = {}
            for name, rng in self.ranges.items():
                if not name.startswith("enum_"):
                    continue
                ws = self.workbook[rng.sheet]
                for row in range(rng.min_row, rng.max_row + 1):
                    value = ws.cell(row, rng.min_col).value
                    if isinstance(value, str) and not value.startswith("="):
                        self._dropdowns.setdefault(_normal(value), value)
                        if value.startswith("NACE "):
                            self._dropdowns.setdefault(_normal(value[5:]), value)
        plain = label.removesuffix(" [member]").strip()
        return self._dropdowns.get(_normal(plain), plain)

    def label(self, value: Any) -> str | None:
        """The English text of a label cell (its ``=template_label_...`` formula, `label_text`)."""
        if self._english is None:
            self._english = english_labels(self.workbook)
        return label_text(value, self._english)

    def member_text(self, member: str) -> str:
        label = self.taxonomy.member_label(member) or member.split(":", 1)[1]
        return self.dropdown(label)

    def lexical(self, fact: Fact) -> Any:
        concept = self.taxonomy.concept(fact.concept)
        if concept is not None and concept.numeric:
            return float(fact.value)
        if concept is not None and concept.type_local == "booleanItemType":
            return fact.value == "true"
        if concept is not None and concept.is_enumeration and not concept.is_enumeration_set:
            return self.member_text(self._qname(fact.value))
        return fact.value

    def _qname(self, expanded: str) -> str:
        namespace, _, local = expanded.partition("#")
        prefix = next((p for p, ns in self.taxonomy.namespaces.items() if ns == namespace), "vsme")
        return f"{prefix}:{local}"

    # --- writers ------------------------------------------------------------------------------
    def write_all(self) -> None:
        self._scope3_categories()
        for fact in self.facts.sorted_facts():
            local = fact.concept.split(":", 1)[1]
            if local == SCOPE3_TOTAL:
                self._scope3_total(fact)
            elif local == OMITTED_CONCEPT:
                self._omitted(fact)
            elif local in GRID_CONCEPTS:
                self._grid(fact, local)
            elif local in LIST_CONCEPTS:
                self._list(fact, local)
            elif fact.dimensions:
                self._dimensional(fact, local)
            elif local not in self.ranges:
                self._default_member(fact, local)

    def _default_member(self, fact: Fact, local: str) -> None:
        """A fact on an axis's default member (e.g. the energy total) lives in ``<Concept>_<Default>``."""
        for member in sorted(set(self.taxonomy.defaults.values())):
            rng = self.ranges.get(f"{local}_{member.split(':', 1)[1]}")
            if rng is not None and rng.single:
                if self.put(self.cell(rng), self.lexical(fact)):
                    self.written.add(fact)
                else:
                    self.formula.add(fact)
                return

    def _dimensional(self, fact: Fact, local: str) -> None:
        dims = dict(fact.dimensions)
        explicit = {a: m for a, m in dims.items() if a not in fact.typed}
        if len(dims) == 1 and len(explicit) == 1:
            member = next(iter(explicit.values())).split(":", 1)[1]
            name = f"{local}_{member}"
            rng = self.ranges.get(name)
            if rng is not None and rng.single:
                if self.put(self.cell(rng), self.lexical(fact), override=name in FORMULA_OVERRIDES):
                    self.written.add(fact)
                else:
                    self.formula.add(fact)
                return
        concept = self.ranges.get(local)
        if concept is None or concept.rows == 1 or len(dims) != 1:
            return
        axis_name, key = next(iter(dims.items()))
        axis = self._axis_range(concept, axis_name.split(":", 1)[1])
        if axis is None:
            return
        row = self._row(axis, key if axis_name in fact.typed else self.member_text(key))
        if row is None:
            return
        value = self.lexical(fact)
        unit_cell = self._unit_cell(local, row)
        if fact.unit in UNIT_TEXTS and unit_cell is not None:
            converted = self._unit_value(unit_cell, fact, value)
            if converted is None:
                return
            value, unit = converted
            self.put(unit_cell, UNIT_TEXTS[unit])
        if self.put(self.cell(concept, row), value):
            self.written.add(fact)
        else:
            self.formula.add(fact)

    def _axis_range(self, concept: Range, axis_local: str) -> Range | None:
        """The axis column of the concept's table: the named axis range on the same rows."""
        candidates = [r for r in self.ranges.values()
                      if r.sheet == concept.sheet and r.min_row == concept.min_row and r.max_row == concept.max_row
                      and r.name.endswith("Axis")]
        for rng in candidates:
            if rng.name == axis_local:
                return rng
        typed = [r for r in candidates if r.name.endswith("TypedAxis")]
        explicit = [r for r in candidates if not r.name.endswith("TypedAxis")]
        pool = typed if axis_local.endswith("TypedAxis") else explicit
        return pool[0] if len(pool) == 1 else None

    def _row(self, axis: Range, key: str) -> int | None:
        slot = (axis.name, key)
        if slot not in self._rows:
            used = sum(1 for name, _ in self._rows if name == axis.name)
            if used >= axis.rows:
                return None
            row = axis.min_row + used
            self._rows[slot] = row
            self.put(self.cell(axis, row), key)
        return self._rows[slot]

    def _unit_cell(self, local: str, row: int) -> Any:
        rng = self.ranges.get(f"{local}_unit")
        if rng is None:
            return None
        if rng.rows == 1:
            return self.cell(rng)
        return self.cell(rng, row) if rng.min_row <= row <= rng.max_row else None

    def _unit_value(self, unit_cell: Any, fact: Fact, value: Any) -> tuple[Any, str] | None:
        """The value in the unit of its unit cell: a cell shared by a table (pollutants) keeps the
        first unit written and tonnes/kilograms are converted; ``None`` when they cannot be."""
        assert fact.unit is not None
        key = (unit_cell.parent.title, unit_cell.coordinate)
        current = self._units.setdefault(key, fact.unit)
        if current == fact.unit:
            return value, current
        if current in _TO_TONNES and fact.unit in _TO_TONNES:
            return float(format_number(float(value) * _TO_TONNES[fact.unit] / _TO_TONNES[current])), current
        return None

    def _grid(self, fact: Fact, local: str) -> None:
        rng = self.ranges.get(local)
        if rng is None:
            return
        members = {self._qname(v) for v in fact.value.split()}
        ws = self.workbook[rng.sheet]
        horizontal = rng.rows == 1
        cells = ([ws.cell(rng.min_row, c) for c in range(rng.min_col, rng.max_col + 1)] if horizontal
                 else [ws.cell(r, rng.min_col) for r in range(rng.min_row, rng.max_row + 1)])
        domain = list(self._domain(fact.concept))
        placed: set[str] = set()
        for cell in cells:
            label_cell = ws.cell(rng.min_row - 1, cell.column) if horizontal else ws.cell(cell.row, rng.min_col - 1)
            member = grid_member(self.taxonomy, self.label(label_cell.value) or "", domain)
            if member is None:
                continue
            self.put(cell, member in members)
            if member in members:
                placed.add(member)
        if placed == members:
            self.written.add(fact)

    def _omitted(self, fact: Fact) -> None:
        """Tick the Table of Contents box of every omitted disclosure (the template lists them in B1)."""
        ws = self.workbook[TOC_SHEET]
        members = {self._qname(v) for v in fact.value.split()}
        domain = list(self._domain(fact.concept))
        placed: set[str] = set()
        for row in range(1, ws.max_row + 1):
            box = ws.cell(row, TOC_BOX_COLUMN)
            if not isinstance(box.value, bool):
                continue
            member = grid_member(self.taxonomy, self.label(ws.cell(row, TOC_LABEL_COLUMN).value) or "", domain)
            if member in members and self.put(box, True):
                placed.add(member)
        if placed == members:
            self.written.add(fact)
        else:
            missing = sorted(m.split(":", 1)[1] for m in members - placed)
            self.reasons[fact] = f"no Table of Contents row for {', '.join(missing)}"

    def _scope3_categories(self) -> None:
        """Scope 3 per category into rows 30-44 (D/G/J) and the "discloses Scope 3" switch."""
        if not self.facts.scope3_categories:
            return
        ws = self.workbook[SCOPE3_SHEET]
        order = list(Scope3Category)
        for category, values in self.facts.scope3_categories.items():
            number = order.index(Scope3Category(category)) + 1
            row = SCOPE3_FIRST_ROW + number - 1
            label = self.label(ws.cell(row, SCOPE3_LABEL_COLUMN).value) or ""
            if not label.startswith(f"{number}."):  # the template's rows are the GHG Protocol's numbering
                raise ValueError(f"{SCOPE3_SHEET}!C{row} is {label!r}, not Scope 3 category {number}")
            for column, value in zip(SCOPE3_COLUMNS, values, strict=True):
                if value is not None and self.put(ws.cell(row, column), float(value)):
                    self._scope3_sums[column] = self._scope3_sums.get(column, Decimal(0)) + Decimal(value)
        self.put(ws[SCOPE3_SWITCH], True)

    def _scope3_total(self, fact: Fact) -> None:
        """A Scope 3 total (reporting, base or target year) is a template formula over the category
        rows: written when the categories written sum to it."""
        member = dict(fact.dimensions).get("vsme:ReportingScopesAxis")
        column = _SCOPE3_TOTAL_COLUMN.get(member, 0)
        total = self._scope3_sums.get(column)
        if total is not None and total == Decimal(fact.value):
            self.written.add(fact)
        elif total is not None:
            self.reasons[fact] = (f"the template sums the Scope 3 category rows ({format_number(total)}), "
                                  f"which differ from the reported total")
        else:
            self.reasons[fact] = "the template computes Scope 3 from its category rows (30-44); the report gives no categories for it"

    def _domain(self, qname: str) -> Iterable[str]:
        concept = self.taxonomy.concept(qname)
        return concept.domain if concept is not None else ()

    def _list(self, fact: Fact, local: str) -> None:
        rng = self.ranges.get(local)
        if rng is None:
            return
        members = sorted(self._qname(v) for v in fact.value.split())
        if len(members) > rng.rows:
            return
        for offset, member in enumerate(members):
            self.put(self.cell(rng, rng.min_row + offset), self.member_text(member))
        self.written.add(fact)


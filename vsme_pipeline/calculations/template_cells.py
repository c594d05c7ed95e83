"""Which cells of EFRAG's VSME Digital Template compute something from what the undertaking enters.

Input cells are the template's unlocked cells without a formula (the sheets are protected; the
undertaking can type only into unlocked cells), except the language choice of 'Language
Selection' (it switches the labels, it is no report data).  A formula cell *depends on the
inputs* when one of its references (cells, ranges, defined names), followed through other formula
cells, reaches an input cell.  The conformance test checks that each such cell is compared with a
project metric or listed, with its reason, among the cells deliberately not compared.
"""

import re
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from typing import Any

from openpyxl.utils.cell import column_index_from_string, get_column_letter, range_boundaries  # type: ignore[import-untyped]

Ref = tuple[str, int, int]  # (sheet, row, column)
NOT_INPUT_SHEETS = frozenset({"Language Selection"})
_SHEET_REF = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$")
_STRING = re.compile(r'"(?:[^"]|"")*"')
_CELL = r"\$?[A-Z]{1,3}\$?\d+"
_TOKEN = re.compile(
    rf"(?<![\w.$])(?:(?:'(?P<quoted>(?:[^']|'')+)'|(?P<plain>[A-Za-z_][\w.]*))!)?"
    rf"(?P<ref>{_CELL}(?::{_CELL})?|\$?[A-Z]{{1,3}}:\$?[A-Z]{{1,3}})(?![\w(])"
    r"|(?<![\w.$'!])(?P<name>[A-Za-z_][\w.]*)(?![\w(!'])"
)


def ref_text(ref: Ref) -> str:
    return f"'{ref[0]}'!{get_column_letter(ref[2])}{ref[1]}"


def parse_ref(text: str) -> Ref:
    """``'Sheet'!A1`` → (sheet, row, column)."""
    sheet, cell = text.rsplit("!", 1)
    col, row = re.match(r"([A-Z]+)(\d+)", cell.replace("$", "")).groups()  # type: ignore[union-attr]
    return sheet.strip("'"), int(row), column_index_from_string(col)


def _is_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("=")


def _expand(sheet: str, rng: str, max_rows: dict[str, int], max_cols: dict[str, int]) -> Iterator[Ref]:
    """The cells of ``A1``, ``A1:B9``, ``A:A`` or ``1:1`` on ``sheet`` (clipped to the used area)."""
    min_col, min_row, max_col, max_row = range_boundaries(rng.replace("$", ""))
    last_row, last_col = max_rows.get(sheet, 0), max_cols.get(sheet, 0)
    for row in range(min_row or 1, min(max_row or last_row, last_row) + 1):
        for col in range(min_col or 1, min(max_col or last_col, last_col) + 1):
            yield sheet, row, col


class TemplateCells:
    """The formula cells of a workbook (openpyxl, formulas not values) and their references."""

    def __init__(self, workbook: Any) -> None:
        self.wb = workbook
        self.formulas: dict[Ref, str] = {}
        self.inputs: set[Ref] = set()
        self.max_rows = {ws.title: ws.max_row for ws in workbook.worksheets}
        self.max_cols = {ws.title: ws.max_column for ws in workbook.worksheets}
        for ws in workbook.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    ref = (ws.title, cell.row, cell.column)
                    if _is_formula(cell.value):
                        self.formulas[ref] = cell.value
                    elif not cell.protection.locked and ws.title not in NOT_INPUT_SHEETS:
                        self.inputs.add(ref)
        self.names: dict[str, list[tuple[str, str]]] = {}
        for name, defined in workbook.defined_names.items():
            self.names[name.lower()] = list(self._destinations(defined.attr_text))

    @staticmethod
    def _destinations(text: str) -> Iterator[tuple[str, str]]:
        for part in str(text).split(","):
            match = _SHEET_REF.match(part.strip())
            if match:
                sheet = (match.group(1) or match.group(2) or "").replace("''", "'")
                yield sheet, match.group(3)

    def references(self, ref: Ref) -> Iterator[Ref]:
        """The cells a formula cell refers to (directly): cell and range references, with or
        without a sheet, and defined names.  Text literals are dropped first; a name followed by
        "(" is a function.  (A regular expression: openpyxl's tokenizer is ten times slower.)"""
        sheet = ref[0]
        formula = _STRING.sub('""', self.formulas[ref])
        for match in _TOKEN.finditer(formula):
            if match.group("name"):
                for target, rng in self.names.get(match.group("name").lower(), ()):
                    yield from self._area(target, rng)
                continue
            quoted, plain = match.group("quoted"), match.group("plain")
            target = quoted.replace("''", "'") if quoted else plain or sheet
            yield from self._area(target, match.group("ref"))

    def _area(self, sheet: str, rng: str) -> Iterator[Ref]:
        if sheet not in self.max_rows:
            return
        try:
            yield from _expand(sheet, rng, self.max_rows, self.max_cols)
        except (ValueError, TypeError):  # not a cell reference (an unknown name, #REF!)
            return

    def dependent_on_inputs(self) -> set[Ref]:
        """Formula cells that reach an input cell through their references."""
        users: dict[Ref, list[Ref]] = defaultdict(list)
        for ref in self.formulas:
            for used in set(self.references(ref)):
                users[used].append(ref)
        seen: set[Ref] = set()
        queue = deque(self.inputs)
        while queue:
            for user in users.get(queue.popleft(), ()):
                if user not in seen:
                    seen.add(user)
                    queue.append(user)
        return seen


def in_area(ref: Ref, sheet: str, area: str) -> bool:
    """Whether ``ref`` lies in ``area`` (``A1`` or ``A1:B9``) of ``sheet``."""
    if ref[0] != sheet:
        return False
    min_col, min_row, max_col, max_row = range_boundaries(area)
    return bool(min_row <= ref[1] <= max_row and min_col <= ref[2] <= max_col)


def group(refs: Iterable[Ref]) -> dict[tuple[str, str], list[int]]:
    """Refs by (sheet, column) with their rows, for a readable failure message."""
    out: dict[tuple[str, str], list[int]] = defaultdict(list)
    for sheet, row, col in sorted(refs):
        out[sheet, get_column_letter(col)].append(row)
    return dict(out)

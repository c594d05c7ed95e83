"""One LibreOffice session evaluating many cases of a workbook (run by a Python that has ``uno``).

Started by :class:`vsme_pipeline.calculations.template_conformance.CalcSession` as
``<python with uno> template_calc_worker.py <workbook.xlsx>``; it is not imported by the project
(it runs under the system Python of LibreOffice's UNO bridge, Debian ``python3-uno``, and imports
nothing of the project).  It starts ``soffice --headless`` with a private profile, loads the
workbook once (hidden) and then answers one JSON request a line on stdin::

    {"set": [[sheet, cell, value], ...], "read": [[sheet, cell], ...]}

with one JSON line on stdout: ``{"values": [...]}`` (numbers, text, booleans, ``null`` for an
empty cell, ``{"error": code}`` for a formula error) or ``{"error": "..."}``.  Before each case
every cell written so far gets the content of this case (given, else the template's original),
and only the cells whose content changes are written, so every case sees the empty template plus
its own inputs; LibreOffice then recalculates what depends on them.  EOF on stdin
ends the session (the document is closed and soffice terminated).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import uuid
from pathlib import Path
from typing import Any

import uno  # type: ignore[import-not-found]  # noqa: I001  (LibreOffice's bridge, system Python)
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

EMPTY, VALUE, TEXT, FORMULA = "EMPTY", "VALUE", "TEXT", "FORMULA"
RESULT_VALUE, RESULT_STRING, RESULT_ERROR = 1, 2, 4  # com.sun.star.sheet.FormulaResult


def _prop(name: str, value: Any) -> Any:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


class Session:
    def __init__(self, workbook: Path) -> None:
        self.profile = tempfile.mkdtemp(prefix="lo-session-")
        pipe = f"vsme_calc_{uuid.uuid4().hex}"
        binary = os.environ.get("VSME_SOFFICE") or shutil.which("soffice") or "soffice"
        self.process = subprocess.Popen(
            [binary, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
             f"-env:UserInstallation=file://{self.profile}", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + 120
        while True:
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise
                time.sleep(0.2)
        self.desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        self.doc = self.desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(str(workbook.resolve())), "_blank", 0, (_prop("Hidden", True),))
        if self.doc is None:
            raise RuntimeError(f"LibreOffice could not open {workbook}")
        self.doc.calculateAll()
        self.sheets: dict[str, Any] = {}
        self.cells: dict[tuple[str, str], Any] = {}
        self.originals: dict[tuple[str, str], tuple[str, Any]] = {}
        self.current: dict[tuple[str, str], tuple[str, Any]] = {}  # content of every cell written so far

    def cell(self, sheet: str, ref: str) -> Any:
        key = (sheet, ref)
        if key not in self.cells:
            if sheet not in self.sheets:
                self.sheets[sheet] = self.doc.getSheets().getByName(sheet)
            self.cells[key] = self.sheets[sheet].getCellRangeByName(ref)
        return self.cells[key]

    def _content(self, cell: Any) -> tuple[str, Any]:
        kind = cell.getType().value
        if kind == FORMULA:
            return kind, cell.getFormula()
        if kind == VALUE:
            return kind, cell.getValue()
        if kind == TEXT:
            return kind, cell.getString()
        return EMPTY, None

    def _write(self, cell: Any, kind: str, value: Any) -> None:
        if kind == FORMULA:
            cell.setFormula(value)
        elif kind == VALUE:
            cell.setValue(float(value))
        elif kind == TEXT:
            cell.setString(value)
        else:
            cell.setFormula("")

    @staticmethod
    def _as_content(value: Any) -> tuple[str, Any]:
        if value is None:
            return EMPTY, None
        if isinstance(value, bool):
            return VALUE, 1.0 if value else 0.0
        if isinstance(value, (int, float)):
            return VALUE, float(value)
        return TEXT, str(value)

    def evaluate(self, assignments: list[list[Any]], reads: list[list[str]]) -> list[Any]:
        """Bring every cell to its content for this case (given, else the template's), read."""
        wanted: dict[tuple[str, str], tuple[str, Any]] = {}
        for sheet, ref, value in assignments:
            key = (sheet, ref)
            if key not in self.originals:
                self.originals[key] = self._content(self.cell(sheet, ref))
                self.current[key] = self.originals[key]
            wanted[key] = self._as_content(value)
        self.doc.enableAutomaticCalculation(False)  # one recalculation after all writes
        try:
            for key in self.current:
                target = wanted.get(key, self.originals[key])
                if self.current[key] != target:  # only cells whose content changes are written
                    self._write(self.cell(*key), *target)
                    self.current[key] = target
            self.doc.calculate()
        finally:
            self.doc.enableAutomaticCalculation(True)
        return [self.read(self.cell(sheet, ref)) for sheet, ref in reads]

    def read(self, cell: Any) -> Any:
        """A number, a text, None (empty) or {"error": code}; booleans read as numbers (1.0 / 0.0)."""
        kind = cell.getType().value
        if kind == EMPTY:
            return None
        if kind == TEXT:
            return cell.getString()
        if kind == FORMULA:
            if error := cell.getError():
                return {"error": error}
            if cell.FormulaResultType2 == RESULT_STRING:
                return cell.getString()
        return cell.getValue()

    def close(self) -> None:
        try:
            self.doc.close(True)
            self.desktop.terminate()
        except Exception:  # the bridge goes away while soffice terminates
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def main() -> None:
    session = Session(Path(sys.argv[1]))
    try:
        print(json.dumps({"ready": True}), flush=True)
        for line in sys.stdin:
            if not line.strip():
                continue
            try:
                request = json.loads(line)
                reply: dict[str, Any] = {"values": session.evaluate(request.get("set", []), request.get("read", []))}
            except Exception:
                reply = {"error": traceback.format_exc(limit=3)}
            print(json.dumps(reply), flush=True)
    finally:
        session.close()


if __name__ == "__main__":
    main()

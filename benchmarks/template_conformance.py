"""Template conformance harness throughput: one LibreOffice session for all cases (subject)
against the file path (baseline: openpyxl fills a copy of the template per case, one
``soffice --convert-to`` call recalculates them all, openpyxl reads them back), same cases, same run.

Needs LibreOffice and python3-uno (scripts/system-packages.txt).  ``python -m benchmarks.template_conformance [cases]``
prints cases per second of both and the ratio; the session's start-up is timed apart.
"""

import sys
import time
import warnings

from benchmarks.harness import Comparison
from tests.conformance.strategies import draw_reports
from vsme_pipeline.calculations import template_conformance as tc


def run(cases: int = 8) -> list[Comparison]:
    warnings.filterwarnings("ignore", message="Data Validation extension")
    drawn = draw_reports(cases)  # the CI sample's first cases (deterministic)
    docs, units = [d for d, _ in drawn], [u for _, u in drawn]
    started = time.perf_counter()
    files = tc.run_files(docs, waste_units=units)
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    with tc.CalcSession() as calc:
        ready = time.perf_counter()
        session = tc.run(docs, units, calc)
    done = time.perf_counter()
    # Same verdicts both ways (the speed is not bought with different results).
    assert [[r.status for r in c] for c in files] == [[r.status for r in c] for c in session]
    print(f"file path: {cases / baseline:.3f} cases/s; session: {cases / (done - ready):.2f} cases/s "
          f"(+ {ready - started:.1f} s start-up once); with start-up {cases / (done - started):.3f} cases/s")
    return [
        Comparison("template conformance", f"CalcSession, {cases} cases (incl. start-up)", "fill + soffice --convert-to + read",
                   done - started, baseline, 1),
        Comparison("template conformance", f"CalcSession, {cases} cases (after start-up)", "fill + soffice --convert-to + read",
                   done - ready, baseline, 1),
    ]


if __name__ == "__main__":
    for c in run(int(sys.argv[1]) if len(sys.argv) > 1 else 8):
        print(f"{c.name}: {c.subject} / {c.baseline} = {c.ratio:.3f}")

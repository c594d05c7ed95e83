"""Run every benchmark and print subject/baseline ratios (also written to benchmarks/results/)."""

import json
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks import compute_vs_parse, domain, embedded_writes, template_conformance
from vsme_pipeline.calculations import template_conformance as harness


def main() -> None:
    comparisons = [*domain.run(), *compute_vs_parse.run(), *embedded_writes.run()]
    if harness.soffice() and harness.uno_python():  # LibreOffice with python3-uno installed
        comparisons += template_conformance.run()
    table = Table(title="Benchmarks (ratio = subject / baseline, same run)")
    for column in ("benchmark", "subject", "baseline", "subject median", "baseline median", "ratio"):
        table.add_column(column)
    for c in comparisons:
        table.add_row(c.name, c.subject, c.baseline, f"{c.subject_median_s * 1000:.1f} ms", f"{c.baseline_median_s * 1000:.1f} ms", f"{c.ratio:.2f}")
    Console().print(table)
    results = Path(__file__).parent / "results"
    results.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (results / f"{stamp}.json").write_text(json.dumps([c.as_dict() for c in comparisons], indent=2))


if __name__ == "__main__":
    main()

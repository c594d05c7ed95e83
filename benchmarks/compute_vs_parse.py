"""Domain CPU per report (validation, metrics, snapshot content) against parsing the report.

The issue's ``compute_vs_parse`` measure without a database: a synthetic season of full reports
(``vsme_pipeline.synthetic``, planted defects included) in their stored shape (BSON round trip),
and per report the pure work each stage does with it:

* parse (the baseline): ``Report.build`` of the stored document (the model's validation, offline);
* validation: the report's content hash, parse, ``domain.validate`` with profile and last year's
  report, the findings dumped as stored;
* metrics: parse, ``domain.calculate``, the metric documents as stored and their hash;
* snapshot: the snapshot content of a passed report and its content hash.

CPU is ``time.process_time`` (median of the repeats), each part reported as a ratio to the parse
of the same reports in the same run. ``python -m benchmarks.compute_vs_parse [N]`` prints them;
``benchmarks/__main__`` (``make benchmark``) includes them.
"""

import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import bson

from benchmarks.harness import Comparison
from documents import Report
from vsme_pipeline.pipeline import domain
from vsme_pipeline.pipeline.bson_values import to_bson
from vsme_pipeline.pipeline.fingerprints import REPORT_BOOKKEEPING_PATHS, report_content_hash
from vsme_pipeline.pipeline.hashing import content_hash, without_keys
from vsme_pipeline.pipeline.metrics_stage import metric_document
from vsme_pipeline.pipeline.snapshots import metrics_payload, snapshot_content, validation_payload
from vsme_pipeline.reference_data import emission_factors
from vsme_pipeline.synthetic import synthetic_population


def season(n: int, seed: int = 0) -> list[tuple[dict[str, Any], Any, dict[str, Any] | None]]:
    """``(stored report, company profile, last year's stored report)`` of a synthetic season,
    the reports as MongoDB returns them; reports the model refuses are left out (the stages do
    not compute them either)."""
    rows: list[tuple[dict[str, Any], Any, dict[str, Any] | None]] = []
    for item in synthetic_population(n, seed):
        profile = item.company.profile()
        previous: dict[str, Any] | None = None
        for report in item.reports:
            stored = to_bson(report.model_dump(by_alias=True))
            override = item.raw_overrides.get(report.reporting_year)
            if override is not None:
                override(stored)
            stored = bson.decode(bson.encode(stored))
            try:
                Report.build(stored)
            except Exception:  # noqa: BLE001 - a planted defect the model refuses
                continue
            rows.append((stored, profile, previous))
            previous = stored
    return rows


def _median_cpu(function: Callable[[], object], repeats: int) -> float:
    timings = []
    for _ in range(repeats):
        started = time.process_time()
        function()
        timings.append(time.process_time() - started)
    return statistics.median(timings)


def run(n: int = 200, repeats: int = 3) -> list[Comparison]:
    rows = season(n)
    factors = domain.EmissionFactorSet(emission_factors())
    validations: list[dict[str, Any]] = []
    metric_sets: list[dict[str, Any] | None] = []

    def parse() -> None:
        for stored, _, _ in rows:
            Report.build(stored)

    def validate() -> None:
        validations.clear()
        for stored, profile, previous in rows:
            report_hash = report_content_hash(stored)
            result = domain.validate(Report.build(stored), profile, Report.build(previous) if previous else None)
            findings = [f.model_dump(mode="json") for f in result.findings]
            validations.append({"edition": result.edition, "ruleSetVersion": result.rule_set_version,
                                "findings": findings, "errorCount": result.error_count,
                                "warningCount": result.warning_count, "passed": result.passed,
                                "reportFingerprint": report_hash})

    def metrics() -> None:
        metric_sets.clear()
        for (stored, profile, _), validation in zip(rows, validations, strict=True):
            if not validation["passed"]:
                metric_sets.append(None)
                continue
            metric_set = domain.calculate(Report.build(stored), profile, factors)
            documents = [metric_document(m) for _, m in sorted(metric_set.metrics.items())]
            metrics_hash = content_hash({"metrics": documents, "formulas": metric_set.formulas_version,
                                         "factors": metric_set.factor_dataset_version})
            metric_sets.append({"version": 1, "formulasVersion": metric_set.formulas_version,
                                "metrics": documents, "metricsHash": metrics_hash})

    def snapshots() -> None:
        for (stored, profile, _), validation, metric_doc in zip(rows, validations, metric_sets, strict=True):
            if metric_doc is None:
                continue
            content = snapshot_content(
                company_id=stored["companyId"], reporting_year=stored["reportingYear"],
                report=without_keys(stored, *REPORT_BOOKKEEPING_PATHS),
                company={"companyId": stored["companyId"], "profile": profile.model_dump(by_alias=True)},
                validation=validation_payload(validation), metrics=metrics_payload(metric_doc))
            content_hash(content)

    parse()  # warm caches (compiled paths, formula catalogue) as a running pipeline has them
    validate()
    metrics()
    baseline = _median_cpu(parse, repeats)
    parts = {name: _median_cpu(part, repeats) for name, part in
             (("validation", validate), ("metrics", metrics), ("snapshot", snapshots))}
    count = f"x{len(rows)}"
    comparisons = [Comparison(f"compute_vs_parse.{name}", f"{name} {count}", f"parse {count}", seconds, baseline, repeats)
                   for name, seconds in parts.items()]
    comparisons.append(Comparison("compute_vs_parse", f"validation + metrics + snapshot {count}", f"parse {count}",
                                  sum(parts.values()), baseline, repeats))
    return comparisons


def main(n: int = 200) -> None:
    comparisons = run(n)
    reports = int(comparisons[0].subject.rsplit("x", 1)[1])
    print(f"{reports} reports; CPU per report: parse {comparisons[0].baseline_median_s * 1000 / reports:.3f} ms")
    for c in comparisons:
        print(f"{c.name:32s} {c.subject_median_s * 1000 / reports:8.3f} ms/report  ratio {c.ratio:6.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)

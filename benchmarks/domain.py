"""Domain core throughput: validation and metric calculation of the sample reports, each against
the baseline of parsing the same reports from their stored (camelCase) form."""

from benchmarks.harness import Comparison, median_seconds
from documents import Report
from vsme_pipeline.calculations import compute_metrics
from vsme_pipeline.reference_data import EmissionFactorSet, emission_factors
from vsme_pipeline.sample_data import sample_dataset
from vsme_pipeline.validation import validate_report


def run(repeats: int = 7) -> list[Comparison]:
    dataset = sample_dataset()
    companies = {company.id: company.profile() for company in dataset.companies}
    stored = [report.model_dump(mode="python") for report in dataset.reports] * 10
    reports = [Report.build(**document) if hasattr(Report, "build") else Report(**document) for document in stored]
    factors = EmissionFactorSet(emission_factors())

    def parse() -> None:
        for document in stored:
            Report.build(**document)

    def validate() -> None:
        for report in reports:
            validate_report(report, companies[report.company_id])

    def calculate() -> None:
        for report in reports:
            compute_metrics(report, companies[report.company_id], factors)

    baseline = median_seconds(parse, repeats)
    return [
        Comparison("validation", f"validate_report x{len(reports)}", "parse reports", median_seconds(validate, repeats), baseline, repeats),
        Comparison("metrics", f"compute_metrics x{len(reports)}", "parse reports", median_seconds(calculate, repeats), baseline, repeats),
    ]

"""The domain core as the pipeline calls it (one place to adapt if its API moves)."""

from typing import Any

from documents import CompanyProfile, Report
from vsme_pipeline.calculations import FORMULAS_VERSION, MetricSet, compute_metrics
from vsme_pipeline.reference_data import EmissionFactorSet
from vsme_pipeline.validation import EDITIONS, ValidationResult, rule_set_for, validate_report
from vsme_pipeline.validation.editions import DEFAULT_EDITION

__all__ = [
    "FORMULAS_VERSION",
    "EmissionFactorSet",
    "calculate",
    "rule_set_version",
    "validate",
]


def rule_set_version(edition: Any) -> str:
    """Version of the rule set that validates a report of ``edition`` (the default edition's for
    an unknown one, as ``validate_report`` does)."""
    rule_set = rule_set_for(edition) or EDITIONS[DEFAULT_EDITION]
    return rule_set.version


def validate(report: Report, profile: CompanyProfile | None, previous: Report | None) -> ValidationResult:
    return validate_report(report, profile, previous)


def calculate(report: Report, profile: CompanyProfile | None, factors: EmissionFactorSet) -> MetricSet:
    return compute_metrics(report, profile, factors)

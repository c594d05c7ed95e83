"""Validation of VSME reports against the rules of their standard edition (pure, no I/O).

``validate_report(report, company_profile, previous_report=None) -> ValidationResult``.
"""

from vsme_pipeline.validation.editions import EDITIONS, rule_set_for
from vsme_pipeline.validation.findings import Finding, Severity, ValidationResult
from vsme_pipeline.validation.validate import validate_report

__all__ = ["EDITIONS", "Finding", "Severity", "ValidationResult", "rule_set_for", "validate_report"]

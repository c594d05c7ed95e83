"""Entry point: validate a report against the rules of its standard edition."""

from typing import Any

from vsme_pipeline.calculations.access import DocView, as_document
from vsme_pipeline.validation.context import Context
from vsme_pipeline.validation.editions import DEFAULT_EDITION, EDITIONS, rule_set_for
from vsme_pipeline.validation.engine import run
from vsme_pipeline.validation.findings import Severity, ValidationResult


def validate_report(report: Any, company_profile: Any = None, previous_report: Any = None) -> ValidationResult:
    """Validate ``report`` (a ``Report`` document or a dict of its stored shape).

    ``company_profile``: the ``CompanyProfile`` (turnover/employees coherence, profile fallbacks);
    ``previous_report``: last year's report, when there is one (comparatives, para 12).
    Never raises and never modifies its inputs; every problem is a :class:`Finding`.
    """
    doc = DocView(as_document(report))
    edition_value = doc.value("standard_edition")
    rule_set = rule_set_for(edition_value)
    unknown_edition = rule_set is None
    if rule_set is None:
        rule_set = EDITIONS[DEFAULT_EDITION]
    previous = DocView(as_document(previous_report)) if previous_report is not None else None
    ctx = Context(
        report=doc,
        company=DocView(as_document(company_profile)),
        previous=previous,
        edition=rule_set.edition,
        params=rule_set.params,
    )
    if unknown_edition:
        ctx.add("REPORT", "standardEdition", "REPORT_EDITION_UNKNOWN",
                Severity.ERROR if edition_value is not None else Severity.WARNING,
                f"Unknown standard edition {edition_value!r}; validated against {DEFAULT_EDITION} "
                f"(known: {', '.join(sorted(EDITIONS))}).")
    run(rule_set, ctx)
    if doc.value("status") == "completed" and any(f.severity == Severity.ERROR for f in ctx.findings):
        ctx.current_rule = "REPORT.status_completed"
        ctx.error("REPORT", "status", "REPORT_COMPLETED_WITH_ERRORS",
                  "The report is marked completed but has errors; a completed report must have none.")
    return ValidationResult(edition=rule_set.edition, rule_set_version=rule_set.version, findings=ctx.findings)

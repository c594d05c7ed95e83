"""B9 Health and safety (para 41; guidance 184-191)."""

from vsme_pipeline.calculations import b9 as calc
from vsme_pipeline.validation.context import Context
from vsme_pipeline.validation.engine import Rule, rule
from vsme_pipeline.validation.findings import Severity
from vsme_pipeline.validation.rules._helpers import require, stated_vs_computed, sum_check

RULES: list[Rule] = []
D = "B9"


@rule("B9.accidents", "Number and rate of recordable accidents; fatalities (para 41)", RULES)
def check_accidents(ctx: Context) -> None:
    b9 = ctx.module(D)
    require(ctx, D, b9, "recordable_accidents", "41(a)", "Enter 0 if there were none.")
    require(ctx, D, b9, "fatalities", "41(b)", "Enter 0 if there were none.")
    sum_check(ctx, D, b9, ["fatalities_from_injuries", "fatalities_from_ill_health"], b9.number("fatalities"),
              "the number of fatalities", "B9_FATALITIES_SPLIT_MISMATCH", "fatalities from injuries and ill health", "41(b)",
              severity=Severity.WARNING, report_at="fatalities")
    metric = calc.accident_rate(b9.number("recordable_accidents"), b9.number("hours_worked"), ctx.employees(),
                                b9.number("hours_per_full_time_employee"))
    if metric.computable:
        stated_vs_computed(ctx, D, b9, "accident_rate", metric.value, "accident rate", "41(a)")
    elif b9.present("recordable_accidents") and not b9.present("accident_rate"):
        ctx.error(D, b9.path("hours_worked"), "B9_ACCIDENT_RATE_NOT_COMPUTABLE",
                  f"The accident rate cannot be calculated: {metric.reason}. Give the hours worked or the number of employees.", "41(a)")

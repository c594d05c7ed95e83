"""B10 Remuneration, collective bargaining and training (para 42; guidance 192-205)."""

from vsme_pipeline.calculations import b10 as calc
from vsme_pipeline.validation.context import Context
from vsme_pipeline.validation.engine import Rule, rule
from vsme_pipeline.validation.rules._helpers import fmt, not_greater, require, require_any, stated_vs_computed

RULES: list[Rule] = []
D = "B10"


@rule("B10.minimum_wage", "Pay at or above the minimum wage (42(a))", RULES)
def check_minimum_wage(ctx: Context) -> None:
    require(ctx, D, ctx.module(D), "pays_at_least_minimum_wage", "42(a)")


@rule("B10.pay_gap", "Gender pay gap unless headcount is below 150 (42(b))", RULES)
def check_pay_gap(ctx: Context) -> None:
    b10 = ctx.module(D)
    metric = calc.gender_pay_gap(b10.number("average_gross_hourly_pay_male"), b10.number("average_gross_hourly_pay_female"))
    if metric.computable:
        stated_vs_computed(ctx, D, b10, "gender_pay_gap", metric.value, "gender pay gap", "42(b)")
        return
    if not ctx.params.pay_gap_required or b10.present("gender_pay_gap"):
        return
    threshold = ctx.params.pay_gap_headcount_threshold
    headcount, fte = ctx.headcount(), ctx.employees()
    if headcount is not None:
        if headcount >= threshold:
            require(ctx, D, b10, "gender_pay_gap", "42(b)",
                    f"The headcount is {fmt(headcount)} (≥ {fmt(threshold)}): give the gap or the average gross hourly pay of men and women.")
    elif fte is not None and fte >= threshold:
        # Counted in FTE without a headcount: headcount ≥ FTE, so the threshold is met too.
        require(ctx, D, b10, "gender_pay_gap", "42(b)", f"The headcount is at least {fmt(fte)} FTE (≥ {fmt(threshold)}).")
    elif fte is not None:
        ctx.warning(D, "modules.b1.headcount", "B10_GENDER_PAY_GAP_HEADCOUNT_UNKNOWN",
                    f"Employees are counted in FTE and B1 gives no headcount; if the headcount is {fmt(threshold)} or more the gender pay gap is required.", "42(b)")


@rule("B10.collective_bargaining", "Collective bargaining coverage, possibly as a band (42(c))", RULES)
def check_cba(ctx: Context) -> None:
    b10 = ctx.module(D)
    require_any(ctx, D, b10, ["cba_coverage", "cba_coverage_band", "employees_covered_by_cba"], "B10_CBA_COVERAGE_MISSING",
                "Give the percentage of employees covered by collective bargaining agreements (0 if none), or its band.", "42(c)")
    employees = ctx.employees()
    not_greater(ctx, D, b10.path("employees_covered_by_cba"), b10.number("employees_covered_by_cba"), employees,
                "B10_CBA_COVERED_EXCEEDS_EMPLOYEES", "More employees are covered by collective agreements than employed", "42(c)")
    percent_metric = calc.collective_bargaining_coverage(b10.number("employees_covered_by_cba"), employees)[0]
    if percent_metric.computable:
        stated_vs_computed(ctx, D, b10, "cba_coverage", percent_metric.value, "collective bargaining coverage", "42(c)")
    percent, band = b10.number("cba_coverage"), b10.value("cba_coverage_band")
    if percent is not None and isinstance(band, str) and calc.cba_band(percent) not in (None, band):
        ctx.warning(D, b10.path("cba_coverage_band"), "B10_CBA_BAND_MISMATCH",
                    f"A coverage of {fmt(percent)} % lies in the band {calc.cba_band(percent)} %, not {band} %.", "42(c)")


@rule("B10.training", "Average training hours per employee by gender (42(d))", RULES)
def check_training(ctx: Context) -> None:
    b10, b8 = ctx.module(D), ctx.module("B8")
    groups = (("male", "male_employees"), ("female", "female_employees"), ("other_gender", "other_gender_employees"))
    if not ctx.params.training_by_gender:
        require_any(ctx, D, b10, ["average_training_hours"] + [f"training_hours_{g}" for g, _ in groups],
                    "B10_TRAINING_HOURS_MISSING", "Give the average annual training hours per employee.", "42(d)")
        return
    for group, employees_field in groups:
        staff = b8.number(employees_field)
        if staff is not None and staff > 0:
            require_any(ctx, D, b10, [f"average_training_hours_{group}", f"training_hours_{group}"],
                        f"B10_TRAINING_HOURS_{group.upper()}_MISSING",
                        f"Give the average annual training hours of {group.replace('_', ' ')} employees (or their total hours; 0 if none).",
                        "42(d)")
            metric = calc.training_hours_per_employee(f"b10.training_hours_per_{group}_employee",
                                                      b10.number(f"training_hours_{group}"), staff)
            if metric.computable:
                stated_vs_computed(ctx, D, b10, f"average_training_hours_{group}", metric.value,
                                   f"average training hours of {group.replace('_', ' ')} employees", "42(d)")

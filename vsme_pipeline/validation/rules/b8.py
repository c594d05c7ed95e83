"""B8 Workforce general characteristics (paras 39-40; guidance 175-183)."""

from vsme_pipeline.calculations import b8 as calc
from vsme_pipeline.validation.context import Context
from vsme_pipeline.validation.engine import Rule, rule
from vsme_pipeline.validation.rules._helpers import fmt, gate, require, require_any, stated_vs_computed, sum_check

RULES: list[Rule] = []
D = "B8"
GENDER = ("male_employees", "female_employees", "other_gender_employees", "not_reported_gender_employees")
CONTRACT = ("permanent_employees", "temporary_employees")


@rule("B8.splits", "Contract-type, gender and country splits each sum to the B1 employees (para 39)", RULES)
def check_splits(ctx: Context) -> None:
    b8 = ctx.module(D)
    employees = ctx.employees()
    require_any(ctx, D, b8, CONTRACT, "B8_CONTRACT_SPLIT_MISSING",
                "Give the number of employees by contract type: permanent and temporary (0 if none).", "39(a)")
    require_any(ctx, D, b8, GENDER, "B8_GENDER_SPLIT_MISSING",
                "Give the number of employees by gender: male, female, other, not reported.", "39(b)")
    sum_check(ctx, D, b8, CONTRACT, employees, "the B1 number of employees", "B8_CONTRACT_SPLIT_MISMATCH",
              "split by contract type", "39(a)")
    sum_check(ctx, D, b8, GENDER, employees, "the B1 number of employees", "B8_GENDER_SPLIT_MISMATCH",
              "split by gender", "39(b)")
    countries = list(b8.items("employees_by_country"))
    if gate(ctx, D, b8, "operates_in_more_than_one_country", ["employees_by_country"], "39(c)",
            "Does the undertaking operate in more than one country?"):
        if require(ctx, D, b8, "employees_by_country", "39(c)", "Give employees by country of the employment contract."):
            sum_check(ctx, D, b8, [c.path("number_of_employees").removeprefix(b8.path() + ".") for c in countries], employees,
                      "the B1 number of employees", "B8_COUNTRY_SPLIT_MISMATCH", "split by country", "39(c)",
                      report_at="employees_by_country")


@rule("B8.turnover_rate", "Employee turnover rate from 50 employees (para 40)", RULES)
def check_turnover_rate(ctx: Context) -> None:
    if ctx.params.turnover_rate_disclosure != D:
        return
    check_turnover_rate_in(ctx, D)


def check_turnover_rate_in(ctx: Context, disclosure: str) -> None:
    """Shared by B8 (2024/2025 editions) and C5 (2026 delegated act): the data lives in B8 fields."""
    b8 = ctx.module("B8")
    employees = ctx.employees()
    metric = calc.employee_turnover_rate(b8.number("employees_who_left"), b8.number("employees_at_start_of_period"),
                                         b8.number("employees_at_end_of_period"))
    if employees is not None and employees >= ctx.params.turnover_rate_threshold and not metric.computable \
            and disclosure in ("B8",) + (("C5",) if ctx.in_scope("C5") else ()):
        require(ctx, disclosure, b8, "employee_turnover_rate", "40",
                f"With {fmt(employees)} employees (threshold {fmt(ctx.params.turnover_rate_threshold)}) the turnover rate "
                "is required: give it or the leavers and the employees at the start and end of the period.")
    if metric.computable:
        stated_vs_computed(ctx, disclosure, b8, "employee_turnover_rate", metric.value, "employee turnover rate", "40")

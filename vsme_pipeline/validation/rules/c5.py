"""C5 Additional workforce characteristics (paras 59-60), only from 50 employees.

In the 2026 delegated act the employee turnover rate moves here (para 58) [unconfirmed]; the data
stays in the B8 fields and the rule ``C5.turnover_rate`` of the ``dr-2026`` edition checks it.
"""

from vsme_pipeline.calculations import c5 as calc
from vsme_pipeline.validation.context import Context
from vsme_pipeline.validation.engine import Rule, rule
from vsme_pipeline.validation.rules._helpers import fmt, stated_vs_computed
from vsme_pipeline.validation.rules.b8 import check_turnover_rate_in

RULES: list[Rule] = []
D = "C5"


@rule("C5.threshold", "C5 applies from 50 employees; ratio consistent (paras 59-60)", RULES)
def check_c5(ctx: Context) -> None:
    if not ctx.module_present(D):
        return
    c5 = ctx.module(D)
    employees = ctx.employees()
    if employees is not None and employees < ctx.params.c5_employee_threshold:
        ctx.warning(D, c5.path(), "C5_BELOW_EMPLOYEE_THRESHOLD",
                    f"C5 applies to undertakings with {fmt(ctx.params.c5_employee_threshold)} or more employees "
                    f"(the report has {fmt(employees)}); the data is kept but is not required.", "59-60")
    metric = calc.female_to_male_management_ratio(c5.number("female_managers"), c5.number("male_managers"))
    if metric.computable:
        stated_vs_computed(ctx, D, c5, "female_to_male_ratio_management", metric.value, "female-to-male ratio", "59")


def check_turnover_rate_c5(ctx: Context) -> None:
    """dr-2026: the turnover rate is a C5 datapoint."""
    check_turnover_rate_in(ctx, D)


TURNOVER_RATE_RULE = Rule("C5.turnover_rate", D, "Employee turnover rate from 50 employees (dr-2026, C5 para 58)", check_turnover_rate_c5)

"""B6 Water (paras 35-36; guidance 142-158)."""

from decimal import Decimal

from vsme_pipeline.calculations import b6 as calc
from vsme_pipeline.validation.context import Context
from vsme_pipeline.validation.engine import Rule, rule
from vsme_pipeline.validation.findings import Severity
from vsme_pipeline.validation.rules._helpers import fmt, gate, not_greater, require, stated_vs_computed

RULES: list[Rule] = []
D = "B6"


@rule("B6.withdrawal", "Total withdrawal and withdrawal in high water-stress areas (para 35)", RULES)
def check_withdrawal(ctx: Context) -> None:
    b6 = ctx.module(D)
    require(ctx, D, b6, "total_water_withdrawal", "35")
    require(ctx, D, b6, "water_withdrawal_high_stress_areas", "35", "Enter 0 if no site is in an area of high water stress.")
    not_greater(ctx, D, b6.path("water_withdrawal_high_stress_areas"), b6.number("water_withdrawal_high_stress_areas"),
                b6.number("total_water_withdrawal"), "B6_HIGH_STRESS_EXCEEDS_TOTAL",
                "Withdrawal in high water-stress areas exceeds the total withdrawal", "35")


@rule("B6.consumption", "Consumption = withdrawal − discharge ≥ 0 for water-intensive processes (para 36)", RULES)
def check_consumption(ctx: Context) -> None:
    b6 = ctx.module(D)
    if not gate(ctx, D, b6, "has_water_intensive_processes", ["water_discharge", "water_consumption"], "36",
                "Do production processes significantly consume water?"):
        return
    require(ctx, D, b6, "water_discharge", "36", "Needed to calculate water consumption (withdrawal − discharge).")
    metric = calc.water_consumption(b6.number("total_water_withdrawal"), b6.number("water_discharge"))
    withdrawal, discharge = b6.number("total_water_withdrawal"), b6.number("water_discharge")
    if withdrawal is not None and discharge is not None and discharge > withdrawal:
        ctx.error(D, b6.path("water_discharge"), "B6_CONSUMPTION_NEGATIVE",
                  f"Water discharge ({fmt(discharge)} m³) exceeds withdrawal ({fmt(withdrawal)} m³): consumption cannot be negative.", "36")
    if metric.computable:
        stated_vs_computed(ctx, D, b6, "water_consumption", metric.value, "water consumption", "36",
                           relative_tolerance=Decimal("0.001"), severity=Severity.ERROR)
    elif not b6.present("water_consumption"):
        require(ctx, D, b6, "water_consumption", "36")

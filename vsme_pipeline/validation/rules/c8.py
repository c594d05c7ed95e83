"""C8 Revenues from certain sectors and exclusion from EU reference benchmarks (paras 63-64)."""

from decimal import Decimal

from vsme_pipeline.calculations import c8 as calc
from vsme_pipeline.validation.context import Context
from vsme_pipeline.validation.engine import Rule, rule
from vsme_pipeline.validation.rules._helpers import close, fmt, gate, not_greater, require, require_any, sum_check

RULES: list[Rule] = []
D = "C8"
REVENUES = ("revenue_controversial_weapons", "revenue_tobacco", "revenue_coal", "revenue_oil", "revenue_gas",
            "revenue_chemicals", "revenue_high_intensity_electricity_generation")


@rule("C8.revenues", "Sector revenues; fossil revenues = coal + oil + gas ≤ turnover (para 63)", RULES)
def check_revenues(ctx: Context) -> None:
    if not ctx.in_scope(D) or not ctx.module_present(D):
        return
    c8 = ctx.module(D)
    if gate(ctx, D, c8, "has_revenues_from_listed_sectors", list(REVENUES), "63",
            "Is the undertaking active in any of the sectors of para 63?"):
        require_any(ctx, D, c8, REVENUES, "C8_REVENUES_MISSING", "Give the revenues from the sectors the undertaking is active in.", "63")
    sum_check(ctx, D, c8, ["revenue_coal", "revenue_oil", "revenue_gas"], c8.number("revenue_fossil_fuels_total"),
              "the total fossil-fuel revenue", "C8_FOSSIL_TOTAL_MISMATCH", "coal, oil and gas revenues", "63(c)",
              relative=True, report_at="revenue_fossil_fuels_total")
    turnover = ctx.turnover()
    reference = c8.number("turnover_reference")
    if reference is not None and turnover is not None and not close(reference, turnover):
        ctx.warning(D, c8.path("turnover_reference"), "C8_TURNOVER_REFERENCE_DIFFERS",
                    f"The turnover used for C8 ({fmt(reference)}) differs from the B1 turnover ({fmt(turnover)}).", "64")
    limit = reference if reference is not None else turnover
    fossil = c8.number("revenue_fossil_fuels_total")
    if fossil is None:
        parts = [p for p in (c8.number(f) for f in ("revenue_coal", "revenue_oil", "revenue_gas")) if p is not None]
        fossil = sum(parts, Decimal(0)) if parts else None
    not_greater(ctx, D, c8.path("revenue_fossil_fuels_total"), fossil, limit, "C8_FOSSIL_REVENUE_EXCEEDS_TURNOVER",
                "Fossil-fuel revenues exceed the turnover", "63(c)")
    for field in REVENUES:
        not_greater(ctx, D, c8.path(field), c8.number(field), limit, "C8_REVENUE_EXCEEDS_TURNOVER",
                    f"{field.replace('_', ' ').capitalize()} exceeds the turnover", "63")


@rule("C8.benchmark", "Statement on exclusion from EU Paris-aligned benchmarks (para 64)", RULES)
def check_benchmark(ctx: Context) -> None:
    if ctx.option != "B" and D not in ctx.selected_comprehensive():
        return
    c8 = ctx.module(D)
    stated = c8.flag("excluded_from_eu_paris_aligned_benchmarks")
    reference = c8.number("turnover_reference")
    verdict = calc.benchmark_exclusion(
        reference if reference is not None else ctx.turnover(), c8.number("revenue_coal"), c8.number("revenue_oil"),
        c8.number("revenue_gas"), c8.number("revenue_high_intensity_electricity_generation"),
        c8.number("revenue_controversial_weapons"), c8.number("revenue_tobacco"),
        c8.flag("has_revenues_from_listed_sectors"),
    )[-1]
    if stated is None:
        if not verdict.computable:
            require(ctx, D, c8, "excluded_from_eu_paris_aligned_benchmarks", "64")
        return
    if verdict.computable and verdict.result is not stated:
        ctx.warning(D, c8.path("excluded_from_eu_paris_aligned_benchmarks"), "C8_BENCHMARK_EXCLUSION_MISMATCH",
                    f"The stated exclusion ({'yes' if stated else 'no'}) differs from the revenue test of Art. 12 of "
                    f"Delegated Regulation (EU) 2020/1818 ({'yes' if verdict.result else 'no'}).", "64")

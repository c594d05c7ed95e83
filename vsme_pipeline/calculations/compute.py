"""Compute every metric of a report: reads the document fields, calls the pure formulas.

This is the only place that knows both the stored field names (via :class:`DocView`) and the
formula functions; the formula modules themselves take Decimals and return :class:`Metric`.
"""

from decimal import Decimal
from typing import Any

from vsme_pipeline.calculations import b3, b6, b7, b8, b9, b10, c3, c5, c8, c9, size_class, template
from vsme_pipeline.calculations.access import DocView, as_document
from vsme_pipeline.calculations.metric import FORMULAS_VERSION, Metric, MetricSet
from vsme_pipeline.reference_data import EmissionFactorSet


def _first(*values: Decimal | None) -> Decimal | None:
    return next((v for v in values if v is not None), None)


def _b7(m: DocView) -> list[Metric]:
    haz, non = m.number("total_hazardous_waste_mass"), m.number("total_non_hazardous_waste_mass")
    total_metric = b7.total_waste(haz, non)
    stated_total = m.number("total_waste_mass")
    total = total_metric.value if total_metric.computable else stated_total
    return [total_metric, b7.diversion_rate(m.number("total_waste_diverted_mass"), total)]


def _b10(m: DocView, employees: Decimal | None, b8m: DocView) -> list[Metric]:
    out = [b10.gender_pay_gap(m.number("average_gross_hourly_pay_male"), m.number("average_gross_hourly_pay_female"))]
    out += b10.collective_bargaining_coverage(m.number("employees_covered_by_cba"), employees)
    groups = (
        ("male", "male_employees"),
        ("female", "female_employees"),
        ("other_gender", "other_gender_employees"),
    )
    for group, employees_field in groups:
        out.append(
            b10.training_hours_per_employee(
                f"b10.training_hours_per_{group}_employee", m.number(f"training_hours_{group}"), b8m.number(employees_field)
            )
        )
    hours = [m.number(f"training_hours_{g}") for g in ("male", "female", "other_gender", "not_reported_gender")]
    total_hours = sum((h for h in hours if h is not None), Decimal(0)) if any(h is not None for h in hours) else None
    out.append(b10.training_hours_per_employee("b10.training_hours_per_employee", total_hours, employees))
    return out


def _c3(m: DocView) -> list[Metric]:
    keys = {
        "scope1": "c3.scope1_target_reduction_percent",
        "scope2_location_based": "c3.scope2_location_target_reduction_percent",
        "scope2_market_based": "c3.scope2_market_target_reduction_percent",
        "scope3": "c3.scope3_target_reduction_percent",
    }
    out: list[Metric] = []
    for target in m.items("targets"):
        scope = target.value("scope")
        key = keys.get(scope) if isinstance(scope, str) else None
        if key is None:
            continue
        out.append(c3.target_reduction(key, target.number("base_year_value"), target.number("target_year_value"),
                                       base_year=target.value("base_year"), target_year=target.value("target_year")))
    return out


def compute_metrics(report: Any, company_profile: Any = None, factors: Any = None) -> MetricSet:
    """All calculated metrics of a report.

    ``report`` and ``company_profile``: the Beanie documents or dicts of the same shape.
    ``factors``: an :class:`EmissionFactorSet`, or the reference documents (list of dicts/models) to
    build one from; ``None`` means no factors (activity-based Scope 1/2 is then not computable).
    Never raises on malformed input: a metric that cannot be computed says why.
    """
    if not isinstance(factors, EmissionFactorSet):
        factors = EmissionFactorSet(factors or [])
    doc = DocView(as_document(report))
    company = DocView(as_document(company_profile))

    def mod(code: str) -> DocView:
        return doc.sub(f"modules.{code}")

    b1m, b3m, b8m = mod("b1"), mod("b3"), mod("b8")

    turnover = _first(b1m.number("turnover"), company.number("turnover"))
    employees = _first(b1m.number("number_of_employees"), company.number("number_of_employees"))
    balance = _first(b1m.number("balance_sheet_total"), company.number("balance_sheet_total"))
    country = b1m.value("primary_country") or company.value("primary_country")

    metrics: list[Metric] = [size_class.size_class(balance, turnover, employees)]
    metrics += b3.compute(b3m, factors, turnover, country)
    b6m = mod("b6")
    metrics.append(b6.water_consumption(b6m.number("total_water_withdrawal"), b6m.number("water_discharge")))
    metrics += _b7(mod("b7"))
    metrics.append(b8.employee_turnover_rate(b8m.number("employees_who_left"), b8m.number("employees_at_start_of_period"),
                                             b8m.number("employees_at_end_of_period")))
    b9m = mod("b9")
    metrics.append(b9.accident_rate(b9m.number("recordable_accidents"), b9m.number("hours_worked"), employees,
                                    b9m.number("hours_per_full_time_employee")))
    metrics += _b10(mod("b10"), employees, b8m)
    metrics += _c3(mod("c3"))
    c5m = mod("c5")
    metrics.append(c5.female_to_male_management_ratio(c5m.number("female_managers"), c5m.number("male_managers")))
    c8m = mod("c8")
    c8_turnover = _first(c8m.number("turnover_reference"), turnover)
    metrics.append(c8.fossil_revenue(c8m.number("revenue_coal"), c8m.number("revenue_oil"), c8m.number("revenue_gas")))
    metrics += c8.benchmark_exclusion(
        c8_turnover, c8m.number("revenue_coal"), c8m.number("revenue_oil"), c8m.number("revenue_gas"),
        c8m.number("revenue_high_intensity_electricity_generation"), c8m.number("revenue_controversial_weapons"),
        c8m.number("revenue_tobacco"), c8m.flag("has_revenues_from_listed_sectors"),
    )
    c9m = mod("c9")
    metrics.append(c9.board_gender_diversity_ratio(c9m.number("female_board_members"), c9m.number("male_board_members")))

    metrics += template.compute(doc, turnover, employees)

    result = MetricSet(formulas_version=FORMULAS_VERSION, factor_dataset_version=factors.dataset_version)
    for metric in metrics:
        result.add(metric)
    return result

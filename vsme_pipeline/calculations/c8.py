"""C8 Revenues from certain sectors and the EU Paris-aligned benchmark exclusion test (paras 63-64).

Guidance 241 refers to Art. 12(1)-(2) of Delegated Regulation (EU) 2020/1818; for an undertaking
reporting under VSME the revenue-based criteria (d)-(g) are tested: ≥ 1 % of revenue from hard coal
and lignite, ≥ 10 % from oil fuels, ≥ 50 % from gaseous fuels, ≥ 50 % from electricity generation
with an intensity above 100 gCO2e/kWh.  Criteria (a)-(c) (controversial weapons, tobacco, UNGC/OECD
violations) apply to Paris-aligned and climate-transition benchmarks alike (Art. 12(1)(a)-(c)); the
weapons and tobacco revenues are taken into account when reported.
"""

from decimal import Decimal

from vsme_pipeline.calculations._common import ratio
from vsme_pipeline.calculations.formulas import make
from vsme_pipeline.calculations.metric import Metric
from vsme_pipeline.calculations.units import HUNDRED

COAL_THRESHOLD = Decimal(1)
OIL_THRESHOLD = Decimal(10)
GAS_THRESHOLD = Decimal(50)
ELECTRICITY_THRESHOLD = Decimal(50)


def fossil_revenue(coal: Decimal | None, oil: Decimal | None, gas: Decimal | None) -> Metric:
    """Sum of coal, oil and gas revenues; a missing component counts as not reported (0 if others given)."""
    inputs = {"coal_revenue": coal, "oil_revenue": oil, "gas_revenue": gas}
    given = [v for v in (coal, oil, gas) if v is not None]
    if not given:
        return make("c8.fossil_fuel_revenue_eur", None, inputs, reason="no fossil-fuel revenue reported")
    if any(v < 0 for v in given):
        return make("c8.fossil_fuel_revenue_eur", None, inputs, reason="negative revenue")
    return make("c8.fossil_fuel_revenue_eur", sum(given, Decimal(0)), inputs)


def _share(key: str, revenue: Decimal | None, turnover: Decimal | None) -> Metric:
    return ratio(key, {"revenue": revenue, "turnover": turnover}, "revenue", "turnover", "turnover is zero", HUNDRED)


def benchmark_exclusion(
    turnover: Decimal | None,
    coal: Decimal | None,
    oil: Decimal | None,
    gas: Decimal | None,
    high_carbon_electricity: Decimal | None = None,
    controversial_weapons: Decimal | None = None,
    tobacco: Decimal | None = None,
    active_in_fossil_sector: bool | None = None,
) -> list[Metric]:
    """Revenue shares and the exclusion verdict.

    Missing sector revenues mean "not active in the sector" (para 13: omitted = not applicable);
    the verdict needs the turnover as the denominator only when some revenue is reported.
    """
    shares = [
        _share("c8.coal_revenue_share_percent", coal, turnover),
        _share("c8.oil_revenue_share_percent", oil, turnover),
        _share("c8.gas_revenue_share_percent", gas, turnover),
    ]
    inputs = {
        "turnover": turnover,
        "coal_revenue": coal,
        "oil_revenue": oil,
        "gas_revenue": gas,
        "high_carbon_electricity_revenue": high_carbon_electricity,
        "controversial_weapons_revenue": controversial_weapons,
        "tobacco_revenue": tobacco,
    }
    key = "c8.paris_aligned_benchmark_excluded"
    reported = {k: v for k, v in inputs.items() if k != "turnover" and v is not None}
    if any(v < 0 for v in reported.values()):
        return [*shares, make(key, None, inputs, reason="negative revenue")]
    reasons: list[str] = []
    if any(reported.get(k, 0) > 0 for k in ("controversial_weapons_revenue", "tobacco_revenue")):
        reasons.append("revenue from controversial weapons or tobacco (Art. 12(1)(a)-(b))")
    thresholds = (
        ("coal_revenue", COAL_THRESHOLD, "≥ 1 % of revenue from hard coal and lignite"),
        ("oil_revenue", OIL_THRESHOLD, "≥ 10 % of revenue from oil fuels"),
        ("gas_revenue", GAS_THRESHOLD, "≥ 50 % of revenue from gaseous fuels"),
        ("high_carbon_electricity_revenue", ELECTRICITY_THRESHOLD, "≥ 50 % of revenue from electricity generation > 100 gCO2e/kWh"),
    )
    needs_turnover = any(reported.get(name, 0) > 0 for name, _, _ in thresholds)
    if needs_turnover:
        if turnover is None or turnover <= 0:
            if reasons:  # already excluded whatever the turnover
                return [*shares, make(key, True, inputs, notes=reasons)]
            return [*shares, make(key, None, inputs, reason="turnover missing or zero: revenue shares cannot be tested")]
        for name, threshold, label in thresholds:
            value = reported.get(name)
            if value is not None and value / turnover * HUNDRED >= threshold:
                reasons.append(label)
    elif not reported and active_in_fossil_sector:
        return [*shares, make(key, None, inputs, reason="active in the fossil-fuel sector but no revenues reported")]
    return [*shares, make(key, bool(reasons), inputs, notes=reasons)]

"""Consistency rules between stored metrics (pure): totals equal the sum of their parts."""

from collections.abc import Iterable, Mapping
from typing import Any

TOTAL_RULES: dict[str, tuple[str, ...]] = {
    "b3.scope1_2_location_tco2e": ("b3.scope1_tco2e", "b3.scope2_location_tco2e"),
    "b3.scope1_2_market_tco2e": ("b3.scope1_tco2e", "b3.scope2_market_tco2e"),
    "b3.total_location_tco2e": ("b3.scope1_tco2e", "b3.scope2_location_tco2e", "b3.scope3_tco2e"),
    "b3.total_market_tco2e": ("b3.scope1_tco2e", "b3.scope2_market_tco2e", "b3.scope3_tco2e"),
}
PERCENT_KEYS = ("b3.renewable_share_percent",)
RELATIVE_TOLERANCE = 1e-9


def _values(metrics: Iterable[Mapping[str, Any]]) -> dict[str, float]:
    return {
        m["key"]: float(m["value"])
        for m in metrics
        if m.get("computable") and isinstance(m.get("value"), (int, float)) and not isinstance(m.get("value"), bool)
    }


def metric_inconsistencies(metrics: Iterable[Mapping[str, Any]]) -> list[str]:
    """Problems in one report's stored metrics: a total that is not the sum of its computable parts,
    a share outside 0-100 %. Rules whose inputs are not all computable are not applied."""
    values = _values(metrics)
    problems = []
    for total_key, parts in TOTAL_RULES.items():
        if total_key not in values or any(p not in values for p in parts):
            continue
        expected = sum(values[p] for p in parts)
        actual = values[total_key]
        if abs(actual - expected) > RELATIVE_TOLERANCE * max(1.0, abs(expected)):
            problems.append(f"{total_key} = {actual} but {' + '.join(parts)} = {expected}")
    for key in PERCENT_KEYS:
        if key in values and not 0 <= values[key] <= 100:
            problems.append(f"{key} = {values[key]} is outside 0-100")
    return problems

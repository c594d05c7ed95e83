"""Size class of the undertaking (VSME para 2; Directive 2013/34/EU Art. 3).

An undertaking belongs to a category when on its balance sheet date it does not exceed at least
two of the three thresholds.  Thresholds as amended by Delegated Directive (EU) 2023/2775 (financial
years from 1 January 2024).  Member States may raise the small thresholds up to EUR 7.5 m balance
sheet / EUR 15 m turnover: pass ``small_thresholds`` for such a country.
"""

from dataclasses import dataclass
from decimal import Decimal

from vsme_pipeline.calculations.formulas import make
from vsme_pipeline.calculations.metric import Metric


@dataclass(frozen=True)
class Thresholds:
    balance_sheet_eur: Decimal
    turnover_eur: Decimal
    employees: Decimal


MICRO = Thresholds(Decimal(450_000), Decimal(900_000), Decimal(10))
SMALL = Thresholds(Decimal(5_000_000), Decimal(10_000_000), Decimal(50))
MEDIUM = Thresholds(Decimal(25_000_000), Decimal(50_000_000), Decimal(250))
SMALL_MEMBER_STATE_MAXIMUM = Thresholds(Decimal(7_500_000), Decimal(15_000_000), Decimal(50))


def _within(values: tuple[Decimal | None, ...], limits: Thresholds) -> bool | None:
    """True/False if two of three criteria are decidable, None when the missing ones could tip it."""
    limits_t = (limits.balance_sheet_eur, limits.turnover_eur, limits.employees)
    not_exceeded = sum(1 for v, lim in zip(values, limits_t, strict=False) if v is not None and v <= lim)
    exceeded = sum(1 for v, lim in zip(values, limits_t, strict=False) if v is not None and v > lim)
    if not_exceeded >= 2:
        return True
    if exceeded >= 2:
        return False
    return None


def size_class(
    balance_sheet_eur: Decimal | None,
    turnover_eur: Decimal | None,
    employees: Decimal | None,
    small_thresholds: Thresholds = SMALL,
) -> Metric:
    """'micro', 'small', 'medium' or 'large'; not computable when the inputs cannot decide."""
    key = "general.size_class"
    values = (balance_sheet_eur, turnover_eur, employees)
    inputs = {"balance_sheet_eur": balance_sheet_eur, "turnover_eur": turnover_eur, "employees": employees}
    if any(v is not None and v < 0 for v in values):
        return make(key, None, inputs, reason="negative input")
    for label, limits in (("micro", MICRO), ("small", small_thresholds), ("medium", MEDIUM)):
        verdict = _within(values, limits)
        if verdict is True:
            return make(key, label, inputs)
        if verdict is None:
            return make(key, None, inputs, reason=f"two of balance sheet, turnover and employees are needed to test the {label} thresholds")
    return make(key, "large", inputs)

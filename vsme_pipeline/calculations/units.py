"""Units and exact Decimal conversions used by the calculations.

Every value that enters a formula goes through :func:`to_decimal`, which converts the floats
stored by the web app via ``Decimal(str(x))`` (so ``0.1`` stays ``0.1``) and rejects what is not a
finite number (``None``, booleans, NaN, infinities, non-numeric strings) by returning ``None``.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

# Canonical unit labels (XBRL UTR-like).
MWH = "MWh"
TJ = "TJ"
TCO2E = "tCO2e"
TCO2E_PER_EUR = "tCO2e/EUR"
M3 = "m3"
TONNE = "t"
PERCENT = "%"
RATIO = "ratio"
EUR = "EUR"
HOURS = "h"
HOURS_PER_EMPLOYEE = "h/employee"
ACCIDENTS_PER_200K_HOURS = "accidents per 200,000 h"
COUNT = "count"
BOOLEAN = "bool"
CLASS = "class"

# 1 MWh = 3.6 GJ, 1 TJ = 1000 GJ, so 1 TJ = 1000/3.6 MWh = 277.77… MWh (VSME guidance 87: 277.78).
MWH_PER_TJ = Decimal(1000) / Decimal("3.6")
HUNDRED = Decimal(100)

_ENERGY_TO_MWH: dict[str, Decimal] = {
    "wh": Decimal("0.000001"),
    "kwh": Decimal("0.001"),
    "mwh": Decimal(1),
    "gwh": Decimal(1000),
    "mj": Decimal(1) / Decimal(3600),
    "gj": Decimal(1) / Decimal("3.6"),
    "tj": MWH_PER_TJ,
}
_MASS_TO_TONNE: dict[str, Decimal] = {
    "g": Decimal("0.000001"),
    "kg": Decimal("0.001"),
    "t": Decimal(1),
    "tonne": Decimal(1),
    "tonnes": Decimal(1),
    "mg": Decimal(1),  # megagram (the EFRAG fuel table uses "Mg - Megagram")
    "gg": Decimal(1000),
}
_VOLUME_TO_M3: dict[str, Decimal] = {
    "l": Decimal("0.001"),
    "litre": Decimal("0.001"),
    "liter": Decimal("0.001"),
    "m3": Decimal(1),
    "m³": Decimal(1),
    "ml": Decimal(1000),  # megalitre
}

def to_decimal(value: Any) -> Decimal | None:
    """A finite Decimal for a number-like value, else None (never raises)."""
    if type(value) is float:  # what a stored number is: the general path below, without its tests
        result = Decimal(str(value))
        return result if result.is_finite() else None
    if value is None or isinstance(value, bool):
        return None
    try:
        if isinstance(value, Decimal):
            result = value
        elif isinstance(value, (int, float)):
            result = Decimal(str(value))
        elif isinstance(value, str) and value.strip():
            result = Decimal(value.strip().replace(",", "."))
        else:
            return None
    except (InvalidOperation, ValueError):
        return None
    return result if result.is_finite() else None


def _norm(unit: str | None) -> str:
    return (unit or "").strip().lower().replace(" ", "").replace("³", "3")


def unit_kind(unit: str | None) -> str | None:
    """'energy', 'mass', 'volume' or None for an unknown unit label."""
    u = _norm(unit)
    if u in _ENERGY_TO_MWH:
        return "energy"
    if u in _MASS_TO_TONNE:
        return "mass"
    if u in _VOLUME_TO_M3:
        return "volume"
    return None


def energy_to_mwh(value: Decimal, unit: str | None) -> Decimal | None:
    """Energy in MWh, or None if the unit is not an energy unit."""
    factor = _ENERGY_TO_MWH.get(_norm(unit))
    return None if factor is None else value * factor


def mass_to_tonnes(value: Decimal, unit: str | None) -> Decimal | None:
    factor = _MASS_TO_TONNE.get(_norm(unit))
    return None if factor is None else value * factor


def volume_to_m3(value: Decimal, unit: str | None) -> Decimal | None:
    factor = _VOLUME_TO_M3.get(_norm(unit))
    return None if factor is None else value * factor


def per_kwh_factor_to_t_per_mwh(value: Decimal, unit: str | None) -> Decimal | None:
    """Convert a grid factor (g/kWh, kg/kWh, t/MWh, kg/MWh) to tCO2e per MWh.

    g/kWh equals kg/MWh; 73 gCO2e/kWh = 0.073 tCO2e/MWh.
    """
    u = _norm(unit).replace("eq", "e").replace("co2ee", "co2e").replace("co2e", "").replace("co2", "")
    factors = {
        "g/kwh": Decimal("0.001"),
        "kg/mwh": Decimal("0.001"),
        "kg/kwh": Decimal(1),
        "t/mwh": Decimal(1),
    }
    factor = factors.get(u)
    return None if factor is None else value * factor


def per_energy_factor_to_t_per_tj(value: Decimal, unit: str | None) -> Decimal | None:
    """Convert a fuel factor (tCO2e/TJ, kgCO2e/TJ, kgCO2e/GJ, tCO2e/MWh, kgCO2e/kWh) to tCO2e per TJ."""
    u = _norm(unit).replace("eq", "e").replace("co2ee", "co2e").replace("co2e", "").replace("co2", "")
    factors = {
        "t/tj": Decimal(1),
        "kg/tj": Decimal("0.001"),
        "kg/gj": Decimal(1),
        "t/mwh": MWH_PER_TJ,
        "kg/kwh": MWH_PER_TJ,
        "kg/mwh": MWH_PER_TJ / 1000,
    }
    factor = factors.get(u)
    return None if factor is None else value * factor

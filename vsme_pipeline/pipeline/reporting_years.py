"""Which stored ``reportingYear`` values are years (pure: values and query filters, no I/O).

Only a number is a reporting year: an int (int32/int64) or an integral double (``2024.0``, as a
JavaScript writer stores it) between :data:`FIRST_YEAR` and :data:`LAST_YEAR`. Anything else (the
text ``"2024"``, ``Decimal128("2024")``, ``[2024]``, ``2024.5``, ``true``, ``null``, a missing
field) is **misfiled**: the report belongs to no year, is never merged into the year it reads as,
and is named by id and field (``vsme run``'s summary lists every one; the validation stage of the
year it reads as names it too).

MongoDB compares numbers across types and matches arrays by their elements, so
``{"reportingYear": 2024}`` alone also matches ``Decimal128("2024")`` and ``[2024]``:
:func:`year_filter` restricts the match to the numeric types and excludes arrays.
"""

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from bson import Decimal128

from vsme_pipeline.pipeline.record_guards import record_id, shown

__all__ = ["FIRST_YEAR", "LAST_YEAR", "MISFILED_FILTER", "NUMERIC_TYPES", "misfiled_message", "misfiled_reading_as",
           "reads_as_year", "reporting_year_key", "year_filter"]

FIRST_YEAR, LAST_YEAR = 1900, 2999
NUMERIC_TYPES = ["int", "long", "double"]

MISFILED_FILTER: dict[str, Any] = {"$or": [
    {"reportingYear": {"$not": {"$type": NUMERIC_TYPES}}},  # text, decimal, null, bool, object, missing
    {"reportingYear": {"$type": "array"}},  # $type matches an array by its elements: [2024] is no year
    {"reportingYear": {"$lt": FIRST_YEAR}},
    {"reportingYear": {"$gt": LAST_YEAR}},
    {"$expr": {"$and": [{"$eq": [{"$type": "$reportingYear"}, "double"]},
                        {"$ne": ["$reportingYear", {"$trunc": ["$reportingYear"]}]}]}},  # 2024.5
]}
"""Reports whose ``reportingYear`` is no numeric year."""


def reporting_year_key(value: Any) -> str | None:
    """The partition key of a stored ``reportingYear`` (``"2024"`` for ``2024`` or ``2024.0``);
    ``None`` for anything that is not a numeric year (a digit string included: never merged)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and FIRST_YEAR <= value <= LAST_YEAR:
        return str(value)
    return None


def year_filter(year: int) -> dict[str, Any]:
    """The reports of ``year``: stored as a number equal to it, not in an array, no decimal."""
    return {"$and": [{"reportingYear": year}, {"reportingYear": {"$type": NUMERIC_TYPES}},
                     {"reportingYear": {"$not": {"$type": "array"}}}]}


def reads_as_year(value: Any) -> int | None:
    """The year a misfiled value reads as (``"2024"``, ``" 2024 "``, ``Decimal128("2024")``,
    ``[2024]``), for naming it in that year's validation; ``None`` when it reads as none."""
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal128):
        value = value.to_decimal()
    if isinstance(value, str):
        try:
            value = Decimal(value.strip())
        except InvalidOperation:
            return None
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value if isinstance(value, int) and FIRST_YEAR <= value <= LAST_YEAR else None


def misfiled_reading_as(year: int) -> dict[str, Any]:
    """Misfiled reports that read as ``year`` (its text, padded or with ``.0``, a decimal or an
    array holding it); the stage checks each with :func:`reads_as_year`."""
    text = {"$regex": rf"^\s*{year}(\.0*)?\s*$"}
    return {"$and": [MISFILED_FILTER, {"$or": [{"reportingYear": year}, {"reportingYear": text}]}]}


def misfiled_message(doc: Mapping[str, Any]) -> str:
    """One line naming a misfiled report by id and field, showing the stored value."""
    stored = shown(doc["reportingYear"]) if "reportingYear" in doc else "nothing (the field is missing)"
    reads = reads_as_year(doc.get("reportingYear"))
    hint = f" (reads as {reads}; not merged into it)" if reads is not None else ""
    return (f"report {record_id(doc.get('_id'))}: field reportingYear: stored {stored} where a numeric year belongs"
            f"{hint}; not validated in any year until it is stored as a number")

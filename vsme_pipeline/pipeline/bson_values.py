"""Turn computed Python values into what MongoDB stores (pure).

Numbers are floats (never Decimal128, per the conventions), enums their values, dates midnight UTC
datetimes, tuples and sets lists; mapping keys are strings without dots (MongoDB field names).
"""

from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from bson import ObjectId
from pydantic import BaseModel

_AS_IS: frozenset[type] = frozenset({str, int, float, bool, type(None), ObjectId})
"""Exact types stored as they are (their subclasses take the general path)."""


def to_bson(value: Any) -> Any:
    """A copy of ``value`` that BSON can encode as the conventions want."""
    kind = type(value)
    if kind in _AS_IS:
        return value
    if kind is dict:
        return {
            (key if type(key) is str and "." not in key else str(key).replace(".", "_")):
            (item if type(item) in _AS_IS else to_bson(item))
            for key, item in value.items()
        }
    if kind is list:
        return [item if type(item) in _AS_IS else to_bson(item) for item in value]
    if kind is Decimal:
        return float(value)
    return _general(value)


def _general(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str, ObjectId)):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Enum):
        return to_bson(value.value)
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=UTC)
    if isinstance(value, BaseModel):
        return to_bson(value.model_dump(by_alias=True))
    if isinstance(value, Mapping):
        return {str(k).replace(".", "_"): to_bson(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_bson(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((to_bson(v) for v in value), key=repr)
    return str(value)

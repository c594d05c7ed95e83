"""Canonical serialisation and content hashes (pure, no I/O).

A content hash is the sha256 of a canonical JSON serialisation in which:

- object keys are sorted, separators are compact, text is UTF-8 (``ensure_ascii=False``);
- ``ObjectId`` becomes ``{"$oid": "..."}``, ``Decimal``/``Decimal128`` ``{"$decimal": "..."}``,
  bytes ``{"$binary": base64}``;
- datetimes are UTC ISO-8601 with millisecond precision (MongoDB's), naive ones taken as UTC;
  dates ISO-8601;
- integral floats within 2**53 are written as integers (``1.0`` and ``1`` hash alike, as in
  RFC 8785), other floats with ``repr``; NaN and infinities (which MongoDB stores) become
  Extended JSON ``{"$numberDouble": "NaN" | "Infinity" | "-Infinity"}``, so a hostile document
  still has a hash (its validation reports the value);
- enums become their value, pydantic models their by-alias dump, sets sorted lists.

So a document hashes the same before it is written and after it is read back from MongoDB.
"""

import base64
import hashlib
import json
import math
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID

from bson import Decimal128, ObjectId
from pydantic import BaseModel

_MAX_SAFE_INTEGER = 2**53


class CanonicalisationError(ValueError):
    """A value that has no canonical form (NaN, infinity, an unknown type); names the path."""


def _datetime(value: datetime) -> str:
    value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    value = value.replace(microsecond=(value.microsecond // 1000) * 1000)
    return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def canonical(value: Any, path: str = "$") -> Any:
    """Return a JSON-compatible, normalised copy of ``value`` (see the module docstring)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return {"$numberDouble": "NaN"}
        if math.isinf(value):
            return {"$numberDouble": "Infinity" if value > 0 else "-Infinity"}
        if value.is_integer() and abs(value) < _MAX_SAFE_INTEGER:
            return int(value)
        return value
    if isinstance(value, Enum):
        return canonical(value.value, path)
    if isinstance(value, ObjectId):
        return {"$oid": str(value)}
    if isinstance(value, datetime):
        return _datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal128):
        value = value.to_decimal()
    if isinstance(value, Decimal):
        if not value.is_finite():
            return {"$decimal": str(value)}
        return {"$decimal": format(value.normalize(), "f")}
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, (bytes, bytearray)):
        return {"$binary": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, BaseModel):
        return canonical(value.model_dump(by_alias=True), path)
    if isinstance(value, Mapping):
        return {str(k): canonical(v, f"{path}.{k}") for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [canonical(v, f"{path}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, (set, frozenset)):
        items = [canonical(v, f"{path}[]") for v in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    raise CanonicalisationError(f"{path}: values of type {type(value).__name__} have no canonical form")


def canonical_json(value: Any) -> str:
    """The canonical JSON text of ``value``."""
    return json.dumps(canonical(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def content_hash(value: Any) -> str:
    """``sha256:<hex>`` of the canonical JSON of ``value``."""
    return "sha256:" + hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()


def without_keys(document: Mapping[str, Any], *paths: str) -> dict[str, Any]:
    """A copy of ``document`` without the given dotted paths (``"metadata.updatedAt"``)."""
    result = dict(document)
    for path in paths:
        head, _, rest = path.partition(".")
        if head not in result:
            continue
        if rest:
            inner = result[head]
            if isinstance(inner, Mapping):
                result[head] = without_keys(inner, rest)
        else:
            del result[head]
    return result

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

:func:`canonical` is the definition (it names the path of a value that has no canonical form);
:func:`canonical_json` and :func:`content_hash` use :func:`_fast`, which gives the same result
without building a path per value, by dispatching on the exact type of the plain values a
document read from MongoDB consists of, and by writing the JSON with ``msgspec`` (sorted keys,
compact, UTF-8; numbers as Python writes them); ``tests/pipeline/test_hashing_equivalence.py``
holds the text equal to ``json.dumps`` of :func:`canonical` on generated documents. On a value without canonical form it falls back to
:func:`canonical`, whose error names the path.
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

import msgspec
from bson import Decimal128, ObjectId
from msgspec import Raw
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


_PLAIN: frozenset[type] = frozenset({str, bool, type(None)})
"""Exact types that are their own canonical form and JSON text (subclasses take the full path)."""

_INFINITY = math.inf
_MAX_NATIVE_INTEGER = 2**63
"""msgspec writes integers below this as Python does; larger ones are written as raw text."""


class _NoCanonicalForm(Exception):
    """Raised by :func:`_fast`; :func:`canonical` is then run to name the path."""


def _fast(value: Any) -> Any:
    """:func:`canonical` without paths, the exact plain types first, ready for ``msgspec``.

    Non-integral floats (and integers beyond 64 bits) become ``msgspec.Raw`` of Python's own JSON
    text (``float.__repr__``, ``int.__repr__``, as ``json.dumps`` writes them), so the text is the
    one the definition gives."""
    kind = type(value)
    if kind is dict:
        return {
            (key if type(key) is str else str(key)): (item if type(item) in _PLAIN else _fast(item))
            for key, item in value.items()
        }
    if kind is list:
        return [item if type(item) in _PLAIN else _fast(item) for item in value]
    if kind is float:
        if value != value:
            return {"$numberDouble": "NaN"}
        if value == _INFINITY or value == -_INFINITY:
            return {"$numberDouble": "Infinity" if value > 0 else "-Infinity"}
        if value.is_integer() and abs(value) < _MAX_SAFE_INTEGER:
            return int(value)
        return Raw(float.__repr__(value).encode("ascii"))
    if kind is int:
        return value if -_MAX_NATIVE_INTEGER <= value < _MAX_NATIVE_INTEGER else Raw(int.__repr__(value).encode("ascii"))
    if kind in _PLAIN:
        return value
    if kind is datetime:
        return _datetime(value)
    if kind is ObjectId:
        return {"$oid": str(value)}
    return _other(value)


def _other(value: Any) -> Any:
    """The remaining cases of :func:`canonical`, in its order, recursing through :func:`_fast`."""
    if value is None or isinstance(value, (bool, str, int, float, datetime, ObjectId)):
        # subclasses of the plain types (enums of str or int, …): their canonical scalar, written
        # as json.dumps writes it
        return Raw(_REFERENCE_ENCODER.encode(canonical(value)).encode("utf-8"))
    if isinstance(value, Enum):
        return _fast(value.value)
    if isinstance(value, (date, Decimal128, Decimal, UUID, bytes, bytearray)):
        return canonical(value)
    if isinstance(value, BaseModel):
        return _fast(value.model_dump(by_alias=True))
    if isinstance(value, Mapping):
        return {str(k): _fast(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_fast(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return Raw(_REFERENCE_ENCODER.encode(canonical(value)).encode("utf-8"))
    raise _NoCanonicalForm


_REFERENCE_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
_ENCODER = msgspec.json.Encoder(order="sorted")


def _canonical_bytes(value: Any) -> bytes:
    """UTF-8 canonical JSON of ``value``: msgspec over :func:`_fast`, else the definition."""
    try:
        return _ENCODER.encode(_fast(value))
    except _NoCanonicalForm:
        canonical(value)  # raises CanonicalisationError naming the path
        raise  # pragma: no cover - canonical() and _fast() disagree on what has a canonical form
    except (TypeError, ValueError, OverflowError):  # pragma: no cover - a type msgspec cannot write
        return _REFERENCE_ENCODER.encode(canonical(value)).encode("utf-8")


def canonical_json(value: Any) -> str:
    """The canonical JSON text of ``value``."""
    try:
        return _canonical_bytes(value).decode("utf-8")
    except UnicodeError:  # a lone surrogate: UTF-8 cannot carry it, the text as json.dumps writes it
        return _REFERENCE_ENCODER.encode(canonical(value))


def content_hash(value: Any) -> str:
    """``sha256:<hex>`` of the canonical JSON of ``value`` (UTF-8)."""
    return "sha256:" + hashlib.sha256(_canonical_bytes(value)).hexdigest()


def canonical_bytes(value: Any) -> bytes:
    """The canonical JSON of ``value`` as UTF-8 (what :func:`content_hash` hashes)."""
    return _canonical_bytes(value)


def content_hash_of_parts(parts: Mapping[str, bytes]) -> str:
    """:func:`content_hash` of the mapping ``{key: value}`` given ``canonical_bytes(value)`` per
    text key: a large part hashed once (a report) can be reused in the hash of what holds it (its
    snapshot) without being serialised again. Equal to ``content_hash`` of the mapping."""
    body = b",".join(_ENCODER.encode(key) + b":" + parts[key] for key in sorted(parts))
    return "sha256:" + hashlib.sha256(b"{" + body + b"}").hexdigest()


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

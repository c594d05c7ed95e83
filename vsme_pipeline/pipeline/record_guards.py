"""Per-record guards: what in one stored document no stage may take at face value (pure).

Each guard returns ``(path, message)`` pairs naming the field (dotted path, ``[i]`` for array
items) and showing the stored value (:func:`shown`), so a stage can report the record by id and
field path and go on with the rest of its batch.

- :func:`hostile_values`: NaN and ±Infinity (which MongoDB stores and Atlas returns), keys with
  ``$`` or ``.``, nesting deeper than :data:`MAX_DEPTH`, arrays longer than :data:`MAX_ARRAY`;
- :func:`coercions`: a string (or boolean) stored where the model holds a number (the model's lax
  parsing would convert ``"1368"`` to ``1368.0`` in silence), or anything but a BSON date where
  it holds a date (``"2024-01-01"``);
- :func:`object_id_problem`: an id that is not an ObjectId.
"""

import math
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from bson import Decimal128, ObjectId

MAX_DEPTH = 24
"""Deepest nesting a report or company may have (the deepest schema path is below 10)."""

MAX_ARRAY = 5_000
"""Longest array a field may hold (a module table has at most a few hundred rows)."""

Problem = tuple[str, str]


def shown(value: Any, limit: int = 60) -> str:
    """The stored value as a finding shows it: its BSON-ish type and a truncated repr."""
    text = repr(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"{text} ({type(value).__name__})"


def _join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


def _not_finite(value: Any) -> bool:
    if isinstance(value, float):
        return math.isnan(value) or math.isinf(value)
    if isinstance(value, Decimal128):
        value = value.to_decimal()
    if isinstance(value, Decimal):
        return not value.is_finite()
    return False


def hostile_values(document: Any, *, max_depth: int = MAX_DEPTH, max_array: int = MAX_ARRAY, limit: int = 20) -> list[Problem]:
    """Values no stage can take at face value (iterative: deep nesting cannot overflow the stack)."""
    problems: list[Problem] = []
    stack: list[tuple[str, Any, int]] = [("", document, 0)]
    while stack and len(problems) < limit:
        path, value, depth = stack.pop()
        if _not_finite(value):
            problems.append((path, f"{shown(value)} is not a finite number"))
        elif isinstance(value, Mapping) or isinstance(value, list):
            if depth >= max_depth:
                problems.append((path, f"nested deeper than {max_depth} levels"))
                continue
            if isinstance(value, list):
                if len(value) > max_array:
                    problems.append((path, f"array of {len(value)} items (at most {max_array})"))
                    continue
                stack.extend((f"{path}[{i}]", item, depth + 1) for i, item in reversed(list(enumerate(value))))
            else:
                for key in reversed(list(value)):
                    if not isinstance(key, str) or key.startswith("$") or "." in key:
                        problems.append((_join(path, key), f"field name {key!r} (a MongoDB field name has no leading $ and no dot)"))
                        continue
                    stack.append((_join(path, key), value[key], depth + 1))
    return problems


def coercions(stored: Any, parsed: Any, path: str = "", limit: int = 20) -> list[Problem]:
    """Paths where ``stored`` (the raw document) holds a string or boolean and ``parsed`` (the
    model's by-alias dump of it) a number: a conversion the model made in silence."""
    problems: list[Problem] = []
    stack: list[tuple[str, Any, Any]] = [(path, stored, parsed)]
    while stack and len(problems) < limit:
        where, raw, value = stack.pop()
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if isinstance(raw, (str, bool)):
                problems.append((where, f"stored {shown(raw)} where a number belongs; not converted"))
        elif isinstance(value, (datetime, date)):
            if not isinstance(raw, (datetime, date)):  # "2024-01-01" or a number read as a date
                problems.append((where, f"stored {shown(raw)} where a date belongs; not converted"))
        elif isinstance(value, Mapping) and isinstance(raw, Mapping):
            stack.extend((_join(where, k), raw[k], value[k]) for k in value if k in raw)
        elif isinstance(value, (list, tuple)) and isinstance(raw, list):
            stack.extend((f"{where}[{i}]", r, v) for i, (r, v) in enumerate(zip(raw, value, strict=False)))
    return problems


def object_id_problem(value: Any, path: str) -> Problem | None:
    """``(path, message)`` when ``value`` is not an ObjectId."""
    if isinstance(value, ObjectId):
        return None
    return (path, f"stored {shown(value)} where an ObjectId belongs")


def record_id(value: Any) -> str:
    """A record id as messages show it (ObjectId hex, anything else by repr, truncated)."""
    return str(value) if isinstance(value, ObjectId) else shown(value, 40)

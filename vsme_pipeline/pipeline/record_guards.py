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


_SAFE_LEAVES: frozenset[type] = frozenset({str, int, bool, type(None)})
"""Exact types of values no guard can object to (the bulk of a stored document's leaves)."""

_Where = tuple[Any, Any, bool] | None
"""A path built only when a problem names it: ``(parent, key, is_index)``, ``None`` the root."""


def _path(where: _Where, root: str = "") -> str:
    segments: list[tuple[Any, bool]] = []
    while where is not None:
        where, key, is_index = where
        segments.append((key, is_index))
    path = root
    for key, is_index in reversed(segments):
        path = f"{path}[{key}]" if is_index else _join(path, key)
    return path


def _may_be_hostile(value: Any) -> bool:
    """False for a value :func:`hostile_values` passes over without a problem (a plain string,
    integer, boolean, None or finite float); True for anything it must look at."""
    kind = type(value)
    if kind in _SAFE_LEAVES:
        return False
    if kind is float:
        return value != value or value in (math.inf, -math.inf)
    return True


def _plain_key(key: Any) -> bool:
    return type(key) is str and not key.startswith("$") and "." not in key


def _key_problems(mapping: Mapping[Any, Any], where: _Where, stack: list[tuple[_Where, Any, int]], depth: int,
                  problems: list[Problem]) -> None:
    """The keys of ``mapping`` one by one, last first: a problem for each unusable one (in that
    order), its other values onto ``stack`` (so they are visited in document order)."""
    for key in reversed(list(mapping)):
        if not _plain_key(key) and (not isinstance(key, str) or key.startswith("$") or "." in key):
            problems.append((_path((where, key, False)),
                             f"field name {key!r} (a MongoDB field name has no leading $ and no dot)"))
            continue
        item = mapping[key]
        if _may_be_hostile(item):
            stack.append(((where, key, False), item, depth))


def _plain_keys(mapping: Mapping[Any, Any]) -> bool:
    """True when every key of ``mapping`` is text without ``$`` or ``.`` (checked on their
    concatenation, one C call; False also for some usable keys, which the caller then checks one
    by one)."""
    try:
        joined = "".join(mapping)
    except TypeError:  # a key that is not text
        return False
    return "$" not in joined and "." not in joined


def hostile_values(document: Any, *, max_depth: int = MAX_DEPTH, max_array: int = MAX_ARRAY, limit: int = 20) -> list[Problem]:
    """Values no stage can take at face value (iterative: deep nesting cannot overflow the stack).

    Depth first in document order (a mapping's unusable keys named, last first, when it is
    visited); values that cannot be a problem (plain strings, integers, booleans, None, finite
    floats) are not visited, a mapping whose keys are all plain is not checked key by key, and a
    path is only built for a problem."""
    problems: list[Problem] = []
    stack: list[tuple[_Where, Any, int]] = [(None, document, 0)]
    while stack and len(problems) < limit:
        where, value, depth = stack.pop()
        kind = type(value)
        if kind is not dict and kind is not list:
            if _not_finite(value):
                problems.append((_path(where), f"{shown(value)} is not a finite number"))
                continue
            if not isinstance(value, (Mapping, list)):
                continue
        if depth >= max_depth:
            problems.append((_path(where), f"nested deeper than {max_depth} levels"))
            continue
        child = depth + 1
        last = child >= max_depth  # an empty list or mapping is a problem only this deep
        if kind is list or (kind is not dict and isinstance(value, list)):
            if len(value) > max_array:
                problems.append((_path(where), f"array of {len(value)} items (at most {max_array})"))
                continue
            found = [((where, index, True), item, child) for index, item in enumerate(value)
                     if (t := type(item)) not in _SAFE_LEAVES and (t is not float or item - item)
                     and (item or last or (t is not list and t is not dict))]
        elif _plain_keys(value):
            found = [((where, key, False), item, child) for key, item in value.items()
                     if (t := type(item)) not in _SAFE_LEAVES and (t is not float or item - item)
                     and (item or last or (t is not list and t is not dict))]
        else:
            _key_problems(value, where, stack, child, problems)
            continue
        if found:  # pushed last first: visited in document order
            found.reverse()
            stack += found
    return problems


_NEVER_CONVERTED: frozenset[type] = frozenset({str, bool, type(None)})
"""Exact types of a parsed value that is neither a number nor a container."""


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _coercion_candidate(raw: Any, value: Any) -> bool:
    """Whether the pair ``(raw, value)`` is a conversion or a pair of containers to descend into
    (the checks of :func:`coercions`, in its order)."""
    if _number(value):
        return isinstance(raw, (str, bool))
    if isinstance(value, (datetime, date)):
        return not isinstance(raw, (datetime, date))
    if isinstance(value, Mapping):
        return isinstance(raw, Mapping)
    return isinstance(value, (list, tuple)) and isinstance(raw, list)


_INERT: dict[type, bool] = {str: True, bool: True, type(None): True, int: False, float: False, datetime: False,
                            date: False, dict: False, list: False}
"""Per exact type of a parsed value: True when such a value is neither a number, a date, a mapping
nor a list or tuple (a text enum, an ObjectId, …), so no stored value beside it is a conversion;
filled in as types are met."""

_PLAIN_NUMBERS: frozenset[type] = frozenset({int, float})
_PLAIN_DATES: frozenset[type] = frozenset({datetime, date})

_ABSENT = object()


def _inert(kind: type) -> bool:
    known = _INERT.get(kind)
    if known is None:
        known = _INERT[kind] = kind is bool or not issubclass(kind, (int, float, date, Mapping, list, tuple))
    return known


def _visited(kind: type, raw: Any, value: Any) -> bool:
    """:func:`_coercion_candidate` of ``(raw, value)`` (``kind``: the exact type of ``value``),
    decided on the exact types where these suffice."""
    raw_kind = type(raw)
    if kind is raw_kind and (kind is dict or kind is list):
        return True
    if _inert(kind):
        return False
    if (kind in _PLAIN_NUMBERS and raw_kind in _PLAIN_NUMBERS) or (kind in _PLAIN_DATES and raw_kind in _PLAIN_DATES):
        return False
    return _coercion_candidate(raw, value)


def coercions(stored: Any, parsed: Any, path: str = "", limit: int = 20) -> list[Problem]:
    """Paths where ``stored`` (the raw document) holds a string or boolean and ``parsed`` (the
    model's by-alias dump of it) a number: a conversion the model made in silence.

    Pairs that can be neither (a plain string, None, a number stored as a number, …) are not
    visited (decided on their exact types where these suffice), and a path is only built for a
    problem."""
    problems: list[Problem] = []
    stack: list[tuple[_Where, Any, Any]] = [(None, stored, parsed)]
    while stack and len(problems) < limit:
        where, raw, value = stack.pop()
        kind = type(value)
        if kind is dict and type(raw) is dict:
            stack.extend([((where, key, False), raw_item, item) for key, item in value.items()
                          if (t := type(item)) not in _NEVER_CONVERTED
                          and (raw_item := raw.get(key, _ABSENT)) is not _ABSENT and _visited(t, raw_item, item)])
        elif kind is list and type(raw) is list:
            stack.extend([((where, index, True), raw_item, item)
                          for index, (raw_item, item) in enumerate(zip(raw, value, strict=False))
                          if _visited(type(item), raw_item, item)])
        elif _number(value):
            if isinstance(raw, (str, bool)):
                problems.append((_path(where, path), f"stored {shown(raw)} where a number belongs; not converted"))
        elif isinstance(value, (datetime, date)):
            if not isinstance(raw, (datetime, date)):  # "2024-01-01" or a number read as a date
                problems.append((_path(where, path), f"stored {shown(raw)} where a date belongs; not converted"))
        elif isinstance(value, Mapping) and isinstance(raw, Mapping):
            for key in value:
                if key in raw:
                    raw_item, item = raw[key], value[key]
                    if type(item) not in _NEVER_CONVERTED and _coercion_candidate(raw_item, item):
                        stack.append(((where, key, False), raw_item, item))
        elif isinstance(value, (list, tuple)) and isinstance(raw, list):
            for index, (raw_item, item) in enumerate(zip(raw, value, strict=False)):
                if _coercion_candidate(raw_item, item):
                    stack.append(((where, index, True), raw_item, item))
    return problems


def object_id_problem(value: Any, path: str) -> Problem | None:
    """``(path, message)`` when ``value`` is not an ObjectId."""
    if isinstance(value, ObjectId):
        return None
    return (path, f"stored {shown(value)} where an ObjectId belongs")


def record_id(value: Any) -> str:
    """A record id as messages show it (ObjectId hex, anything else by repr, truncated)."""
    return str(value) if isinstance(value, ObjectId) else shown(value, 40)

"""The record guards and ``to_bson`` equal their first (reference) implementations.

``hostile_values``, ``coercions`` and ``to_bson`` skip the plain leaves that cannot matter and
build a field path only for a problem; the reference implementations below are the originals
(commit 0bb1997), kept here verbatim (plus the later check of dates stored as text), and both are run on generated documents holding every kind
of problem the guards name (NaN/±Infinity as floats, Decimal and Decimal128, ``$``/dotted and
non-string keys, deep nesting, long arrays, strings where numbers belong) so that the problems,
their order and their paths are the same.
"""

import math
from collections import OrderedDict
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import Enum, IntEnum, StrEnum
from typing import Any

import pytest
from bson import Decimal128, ObjectId
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from vsme_pipeline.pipeline.bson_values import to_bson
from vsme_pipeline.pipeline.record_guards import MAX_ARRAY, MAX_DEPTH, coercions, hostile_values, shown

Problem = tuple[str, str]


# --- reference implementations (verbatim from commit 0bb1997) --------------------------------
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


def reference_hostile_values(document: Any, *, max_depth: int = MAX_DEPTH, max_array: int = MAX_ARRAY, limit: int = 20) -> list[Problem]:
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


def reference_coercions(stored: Any, parsed: Any, path: str = "", limit: int = 20) -> list[Problem]:
    """Paths where ``stored`` (the raw document) holds a string or boolean and ``parsed`` (the
    model's by-alias dump of it) a number: a conversion the model made in silence."""
    problems: list[Problem] = []
    stack: list[tuple[str, Any, Any]] = [(path, stored, parsed)]
    while stack and len(problems) < limit:
        where, raw, value = stack.pop()
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if isinstance(raw, (str, bool)):
                problems.append((where, f"stored {shown(raw)} where a number belongs; not converted"))
        elif isinstance(value, (datetime, date)):  # added after 0bb1997: a date stored as text
            if not isinstance(raw, (datetime, date)):
                problems.append((where, f"stored {shown(raw)} where a date belongs; not converted"))
        elif isinstance(value, Mapping) and isinstance(raw, Mapping):
            stack.extend((_join(where, k), raw[k], value[k]) for k in value if k in raw)
        elif isinstance(value, (list, tuple)) and isinstance(raw, list):
            stack.extend((f"{where}[{i}]", r, v) for i, (r, v) in enumerate(zip(raw, value, strict=False)))
    return problems


def reference_to_bson(value: Any) -> Any:
    """A copy of ``value`` that BSON can encode as the conventions want."""
    if value is None or isinstance(value, (bool, int, float, str, ObjectId)):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Enum):
        return reference_to_bson(value.value)
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=UTC)
    if isinstance(value, BaseModel):
        return reference_to_bson(value.model_dump(by_alias=True))
    if isinstance(value, Mapping):
        return {str(k).replace(".", "_"): reference_to_bson(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [reference_to_bson(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((reference_to_bson(v) for v in value), key=repr)
    return str(value)


# --- generated documents -----------------------------------------------------------------------
class Colour(Enum):
    RED = "red"


class Level(StrEnum):
    HIGH = "high"


class Rank(IntEnum):
    FIRST = 1


class Row(BaseModel):
    amount: float = 1.5
    when: date = date(2024, 1, 1)


floats = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([math.nan, math.inf, -math.inf, 0.0, 2.5])
scalars = (
    st.none() | st.booleans() | st.integers(-10, 10**20) | floats | st.text(max_size=5)
    | st.sampled_from(["1368", "12.5", "yes", "", True, False])
    | st.decimals(allow_nan=True, allow_infinity=True, places=2)
    | st.sampled_from([Decimal128("NaN"), Decimal128("Infinity"), Decimal128("1.5")])
    | st.datetimes() | st.dates() | st.just(ObjectId("65a000000000000000000001"))
    | st.sampled_from([Colour.RED, Level.HIGH, Rank.FIRST, Row()]) | st.tuples(st.integers(), st.text(max_size=2))
)
keys = st.text(max_size=4) | st.sampled_from(["$set", "a.b", "$", ".", "ok"]) | st.integers(-2, 2)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(keys, inner, max_size=5)
        | st.dictionaries(st.text(max_size=3), inner, max_size=3).map(OrderedDict)
        | st.frozensets(st.integers(-3, 3), max_size=3)
    ),
    max_leaves=40,
)


def nested(depth: int, leaf: Any) -> Any:
    value = leaf
    for level in range(depth):
        value = {f"k{level}": value} if level % 2 else [value]
    return value


@settings(max_examples=200, deadline=None)
@given(documents, st.integers(1, 6), st.integers(1, 6), st.integers(1, 25))
def test_hostile_values_equal_the_reference(document: Any, max_depth: int, max_array: int, limit: int) -> None:
    for options in ({}, {"max_depth": max_depth, "max_array": max_array, "limit": limit}):
        assert hostile_values(document, **options) == reference_hostile_values(document, **options)


def test_hostile_values_on_deep_and_long_documents_equal_the_reference() -> None:
    for document in (nested(40, math.nan), nested(23, math.inf), {"rows": list(range(6000))},
                     {"a": [{"$x": 1, "b.c": 2, 3: math.nan}] * 30}):
        for limit in (1, 20, 100):
            assert hostile_values(document, limit=limit) == reference_hostile_values(document, limit=limit)


@settings(max_examples=200, deadline=None)
@given(documents, documents, st.text(max_size=3), st.integers(1, 25))
def test_coercions_equal_the_reference(stored: Any, parsed: Any, path: str, limit: int) -> None:
    assert coercions(stored, parsed, path, limit) == reference_coercions(stored, parsed, path, limit)
    assert coercions(stored, stored) == reference_coercions(stored, stored)


def test_coercions_of_a_parsed_report_equal_the_reference() -> None:
    from documents.report import ReportData
    from vsme_pipeline.sample_data import full_report

    stored = full_report(ObjectId("65a000000000000000000001"), 2024).model_dump(by_alias=True)
    stored["modules"]["b1"]["numberOfEmployees"] = "222"
    stored["modules"]["b3"]["scope1Emissions"] = True
    parsed = ReportData.model_validate(stored).model_dump(by_alias=True)
    found = coercions(stored, parsed)
    assert found == reference_coercions(stored, parsed)
    assert {path for path, _ in found} >= {"modules.b1.numberOfEmployees"}


def _season_pairs() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """``(stored report, its parse dumped by alias)`` of a synthetic season with its planted
    defects, and copies with mistyped values (strings and booleans where numbers belong, text where a date
    belongs: the model converts them) and hostile values (NaN, ±Infinity, ``$`` and dotted keys)
    planted on top."""
    import bson

    from documents.report import ReportData
    from vsme_pipeline.synthetic import synthetic_population

    pairs = []
    for index, item in enumerate(synthetic_population(60)):
        for report in item.reports:
            stored = to_bson(report.model_dump(by_alias=True))
            override = item.raw_overrides.get(report.reporting_year)
            if override is not None:
                override(stored)
            stored = bson.decode(bson.encode(stored))
            converted, hostile = bson.decode(bson.encode(stored)), bson.decode(bson.encode(stored))
            converted["modules"]["b1"]["turnover"] = "1368" if index % 2 else True
            converted["modules"]["b8"]["femaleEmployees"] = "12"
            converted["createdAt"] = "2024-01-01"
            hostile["modules"]["b3"]["scope1Emissions"] = [math.nan, math.inf, -math.inf][index % 3]
            hostile["modules"]["b1"]["$set"] = 1
            hostile["modules"]["b6"]["a.b"] = Decimal128("NaN")
            variants = [stored, converted, hostile]
            for variant in variants:
                try:
                    parsed = ReportData.model_validate(variant).model_dump(by_alias=True)
                except ValueError:  # a defect the model refuses: only the stored document is guarded
                    parsed = {}
                pairs.append((variant, parsed))
    return pairs


def test_guards_of_a_synthetic_season_equal_the_reference() -> None:
    pairs = _season_pairs()
    found = 0
    for stored, parsed in pairs:
        for limit in (1, 20):
            assert hostile_values(stored, limit=limit) == reference_hostile_values(stored, limit=limit)
            assert coercions(stored, parsed, limit=limit) == reference_coercions(stored, parsed, limit=limit)
        found += bool(coercions(stored, parsed))
    assert found > len(pairs) // 4  # the planted conversions are found (bar a report the model refuses)


@settings(max_examples=200, deadline=None)
@given(documents)
def test_to_bson_equals_the_reference(value: Any) -> None:
    try:
        expected = reference_to_bson(value)
    except ValueError as exc:  # a signalling NaN has no float: both refuse it alike
        with pytest.raises(type(exc)):
            to_bson(value)
        return
    converted = to_bson(value)
    assert converted == expected or (repr(converted) == repr(expected))  # NaN != NaN
    assert [type(v) for v in _leaves(converted)] == [type(v) for v in _leaves(expected)]


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for key in value for leaf in [key, *_leaves(value[key])]]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]

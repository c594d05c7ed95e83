"""The fast canonical serialisation equals its definition, and stored hashes keep their values.

``canonical_json`` / ``content_hash`` take a fast path (exact-type dispatch, no per-value path);
``canonical`` stays the definition. Here both are compared on generated documents mixing every
type a stored report, profile, metric or snapshot can hold (and the subclasses that must take the
slow path: enums, ``PydanticObjectId``, ordered mappings, tuples, sets), and a fixed document's
hash is pinned to the value the original implementation gave, so every fingerprint already stored
in MongoDB stays valid.
"""

import hashlib
import json
from collections import OrderedDict
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from enum import Enum, IntEnum, StrEnum
from typing import Any

import pytest
from beanie import PydanticObjectId
from bson import Decimal128, ObjectId
from hypothesis import given, settings
from hypothesis import strategies as st

from vsme_pipeline.pipeline.hashing import (
    CanonicalisationError,
    canonical,
    canonical_bytes,
    canonical_json,
    content_hash,
    content_hash_of_parts,
)


class Colour(Enum):
    RED = "red"
    NUMBERED = 3


class Level(StrEnum):
    HIGH = "high"


class Rank(IntEnum):
    FIRST = 1


def reference_json(value: Any) -> str:
    """The canonical JSON exactly as first defined: ``json.dumps`` of ``canonical``."""
    return json.dumps(canonical(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


floats = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from(
    [0.0, -0.0, 1.0, -1.0, 2.0**53, 2.0**53 - 1, -(2.0**53), 1e-7, 1e16, 1e300, 0.1, 1234.5])
scalars = (
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | floats | st.text(max_size=8)
    | st.datetimes(timezones=st.none() | st.just(UTC) | st.just(timezone(timedelta(hours=-5))))
    | st.dates()
    | st.binary(max_size=6).map(lambda b: ObjectId(b.ljust(12, b"\0")))
    | st.binary(max_size=6).map(lambda b: PydanticObjectId(b.ljust(12, b"\1")))
    | st.decimals(allow_nan=True, allow_infinity=True, places=4)
    | st.decimals(min_value=-10**20, max_value=10**20, places=3).map(Decimal128)  # within 34 digits
    | st.uuids()
    | st.binary(max_size=6)
    | st.sampled_from([Colour.RED, Colour.NUMBERED, Level.HIGH, Rank.FIRST])
)
keys = st.text(max_size=6) | st.integers(-5, 5) | st.sampled_from([Level.HIGH, Rank.FIRST, True, None])
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(keys, inner, max_size=5)
        | st.dictionaries(st.text(max_size=4), inner, max_size=3).map(OrderedDict)
        | st.frozensets(st.integers(-3, 3) | st.text(max_size=2), max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(documents)
def test_fast_canonical_json_equals_the_definition(value: Any) -> None:
    assert canonical_json(value) == reference_json(value)


class Ratio(float):
    pass


@pytest.mark.parametrize("value", [
    1e-05, 1e16, 1.5e300, 5e-324, -0.0, 0.1 + 0.2, 2.0**53, 2.0**53 + 2, Ratio(0.5), Ratio(2.0),
    2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2**64, 10**30, True, Rank.FIRST, Level.HIGH,
    "\ud800 lone surrogate", "\x00\x1f\x7f\u2028\u2029 \"\\ æ 😀", {"\ud800": 1, "é": 2, "e": 3, "😀": 4, "\uffff": 5},
])
def test_edge_values_are_written_as_json_dumps_writes_them(value: Any) -> None:
    document = {"value": value, "list": [value, {"nested": value}]}
    assert canonical_json(document) == reference_json(document)
    try:
        expected = "sha256:" + hashlib.sha256(reference_json(document).encode("utf-8")).hexdigest()
    except UnicodeEncodeError:  # a lone surrogate has no UTF-8: no hash, as before
        with pytest.raises(UnicodeEncodeError):
            content_hash(document)
    else:
        assert content_hash(document) == expected


def test_hash_of_a_fixed_document_keeps_the_value_of_the_original_implementation() -> None:
    value = {
        "b": [1.0, 2.5, float("nan"), float("inf"), -float("inf"), 1e300, 2**60, True, None, 'æøå \n "'],
        "a": {"t": datetime(2025, 3, 1, 12, 0, 0, 123456), "d": date(2024, 1, 2),
              "o": ObjectId("0123456789abcdef01234567"), "dec": Decimal("1.2300"), "d128": Decimal128("-0.5"),
              "bytes": b"xy", 3: "int key", "set": {3, 1, 2}, "tuple": (1, "x")},
    }
    # computed with the implementation of commit 0bb1997 (json.dumps of canonical())
    assert content_hash(value) == "sha256:9f4c8d06856c9b9de8606de4fc5f2df8dfc5e7f20dfc08dae7316cd55bd63945"


def test_a_report_as_stored_hashes_as_defined() -> None:
    from vsme_pipeline.sample_data import full_report

    report = full_report(ObjectId("65a000000000000000000001"), 2024)
    stored = report.model_dump(by_alias=True, mode="python")
    assert canonical_json(stored) == reference_json(stored)
    assert canonical_json(report) == reference_json(report)


@pytest.mark.parametrize("value, path", [
    ({"modules": {"b3": {"x": object()}}}, r"\$\.modules\.b3\.x"),
    ({"rows": [1, {"y": [2, complex(1, 2)]}]}, r"\$\.rows\[1\]\.y\[1\]"),
])
def test_a_value_without_canonical_form_still_names_its_path(value: Any, path: str) -> None:
    with pytest.raises(CanonicalisationError, match=path):
        canonical_json(value)
    with pytest.raises(CanonicalisationError, match=path):
        content_hash(value)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=6), documents, max_size=6))
def test_a_hash_composed_from_the_canonical_bytes_of_its_parts_equals_the_whole(value: dict[str, Any]) -> None:
    parts = {key: canonical_bytes(item) for key, item in value.items()}
    assert content_hash_of_parts(parts) == content_hash(value)

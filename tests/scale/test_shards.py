"""Company shards are stable, disjoint, cover every company and spread them evenly."""

from collections import Counter

import pytest
from bson import ObjectId

from vsme_pipeline.pipeline.shards import parse_shard_key, shard_filter, shard_key, shard_of
from vsme_pipeline.synthetic import synthetic_object_id


def test_same_company_same_shard_in_every_form() -> None:
    company = ObjectId("65a1b2c3d4e5f60718293a4b")
    assert shard_of(company, 8) == shard_of(ObjectId(str(company)), 8)
    assert shard_of(company.binary, 8) == shard_of(company, 8)


def test_shards_partition_a_season_evenly() -> None:
    ids = [synthetic_object_id(0, "company", i) for i in range(4000)]
    counts = Counter(shard_of(i, 4) for i in ids)
    assert set(counts) == {0, 1, 2, 3}
    assert sum(counts.values()) == len(ids)
    assert max(counts.values()) - min(counts.values()) < 0.1 * len(ids) / 4
    assert all(shard_of(i, 1) == 0 for i in ids[:50])


def test_keys_sort_and_bounds() -> None:
    assert [shard_key(i, 12) for i in (0, 3, 11)] == ["00-of-12", "03-of-12", "11-of-12"]
    with pytest.raises(ValueError):
        shard_of(ObjectId(), 0)
    with pytest.raises(ValueError):
        shard_key(12, 12)


def test_shard_keys_parse_back_and_bad_keys_are_refused() -> None:
    assert [parse_shard_key(shard_key(i, 16)) for i in (0, 9, 15)] == [(0, 16), (9, 16), (15, 16)]
    for bad in ("3-of-16", "03of16", "x-of-2", "2-of-2", ""):
        with pytest.raises(ValueError):
            parse_shard_key(bad)


def test_shard_filters_accept_each_company_in_exactly_one_shard() -> None:
    filters = [shard_filter(i, 3) for i in range(3)]
    for company in [ObjectId() for _ in range(300)] + [None, "not-an-id", 12]:
        assert sum(accepts(company) for accepts in filters) == 1
        assert filters[shard_of(company if isinstance(company, ObjectId | str) else str(company), 3)](company)

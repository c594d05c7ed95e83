"""Run keys and cursors for sensors (pure).

A run key carries a *content version* of the problem it repairs: the same problem seen twice maps
to the same key (Dagster runs it once), a changed problem (another record, or the same record
changed again) to a new key, so a recurring problem is never silently dropped.
"""

import json
from collections.abc import Iterable
from typing import Any

from vsme_pipeline.pipeline.hashing import canonical, content_hash


def content_version(items: Iterable[Any]) -> str:
    """Short, order-independent version of a set of problem records (16 hex chars)."""
    normalised = sorted(json.dumps(canonical(item), sort_keys=True) for item in items)
    return content_hash(normalised).removeprefix("sha256:")[:16]


def run_key(sensor: str, items: Iterable[Any], *, partition: str | None = None) -> str:
    """``<sensor>[:<partition>]:<content version>``."""
    scope = f"{sensor}:{partition}" if partition is not None else sensor
    return f"{scope}:{content_version(items)}"


def load_cursor(raw: str | None) -> dict[str, Any]:
    """A sensor cursor (JSON object) or an empty dict for a first evaluation or a bad cursor."""
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def dump_cursor(value: dict[str, Any]) -> str:
    """Serialise a sensor cursor (stable key order)."""
    return json.dumps(canonical(value), sort_keys=True, separators=(",", ":"))

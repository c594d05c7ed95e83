"""Read-only access to a report/profile as stored in MongoDB (camelCase keys), tolerant of bad data.

Rules and calculations name fields in snake_case dot paths (``"modules.b8.number_of_male_employees"``);
:class:`DocView` looks each segment up by its camelCase alias first (what the web app stores and
``model_dump(by_alias=True)`` produces) and then by its snake_case name, and reports the camelCase
path (``"modules.b8.numberOfMaleEmployees"``) for findings.  Nothing here raises on malformed input:
a missing key, a wrong container type or a non-number simply reads as missing.
"""

import functools
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from pydantic.alias_generators import to_camel as _to_camel

from vsme_pipeline.calculations.units import to_decimal

MISSING: Any = object()

# Field names are few and read on every path step of every rule: converting each once halves the
# cost of validation (profiled by `vsme bench`: 57 % of validation time was in pydantic's to_camel).
to_camel = functools.lru_cache(maxsize=4096)(_to_camel)


def as_document(obj: Any) -> dict[str, Any]:
    """A plain dict (camelCase keys when ``obj`` is a model) of a report or profile; {} for junk."""
    if obj is None:
        return {}
    if isinstance(obj, BaseModel):
        try:
            return obj.model_dump(by_alias=True, warnings=False)
        except Exception:  # noqa: BLE001 - a model built with model_construct may not serialise
            return {k: v for k, v in vars(obj).items() if not k.startswith("_")}
    if isinstance(obj, Mapping):
        return dict(obj)
    return {}


@functools.lru_cache(maxsize=8192)
def alias_path(path: str) -> str:
    """``"modules.b8.number_of_male_employees"`` → ``"modules.b8.numberOfMaleEmployees"``."""
    return ".".join(seg if seg.isdigit() else to_camel(seg) for seg in path.split(".") if seg)


@functools.lru_cache(maxsize=8192)
def _segments(path: str) -> tuple[tuple[str, str], ...]:
    """The non-empty segments of a dot path as ``(camelCase, as written)`` pairs (the paths are
    the few literals of the rules and formulas, so each is split and converted once)."""
    return tuple((to_camel(segment), segment) for segment in path.split(".") if segment)


def _step(container: Any, segment: str) -> Any:
    if isinstance(container, Mapping):
        camel = to_camel(segment)
        if camel in container:
            return container[camel]
        if segment in container:
            return container[segment]
        return MISSING
    if isinstance(container, (list, tuple)) and segment.isdigit():
        index = int(segment)
        return container[index] if index < len(container) else MISSING
    if isinstance(container, BaseModel):
        return getattr(container, segment, MISSING)
    return MISSING


class DocView:
    """A read-only view of a nested document with a path prefix (for finding paths)."""

    __slots__ = ("_memo", "data", "prefix")

    def __init__(self, data: Any, prefix: str = "") -> None:
        self.data = data if isinstance(data, (Mapping, list, tuple)) else {}
        self.prefix = prefix
        self._memo: dict[str, Any] = {}

    def raw(self, path: str) -> Any:
        """The stored value at ``path`` or ``MISSING``.

        Looked up once per view and path: a view is read-only and its document is not changed
        while it is read (rules and formulas only read), so the answer is remembered."""
        memo = self._memo
        if path in memo:
            return memo[path]
        node: Any = self.data
        for camel, segment in _segments(path):
            if type(node) is dict:  # what a stored document or a model dump consists of
                found = node.get(camel, MISSING)
                node = node.get(segment, MISSING) if found is MISSING else found
            else:
                node = _step(node, segment)
            if node is MISSING:
                break
        memo[path] = node
        return node

    def value(self, path: str) -> Any:
        """The stored value, None when missing."""
        value = self.raw(path)
        return None if value is MISSING else value

    def present(self, path: str) -> bool:
        """True when the path holds something other than None / "" / []."""
        value = self.raw(path)
        return value is not MISSING and value is not None and value != "" and value != [] and value != {}

    def number(self, path: str) -> Decimal | None:
        """The value as a finite Decimal, None when missing or not a number."""
        return to_decimal(self.value(path))

    def flag(self, path: str) -> bool | None:
        """A yes/no answer: True/False, None when unanswered or not a boolean."""
        value = self.value(path)
        return value if isinstance(value, bool) else None

    def text(self, path: str) -> str | None:
        value = self.value(path)
        return value.strip() if isinstance(value, str) and value.strip() else None

    def sub(self, path: str) -> "DocView":
        """A view of the sub-document at ``path`` (empty when missing or not a mapping)."""
        value = self.value(path)
        return DocView(value if isinstance(value, Mapping) else {}, self.path(path))

    def items(self, path: str) -> Iterator["DocView"]:
        """Views of the mapping elements of a list (non-mapping elements are skipped)."""
        value = self.value(path)
        if not isinstance(value, (list, tuple)):
            return
        base = self.path(path)
        for index, element in enumerate(value):
            if isinstance(element, Mapping):
                yield DocView(element, f"{base}.{index}")

    def path(self, path: str = "") -> str:
        """The full alias path of ``path`` relative to this view."""
        tail = alias_path(path) if path else ""
        if self.prefix and tail:
            return f"{self.prefix}.{tail}"
        return self.prefix or tail

    def is_empty(self) -> bool:
        return not any(v not in (None, "", [], {}) for v in (self.data.values() if isinstance(self.data, Mapping) else []))

"""Field paths of the documents' numeric fields, derived from the models (test helper).

The hostile-record strategies put text where a number belongs at exactly these paths, so they
follow the schema as it grows instead of a hand-kept list."""

import types
from collections.abc import Iterator
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

__all__ = ["numeric_paths"]


def _members(annotation: Any) -> tuple[Any, ...]:
    """The types of a union (``float | None`` -> ``(float,)``), of an ``Annotated`` its base."""
    if get_origin(annotation) is Annotated:
        return _members(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        return tuple(m for arg in get_args(annotation) for m in _members(arg) if m is not type(None))
    return (annotation,)


def numeric_paths(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    """Dotted by-alias paths of every int or float field reachable through nested models (not
    through lists or mappings: their items have paths of their own, ``x[0].y``, per document)."""
    for name, info in model.model_fields.items():
        path = f"{prefix}{info.alias or name}"
        members = _members(info.annotation)
        if any(m in (int, float) for m in members) and bool not in members:
            yield path
        for member in members:
            if isinstance(member, type) and issubclass(member, BaseModel):
                yield from numeric_paths(member, prefix=f"{path}.")


def set_path(doc: dict[str, Any], path: str, value: Any) -> None:
    """``doc[a][b] = value`` for ``"a.b"``, creating (or replacing non-mapping) parents."""
    parts = path.split(".")
    target = doc
    for part in parts[:-1]:
        if not isinstance(target.get(part), dict):
            target[part] = {}
        target = target[part]
    target[parts[-1]] = value

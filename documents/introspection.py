"""Walk a model's fields and yield their VSME datapoint annotations (for export and tests)."""

import types
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

__all__ = ["DatapointField", "iter_datapoints", "xbrl_concepts"]


@dataclass(frozen=True, slots=True)
class DatapointField:
    """One annotated field: dotted attribute path from the root model and its metadata."""

    path: str
    model: type[BaseModel]
    field: str
    concepts: tuple[str, ...]
    unit: str | None
    member: str | None
    paragraph: str | None


def _nested_models(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType, list, tuple, set, frozenset, dict) or origin is not None:
        for argument in get_args(annotation):
            yield from _nested_models(argument)


def iter_datapoints(model: type[BaseModel], prefix: str = "") -> Iterator[DatapointField]:
    """Yield every field carrying VSME metadata, recursing into sub-models (depth first)."""
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        path = f"{prefix}{name}"
        xbrl = extra.get("xbrl")
        if xbrl is not None or "unit" in extra:
            concepts = (xbrl,) if isinstance(xbrl, str) else tuple(str(v) for v in dict(xbrl or {}).values())  # type: ignore[arg-type]
            yield DatapointField(
                path=path,
                model=model,
                field=name,
                concepts=concepts,
                unit=extra.get("unit"),  # type: ignore[arg-type]
                member=extra.get("xbrlMember"),  # type: ignore[arg-type]
                paragraph=extra.get("paragraph"),  # type: ignore[arg-type]
            )
        for nested in _nested_models(info.annotation):
            yield from iter_datapoints(nested, prefix=f"{path}.")


def xbrl_concepts(model: type[BaseModel]) -> set[str]:
    """All taxonomy concept local names referenced by ``model`` and its sub-models."""
    return {concept for datapoint in iter_datapoints(model) for concept in datapoint.concepts}

"""Test helper: does a finding path exist in the stored Report schema (by alias)?"""

import types
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from documents.report import Report


def _candidates(annotation: Any) -> list[Any]:
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        return [c for a in get_args(annotation) for c in _candidates(a)]
    if origin is not None and hasattr(origin, "__metadata__"):
        return _candidates(get_args(annotation)[0])
    if get_origin(annotation) is not None and str(get_origin(annotation)) == "typing.Annotated":
        return _candidates(get_args(annotation)[0])
    return [annotation]


def path_exists(path: str, model: type[BaseModel] = Report) -> bool:
    """True when every segment of the alias path names a field (or a list index) of the schema."""
    current: list[Any] = [model]
    for segment in path.split("."):
        following: list[Any] = []
        for node in current:
            for candidate in _candidates(node):
                if get_origin(candidate) in (list, tuple):
                    if segment.isdigit():
                        following.extend(get_args(candidate)[:1])
                    continue
                if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                    for name, field in candidate.model_fields.items():
                        if segment in (field.alias, name):
                            following.append(field.annotation)
        if not following:
            return False
        current = following
    return True

"""The pipeline's outputs, written through their typed documents (``documents/pipeline/``).

Every value a stage writes goes through :func:`output_values`: the fields, aliases and types of
the Beanie document validated in **strict** mode (no silent coercion: a raw source value of the
wrong type raises :class:`OutputValueError` naming the field, it never reaches MongoDB), dumped
with ``model_dump(by_alias=True)``. Collection names come from the documents' ``Settings.name``.
Stages work on raw PyMongo handles (Beanie need not be initialised), so the document's fields are
mirrored once per class into a plain pydantic model (same annotations, aliases and defaults).
"""

from functools import cache
from typing import Any

from beanie import Document
from pydantic import BaseModel, ValidationError, create_model

__all__ = ["OutputValueError", "collection_name", "output_values"]

_BEANIE_FIELDS = frozenset({"id", "revision_id"})


class OutputValueError(ValueError):
    """A value that does not fit the output document; ``str()`` names the fields, not the values."""


@cache
def _mirror(document: type[Document]) -> type[BaseModel]:
    fields: dict[str, Any] = {
        name: (info.annotation, info) for name, info in document.model_fields.items() if name not in _BEANIE_FIELDS
    }
    return create_model(f"{document.__name__}Values", __config__=document.model_config, **fields)


def collection_name(document: type[Document]) -> str:
    """The collection of ``document`` (its ``Settings.name``)."""
    return str(document.Settings.name)


def output_values(document: type[Document], data: dict[str, Any], *, include: set[str] | None = None) -> dict[str, Any]:
    """``data`` (camelCase or snake_case keys) validated strictly as ``document`` and dumped by alias.

    ``include``: the aliases to return (for a partial ``$set``); all fields otherwise.
    """
    try:
        model = _mirror(document).model_validate(data, strict=True)  # type: ignore[arg-type]
    except ValidationError as exc:
        fields = sorted({".".join(str(p) for p in e["loc"]) for e in exc.errors(include_url=False, include_input=False)})
        raise OutputValueError(f"{document.__name__}: invalid field(s) {', '.join(fields[:5])}") from None
    values = model.model_dump(by_alias=True)
    if include is not None:
        values = {k: v for k, v in values.items() if k in include}
    return values

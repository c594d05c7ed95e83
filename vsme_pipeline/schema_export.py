"""Export JSON Schemas of the documents and module models for the web app.

Schemas are by alias (camelCase keys, as stored in MongoDB) and keep the VSME annotations of
every datapoint (``xbrl``, ``xbrlMember``, ``unit``, ``paragraph``). The lead wires this to
``vsme schema export [DIR]``.
"""

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

__all__ = ["export_json_schemas", "json_schemas"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _schema(model: type[BaseModel], **extra: Any) -> dict[str, Any]:
    schema = model.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": _DIALECT, **schema, **extra}


def _document_classes() -> Iterable[tuple[str, type[BaseModel]]]:
    from documents import REFERENCE_DOCUMENTS, SCOPE321_DOCUMENTS, VSME_GURU_DOCUMENTS

    seen: set[type[BaseModel]] = set()
    for database, classes in (
        ("scope321", SCOPE321_DOCUMENTS),
        ("vsme_guru", VSME_GURU_DOCUMENTS),
        ("reference", REFERENCE_DOCUMENTS),
    ):
        for cls in classes:
            if cls not in seen:
                seen.add(cls)
                yield database, cls


def json_schemas() -> dict[str, dict[str, Any]]:
    """All schemas keyed by relative file path (``documents/Report.json``, ``modules/B3.json``)."""
    from documents.modules import DISCLOSURE_INFO

    schemas: dict[str, dict[str, Any]] = {}
    for database, cls in _document_classes():
        settings = getattr(cls, "Settings", None)
        collection = getattr(settings, "name", None) or cls.__name__
        schemas[f"documents/{cls.__name__}.json"] = _schema(
            cls, **{"x-database": database, "x-collection": collection}
        )
    for code, info in DISCLOSURE_INFO.items():
        schemas[f"modules/{code}.json"] = _schema(
            info.model,
            **{
                "x-disclosure": code,
                "x-disclosureTitle": info.title,
                "x-paragraphs": info.paragraphs,
                "x-module": info.module,
            },
        )
    return schemas


def export_json_schemas(directory: Path | str) -> list[Path]:
    """Write one JSON Schema file per document and per module model under ``directory``.

    Returns the written paths (``<dir>/documents/<Class>.json``, ``<dir>/modules/<B1..C9>.json``).
    Existing files are overwritten; output is deterministic (sorted keys, trailing newline).
    """
    root = Path(directory)
    written: list[Path] = []
    for relative, schema in json_schemas().items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written

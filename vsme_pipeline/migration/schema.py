"""The desired schema, derived from the Beanie documents without a database.

For every document class: the collection (``Settings.name``), a ``$jsonSchema`` validator built
from pydantic's JSON schema by alias (camelCase, as stored) and the indexes (``Settings.indexes``
plus fields typed ``Indexed(...)``).

Type mapping (MongoDB's ``$jsonSchema`` has ``bsonType`` and no ``$ref``, so references are
inlined): ObjectId -> ``objectId``; datetime -> ``date``; float -> ``["double", "int", "long"]``
(Prisma writes doubles, but integers appear in hand-written or migrated data); int ->
``["int", "long"]``; bool -> ``bool``; enums -> ``enum``; ``ge``/``le``/``gt``/``lt`` ->
``minimum``/``maximum`` (+ ``exclusiveMinimum``/``exclusiveMaximum``); string constraints ->
``pattern``/``minLength``/``maxLength``; ``X | None`` adds ``null``; ``uuid``/``bytes`` -> ``binData``. A field is required only when
the model gives it no default. Unknown keys stay allowed (``additionalProperties`` is never
false: the web app may add fields before the pipeline knows them).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pymongo import IndexModel
from pymongo.helpers_shared import _gen_index_name

from vsme_pipeline.migration.errors import MigrationError

DOUBLE = ["double", "int", "long"]
INTEGER = ["int", "long"]
INDEX_OPTIONS = ("unique", "sparse", "partialFilterExpression", "expireAfterSeconds", "collation", "hidden")
_OBJECT_ID_PATTERN = "^[0-9a-f]{24}$"
# pydantic writes these as JSON strings; Beanie/PyMongo store them as BSON dates and binary.
_STRING_FORMATS_AS = {"date-time": "date", "date": "date", "uuid": "binData", "binary": "binData"}


class SchemaError(MigrationError):
    """The documents cannot be turned into a schema (e.g. two documents share a collection)."""


@dataclass(frozen=True)
class IndexSpec:
    """One index as MongoDB reports it: name, ordered keys and the options that matter."""

    name: str
    keys: tuple[tuple[str, Any], ...]
    options: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def build(cls, name: str | None, keys: Iterable[Sequence[Any]], options: Mapping[str, Any]) -> "IndexSpec":
        key_tuple = tuple((str(k), _normalise_direction(v)) for k, v in keys)
        kept = {}
        for option in INDEX_OPTIONS:
            value = options.get(option)
            if value is None or (option in ("unique", "sparse", "hidden") and value is False):
                continue
            kept[option] = plain(value)
        return cls(name or _gen_index_name(list(key_tuple)), key_tuple, tuple(sorted(kept.items())))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "IndexSpec":
        return cls.build(data.get("name"), data["keys"], data.get("options") or {})

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "keys": [list(k) for k in self.keys], "options": dict(self.options)}


@dataclass(frozen=True)
class CollectionSchema:
    """The validator (``{"$jsonSchema": ...}`` or None) and the indexes of one collection."""

    name: str
    validator: dict[str, Any] | None
    indexes: tuple[IndexSpec, ...] = field(default_factory=tuple)
    validation_action: str | None = None  # read from a live collection; not part of the snapshot

    @classmethod
    def from_dict(cls, name: str, data: Mapping[str, Any]) -> "CollectionSchema":
        indexes = tuple(sorted((IndexSpec.from_dict(i) for i in data.get("indexes", [])), key=lambda i: i.name))
        return cls(name, plain(data.get("validator")), indexes)

    def to_dict(self) -> dict[str, Any]:
        return {"validator": self.validator, "indexes": [i.to_dict() for i in self.indexes]}

    def index(self, name: str) -> IndexSpec | None:
        return next((i for i in self.indexes if i.name == name), None)


DatabaseSchema = dict[str, CollectionSchema]
"""Collection name -> schema, for one database."""


def _normalise_direction(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def plain(value: Any) -> Any:
    """SON/tuples -> plain dicts/lists; floats that are integers stay as MongoDB returns them."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


# --- JSON schema -> $jsonSchema -----------------------------------------------------------------


class _Converter:
    def __init__(self, defs: Mapping[str, Any]):
        self.defs = defs
        self.stack: list[str] = []

    def convert(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        if "$ref" in schema:
            return self._ref(schema["$ref"])
        for combinator in ("anyOf", "oneOf"):
            if combinator in schema:
                return self._union(schema[combinator])
        if "allOf" in schema and len(schema["allOf"]) == 1:
            return self.convert(schema["allOf"][0])
        if "const" in schema:
            return {"enum": [schema["const"]]}
        result: dict[str, Any] = {}
        kind = schema.get("type")
        if isinstance(kind, list):
            return self._union([{**schema, "type": k} for k in kind])
        if kind is not None:
            result["bsonType"] = self._bson_type(kind, schema)
        if "enum" in schema:
            result["enum"] = list(schema["enum"])
        if kind in ("number", "integer"):
            self._bounds(schema, result)
        if kind == "string" and result.get("bsonType") == "string":
            for key in ("pattern", "minLength", "maxLength"):
                if key in schema:
                    result[key] = schema[key]
        if kind == "array":
            if isinstance(schema.get("items"), Mapping) and schema["items"]:
                result["items"] = self.convert(schema["items"])
            for key in ("minItems", "maxItems", "uniqueItems"):
                if key in schema:
                    result[key] = schema[key]
        if kind == "object":
            self._object(schema, result)
        return result

    def _bson_type(self, kind: str, schema: Mapping[str, Any]) -> Any:
        if kind == "string":
            fmt = schema.get("format")
            if fmt in _STRING_FORMATS_AS:
                return _STRING_FORMATS_AS[fmt]
            if fmt in ("time", "duration"):  # pydantic says string; BSON has no such type to check
                raise SchemaError(f"a field of format '{fmt}' has no BSON type a $jsonSchema could require; "
                                  "store it as a date, a number or a string field")
            return "string"
        return {"number": DOUBLE, "integer": INTEGER, "boolean": "bool", "null": "null", "array": "array",
                "object": "object"}.get(kind, kind)

    @staticmethod
    def _bounds(schema: Mapping[str, Any], result: dict[str, Any]) -> None:
        if "minimum" in schema:
            result["minimum"] = schema["minimum"]
        if "maximum" in schema:
            result["maximum"] = schema["maximum"]
        if "exclusiveMinimum" in schema:
            result["minimum"], result["exclusiveMinimum"] = schema["exclusiveMinimum"], True
        if "exclusiveMaximum" in schema:
            result["maximum"], result["exclusiveMaximum"] = schema["exclusiveMaximum"], True

    def _object(self, schema: Mapping[str, Any], result: dict[str, Any]) -> None:
        properties = schema.get("properties") or {}
        if properties:
            result["properties"] = {name: self.convert(sub) for name, sub in properties.items()}
        required = sorted(schema.get("required") or [])
        if required:
            result["required"] = required
        extra = schema.get("additionalProperties")
        if isinstance(extra, Mapping) and extra:
            result["additionalProperties"] = self.convert(extra)

    def _ref(self, ref: str) -> dict[str, Any]:
        name = ref.rsplit("/", 1)[-1]
        target = self.defs.get(name)
        if target is None:
            raise SchemaError(f"unresolvable JSON schema reference {ref}")
        if name == "PydanticObjectId" or (target.get("pattern") == _OBJECT_ID_PATTERN and target.get("maxLength") == 24):
            return {"bsonType": "objectId"}
        if name in self.stack:  # recursive model: accept anything below the cycle
            return {}
        self.stack.append(name)
        try:
            return self.convert(target)
        finally:
            self.stack.pop()

    def _union(self, branches: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
        converted = [self.convert(b) for b in branches]
        nullable = any(c == {"bsonType": "null"} for c in converted)
        others = [c for c in converted if c != {"bsonType": "null"}]
        if any(not c for c in others):  # one branch accepts anything
            return {}
        if len(others) == 1:
            single = dict(others[0])
            if nullable:
                if "bsonType" in single:
                    types = single["bsonType"] if isinstance(single["bsonType"], list) else [single["bsonType"]]
                    single["bsonType"] = [*types, "null"]
                if "enum" in single and None not in single["enum"]:
                    single["enum"] = [*single["enum"], None]
            return single
        if nullable:
            others.append({"bsonType": "null"})
        return {"anyOf": others}


def json_schema_validator(model: type) -> dict[str, Any]:
    """The ``{"$jsonSchema": ...}`` validator of one document class."""
    schema: dict[str, Any] = model.model_json_schema(by_alias=True, mode="validation")  # type: ignore[attr-defined]
    converted = _Converter(schema.get("$defs", {})).convert({k: v for k, v in schema.items() if k != "$defs"})
    properties = converted.get("properties", {})
    if "_id" in properties:  # a stored document always has an _id; never null
        id_schema = dict(properties["_id"])
        if isinstance(id_schema.get("bsonType"), list):
            kinds = [k for k in id_schema["bsonType"] if k != "null"]
            id_schema["bsonType"] = kinds[0] if len(kinds) == 1 else kinds
        properties["_id"] = id_schema
    converted["bsonType"] = "object"
    return {"$jsonSchema": converted}


# --- indexes --------------------------------------------------------------------------------------


def _settings(model: type) -> Any:
    return getattr(model, "Settings", None)


def collection_name(model: type) -> str:
    return getattr(_settings(model), "name", None) or model.__name__


def index_specs(model: type) -> list[IndexSpec]:
    """The indexes a document declares: ``Settings.indexes`` and ``Indexed(...)`` fields."""
    from beanie.odm.utils.pydantic import get_model_fields
    from beanie.odm.utils.typing import get_index_attributes

    specs: list[IndexSpec] = []
    for name, info in get_model_fields(model).items():  # type: ignore[no-untyped-call]
        attributes = get_index_attributes(info)
        if attributes is not None:
            direction, options = attributes
            keys = [(info.alias or name, direction)]
            specs.append(IndexSpec.build(options.get("name"), keys, options))
    for entry in getattr(_settings(model), "indexes", None) or []:
        if isinstance(entry, IndexModel):
            document = dict(entry.document)
            keys = list(document.pop("key").items())
            specs.append(IndexSpec.build(document.pop("name", None), keys, document))
        elif isinstance(entry, str):
            specs.append(IndexSpec.build(None, [(entry, 1)], {}))
        else:
            specs.append(IndexSpec.build(None, [tuple(k) for k in entry], {}))
    names = [s.name for s in specs]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise SchemaError(f"{model.__name__}: index name(s) declared twice: {', '.join(duplicates)}")
    return sorted(specs, key=lambda s: s.name)


def collection_schema(model: type) -> CollectionSchema:
    return CollectionSchema(collection_name(model), json_schema_validator(model), tuple(index_specs(model)))


def default_documents() -> dict[str, list[type]]:
    """The project's document classes per database key (imported on call, not at import)."""
    from documents import REFERENCE_DOCUMENTS, SCOPE321_DOCUMENTS, VSME_GURU_DOCUMENTS

    return {"scope321": list(SCOPE321_DOCUMENTS), "vsme_guru": list(VSME_GURU_DOCUMENTS),
            "reference": list(REFERENCE_DOCUMENTS)}


def desired_schema(documents: Mapping[str, Iterable[type]] | None = None) -> dict[str, DatabaseSchema]:
    """Database key -> collection -> :class:`CollectionSchema`, from the document classes
    (default: ``documents.SCOPE321_DOCUMENTS`` / ``VSME_GURU_DOCUMENTS`` / ``REFERENCE_DOCUMENTS``)."""
    documents = default_documents() if documents is None else documents
    result: dict[str, DatabaseSchema] = {}
    for database, models in documents.items():
        collections: DatabaseSchema = {}
        for model in models:
            schema = collection_schema(model)
            if schema.name in collections:
                raise SchemaError(f"two documents of database '{database}' use collection '{schema.name}'")
            collections[schema.name] = schema
        result[database] = dict(sorted(collections.items()))
    return result

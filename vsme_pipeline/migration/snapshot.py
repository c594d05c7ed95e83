"""The autogenerate diff: what differs between two schemas, by collection and field.

``diff_schemas(old, new)`` lists the operations (create/drop collection or index, validator
change with its field changes: add, remove, rename, require, narrow, enum values ...) with what
each may do to stored documents (``warnings``). ``check`` prints them; autogenerate turns them
into the changes of a revision (:mod:`changes`). ``old`` is the schema replayed from the
revisions (:mod:`replay`): there is no snapshot file any more (the module keeps its name for
older imports).
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from vsme_pipeline.migration.schema import DatabaseSchema, IndexSpec

# --- differences as operations ------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """What a validator change does to one field (``field`` is a dotted path; ``[]`` = array items)."""

    kind: str  # add | remove | rename | require | unrequire | narrow | change | enum_add | enum_remove
    field: str
    detail: str = ""
    to: str | None = None  # rename target
    schema: Any = None  # the field's new schema (old one for remove)

    def describe(self) -> str:
        if self.kind == "rename":
            return f"rename {self.field} -> {self.to}"
        label = {"enum_add": "add enum value", "enum_remove": "remove enum value"}.get(self.kind, self.kind)
        return f"{label} {self.field}" + (f" ({self.detail})" if self.detail else "")

    def warning(self, where: str) -> str | None:
        """What may break for stored documents, and the query that checks it (None: nothing)."""
        collection = where.split(".", 1)[-1]
        if self.kind == "remove":
            return (f"{where}: field '{self.field}' removed from the schema: its values stay in every stored "
                    f"document (nothing deletes them). Check: db.{collection}.countDocuments("
                    f"{{'{self.field}': {{'$exists': true}}}}); $unset them in a data migration if they must go.")
        if self.kind == "require":
            return (f"{where}: field '{self.field}' is now required: every stored document without it is "
                    f"rejected on its next update. Check (must be 0, backfill first): db.{collection}."
                    f"countDocuments({{'{self.field}': {{'$exists': false}}}}).")
        if self.kind == "narrow":
            query = {"$nor": [{"$jsonSchema": _nested(self.field, self.schema)}]}
            return (f"{where}: field '{self.field}' narrowed ({self.detail}): stored values outside it are "
                    f"rejected on their next update. Check (must be 0): db.{collection}.countDocuments({query!r}).")
        if self.kind == "enum_remove":
            return (f"{where}: value {self.detail} is no longer allowed in '{self.field}': documents holding it "
                    f"are rejected on their next update. Check (must be 0): db.{collection}.countDocuments("
                    f"{{'{self.field}': {self.detail}}}).")
        return None


def _nested(field: str, schema: Any) -> dict[str, Any]:
    """``{"properties": {"a": {"properties": {"b": schema}}}}`` for ``a.b`` (array items skipped)."""
    node: dict[str, Any] = schema if isinstance(schema, dict) else {}
    for part in reversed([p for p in field.split(".") if p != "[]"]):
        node = {"properties": {part: node}}
    return node


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _types(node: dict[str, Any]) -> set[str] | None:
    kind = node.get("bsonType")
    if kind is None:
        return None
    return set(kind) if isinstance(kind, list) else {kind}


_TIGHTER = {"minimum": lambda old, new: old is None or new > old, "maximum": lambda old, new: old is None or new < old,
            "minLength": lambda old, new: old is None or new > old, "maxLength": lambda old, new: old is None or new < old,
            "minItems": lambda old, new: old is None or new > old, "maxItems": lambda old, new: old is None or new < old}


def _keyword_changes(path: str, old: dict[str, Any], new: dict[str, Any], out: list[FieldChange]) -> None:
    for key in sorted((old.keys() | new.keys()) - {"properties", "required"}):
        before, after = old.get(key), new.get(key)
        if _canonical(before) == _canonical(after):
            continue
        if key == "bsonType":
            old_types, new_types = _types(old), _types(new)
            detail = f"bsonType {before!r} -> {after!r}"
            widened = new_types is None or (old_types is not None and old_types <= new_types)
            out.append(FieldChange("change" if widened else "narrow", path, detail, schema=new))
        elif key == "enum" and isinstance(before, list) and isinstance(after, list):
            out.extend(FieldChange("enum_remove", path, repr(v), schema=new) for v in before if v not in after)
            out.extend(FieldChange("enum_add", path, repr(v), schema=new) for v in after if v not in before)
        elif key == "items" and isinstance(before, dict) and isinstance(after, dict):
            _node_changes(_join(path, "[]"), before, after, out, renames=False)
            _keyword_changes(_join(path, "[]"), before, after, out)
        elif after is None:
            out.append(FieldChange("change", path, f"{key} {before!r} removed", schema=new))
        elif key in _TIGHTER and isinstance(after, int | float) and _TIGHTER[key](before, after):
            out.append(FieldChange("narrow", path, f"{key} {before!r} -> {after!r}", schema=new))
        elif key in ("pattern", "enum", "anyOf", "exclusiveMinimum", "exclusiveMaximum"):
            out.append(FieldChange("narrow", path, f"{key} {before!r} -> {after!r}", schema=new))
        else:
            out.append(FieldChange("change", path, f"{key} {before!r} -> {after!r}", schema=new))


def _node_changes(path: str, old: dict[str, Any], new: dict[str, Any], out: list[FieldChange], *,
                  renames: bool) -> None:
    old_props, new_props = old.get("properties") or {}, new.get("properties") or {}
    removed = [k for k in old_props if k not in new_props]
    added = [k for k in new_props if k not in old_props]
    renamed: dict[str, str] = {}
    if renames and "[]" not in path:  # $rename cannot reach into arrays
        for name in removed:
            same = [a for a in added if _canonical(new_props[a]) == _canonical(old_props[name])]
            twins = [r for r in removed if _canonical(old_props[r]) == _canonical(old_props[name])]
            if len(same) == 1 and len(twins) == 1:
                renamed[name] = same[0]
    for name, to in renamed.items():
        out.append(FieldChange("rename", _join(path, name), to=_join(path, to)))
    out.extend(FieldChange("remove", _join(path, k), schema=old_props[k]) for k in removed if k not in renamed)
    out.extend(FieldChange("add", _join(path, k), schema=new_props[k]) for k in added if k not in renamed.values())
    for name in (k for k in new_props if k in old_props):
        _keyword_changes(_join(path, name), old_props[name], new_props[name], out)
        _node_changes(_join(path, name), old_props[name], new_props[name], out, renames=renames)
    old_required = {renamed.get(k, k) for k in old.get("required") or []}
    new_required = set(new.get("required") or [])
    out.extend(FieldChange("require", _join(path, k)) for k in sorted(new_required - old_required))
    out.extend(FieldChange("unrequire", _join(path, k)) for k in sorted(old_required - new_required))


def field_changes(old_validator: Any, new_validator: Any, *, renames: bool = True) -> list[FieldChange]:
    """What changes, field by field, between two ``{"$jsonSchema": ...}`` validators. A field removed
    and one with the same schema added in the same object is a rename (unless ``renames`` is off)."""
    old = (old_validator or {}).get("$jsonSchema") or {}
    new = (new_validator or {}).get("$jsonSchema") or {}
    out: list[FieldChange] = []
    _node_changes("", old, new, out, renames=renames)
    _keyword_changes("", {k: v for k, v in old.items() if k != "bsonType"},
                     {k: v for k, v in new.items() if k != "bsonType"}, out)
    return out


@dataclass(frozen=True)
class SchemaOperation:
    """One autogenerated change, renderable as upgrade and downgrade code."""

    kind: str  # create_collection | drop_collection | create_index | drop_index | set_validator
    database: str
    collection: str
    new: Any = None  # CollectionSchema | IndexSpec | validator
    old: Any = None
    changes: tuple[FieldChange, ...] = ()  # set_validator: what it does, field by field

    def describe(self) -> str:
        detail = f" {self.new.name!r}" if isinstance(self.new, IndexSpec) else (
            f" {self.old.name!r}" if isinstance(self.old, IndexSpec) else "")
        if self.changes:
            detail = ": " + "; ".join(change.describe() for change in self.changes)
        return f"{self.database}.{self.collection}: {self.kind}{detail}"

    def warnings(self) -> list[str]:
        where = f"{self.database}.{self.collection}"
        found = [w for w in (c.warning(where) for c in self.changes) if w]
        if self.kind == "drop_collection":
            found.append(f"{where}: collection dropped with all its documents; a downgrade recreates it empty.")
        if self.kind == "create_index" and dict(self.new.options).get("unique"):
            found.append(f"{where}: unique index {self.new.name!r} fails to build while duplicates exist.")
        return found

    def renames(self) -> list[tuple[str, str]]:
        return [(c.field, c.to) for c in self.changes if c.kind == "rename" and c.to]


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def same_validator(a: Any, b: Any) -> bool:
    """Validators compared regardless of key order."""
    return _canonical(a) == _canonical(b)


def diff_database(database: str, old: DatabaseSchema, new: DatabaseSchema, *, renames: bool = True
                  ) -> list[SchemaOperation]:
    """Operations that turn ``old`` into ``new`` for one database."""
    ops: list[SchemaOperation] = []
    for name in sorted(new.keys() - old.keys()):
        ops.append(SchemaOperation("create_collection", database, name, new=new[name]))
    for name in sorted(new.keys() & old.keys()):
        before, after = old[name], new[name]
        if not same_validator(before.validator, after.validator):
            changes = tuple(field_changes(before.validator, after.validator, renames=renames))
            ops.append(SchemaOperation("set_validator", database, name, new=after.validator, old=before.validator,
                                       changes=changes))
        before_ix = {i.name: i for i in before.indexes}
        after_ix = {i.name: i for i in after.indexes}
        for index_name in sorted(before_ix.keys() - after_ix.keys()):
            ops.append(SchemaOperation("drop_index", database, name, old=before_ix[index_name]))
        for index_name in sorted(before_ix.keys() & after_ix.keys()):
            if before_ix[index_name] != after_ix[index_name]:
                ops.append(SchemaOperation("drop_index", database, name, old=before_ix[index_name]))
                ops.append(SchemaOperation("create_index", database, name, new=after_ix[index_name]))
        for index_name in sorted(after_ix.keys() - before_ix.keys()):
            ops.append(SchemaOperation("create_index", database, name, new=after_ix[index_name]))
    for name in sorted(old.keys() - new.keys()):
        ops.append(SchemaOperation("drop_collection", database, name, old=old[name]))
    return ops


def diff_schemas(old: Mapping[str, DatabaseSchema], new: Mapping[str, DatabaseSchema], *, renames: bool = True
                 ) -> list[SchemaOperation]:
    """Operations that turn the snapshot ``old`` into the desired ``new``, every database."""
    ops: list[SchemaOperation] = []
    for database in sorted(old.keys() | new.keys()):
        ops.extend(diff_database(database, old.get(database, {}), new.get(database, {}), renames=renames))
    return ops

"""mongoeco's SQLite engine with indexed answers to its per-write collection scans.

mongoeco 4.11 decodes every stored document of a collection on each write when a unique index is
compound, numeric or the ``_id`` check runs on an insert, and it plans each write with feature
queries (``json_type(...) = 'array'``, tagged-type lookups) that scan the collection because their
cache is dropped after every write. This subclass answers the same questions from SQLite
expression indexes over ``json_extract``/``json_type`` of the stored JSON, partial to one
collection, and restricts the unique-index check to the documents that can conflict; the exact
MongoDB comparison of mongoeco still decides on those candidates.

The overridden methods are private to mongoeco, so the subclass is pinned to one version:
:func:`check_mongoeco_version` refuses any other, and the server runs it at start-up.
"""

import contextvars
import hashlib
import math
import re
import sqlite3
from collections.abc import Iterator
from importlib.metadata import version
from typing import Any

from bson import ObjectId
from mongoeco.core.codec import DocumentCodec
from mongoeco.core.json_compat import json_dumps_compact
from mongoeco.core.paths import get_document_value
from mongoeco.engines._sqlite_catalog import load_collection_options
from mongoeco.engines.sqlite import SQLiteEngine
from mongoeco.engines.sqlite_query import path_array_prefixes
from mongoeco.engines.virtual_indexes import document_in_virtual_index
from mongoeco.errors import OperationFailure

PINNED_MONGOECO_VERSION = "4.11.0"

# MongoDB refuses to store documents nested deeper than this (BSONDepth::kDefaultMaxAllowableDepth
# for user storage), with error code 15 (Overflow).
MAX_NESTING_DEPTH = 100
_NON_FINITE_NAMES = {math.inf: "Infinity", -math.inf: "-Infinity"}
_MARKER = DocumentCodec._MARKER

# Fields whose JSON path is the dotted name itself (no numeric parts, no quoting needed).
_PLAIN_FIELD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")

# Storage keys the unique-index check may read instead of the whole collection (None: all).
_unique_candidates: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar(
    "vsme_unique_candidates", default=None
)


class MongoecoVersionError(RuntimeError):
    """The installed mongoeco is not the version the engine patches were written and tested for."""


def check_mongoeco_version(installed: str | None = None) -> None:
    """Refuse to run on another mongoeco than the pinned one (the patched methods are private)."""
    installed = installed if installed is not None else version("mongoeco")
    if installed != PINNED_MONGOECO_VERSION:
        raise MongoecoVersionError(
            f"mongoeco {installed} is installed; vsme_pipeline.embedded_db is written for "
            f"mongoeco {PINNED_MONGOECO_VERSION} exactly (it overrides private engine methods). "
            "Re-run scripts/setup.sh, or port vsme_pipeline/embedded_db/engine.py and its tests."
        )
    for name in (
        "_validate_document_against_unique_indexes",
        "_load_documents",
        "_field_contains_tagged_value_type_in_collection",
        "_field_is_top_level_array_in_collection",
        "_field_traverses_array_in_collection",
        "_field_contains_real_numeric_in_collection",
        "_backfill_scalar_indexes_sync",
        "_drop_collection_sync",
        "_drop_database_sync",
        "_create_sqlite_connection",
        "_serialize_document",
        "_load_documents_by_storage_keys",
    ):
        if not callable(getattr(SQLiteEngine, name, None)):
            raise MongoecoVersionError(f"mongoeco's SQLiteEngine has no {name}: the patch layer does not fit")


def _storable(value: Any, depth: int) -> Any:
    """``value`` (codec output) with non-finite doubles tagged; refuses nesting beyond the limit."""
    if isinstance(value, dict):
        if depth > MAX_NESTING_DEPTH:
            raise OperationFailure(
                f"cannot insert document because it exceeds {MAX_NESTING_DEPTH} levels of nesting", code=15
            )
        payload = value.get(_MARKER)
        if len(value) == 1 and isinstance(payload, dict) and payload.get("type") == "double":
            number = payload.get("value")  # a BsonDouble wrapper, encoded by mongoeco's codec
            if isinstance(number, float) and not math.isfinite(number):
                return DocumentCodec._tagged_value("double", _NON_FINITE_NAMES.get(number, "NaN"))
            return value
        return {key: _storable(item, depth + 1) for key, item in value.items()}
    if isinstance(value, list):
        if depth > MAX_NESTING_DEPTH:
            raise OperationFailure(
                f"cannot insert document because it exceeds {MAX_NESTING_DEPTH} levels of nesting", code=15
            )
        return [_storable(item, depth + 1) for item in value]
    if type(value) is float and not math.isfinite(value):
        # SQLite's JSON1 has no NaN/Infinity; mongoeco's codec decodes a tagged double with float().
        return DocumentCodec._tagged_value("double", _NON_FINITE_NAMES.get(value, "NaN"))
    return value


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _is_plain_key_value(value: Any) -> bool:
    """Values whose stored JSON is canonical, so equal values have equal ``json_extract`` text."""
    return type(value) is str or isinstance(value, ObjectId)


class SeasonSQLiteEngine(SQLiteEngine):
    """`SQLiteEngine` whose unique checks and write-planning lookups use expression indexes."""

    # -- start-up --------------------------------------------------------------------------
    _BACKFILL_MARKER = f"scalar_index_entries maintained by mongoeco {PINNED_MONGOECO_VERSION}"

    def _backfill_scalar_indexes_sync(self, conn: Any) -> None:
        """Rebuild the scalar index entries once per data file, not at every start.

        mongoeco rebuilds every entry of every indexed collection on each connect (decoding every
        stored document, in one write transaction): minutes on a season's data file. Entries are
        kept current by every write since, so after one rebuild by this version it is skipped.
        """
        conn.execute("CREATE TABLE IF NOT EXISTS vsme_engine_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        row = conn.execute("SELECT value FROM vsme_engine_state WHERE key = 'scalar_backfill'").fetchone()
        if row is not None and row[0] == self._BACKFILL_MARKER:
            return
        super()._backfill_scalar_indexes_sync(conn)
        conn.execute(
            "INSERT OR REPLACE INTO vsme_engine_state (key, value) VALUES ('scalar_backfill', ?)",
            (self._BACKFILL_MARKER,),
        )

    def _create_sqlite_connection(self) -> Any:
        connection = super()._create_sqlite_connection()
        # After a checkpoint the write-ahead log shrinks back instead of staying at its peak size.
        connection.execute(f"PRAGMA journal_size_limit = {64 * 1024 * 1024}")
        return connection

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the data file and truncate it (start-up and shutdown)."""
        with self._lock:
            self._require_connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # -- collMod ---------------------------------------------------------------------------
    COLL_MOD_OPTIONS = frozenset({"validator", "validationLevel", "validationAction"})

    def coll_mod_sync(self, db_name: str, coll_name: str, changes: dict[str, Any]) -> None:
        """Apply ``collMod``'s validator options to a collection, as MongoDB does.

        Raises ``OperationFailure`` 26 (NamespaceNotFound) for a missing collection and 72
        (InvalidOptions) for an option this server does not implement, instead of ignoring it.
        """
        unknown = sorted(set(changes) - self.COLL_MOD_OPTIONS)
        if unknown:
            raise OperationFailure(f"collMod options not supported by the embedded database: {unknown}", code=72)
        if changes.get("validationLevel", "strict") not in {"off", "strict", "moderate"}:
            raise OperationFailure(f"invalid validationLevel: {changes['validationLevel']!r}", code=2)
        if changes.get("validationAction", "error") not in {"error", "warn"}:
            raise OperationFailure(f"invalid validationAction: {changes['validationAction']!r}", code=2)
        if "validator" in changes and not isinstance(changes["validator"], dict):
            raise OperationFailure("validator must be a document", code=14)
        with self._lock:
            conn = self._require_connection()
            options = load_collection_options(conn, db_name, coll_name)
            if options is None:
                raise OperationFailure(f"ns does not exist: {db_name}.{coll_name}", code=26)
            options.update(changes)
            if options.get("validator") == {}:
                options.pop("validator")
            self._begin_write(conn, None)
            try:
                conn.execute(
                    "UPDATE collections SET options_json = ? WHERE db_name = ? AND coll_name = ?",
                    (json_dumps_compact(options, sort_keys=True), db_name, coll_name),
                )
            except BaseException:
                self._rollback_write(conn, None)
                raise
            self._commit_write(conn, None)

    async def coll_mod(self, db_name: str, coll_name: str, changes: dict[str, Any]) -> None:
        await self._run_blocking(self.coll_mod_sync, db_name, coll_name, changes)  # type: ignore[no-untyped-call]

    # -- storage format --------------------------------------------------------------------
    def _serialize_document(self, document: Any) -> str:
        return json_dumps_compact(_storable(self._codec.encode(document), 1), sort_keys=False)

    # -- expression indexes ------------------------------------------------------------------
    def _ensure_expression_index(self, db_name: str, coll_name: str, expression: str) -> bool:
        """A partial index on ``expression`` for one collection; False if it cannot be made now."""
        digest = hashlib.sha1(f"{db_name}\0{coll_name}\0{expression}".encode()).hexdigest()[:20]
        name = f"vsme_expr_{digest}"
        known: set[str] = self.__dict__.setdefault("_vsme_expression_indexes", set())
        if name in known:
            return True
        conn = self._require_connection()
        try:
            conn.execute(
                f'CREATE INDEX IF NOT EXISTS "{name}" ON documents({expression}) '
                f"WHERE db_name = {_sql_literal(db_name)} AND coll_name = {_sql_literal(coll_name)}"
            )
        except sqlite3.OperationalError:
            return False
        if not conn.in_transaction:  # made durable; inside a transaction it may still roll back
            known.add(name)
        return True

    def _drop_expression_indexes(self, marker: str) -> None:
        """Drop this layer's indexes whose WHERE clause starts with ``marker`` (best effort)."""
        try:
            with self._lock:
                conn = self._require_connection()
                names = [row[0] for row in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'vsme_expr_%' "
                    "AND instr(sql, ?) > 0",
                    (marker,),
                )]
                for name in names:
                    conn.execute(f'DROP INDEX IF EXISTS "{name}"')
                self.__dict__.setdefault("_vsme_expression_indexes", set()).difference_update(names)
        except sqlite3.Error:
            pass

    def _drop_collection_sync(self, db_name: str, coll_name: str, context: Any = None) -> None:
        super()._drop_collection_sync(db_name, coll_name, context)
        self._drop_expression_indexes(f"WHERE db_name = {_sql_literal(db_name)} AND coll_name = {_sql_literal(coll_name)}")

    def _drop_database_sync(self, db_name: str, context: Any = None) -> None:
        super()._drop_database_sync(db_name, context)
        self._drop_expression_indexes(f"WHERE db_name = {_sql_literal(db_name)} AND coll_name = ")

    def _indexed_exists(self, db_name: str, coll_name: str, expression: str, condition: str) -> bool | None:
        """Whether a document of the collection has ``expression <condition>``; None: not indexable."""
        if not self._ensure_expression_index(db_name, coll_name, expression):
            return None
        row = self._require_connection().execute(
            f"SELECT 1 FROM documents WHERE db_name = {_sql_literal(db_name)} AND coll_name = "
            f"{_sql_literal(coll_name)} AND {expression} {condition} LIMIT 1"
        ).fetchone()
        return row is not None

    @staticmethod
    def _json_type_expression(field: str) -> str:
        return f"json_type(document, {_sql_literal('$.' + field)})"

    # -- write-planning feature queries ------------------------------------------------------
    def _cached_feature(self, db_name: str, coll_name: str, key: str) -> bool | None:
        cached = self._collection_features_cache.get((db_name, coll_name, key))
        return cached if isinstance(cached, bool) else None

    def _field_is_top_level_array_in_collection(self, db_name: str, coll_name: str, field: str) -> bool:
        key = f"top_level_array:{field}"
        cached = self._cached_feature(db_name, coll_name, key)
        if cached is not None:
            return cached
        if not _PLAIN_FIELD.match(field):
            return bool(super()._field_is_top_level_array_in_collection(db_name, coll_name, field))
        result = self._indexed_exists(db_name, coll_name, self._json_type_expression(field), "= 'array'")
        if result is None:
            return bool(super()._field_is_top_level_array_in_collection(db_name, coll_name, field))
        self._collection_features_cache[(db_name, coll_name, key)] = result
        return result

    def _field_traverses_array_in_collection(self, db_name: str, coll_name: str, field: str) -> bool:
        key = f"traverses_array:{field}"
        cached = self._cached_feature(db_name, coll_name, key)
        if cached is not None:
            return cached
        if not _PLAIN_FIELD.match(field):
            return bool(super()._field_traverses_array_in_collection(db_name, coll_name, field))
        prefixes = path_array_prefixes(field)
        result = False
        for prefix in prefixes:
            found = self._indexed_exists(db_name, coll_name, self._json_type_expression(prefix), "= 'array'")
            if found is None:
                return bool(super()._field_traverses_array_in_collection(db_name, coll_name, field))
            if found:
                result = True
                break
        self._collection_features_cache[(db_name, coll_name, key)] = result
        return result

    def _field_contains_real_numeric_in_collection(self, db_name: str, coll_name: str, field: str) -> bool:
        key = f"contains_real_numeric:{field}"
        cached = self._cached_feature(db_name, coll_name, key)
        if cached is not None:
            return cached
        if not _PLAIN_FIELD.match(field):
            return bool(super()._field_contains_real_numeric_in_collection(db_name, coll_name, field))
        result = self._indexed_exists(db_name, coll_name, self._json_type_expression(field), "= 'real'")
        if result is None:
            return bool(super()._field_contains_real_numeric_in_collection(db_name, coll_name, field))
        self._collection_features_cache[(db_name, coll_name, key)] = result
        return result

    def _field_contains_tagged_value_type_in_collection(
        self, db_name: str, coll_name: str, field: str, value_type: str
    ) -> bool:
        key = f"tagged_type:{field}:{value_type}"
        cached = self._cached_feature(db_name, coll_name, key)
        if cached is not None:
            return cached
        if not _PLAIN_FIELD.match(field):
            return bool(super()._field_contains_tagged_value_type_in_collection(db_name, coll_name, field, value_type))
        marker = DocumentCodec._MARKER
        type_key = DocumentCodec._TYPE
        expression = f"json_extract(document, {_sql_literal(f'$.{field}.\"{marker}\".{type_key}')})"
        result = self._indexed_exists(db_name, coll_name, expression, f"= {_sql_literal(value_type)}")
        if result is None:
            return bool(super()._field_contains_tagged_value_type_in_collection(db_name, coll_name, field, value_type))
        self._collection_features_cache[(db_name, coll_name, key)] = result
        return result

    # -- unique indexes ----------------------------------------------------------------------
    def _load_documents(self, db_name: str, coll_name: str) -> Iterator[tuple[str, Any]]:
        candidates = _unique_candidates.get()
        if candidates is None:
            yield from super()._load_documents(db_name, coll_name)
            return
        documents = self._load_documents_by_storage_keys(db_name, coll_name, sorted(candidates))
        yield from documents.items()

    def _candidates_for_field(self, db_name: str, coll_name: str, field: str, value: Any) -> set[str] | None:
        """Storage keys of documents whose ``field`` may equal ``value`` (equal JSON, or arrays on the path)."""
        value_expression = f"json_extract(document, {_sql_literal('$.' + field)})"
        if not self._ensure_expression_index(db_name, coll_name, value_expression):
            return None
        where = f"db_name = {_sql_literal(db_name)} AND coll_name = {_sql_literal(coll_name)}"
        conn = self._require_connection()
        encoded = self._serialize_document({"v": value})
        keys = {
            row[0]
            for row in conn.execute(
                f"SELECT storage_key FROM documents WHERE {where} AND {value_expression} = json_extract(?, '$.v')",
                (encoded,),
            )
        }
        for prefix in [*path_array_prefixes(field), field]:
            type_expression = self._json_type_expression(prefix)
            if not self._ensure_expression_index(db_name, coll_name, type_expression):
                return None
            keys.update(
                row[0]
                for row in conn.execute(
                    f"SELECT storage_key FROM documents WHERE {where} AND {type_expression} = 'array'"
                )
            )
        return keys

    def _unique_candidates_for(self, db_name: str, coll_name: str, document: Any) -> set[str] | None:
        """Documents that can conflict with ``document`` on any unique index; None: all may."""
        candidates: set[str] = set()
        for index in self._load_indexes(db_name, coll_name):
            if not index["unique"] or not document_in_virtual_index(document, index):
                continue
            if index.get("collation") is not None:
                return None
            narrowed = None
            for field in index["fields"]:
                if not _PLAIN_FIELD.match(field):
                    continue
                found, value = get_document_value(document, field)
                if found and _is_plain_key_value(value):
                    narrowed = self._candidates_for_field(db_name, coll_name, field, value)
                    if narrowed is not None:
                        break
            if narrowed is None:
                return None
            candidates |= narrowed
        return candidates

    def _validate_document_against_unique_indexes(
        self,
        db_name: str,
        coll_name: str,
        document: Any,
        *,
        exclude_storage_key: str | None = None,
        skip_id_check: bool = False,
        scan_payload_id: bool = False,
    ) -> None:
        plain_id = "_id" not in document or _is_plain_key_value(document["_id"])
        if scan_payload_id and plain_id and "_id" in document:
            # An ObjectId or string _id equals another exactly when their storage keys are equal,
            # which mongoeco's indexed storage-key lookup checks; the payload scan adds nothing.
            scan_payload_id = False
        candidates = None
        if not scan_payload_id and plain_id:  # a numeric _id is compared by a scan of mongoeco's
            candidates = self._unique_candidates_for(db_name, coll_name, document)
        token = _unique_candidates.set(candidates)
        try:
            super()._validate_document_against_unique_indexes(
                db_name,
                coll_name,
                document,
                exclude_storage_key=exclude_storage_key,
                skip_id_check=skip_id_check,
                scan_payload_id=scan_payload_id,
            )
        finally:
            _unique_candidates.reset(token)


__all__ = ["PINNED_MONGOECO_VERSION", "MongoecoVersionError", "SeasonSQLiteEngine", "check_mongoeco_version"]

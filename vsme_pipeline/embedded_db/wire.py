"""mongoeco's wire server with the MongoDB behaviours the project's clients need.

- Cursor ids go out as int64, as MongoDB sends them: mongoeco 4.11 sends small Python ints, which
  BSON encodes as int32, and the Node.js driver then cannot iterate ``find()``/``aggregate()``.
- ``collMod`` (validator, validationLevel, validationAction) is executed on the engine instead of
  being refused as an unsupported command.
- Cursor batches are bounded in size as MongoDB bounds them (16 MiB): mongoeco answers a ``find``
  or ``getMore`` without ``batchSize`` with every remaining document in one message, which past
  48 MB (a season of 13 kB reports) the driver refuses as larger than the maximum message size.
"""

from dataclasses import dataclass
from typing import Any

from bson.int64 import Int64
from mongoeco.wire import AsyncMongoEcoProxyServer
from mongoeco.wire._executor_support import WIRE_INTERNAL_KEYS
from mongoeco.wire.cursors import WireCursorStore

from vsme_pipeline.embedded_db.engine import SeasonSQLiteEngine


@dataclass(frozen=True)
class CollModRequest:
    """A ``collMod`` command, parsed by this layer instead of mongoeco's request context."""

    db_name: str
    collection: str
    changes: dict[str, Any]


def _with_int64_cursor_id(result: dict[str, Any]) -> dict[str, Any]:
    cursor = result.get("cursor") if isinstance(result, dict) else None
    if isinstance(cursor, dict) and isinstance(cursor.get("id"), int) and not isinstance(cursor["id"], Int64):
        cursor["id"] = Int64(cursor["id"])
    return result


# Characters of ``repr`` per batch: BSON of such documents stays well below MongoDB's 16 MiB batch.
BATCH_REPR_BUDGET = 4_000_000


def _fitting_count(documents: list[object], budget: int = BATCH_REPR_BUDGET) -> int:
    """How many leading documents fit in one batch (at least one)."""
    used = 0
    for count, document in enumerate(documents):
        used += len(repr(document))
        if used > budget:
            return max(count, 1)
    return len(documents)


class BoundedWireCursorStore(WireCursorStore):
    """mongoeco's cursor store with batches bounded in size as well as by ``batchSize``."""

    def materialize_command_result(self, command_document: dict[str, Any], result: dict[str, Any],
                                   **kwargs: Any) -> dict[str, Any]:
        cursor = result.get("cursor")
        first_batch = cursor.get("firstBatch") if isinstance(cursor, dict) else None
        if isinstance(first_batch, list):
            fit = _fitting_count(first_batch)
            requested = self._resolve_batch_size(command_document)
            if fit < len(first_batch) and (requested is None or requested <= 0 or requested > fit):
                command_document = {**command_document, "batchSize": fit}
        return super().materialize_command_result(command_document, result, **kwargs)

    def get_more(self, command_document: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        cursor_id = command_document.get("getMore")
        state = self._state.get(cursor_id) if isinstance(cursor_id, int) else None
        if state is not None:
            fit = _fitting_count(state.remaining_batch)
            requested = command_document.get("batchSize")
            if not requested or requested > fit:
                command_document = {**command_document, "batchSize": fit}
        return super().get_more(command_document, **kwargs)


def _plain_int(value: Any) -> Any:
    """An int64 cursor id as decoded by mongoeco (a ``BsonInt64`` wrapper) as the int it stores."""
    inner = getattr(value, "value", value)
    return int(inner) if isinstance(inner, int) and not isinstance(inner, bool) else value


def _with_plain_cursor_ids(body: dict[str, Any]) -> dict[str, Any]:
    if "getMore" in body:
        body = {**body, "getMore": _plain_int(body["getMore"])}
    if "killCursors" in body and isinstance(body.get("cursors"), list):
        body = {**body, "cursors": [_plain_int(cursor_id) for cursor_id in body["cursors"]]}
    return body


def _error(code: int, message: str, code_name: str) -> dict[str, Any]:
    return {"ok": 0.0, "errmsg": message, "code": code, "codeName": code_name}


class SeasonProxyServer(AsyncMongoEcoProxyServer):  # type: ignore[misc]
    """`AsyncMongoEcoProxyServer` on a `SeasonSQLiteEngine`, with int64 cursor ids and ``collMod``."""

    def __init__(self, *, engine: SeasonSQLiteEngine, host: str, port: int) -> None:
        super().__init__(engine=engine, host=host, port=port)
        self._season_engine = engine
        # the executor and its handlers share this store object: give it the bounded behaviour
        self._cursor_store.__class__ = BoundedWireCursorStore
        executor = self._executor
        build_context = executor._build_request_context
        execute_prepared = executor.execute_prepared

        def build(body: dict[str, Any], *, connection: Any, db_name: str | None = None, on_normalized: Any = None) -> Any:
            command = {key: value for key, value in body.items() if key not in WIRE_INTERNAL_KEYS}
            if command and next(iter(command)) == "collMod":
                if on_normalized is not None:
                    on_normalized("collMod", body)
                collection = command.pop("collMod")
                return CollModRequest(str(db_name or body.get("$db") or ""), str(collection), command)
            body = _with_plain_cursor_ids(body)
            return build_context(body, connection=connection, db_name=db_name, on_normalized=on_normalized)

        async def execute(context: Any) -> dict[str, Any]:
            if isinstance(context, CollModRequest):
                return await self._coll_mod(context)
            return _with_int64_cursor_id(await execute_prepared(context))

        executor._build_request_context = build
        executor.execute_prepared = execute

    async def _coll_mod(self, request: CollModRequest) -> dict[str, Any]:
        changes = {key: value for key, value in request.changes.items() if key not in {"writeConcern", "comment"}}
        if not request.db_name or not request.collection:
            return _error(73, "collMod needs a database and a collection name", "InvalidNamespace")
        try:
            await self._season_engine.coll_mod(request.db_name, request.collection, changes)
        except Exception as exc:  # reported to the client as MongoDB reports a failed command
            code = getattr(exc, "code", None) or 2
            names = {26: "NamespaceNotFound", 72: "InvalidOptions", 14: "TypeMismatch", 2: "BadValue"}
            return _error(int(code), str(exc), names.get(int(code), "BadValue"))
        return {"ok": 1.0}

"""Connections to the three databases: ``scope321``, ``vsme_guru`` and the reference database.

- One ``pymongo.AsyncMongoClient`` per URL (and options) per event loop, shared by every open
  context in that loop (PyMongo's async client is bound to the loop it was created in): clients are
  made lazily inside the running loop, never at import, and closed when the last user exits.
- Without a URL (development, test) the embedded database is started on demand and used.
- Retries: the driver's retryable reads and writes (on by default) cover transient errors on
  single operations; nothing here retries on top of them.
- The pipeline must never write to ``scope321`` or the reference database: :func:`read_only`
  wraps a database so that only reading operations are reachable (in production the pipeline's
  MongoDB user should also have read-only roles there; this guard makes the rule hold in code).
"""

import asyncio
import time
import weakref
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from pymongo import AsyncMongoClient
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from vsme_pipeline.embedded_db import ensure_running
from vsme_pipeline.settings import Settings, get_settings


class ReadOnlyViolation(PermissionError):
    """Pipeline code tried to write to a database it may only read."""


def _resolve_urls(settings: Settings) -> tuple[str, str]:
    """(scope321 URL, vsme_guru URL); the embedded server stands in for a missing one."""
    scope321 = settings.scope321_database_url.get_secret_value() if settings.scope321_database_url else None
    vsme_guru = settings.vsme_guru_database_url.get_secret_value() if settings.vsme_guru_database_url else None
    if scope321 is None or vsme_guru is None:
        embedded = ensure_running(settings.embedded_dir).uri
        scope321 = scope321 or embedded
        vsme_guru = vsme_guru or embedded
    return scope321, vsme_guru


@dataclass(frozen=True)
class Databases:
    """Handles on the three databases of one process and loop."""

    scope321: AsyncDatabase[dict[str, Any]]
    vsme_guru: AsyncDatabase[dict[str, Any]]
    reference: AsyncDatabase[dict[str, Any]]

    def by_name(self, key: str) -> AsyncDatabase[dict[str, Any]]:
        """``"scope321"``, ``"vsme_guru"`` or ``"reference"``."""
        return {"scope321": self.scope321, "vsme_guru": self.vsme_guru, "reference": self.reference}[key]


Client = AsyncMongoClient[dict[str, Any]]


class _LoopClients:
    """The clients of one event loop, shared by every open context in it and reference-counted:
    an asset that opens scope321, vsme_guru and the reference database uses one client per URL."""

    def __init__(self) -> None:
        self._clients: dict[tuple[str, tuple[tuple[str, object], ...]], tuple[Client, int]] = {}

    def acquire(self, url: str, options: dict[str, object]) -> Client:
        key = (url, tuple(sorted(options.items())))
        held = self._clients.get(key)
        client, users = held if held is not None else (AsyncMongoClient(url, **options), 0)  # type: ignore[arg-type]  # driver keyword names
        self._clients[key] = (client, users + 1)
        return client

    async def release(self, client: Client) -> None:
        for key, (held, users) in list(self._clients.items()):
            if held is client:
                if users > 1:
                    self._clients[key] = (held, users - 1)
                else:
                    del self._clients[key]
                    await held.close()
                return


_CLIENTS_BY_LOOP: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _LoopClients]" = weakref.WeakKeyDictionary()


class MongoConnections:
    """The databases of one open context, on clients shared within the running event loop.
    Use :func:`open_databases` rather than this directly."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._acquired: list[Client] = []
        self._pool: _LoopClients | None = None

    def _client(self, url: str) -> Client:
        loop = asyncio.get_running_loop()
        pool = _CLIENTS_BY_LOOP.setdefault(loop, _LoopClients())
        if self._pool is None:
            self._pool = pool
        elif self._pool is not pool:
            raise RuntimeError("MongoConnections used from another event loop; open one per loop")
        client = pool.acquire(url, self.settings.client_options())
        self._acquired.append(client)
        return client

    def databases(self) -> Databases:
        scope321_url, vsme_guru_url = _resolve_urls(self.settings)
        scope321_client = self._client(scope321_url)
        return Databases(
            scope321=scope321_client[self.settings.scope321_database_name],
            vsme_guru=self._client(vsme_guru_url)[self.settings.vsme_guru_database_name],
            reference=scope321_client[self.settings.reference_database_name],
        )

    async def close(self) -> None:
        acquired, self._acquired = self._acquired, []
        if self._pool is None:
            return
        for client in acquired:
            await self._pool.release(client)


@asynccontextmanager
async def open_databases(settings: Settings | None = None) -> AsyncIterator[Databases]:
    """Yield the three databases on this loop's shared clients (created on first use, closed when
    the last open context of the loop using them exits)."""
    connections = MongoConnections(settings or get_settings())
    try:
        yield connections.databases()
    finally:
        await connections.close()


@dataclass(frozen=True)
class DatabaseHealth:
    name: str
    ok: bool
    latency_ms: float | None
    server_version: str | None
    error: str | None = None


async def check_health(database: AsyncDatabase[dict[str, Any]]) -> DatabaseHealth:
    """Ping the database, measure the round trip and read the server version (``buildInfo``: the
    driver's ``server_info()`` sends a spelling that the embedded server lacks)."""
    try:
        started = time.perf_counter()
        await database.command("ping")
        latency = (time.perf_counter() - started) * 1000
        build = await database.command("buildInfo")
        return DatabaseHealth(database.name, True, latency, str(build.get("version")))
    except Exception as exc:  # reported, not raised: doctor shows every database's state
        return DatabaseHealth(database.name, False, None, None, one_line_error(exc))


def one_line_error(exc: BaseException) -> str:
    """``Type: first line`` of an error, without the driver's topology description."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    text = text.split(", Timeout:")[0].split(", Topology Description:")[0].split(" (configured timeouts")[0]
    return f"{type(exc).__name__}: {text[:200]}"


# --- read-only guard --------------------------------------------------------------------------
# Closed by construction: only the names listed here are reachable, and nothing reachable hands
# back a writable object (no ``.database``, ``.client``, ``with_options``, cursor ``.collection``).

_READ_METHODS = frozenset(
    {
        "count_documents",
        "estimated_document_count",
        "distinct",
        "list_indexes",
        "index_information",
        "options",
        "name",
        "full_name",
        "codec_options",
        "read_preference",
        "read_concern",
        "write_concern",
    }
)
_CURSOR_METHODS = ("find", "find_raw_batches")
_WRITE_STAGES = ("$out", "$merge")
_READ_COMMANDS = frozenset({"ping", "buildinfo", "listcollections", "listindexes", "count", "find", "aggregate",
                            "collstats", "dbstats", "serverstatus", "hello", "ismaster", "distinct"})


def _refuse_write_stages(where: str, pipeline: Any) -> None:
    if any(isinstance(step, Mapping) and stage in step for step in pipeline or () for stage in _WRITE_STAGES):
        raise ReadOnlyViolation(f"{where}: $out/$merge not allowed on a read-only database")


class _ReadOnlyCursor:
    """A find cursor whose ``collection`` is the read-only one (chaining and ``clone()`` keep the wrapper)."""

    def __init__(self, cursor: Any, collection: "ReadOnlyCollection"):
        self._cursor = cursor
        self.collection = collection

    def __getattr__(self, attr: str) -> Any:
        value = getattr(self._cursor, attr)
        if not callable(value):
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            result = value(*args, **kwargs)
            if result is self._cursor:
                return self
            if isinstance(result, type(self._cursor)):  # clone()
                return _ReadOnlyCursor(result, self.collection)
            return result

        return call

    def __aiter__(self) -> "_ReadOnlyCursor":
        return self

    async def __anext__(self) -> Any:
        return await self._cursor.__anext__()

    async def __aenter__(self) -> "_ReadOnlyCursor":
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self._cursor.close()


class ReadOnlyCollection:
    """A collection on which only reading operations exist."""

    def __init__(self, collection: AsyncCollection[dict[str, Any]], database: "ReadOnlyDatabase | None" = None):
        self._collection = collection
        self.database = database or ReadOnlyDatabase(collection.database)

    def __getattr__(self, attr: str) -> Any:
        if attr in _READ_METHODS:
            return getattr(self._collection, attr)
        if attr in _CURSOR_METHODS:
            method = getattr(self._collection, attr)
            return lambda *args, **kwargs: _ReadOnlyCursor(method(*args, **kwargs), self)
        raise ReadOnlyViolation(
            f"{self._collection.full_name}: '{attr}' is not allowed; the pipeline only reads this database"
        )

    async def find_one(self, *args: Any, **kwargs: Any) -> Any:
        return await self._collection.find_one(*args, **kwargs)

    async def aggregate(self, pipeline: list[dict[str, Any]], *args: Any, **kwargs: Any) -> Any:
        _refuse_write_stages(self._collection.full_name, pipeline)
        return await self._collection.aggregate(pipeline, *args, **kwargs)


class ReadOnlyDatabase:
    """A database handle that refuses every write (collections, commands, drops)."""

    def __init__(self, database: AsyncDatabase[dict[str, Any]]):
        self._database = database
        self.name = database.name

    def __getitem__(self, name: str) -> ReadOnlyCollection:
        return ReadOnlyCollection(self._database[name], self)

    def get_collection(self, name: str, **kwargs: Any) -> ReadOnlyCollection:
        return ReadOnlyCollection(self._database.get_collection(name, **kwargs), self)

    async def list_collection_names(self, **kwargs: Any) -> list[str]:
        return await self._database.list_collection_names(**kwargs)

    async def list_collections(self, **kwargs: Any) -> Any:
        return await self._database.list_collections(**kwargs)

    async def command(self, command: str | Mapping[str, Any], *args: Any, **kwargs: Any) -> dict[str, Any]:
        name = command if isinstance(command, str) else next(iter(command))
        if name.lower() not in _READ_COMMANDS:
            raise ReadOnlyViolation(f"{self.name}: command '{name}' is not allowed; the pipeline only reads this database")
        if name.lower() == "aggregate":  # {"aggregate": coll, "pipeline": [...]} or command("aggregate", coll, pipeline=...)
            _refuse_write_stages(self.name, kwargs.get("pipeline") if isinstance(command, str)
                                 else command.get("pipeline"))
        return await self._database.command(command if isinstance(command, str) else dict(command), *args, **kwargs)

    def __getattr__(self, attr: str) -> Any:
        raise ReadOnlyViolation(f"{self.name}: '{attr}' is not allowed; the pipeline only reads this database")


def read_only(database: AsyncDatabase[dict[str, Any]]) -> ReadOnlyDatabase:
    """Wrap a database so that pipeline code can only read it."""
    return ReadOnlyDatabase(database)

"""The migration lock of one database: one document, a fixed id, an expiry and a heartbeat.

Acquiring is one atomic ``find_one_and_update`` with ``upsert`` on ``{_id: "migration",
expiresAt: {$lt: now}}``: when the lock is free (no document, or an expired one) the update wins;
when another runner holds an unexpired lock the upsert collides on ``_id`` and raises
DuplicateKeyError, which means "held" (the predicate is not a pure equality, so the server does
not retry the upsert into a match). The holder renews ``expiresAt`` from a heartbeat task; a runner
that dies stops renewing and its lock expires after ``ttl``.

Clocks: every time written into or compared with the lock document is the server's (``localTime``
of ``hello``, from the primary that takes the write), so runners on hosts with skewed clocks agree
on expiry. (``$$NOW`` in a pipeline update would save the round trip, but the filter cannot use
``$expr`` with ``upsert``: MongoDB refuses it with code 224.) Local time only measures how long the
heartbeat has failed (monotonic). A heartbeat that cannot renew declares the lock lost before it
expires (one beat ahead), and :meth:`MigrationLock.ensure_held` raises between steps from then on.
Release deletes the document only when it still carries this runner's ``ownerId``.
"""

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from pymongo import ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError, PyMongoError

from vsme_pipeline.migration.errors import LockLost, LockTimeout
from vsme_pipeline.migration.state import Actor

LOCK_COLLECTION = "_migration_lock"
LOCK_ID = "migration"


@dataclass(frozen=True)
class LockOwner:
    """Identity written into the lock document (shown to whoever has to wait)."""

    actor: Actor = field(default_factory=Actor)
    command: str = "migrate"
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def document(self) -> dict[str, Any]:
        return {"ownerId": self.id, "user": self.actor.user, "host": self.actor.host, "pid": self.actor.pid,
                "command": self.command}


def describe_holder(document: dict[str, Any] | None) -> str:
    if not document:
        return "an unknown holder (the lock was released meanwhile)"
    return (
        f"{document.get('user', '?')}@{document.get('host', '?')} (pid {document.get('pid', '?')}, "
        f"command '{document.get('command', '?')}', since {document.get('acquiredAt')}, "
        f"expires {document.get('expiresAt')} unless renewed)"
    )


class MigrationLock:
    """``async with MigrationLock(db, owner).held(timeout):`` migrate ``db`` alone."""

    def __init__(
        self,
        database: AsyncDatabase[Any],
        owner: LockOwner | None = None,
        *,
        ttl: float = 60.0,
        heartbeat: float | None = None,
        poll: float = 0.25,
    ):
        self.database = database
        self.collection = database[LOCK_COLLECTION]
        self.owner = owner or LockOwner()
        self.ttl = ttl
        self.heartbeat_interval = heartbeat if heartbeat is not None else ttl / 4
        self.poll = poll
        self._task: asyncio.Task[None] | None = None
        self._lost: str | None = None
        self._held = False

    async def server_time(self) -> datetime:
        """The server's clock (``hello.localTime``; the local clock if a server does not report it)."""
        local_time = (await self.database.command("hello")).get("localTime")
        if local_time is None:
            return datetime.now(UTC)
        server: datetime = local_time
        return server if server.tzinfo else server.replace(tzinfo=UTC)

    async def _try_acquire(self) -> bool:
        now = await self.server_time()
        try:
            await self.collection.find_one_and_update(
                {"_id": LOCK_ID, "expiresAt": {"$lt": now}},
                {"$set": {**self.owner.document(), "acquiredAt": now, "heartbeatAt": now,
                          "expiresAt": now + timedelta(seconds=self.ttl)}},
                upsert=True,
                return_document=ReturnDocument.AFTER,
            )
        except DuplicateKeyError:
            return False
        return True

    async def holder(self) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": LOCK_ID})

    async def acquire(self, timeout: float) -> None:
        """Take the lock, waiting up to ``timeout`` seconds; :class:`LockTimeout` names the holder."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not await self._try_acquire():
            if loop.time() >= deadline:
                raise LockTimeout(
                    f"database '{self.database.name}': migration lock is held by "
                    f"{describe_holder(await self.holder())}; gave up after {timeout:g} s. If that runner is "
                    "dead, the lock expires by itself, or run `vsme migrate unlock --force`."
                )
            await asyncio.sleep(self.poll)
        self._held = True
        self._lost = None
        self._task = asyncio.create_task(self._heartbeat(), name=f"migration-lock-heartbeat-{self.database.name}")

    async def _heartbeat(self) -> None:
        loop = asyncio.get_running_loop()
        last_renewed = loop.time()
        # Declared lost one beat before it would expire, so that no other runner can hold it yet.
        give_up_after = max(self.ttl - self.heartbeat_interval, 0.0)
        while True:
            await asyncio.sleep(self.heartbeat_interval)
            try:
                now = await self.server_time()
                result = await self.collection.update_one(
                    {"_id": LOCK_ID, "ownerId": self.owner.id},
                    {"$set": {"heartbeatAt": now, "expiresAt": now + timedelta(seconds=self.ttl)}},
                )
            except Exception as exc:  # transient: retry on the next beat while the lock is still valid
                if loop.time() - last_renewed >= give_up_after:
                    self._lost = (f"heartbeat could not renew the lock for {loop.time() - last_renewed:.1f} s "
                                  f"(ttl {self.ttl:g} s): {type(exc).__name__}: {exc}")
                    return
                continue
            if result.matched_count == 0:
                try:
                    holder = describe_holder(await self.holder())
                except PyMongoError:
                    holder = "another runner"
                self._lost = f"lock taken over by {holder}"
                return
            last_renewed = loop.time()

    def ensure_held(self) -> None:
        """Raise :class:`LockLost` when the heartbeat found the lock gone (call between steps)."""
        if self._lost:
            raise LockLost(f"database '{self.database.name}': migration lock lost: {self._lost}")

    async def release(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._held:
            self._held = False
            try:
                await self.collection.delete_one({"_id": LOCK_ID, "ownerId": self.owner.id})
            except PyMongoError:  # never mask the run's own outcome: the lock expires after ttl
                pass

    @contextlib.asynccontextmanager
    async def held(self, timeout: float) -> AsyncIterator["MigrationLock"]:
        await self.acquire(timeout)
        try:
            yield self
        finally:
            await self.release()


async def force_unlock(database: AsyncDatabase[Any]) -> dict[str, Any] | None:
    """Remove the lock whoever holds it (operator action); returns the removed holder."""
    return await database[LOCK_COLLECTION].find_one_and_delete({"_id": LOCK_ID})

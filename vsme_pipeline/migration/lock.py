"""The migration lock of one database: one document, a fixed id, an expiry and a heartbeat.

Acquiring is one atomic ``find_one_and_update`` with ``upsert`` on ``{_id: "migration",
expiresAt: {$lt: now}}``: when the lock is free (no document, or an expired one) the update wins;
when another runner holds an unexpired lock the upsert collides on ``_id`` and raises
DuplicateKeyError, which means "held". The holder renews ``expiresAt`` from a heartbeat task; a
runner that dies stops renewing and its lock expires after ``ttl``. Expiry compares the clocks of
the runners (Atlas and CI hosts are NTP-synchronised; keep ``ttl`` well above any plausible skew).
"""

import asyncio
import contextlib
import uuid
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
        database: AsyncDatabase,
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
        self._task: asyncio.Task | None = None
        self._lost: str | None = None
        self._held = False

    async def _try_acquire(self) -> bool:
        now = datetime.now(UTC)
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
        last_renewed = datetime.now(UTC)
        while True:
            await asyncio.sleep(self.heartbeat_interval)
            now = datetime.now(UTC)
            try:
                result = await self.collection.update_one(
                    {"_id": LOCK_ID, "ownerId": self.owner.id},
                    {"$set": {"heartbeatAt": now, "expiresAt": now + timedelta(seconds=self.ttl)}},
                )
            except PyMongoError as exc:  # transient: retry on the next beat while the lock is valid
                if now - last_renewed > timedelta(seconds=self.ttl):
                    self._lost = f"heartbeat failed for longer than the lock's ttl ({exc})"
                    return
                continue
            if result.matched_count == 0:
                self._lost = f"lock taken over by {describe_holder(await self.holder())}"
                return
            last_renewed = now

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
            await self.collection.delete_one({"_id": LOCK_ID, "ownerId": self.owner.id})

    @contextlib.asynccontextmanager
    async def held(self, timeout: float):
        await self.acquire(timeout)
        try:
            yield self
        finally:
            await self.release()


async def force_unlock(database: AsyncDatabase) -> dict[str, Any] | None:
    """Remove the lock whoever holds it (operator action); returns the removed holder."""
    return await database[LOCK_COLLECTION].find_one_and_delete({"_id": LOCK_ID})

"""What was applied to a database: the ``_migrations`` collection of that database.

One document per revision (``_id`` = revision id) with ``name`` and ``applied`` (the time it was
applied, or null when it is not) and what an audited production database needs: status
(``applied`` | ``failed`` | ``reverted``), who ran it from which host, how long it took, the sha256
of the script, notes (e.g. a command the server lacks), the error of a failed run, and an
``events`` array that keeps every upgrade, downgrade, failure and stamp of that revision.

pymongo-migrate's tools (its CLI, ``MongoMigrate.get_state``) cannot read these records: they
rebuild a two-field dataclass from the stored document and fail on any extra field
(``TypeError: ... unexpected keyword argument 'appliedAt'``). The project uses pymongo-migrate only
to load the revision scripts and order them (see :mod:`vsme_pipeline.migration.revision`); use
``vsme migrate current`` / ``history`` to read the state.
"""

import getpass
import os
import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from vsme_pipeline.migration.revision import Revision

MIGRATIONS_COLLECTION = "_migrations"

APPLIED = "applied"
FAILED = "failed"
REVERTED = "reverted"


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return os.environ.get("USER", "unknown")


@dataclass(frozen=True)
class Actor:
    """Who runs the migrations (recorded with every event)."""

    user: str = field(default_factory=_user)
    host: str = field(default_factory=socket.gethostname)
    pid: int = field(default_factory=os.getpid)


@dataclass(frozen=True)
class MigrationRecord:
    """The stored state of one revision in one database."""

    revision: str
    status: str
    checksum: str
    message: str = ""
    applied_at: datetime | None = None
    applied_by: str | None = None
    host: str | None = None
    duration_ms: int | None = None
    notes: tuple[str, ...] = ()
    error: str | None = None
    stamped: bool = False
    events: tuple[dict[str, Any], ...] = ()

    @property
    def is_applied(self) -> bool:
        return self.status == APPLIED

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> "MigrationRecord":
        return cls(
            revision=document["_id"],
            status=document.get("status", APPLIED if document.get("applied") else REVERTED),
            checksum=document.get("checksum", ""),
            message=document.get("message", ""),
            applied_at=document.get("appliedAt") or document.get("applied"),
            applied_by=document.get("appliedBy"),
            host=document.get("host"),
            duration_ms=document.get("durationMs"),
            notes=tuple(document.get("notes") or ()),
            error=document.get("error"),
            stamped=bool(document.get("stamped", False)),
            events=tuple(document.get("events") or ()),
        )


class StateStore:
    """Reads and writes the ``_migrations`` collection of one database."""

    def __init__(self, database: AsyncDatabase[Any], actor: Actor | None = None):
        self.database = database
        self.collection = database[MIGRATIONS_COLLECTION]
        self.actor = actor or Actor()

    async def records(self) -> dict[str, MigrationRecord]:
        return {doc["_id"]: MigrationRecord.from_document(doc) async for doc in self.collection.find({})}

    async def applied(self) -> set[str]:
        return {rev for rev, record in (await self.records()).items() if record.is_applied}

    def _event(self, action: str, status: str, now: datetime, duration_ms: int | None, **extra: Any) -> dict[str, Any]:
        event = {"action": action, "status": status, "at": now, "by": self.actor.user, "host": self.actor.host,
                 "pid": self.actor.pid, "durationMs": duration_ms}
        event.update({k: v for k, v in extra.items() if v is not None})
        return event

    async def _write(self, revision: Revision, fields: dict[str, Any], event: dict[str, Any]) -> None:
        await self.collection.update_one(
            {"_id": revision.revision},
            {"$set": {"name": revision.revision, "revision": revision.revision, "message": revision.message,
                      **fields},
             "$push": {"events": event}},
            upsert=True,
        )

    async def record_applied(
        self, revision: Revision, duration_ms: int, notes: list[str], *, stamped: bool = False
    ) -> None:
        now = datetime.now(UTC)
        action = "stamp" if stamped else "upgrade"
        await self._write(
            revision,
            {"status": APPLIED, "applied": now, "appliedAt": now, "appliedBy": self.actor.user,
             "host": self.actor.host, "pid": self.actor.pid, "durationMs": duration_ms,
             "checksum": revision.checksum, "notes": notes, "error": None, "stamped": stamped},
            self._event(action, APPLIED, now, duration_ms, notes=notes or None),
        )

    async def record_failed(
        self, revision: Revision, direction: str, duration_ms: int, error: str, notes: list[str]
    ) -> None:
        """A failed upgrade leaves the revision not applied; a failed downgrade leaves it applied
        (the database still depends on it) with the error attached."""
        now = datetime.now(UTC)
        fields: dict[str, Any] = {"error": error, "lastFailedAt": now, "notes": notes}
        if direction == "upgrade":
            fields.update({"status": FAILED, "applied": None, "checksum": revision.checksum,
                           "durationMs": duration_ms, "appliedBy": self.actor.user, "host": self.actor.host})
        await self._write(revision, fields, self._event(direction, FAILED, now, duration_ms, error=error))

    async def record_reverted(
        self, revision: Revision, duration_ms: int, notes: list[str], *, stamped: bool = False
    ) -> None:
        now = datetime.now(UTC)
        await self._write(
            revision,
            {"status": REVERTED, "applied": None, "revertedAt": now, "durationMs": duration_ms,
             "notes": notes, "error": None},
            self._event("stamp" if stamped else "downgrade", REVERTED, now, duration_ms, notes=notes or None),
        )

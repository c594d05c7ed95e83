"""``sync_state``: cursors of the company sync (one document per stream)."""

from datetime import datetime

from beanie import Document

from documents.base import CAMEL_DOCUMENT_CONFIG

__all__ = ["SyncState"]


class SyncState(Document):
    """The cursor of one sync stream; ``id`` is the stream name (``"company_sync"``).

    ``companies_cursor`` / ``users_cursor``: the largest ``updatedAt`` read so far; the next
    incremental sync reads from there (inclusive, writes are idempotent).
    """

    model_config = CAMEL_DOCUMENT_CONFIG

    id: str  # type: ignore[assignment]
    companies_cursor: datetime | None = None
    users_cursor: datetime | None = None
    last_full_sync_at: datetime | None = None
    last_sync_at: datetime | None = None

    class Settings:
        name = "sync_state"
        keep_nulls = True

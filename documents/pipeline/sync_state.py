"""``sync_state``: cursors of the company sync (one document per stream)."""

from datetime import datetime

from beanie import Document, PydanticObjectId

from documents.base import CAMEL_DOCUMENT_CONFIG

__all__ = ["SyncState"]


class SyncState(Document):
    """The cursor of one sync stream; ``id`` is the stream name (``"company_sync"``).

    ``companies_cursor`` + ``companies_cursor_id`` (and the same for users): ``updatedAt`` and
    ``_id`` of the last document read; the next incremental sync reads the documents after it.
    """

    model_config = CAMEL_DOCUMENT_CONFIG

    id: str  # type: ignore[assignment]
    companies_cursor: datetime | None = None
    companies_cursor_id: PydanticObjectId | None = None
    users_cursor: datetime | None = None
    users_cursor_id: PydanticObjectId | None = None
    last_full_sync_at: datetime | None = None
    last_sync_at: datetime | None = None
    organization_id: str | None = None
    """Clerk organisation of the record (the tenant key), copied from the report/company when known."""

    class Settings:
        name = "sync_state"
        keep_nulls = True

"""``audit_events``: append-only log of the pipeline's decisions."""

from datetime import datetime
from typing import Any

import pymongo
from beanie import Document, PydanticObjectId
from pymongo import IndexModel

from documents.base import CAMEL_DOCUMENT_CONFIG

__all__ = ["AuditEvent"]


class AuditEvent(Document):
    """One decision: ``company_deleted``, ``company_restored``, ``reports_orphaned``,
    ``snapshot_created``."""

    model_config = CAMEL_DOCUMENT_CONFIG

    kind: str
    occurred_at: datetime
    company_id: PydanticObjectId | None = None
    report_id: PydanticObjectId | None = None
    reporting_year: int | None = None
    run_id: str | None = None
    details: dict[str, Any] = {}
    organization_id: str | None = None
    """Clerk organisation of the record (the tenant key), copied from the report/company when known."""

    class Settings:
        name = "audit_events"
        keep_nulls = True
        indexes = [
            IndexModel([("kind", pymongo.ASCENDING), ("occurredAt", pymongo.DESCENDING)], name="kind_occurred_at"),
        ]

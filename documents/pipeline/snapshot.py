"""``report_snapshots``: immutable snapshots of completed, valid reports."""

from datetime import datetime
from typing import Any

import pymongo
from beanie import Document, PydanticObjectId
from pymongo import IndexModel

from documents.base import CAMEL_DOCUMENT_CONFIG, CamelModel

__all__ = ["MigrationRevisions", "ReportSnapshot", "SnapshotRedaction"]


class MigrationRevisions(CamelModel):
    """The last migration revision applied to each database when the snapshot was taken."""

    scope321: str | None = None
    vsme_guru: str | None = None
    reference: str | None = None


class SnapshotRedaction(CamelModel):
    """A recorded removal of personal data from a snapshot (``vsme privacy erase``): the only change
    an immutable snapshot may undergo. ``content_hash_after`` is the content hash after it."""

    at: datetime
    paths: list[str]
    content_hash_after: str
    audit_event_id: PydanticObjectId
    reason: str


class ReportSnapshot(Document):
    """One immutable snapshot (unique by ``companyId``, ``reportingYear``, ``version``).

    ``content_hash`` is the sha256 of the canonical serialisation of ``companyId``,
    ``reportingYear``, ``report``, ``company``, ``validation`` and ``metrics`` (see
    ``vsme_pipeline.pipeline.snapshots.snapshot_content``); the pipeline never updates a snapshot,
    it writes a new version.
    """

    model_config = CAMEL_DOCUMENT_CONFIG

    company_id: PydanticObjectId
    reporting_year: int
    version: int
    report_id: PydanticObjectId
    report: dict[str, Any]
    company: dict[str, Any]
    validation: dict[str, Any]
    metrics: dict[str, Any]
    content_hash: str
    migration_revisions: MigrationRevisions
    created_at: datetime
    run_id: str | None = None
    redactions: list[SnapshotRedaction] = []
    organization_id: str | None = None
    """Clerk organisation of the record (the tenant key), copied from the report/company when known."""
    audit: dict[str, Any] | None = None
    """The ``snapshot_created`` audit event, embedded: written in the same insert as the snapshot, so
    no kill can separate them (the ``audit_events`` copy is repaired from it on the next run)."""

    class Settings:
        name = "report_snapshots"
        keep_nulls = True
        indexes = [
            IndexModel(
                [("companyId", pymongo.ASCENDING), ("reportingYear", pymongo.ASCENDING), ("version", pymongo.DESCENDING)],
                name="company_year_version_unique",
                unique=True,
            ),
            IndexModel([("reportingYear", pymongo.ASCENDING)], name="reporting_year"),
        ]

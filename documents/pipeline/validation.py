"""``validation_results``: the current validation result of each report."""

from datetime import datetime

import pymongo
from beanie import Document, PydanticObjectId
from pymongo import IndexModel

from documents.base import CAMEL_DOCUMENT_CONFIG, CamelModel

__all__ = ["StoredFinding", "ValidationRecord"]


class StoredFinding(CamelModel):
    """One finding as stored (``vsme_pipeline.validation.Finding``, camelCase)."""

    disclosure: str
    path: str
    code: str
    severity: str
    message: str
    paragraph: str | None = None
    rule: str | None = None


class ValidationRecord(Document):
    """The latest validation of one report (upserted by ``reportId``).

    ``report_fingerprint`` is what the result was computed from (report content, previous year's
    report, company profile hash and deletion state, rule-set version): an equal fingerprint means
    the report needs no re-validation. ``orphaned_at`` is set when the report's company was deleted
    in Scope321 (the report itself is left untouched).
    """

    model_config = CAMEL_DOCUMENT_CONFIG

    report_id: PydanticObjectId
    company_id: PydanticObjectId
    reporting_year: int
    report_status: str | None = None
    report_version: int | None = None
    report_hash: str
    company_hash: str | None = None
    report_fingerprint: str
    edition: str
    rule_set_version: str
    findings: list[StoredFinding] = []
    error_count: int = 0
    warning_count: int = 0
    passed: bool
    validated_at: datetime
    orphaned_at: datetime | None = None
    organization_id: str | None = None
    """Clerk organisation of the record (the tenant key), copied from the report/company when known."""

    class Settings:
        name = "validation_results"
        keep_nulls = True
        indexes = [
            IndexModel([("reportId", pymongo.ASCENDING)], name="report_id_unique", unique=True),
            IndexModel([("reportingYear", pymongo.ASCENDING), ("passed", pymongo.ASCENDING)], name="year_passed"),
            IndexModel([("companyId", pymongo.ASCENDING)], name="company_id"),
            # change detection: results written since a stage's mark; Scope321 changes by organisation
            IndexModel([("reportingYear", pymongo.ASCENDING), ("validatedAt", pymongo.ASCENDING)], name="year_validated_at"),
            IndexModel([("organizationId", pymongo.ASCENDING), ("reportingYear", pymongo.ASCENDING)], name="organization_year"),
        ]

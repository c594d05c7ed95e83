"""``report_metrics``: calculated metrics, versioned per report."""

from datetime import datetime
from typing import Any

import pymongo
from beanie import Document, PydanticObjectId
from pymongo import IndexModel

from documents.base import CAMEL_DOCUMENT_CONFIG

__all__ = ["ReportMetrics"]


class ReportMetrics(Document):
    """One version of a report's metrics (unique by ``reportId`` and ``version``).

    ``metrics`` is a list (metric keys contain dots, which MongoDB field names should not) of
    ``vsme_pipeline.calculations.Metric`` dumps: key, disclosure, value (float), unit, computable,
    reason, inputs, formula, formulaVersion, estimated, source. ``inputs_fingerprint`` decides
    whether a new version is needed.
    """

    model_config = CAMEL_DOCUMENT_CONFIG

    report_id: PydanticObjectId
    company_id: PydanticObjectId
    reporting_year: int
    version: int
    formulas_version: str
    factor_dataset_version: str | None = None
    factors_hash: str
    inputs_fingerprint: str
    report_fingerprint: str
    metrics: list[dict[str, Any]] = []
    metrics_hash: str
    computed_at: datetime
    changed_at: datetime | None = None
    """When this version was written or re-stamped (a new inputs fingerprint with equal values):
    the snapshot stage's change signal."""
    organization_id: str | None = None
    """Clerk organisation of the record (the tenant key), copied from the report/company when known."""

    class Settings:
        name = "report_metrics"
        keep_nulls = True
        indexes = [
            IndexModel(
                [("reportId", pymongo.ASCENDING), ("version", pymongo.DESCENDING)],
                name="report_version_unique",
                unique=True,
            ),
            IndexModel([("reportingYear", pymongo.ASCENDING)], name="reporting_year"),
            IndexModel([("reportingYear", pymongo.ASCENDING), ("changedAt", pymongo.ASCENDING)], name="year_changed_at"),
        ]

"""The pipeline's own documents in ``vsme_guru`` (written only by the Dagster pipeline).

- ``company_directory``: read model of each Scope321 company (profile, members, content hash,
  sync time, deletion marker);
- ``validation_results``: the current validation result of each report (one per report), with the
  orphan marker of reports whose company was deleted in Scope321;
- ``report_metrics``: calculated metrics, versioned per report (a new version when inputs change);
- ``report_snapshots``: immutable snapshots of completed, valid reports, versioned per company-year;
- ``sync_state``: cursors of the company sync;
- ``stage_state``: change-detection watermarks of the reporting stages (per stage and year);
- ``audit_events``: what the pipeline decided (deletions, orphans, snapshots), append-only.
"""

from beanie import Document

from documents.pipeline.audit import AuditEvent
from documents.pipeline.directory import CompanyDirectoryEntry, CompanyMember
from documents.pipeline.metrics import ReportMetrics
from documents.pipeline.snapshot import MigrationRevisions, ReportSnapshot
from documents.pipeline.stage_state import StageState
from documents.pipeline.sync_state import SyncState
from documents.pipeline.validation import StoredFinding, ValidationRecord

__all__ = [
    "PIPELINE_DOCUMENTS",
    "AuditEvent",
    "CompanyDirectoryEntry",
    "CompanyMember",
    "MigrationRevisions",
    "ReportMetrics",
    "ReportSnapshot",
    "StageState",
    "StoredFinding",
    "SyncState",
    "ValidationRecord",
]

PIPELINE_DOCUMENTS: list[type[Document]] = [
    CompanyDirectoryEntry,
    ValidationRecord,
    ReportMetrics,
    ReportSnapshot,
    SyncState,
    StageState,
    AuditEvent,
]

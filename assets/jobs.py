"""Jobs: one per stage, the three reporting stages together, and the whole flow."""

import dagster as dg

from assets.directory import company_directory
from assets.reporting import report_metrics, report_snapshots, report_validation

company_sync_job = dg.define_asset_job(
    "company_sync_job",
    selection=dg.AssetSelection.assets(company_directory),
    description="Sync Scope321 companies into the directory (config `full: true` for a reconciliation).",
)
validation_job = dg.define_asset_job(
    "validation_job",
    selection=dg.AssetSelection.assets(report_validation),
    description="Validate the changed reports of one reporting year.",
)
metrics_job = dg.define_asset_job(
    "metrics_job",
    selection=dg.AssetSelection.assets(report_metrics),
    description="Compute the metrics of the changed valid reports of one reporting year.",
)
snapshots_job = dg.define_asset_job(
    "snapshots_job",
    selection=dg.AssetSelection.assets(report_snapshots),
    description="Snapshot the changed completed, valid reports of one reporting year.",
)
reporting_job = dg.define_asset_job(
    "reporting_job",
    selection=dg.AssetSelection.assets(report_validation, report_metrics, report_snapshots),
    description="Validation, metrics and snapshots of one reporting year.",
)
full_flow_job = dg.define_asset_job(
    "full_flow_job",
    selection=dg.AssetSelection.all(),
    description="The whole flow for one reporting year: company sync, validation, metrics, snapshots.",
)

reconciliation_job = dg.define_asset_job(
    "reconciliation_job",
    selection=dg.AssetSelection.assets(report_validation, report_metrics, report_snapshots),
    description="Nightly proof that the incremental stages missed nothing: validation, metrics and snapshots of "
    "one year read every record (config `full: true`, set by the schedule); each stage's metadata counts "
    "(`missed_by_incremental`) and names (`missed_ids`) what the incremental path would have missed.",
)

JOBS = [company_sync_job, validation_job, metrics_job, snapshots_job, reporting_job, full_flow_job, reconciliation_job]

"""``report_filings``: xBRL-JSON filings of the year's latest snapshots (per reporting year)."""

from pathlib import Path

import dagster as dg
from pydantic import Field

from assets.partitions import partition_filter, partition_label, partition_year, year_shards
from assets.reporting import report_snapshots
from assets.resources import VsmeGuruResource
from vsme_pipeline.filing.stage import file_snapshots, latest_snapshots
from vsme_pipeline.settings import get_settings


class FilingConfig(dg.Config):
    out_dir: str | None = Field(
        default=None,
        description="Directory of the filings (default: <embedded dir>/filings); one sub-directory per year.",
    )


@dg.asset(
    partitions_def=year_shards,
    deps=[report_snapshots],
    group_name="reporting",
    kinds={"mongodb", "python"},
    description="xBRL-JSON filing (VSME taxonomy, self-checked offline) of each completed, valid report's latest "
    "snapshot of the year (of the partition's company shard), one file per company-year; only new or changed snapshots are filed.",
)
async def report_filings(
    context: dg.AssetExecutionContext, config: FilingConfig, vsme_guru: VsmeGuruResource
) -> dg.MaterializeResult:  # type: ignore[type-arg]
    year = partition_year(context)
    company_filter = partition_filter(context)
    base = Path(config.out_dir) if config.out_dir else get_settings().embedded_dir / "filings"
    out_dir = base / str(year)
    async with vsme_guru.open() as target:
        snapshots = await latest_snapshots(target, year=year)
    if company_filter is not None:
        snapshots = [s for s in snapshots if company_filter(s.get("companyId"))]
    run = file_snapshots(snapshots, out_dir)
    for name, error in sorted(run.failed.items()):
        context.log.error(f"{name}: {error}")
    context.log.info(f"filings of {partition_label(context)} into {out_dir}: {len(run.written)} written, "
                     f"{run.unchanged} unchanged, {run.skipped_not_eligible} not eligible, {len(run.failed)} failed; "
                     f"{sum(run.fact_counts.values())} facts")
    return dg.MaterializeResult(
        metadata={
            "directory": dg.MetadataValue.path(str(out_dir)),
            "written": len(run.written),
            "unchanged": run.unchanged,
            "not_eligible": run.skipped_not_eligible,
            "failed": len(run.failed),
            "files": dg.MetadataValue.json({p.name: run.fact_counts.get(p.name, 0) for p in run.written}),
            "facts_total": sum(run.fact_counts.values()),
        }
    )

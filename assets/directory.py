"""Asset ``company_directory``: the Scope321 companies synced into vsme_guru."""

import dagster as dg
from pydantic import Field

from assets.metadata import attributed_writes, collection_metadata, stage_log_line, stage_metadata
from assets.resources import Scope321Resource, VsmeGuruResource
from documents.pipeline.directory import CompanyDirectoryEntry
from vsme_pipeline.pipeline.company_sync import sync_companies
from vsme_pipeline.pipeline.monitoring_queries import output_row_count

DIRECTORY = CompanyDirectoryEntry.Settings.name


class CompanySyncConfig(dg.Config):
    full: bool = Field(
        default=False,
        description="Full reconciliation: read every company and mark the ones deleted in Scope321 "
        "(the first sync is always full).",
    )


@dg.asset(
    group_name="directory",
    kinds={"mongodb", "python"},
    description="Read model of every Scope321 company (profile, members, content hash, sync time, "
    "deletion marker) in vsme_guru.company_directory. Incremental on `updatedAt`; `full` also finds "
    "deletions and orphans their reports.",
    metadata=collection_metadata("vsme_guru", DIRECTORY, CompanyDirectoryEntry),
)
async def company_directory(
    context: dg.AssetExecutionContext, config: CompanySyncConfig, scope321: Scope321Resource, vsme_guru: VsmeGuruResource
) -> dg.MaterializeResult[None]:
    async with scope321.open() as source, vsme_guru.open() as target:
        with attributed_writes(context) as started:
            report = await sync_companies(source, target, full=config.full)
        rows = await output_row_count(target, DIRECTORY)
    for problem in report.problems:
        context.log.warning(problem)
    mode = "full" if report.extra.get("full") else "incremental"
    context.log.info(stage_log_line(report, f"company sync ({mode}) into vsme_guru.{DIRECTORY}") + f"; {rows} entries")
    return dg.MaterializeResult(metadata=stage_metadata(report, row_count=rows, since=started))

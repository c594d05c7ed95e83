"""Asset ``company_directory``: the Scope321 companies synced into vsme_guru."""

import dagster as dg
from pydantic import Field

from assets.metadata import stage_metadata
from assets.resources import Scope321Resource, VsmeGuruResource
from vsme_pipeline.pipeline.company_sync import sync_companies


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
)
async def company_directory(
    context: dg.AssetExecutionContext, config: CompanySyncConfig, scope321: Scope321Resource, vsme_guru: VsmeGuruResource
) -> dg.MaterializeResult:
    async with scope321.open() as source, vsme_guru.open() as target:
        report = await sync_companies(source, target, full=config.full)
    for problem in report.problems:
        context.log.warning(problem)
    context.log.info(f"company sync ({'full' if report.extra.get('full') else 'incremental'}): "
                     f"{report.processed} read, {report.written} written, {report.skipped} unchanged")
    return dg.MaterializeResult(metadata=stage_metadata(report))

"""Schedules: company sync (frequent incremental, nightly full reconciliation) and validation.

Schedules are off in a new deployment (they launch runs that write); turn them on in the UI
(Automation) or with ``dagster schedule start NAME`` (see docs/pipeline.md, "Sensors and schedules").
"""

import dagster as dg

from assets.jobs import company_sync_job, reconciliation_job, validation_job
from assets.partitions import REPORTING_YEARS, configured_shards, year_partitions
from assets.run_config import reconciliation_run_config, sync_run_config

company_sync_incremental_schedule = dg.ScheduleDefinition(
    name="company_sync_incremental_schedule",
    job=company_sync_job,
    cron_schedule="*/15 * * * *",
    run_config=sync_run_config(full=False),
    execution_timezone="UTC",
    description="Every 15 minutes: companies changed in Scope321 since the last sync.",
)

company_sync_nightly_full_schedule = dg.ScheduleDefinition(
    name="company_sync_nightly_full_schedule",
    job=company_sync_job,
    cron_schedule="0 2 * * *",
    run_config=sync_run_config(full=True),
    execution_timezone="UTC",
    description="Nightly at 02:00 UTC: full reconciliation (also finds companies deleted in Scope321).",
)


@dg.schedule(job=validation_job, cron_schedule="30 * * * *", execution_timezone="UTC",
             description="Hourly: validate the changed reports of the last three reporting years that have reports "
                         "(one run per company shard).")
def validation_schedule(context: dg.ScheduleEvaluationContext) -> list[dg.RunRequest]:
    years = sorted(context.instance.get_dynamic_partitions(REPORTING_YEARS))[-3:]
    stamp = context.scheduled_execution_time.strftime("%Y%m%dT%H%M")
    shards = configured_shards()
    return [dg.RunRequest(run_key=f"validation:{key}:{stamp}", partition_key=key)
            for year in years for key in year_partitions(year, shards)]


@dg.schedule(job=reconciliation_job, cron_schedule="30 2 * * *", execution_timezone="UTC",
             description="Nightly at 02:30 UTC (after the full company sync): the reporting stages of every reporting "
             "year in full mode; what the incremental path missed is counted and named in each stage's metadata.")
def reconciliation_schedule(context: dg.ScheduleEvaluationContext) -> list[dg.RunRequest]:
    stamp = context.scheduled_execution_time.strftime("%Y%m%d")
    shards = configured_shards()
    return [dg.RunRequest(run_key=f"reconciliation:{key}:{stamp}", partition_key=key, run_config=reconciliation_run_config())
            for year in sorted(context.instance.get_dynamic_partitions(REPORTING_YEARS))
            for key in year_partitions(year, shards)]


SCHEDULES = [company_sync_incremental_schedule, company_sync_nightly_full_schedule, validation_schedule,
             reconciliation_schedule]

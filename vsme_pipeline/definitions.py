"""The Dagster code location of vsme-pipeline (``defs``), loaded by ``workspace.yaml``,
``dagster dev`` and ``dg``.

Importing this module builds definitions only: no connection, no environment read (resources read
the settings when a run, check or sensor opens them).

Every job runs in one process (``in_process_executor``): the stages are short async database
steps, and a process per step cost 10–14 s of start-up each on 2 cores (a one-partition launch of
``report_validation`` took 57 s for 0.5 s of work). Per-step retries still work in process: a
``dg.RetryPolicy`` on an asset, or the executor's ``retries`` config in the launchpad.
"""

import dagster as dg

from assets.checks import ASSET_CHECKS
from assets.directory import company_directory
from assets.filings import report_filings
from assets.jobs import JOBS
from assets.operations import OPERATIONS_ASSETS, OPERATIONS_CHECKS, OPERATIONS_JOBS, OPERATIONS_SCHEDULES
from assets.reporting import report_metrics, report_snapshots, report_validation
from assets.resources import default_resources
from assets.schedules import SCHEDULES
from assets.sensors import SENSORS

ASSETS = [company_directory, report_validation, report_metrics, report_snapshots, report_filings]

defs = dg.Definitions(
    assets=[*ASSETS, *OPERATIONS_ASSETS],
    asset_checks=[*ASSET_CHECKS, *OPERATIONS_CHECKS],
    jobs=[*JOBS, *OPERATIONS_JOBS],
    schedules=[*SCHEDULES, *OPERATIONS_SCHEDULES],
    sensors=SENSORS,
    resources=default_resources(),
    executor=dg.in_process_executor,
)

"""Partitions: one per reporting year."""

import dagster as dg

FIRST_REPORTING_YEAR = "2020"

reporting_years = dg.TimeWindowPartitionsDefinition(
    cron_schedule="0 0 1 1 *",
    start=FIRST_REPORTING_YEAR,
    fmt="%Y",
    end_offset=1,  # the current year is open for reporting too
)
"""Yearly partitions from 2020 to the current year (keys ``"2023"``, ``"2024"`` …)."""

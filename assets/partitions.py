"""Partitions: one per reporting year that has reports (dynamic, following the data).

The keys are added by the ``reporting_years_sensor`` (on by default) and by ``vsme run`` from the
distinct ``reportingYear`` values of ``vsme_guru.reports``, so the UI shows exactly the years that
hold data: no empty years reported as "missing", no year with reports left out.
"""

from collections.abc import Iterable

import dagster as dg

REPORTING_YEARS = "reporting_years"

reporting_years = dg.DynamicPartitionsDefinition(name=REPORTING_YEARS)
"""Reporting years with reports (keys ``"2023"``, ``"2024"`` …)."""


def add_reporting_years(instance: dg.DagsterInstance, years: Iterable[str]) -> list[str]:
    """Add the years that are not partitions yet; return them."""
    known = set(instance.get_dynamic_partitions(REPORTING_YEARS))
    new = sorted({str(y) for y in years} - known)
    if new:
        instance.add_dynamic_partitions(REPORTING_YEARS, new)
    return new

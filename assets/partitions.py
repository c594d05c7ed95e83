"""Partitions: reporting year (following the data) × company shard (following ``VSME_SHARDS``).

``reporting_years`` holds one key per reporting year that has reports: the keys are added by the
``reporting_years_sensor`` (on by default) and by ``vsme run`` from the distinct ``reportingYear``
values of ``vsme_guru.reports``, so the UI shows exactly the years that hold data.

``company_shards`` holds the keys ``"0-of-1"`` (default) or ``"00-of-16"`` … ``"15-of-16"``: a
company is in shard ``shard_of(company_id, n)`` (:mod:`vsme_pipeline.pipeline.shards`), so the
shards of a year are disjoint, cover it, and a company's reports of every year share one shard.
The keys are set to exactly the configured count whenever years are added (a changed count
replaces the keys; the runs of the old keys stay in the instance's history).

The reporting assets are partitioned by both (``reporting_year|shard``, e.g. ``2024|0-of-1``), so
one year's shards run as separate runs: in parallel on Dagster's multiprocess executor locally, on
Kubernetes or Celery workers in production (README, "Scaling out").
"""

from collections.abc import Iterable

import dagster as dg

from vsme_pipeline.pipeline.shards import CompanyFilter, parse_shard_key, shard_filter, shard_key

REPORTING_YEARS = "reporting_years"
COMPANY_SHARDS = "company_shards"
YEAR = "reporting_year"
SHARD = "shard"

reporting_years = dg.DynamicPartitionsDefinition(name=REPORTING_YEARS)
"""Reporting years with reports (keys ``"2023"``, ``"2024"`` …)."""

company_shards = dg.DynamicPartitionsDefinition(name=COMPANY_SHARDS)
"""Company shards of the configured count (keys ``"0-of-1"``, or ``"00-of-16"`` … ``"15-of-16"``)."""

year_shards = dg.MultiPartitionsDefinition({YEAR: reporting_years, SHARD: company_shards})
"""The reporting assets' partitions: ``reporting_year|shard`` (dimensions sort by name)."""


def shard_keys(shards: int) -> list[str]:
    """The shard keys of ``shards`` shards, in order."""
    return [shard_key(index, shards) for index in range(shards)]


def set_shards(instance: dg.DagsterInstance, shards: int) -> list[str]:
    """Make the shard partitions exactly the ``shards`` shards' keys; return the keys added."""
    wanted = shard_keys(shards)
    known = instance.get_dynamic_partitions(COMPANY_SHARDS)
    for key in known:
        if key not in wanted:
            instance.delete_dynamic_partition(COMPANY_SHARDS, key)
    new = [key for key in wanted if key not in known]
    if new:
        instance.add_dynamic_partitions(COMPANY_SHARDS, new)
    return new


def configured_shards() -> int:
    """``VSME_SHARDS`` (read when called, never at import)."""
    from vsme_pipeline.settings import get_settings

    return get_settings().shards


def add_reporting_years(instance: dg.DagsterInstance, years: Iterable[str], shards: int | None = None) -> list[str]:
    """Add the years that are not partitions yet and set the shards to ``shards`` (default: the
    configured count); return the years added."""
    set_shards(instance, configured_shards() if shards is None else shards)
    known = set(instance.get_dynamic_partitions(REPORTING_YEARS))
    new = sorted({str(y) for y in years} - known)
    if new:
        instance.add_dynamic_partitions(REPORTING_YEARS, new)
    return new


def partition_key(year: str | int, shard: str) -> dg.MultiPartitionKey:
    """The partition of one shard of one year."""
    return dg.MultiPartitionKey({YEAR: str(year), SHARD: shard})


def year_partitions(year: str | int, shards: int) -> list[dg.MultiPartitionKey]:
    """Every shard's partition of ``year``."""
    return [partition_key(year, key) for key in shard_keys(shards)]


def partition_year(context: dg.AssetExecutionContext | dg.AssetCheckExecutionContext) -> int:
    """The reporting year of the run's partition."""
    return int(_dimensions(context)[YEAR])


def partition_filter(context: dg.AssetExecutionContext | dg.AssetCheckExecutionContext) -> CompanyFilter | None:
    """The company filter of the run's shard (``None`` for ``0-of-1``: every company)."""
    index, shards = parse_shard_key(_dimensions(context)[SHARD])
    return None if shards == 1 else shard_filter(index, shards)


def partition_label(context: dg.AssetExecutionContext | dg.AssetCheckExecutionContext) -> str:
    """``2024`` or ``2024 shard 03-of-16`` (for log lines)."""
    dimensions = _dimensions(context)
    _, shards = parse_shard_key(dimensions[SHARD])
    return dimensions[YEAR] if shards == 1 else f"{dimensions[YEAR]} shard {dimensions[SHARD]}"


def _dimensions(context: dg.AssetExecutionContext | dg.AssetCheckExecutionContext) -> dict[str, str]:
    key = context.partition_key
    if isinstance(key, dg.MultiPartitionKey):
        return dict(key.keys_by_dimension)
    return dict(year_shards.get_partition_key_from_str(key).keys_by_dimension)

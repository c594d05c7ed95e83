"""Dagster assets, checks, sensors, schedules, jobs and resources of vsme-pipeline.

The code location is assembled in :mod:`vsme_pipeline.definitions`; the work itself lives in
:mod:`vsme_pipeline.pipeline` (framework-free), these modules only wire it into Dagster.
"""

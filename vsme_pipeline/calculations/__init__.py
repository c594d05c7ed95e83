"""Calculated VSME metrics: pure functions, Decimal arithmetic, units and provenance on every value.

Entry point: :func:`compute_metrics` (report, company profile, emission factors → :class:`MetricSet`).
The formula modules (``b3`` … ``c9``, ``size_class``) can also be called directly with Decimals.
"""

from vsme_pipeline.calculations.compute import compute_metrics
from vsme_pipeline.calculations.formulas import FORMULAS, Formula
from vsme_pipeline.calculations.metric import FORMULAS_VERSION, Metric, MetricSet

__all__ = ["FORMULAS", "FORMULAS_VERSION", "Formula", "Metric", "MetricSet", "compute_metrics"]

"""Synthetic reporting seasons at volume: a deterministic population (``population``) and its
bulk writer (``writer``), used by ``vsme seed --synthetic N`` and ``vsme bench``."""

from vsme_pipeline.synthetic.population import (
    DEFECTS,
    SHAPES,
    SyntheticCompany,
    synthetic_object_id,
    synthetic_population,
)
from vsme_pipeline.synthetic.writer import SyntheticSummary, seed_synthetic

__all__ = [
    "DEFECTS",
    "SHAPES",
    "SyntheticCompany",
    "SyntheticSummary",
    "seed_synthetic",
    "synthetic_object_id",
    "synthetic_population",
]

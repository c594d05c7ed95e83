"""Versioned reference data shipped with the pipeline (emission factors).

``emission_factors()`` returns the rows of ``emission_factors.csv`` as dicts shaped like
``documents.reference.EmissionFactor`` (numbers as floats); the seed loads them into the reference
database of the environment.  ``EmissionFactorSet`` is the in-memory lookup the calculations use; it
is built from whatever the environment's reference database holds (dicts or model instances), so a
verified production data set can replace the development one without code changes.

See ``README.md`` in this package for sources, licences and the status of each value.
"""

from vsme_pipeline.reference_data.emission_factors import (
    DATASET_VERSION,
    EmissionFactorRecord,
    EmissionFactorSet,
    emission_factors,
)

__all__ = ["DATASET_VERSION", "EmissionFactorRecord", "EmissionFactorSet", "emission_factors"]

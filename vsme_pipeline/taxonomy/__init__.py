"""The EFRAG VSME XBRL taxonomy concept lists bundled with the package (see ``data/README.md``).

Pure and lazy: files are read on first use, never at import.
"""

from vsme_pipeline.taxonomy.loader import (
    DEFAULT_VERSION,
    VERSIONS,
    Concept,
    concepts,
    concepts_by_disclosure,
    datapoint_concepts,
)

__all__ = [
    "DEFAULT_VERSION",
    "VERSIONS",
    "Concept",
    "concepts",
    "concepts_by_disclosure",
    "datapoint_concepts",
]

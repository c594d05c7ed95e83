"""The pipeline's framework-free core: hashing, change detection, stages, integrity queries.

Dagster assets, checks and sensors (``assets/``) and the ``vsme run`` command are thin wrappers
around the modules of this package, which can be tested without Dagster.
"""

"""The Dagster layer's entry points outside the code location: ``vsme run`` (in-process runs in a
persistent instance), the Dagster instance's home and the repair of runs that lost their process.

:mod:`vsme_pipeline.pipeline` is framework-free; this package (with :mod:`assets` and
:mod:`vsme_pipeline.definitions`) is where Dagster is imported.
"""

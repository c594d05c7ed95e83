"""Operations of the pipeline's own database: backup and restore, storage and slow-operation
monitoring, retention, and data-subject rights (export and erasure of personal data).

Each module does one job and takes database handles as arguments (no connections at import, no
settings read at import); the CLI (``vsme backup``, ``vsme restore``, ``vsme storage``,
``vsme retention``, ``vsme privacy``) and the Dagster layer (``assets/operations.py``) call them.
"""

"""``stage_state``: the change-detection watermark of each reporting stage and year."""

from datetime import datetime
from typing import Any

from beanie import Document

from documents.base import CAMEL_DOCUMENT_CONFIG

__all__ = ["StageState"]


class StageState(Document):
    """Where one stage (``report_validation``, ``report_metrics``, ``report_snapshots``) of one
    reporting year (or one company shard of it) stands; ``id`` is ``"<stage>:<year>"`` (or
    ``"<stage>:<year>:<shard>"``, e.g. ``report_validation:2024:1-of-4``).

    ``watermark``: the pipeline's clock at the start of the last successful run (the web app's and
    Scope321's ``updatedAt`` are compared with it minus the look-back window); ``marks``: the
    highest timestamp already seen of each of the pipeline's own inputs (``syncedAt`` of the
    directory, ``validatedAt`` of the results, ``changedAt`` of the metrics), compared strictly;
    ``recent``: the ``(id, updatedAt)`` pairs already handled inside the look-back window, so a
    rerun does not read them again; ``inputs_hash``: the global inputs (rule-set, formulas and
    emission-factor versions) the state is valid for: a different one makes the next run full.
    """

    model_config = CAMEL_DOCUMENT_CONFIG

    id: str  # type: ignore[assignment]
    stage: str
    reporting_year: int
    shard: str | None = None
    """The company shard (``shard_key``) this state belongs to; None: the whole year."""
    watermark: datetime
    inputs_hash: str
    marks: dict[str, Any] = {}
    recent: list[dict[str, Any]] = []
    last_run_at: datetime
    last_full_at: datetime | None = None
    last_missed: int = 0
    """Records the last full (reconciliation) run changed that the incremental path had not seen."""
    events_pending: bool | None = None
    """``report_snapshots`` only: True from before a run's first snapshot write until its commit,
    after every ``audit_events`` copy was written (a kill in between leaves it True, and the next run
    repairs the copies); None: never set (the next run looks)."""
    findings_tally: list[dict[str, Any]] | None = None
    """``report_validation`` only: the year's findings tally (one row per kind of finding, with an
    example), reused by an incremental run that wrote nothing instead of recounting."""

    class Settings:
        name = "stage_state"
        keep_nulls = True

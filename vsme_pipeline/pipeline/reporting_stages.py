"""The reporting stages a run of one partition takes, in order (their ``stage_state`` names)."""

from vsme_pipeline.pipeline import metrics_stage, snapshot_stage, validation_stage

REPORTING_STAGES = (validation_stage.STAGE, metrics_stage.STAGE, snapshot_stage.STAGE)
"""Validation, metrics, snapshots: the stages whose states a run reads ahead in one query."""

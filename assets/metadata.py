"""Materialization metadata from a stage report (counts, duration, markdown)."""

from typing import Any

import dagster as dg

from vsme_pipeline.pipeline.stage import StageReport


def stage_metadata(report: StageReport, **markdown: str) -> dict[str, Any]:
    """Counts processed / written / skipped / failed, duration, stage-specific counts, problems
    (each naming its record) and any markdown tables given as keyword arguments."""
    metadata: dict[str, Any] = {}
    for key, value in report.metadata().items():
        if key == "findings_markdown":
            continue
        if key == "duration_s":
            metadata["duration_s"] = dg.MetadataValue.float(float(value))
        elif isinstance(value, bool) or value is None:
            metadata[key] = dg.MetadataValue.text(str(value))
        elif isinstance(value, int):
            metadata[key] = dg.MetadataValue.int(value)
        else:
            metadata[key] = dg.MetadataValue.text(str(value))
    if report.problems:
        metadata["problems"] = dg.MetadataValue.md("\n".join(f"- {p}" for p in report.problems))
    for key, text in markdown.items():
        metadata[key] = dg.MetadataValue.md(text)
    return metadata

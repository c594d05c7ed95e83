"""What the company sync records of each reading (``StageReport.extra``; pure).

Keys: ``source_shapes`` (``{shape: records read}``), ``unmapped_fields`` (number of fields that
could not be mapped, each kept as stored), ``source_findings`` (the first 20, naming record and
field).
"""

from typing import Any

from vsme_pipeline.sources.company import CompanyReading, read_company
from vsme_pipeline.sources.provenance import SourceShape

__all__ = ["MAX_FINDINGS", "note_reading", "note_shape", "read_company"]

MAX_FINDINGS = 20


def note_shape(report: Any, shape: SourceShape) -> None:
    """Count one record read in ``shape`` into ``report.extra["source_shapes"]`` (any stage:
    ``vsme run`` adds them up over its runs)."""
    shapes: dict[str, int] = report.extra.setdefault("source_shapes", {})
    shapes[shape.value] = shapes.get(shape.value, 0) + 1


def note_reading(report: Any, reading: CompanyReading) -> None:
    """Count one company reading into ``report.extra`` (a `StageReport`)."""
    note_shape(report, reading.shape)
    report.extra["unmapped_fields"] = report.extra.get("unmapped_fields", 0) + len(reading.findings)
    findings: list[str] = report.extra.setdefault("source_findings", [])
    for finding in reading.findings:
        if len(findings) < MAX_FINDINGS:
            findings.append(str(finding))

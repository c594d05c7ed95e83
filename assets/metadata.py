"""Materialization metadata from a stage report, in Dagster's standard form.

- ``dagster/row_count``: documents of the output collection in the partition (the year);
- ``dagster/column_schema`` (also on the asset definition): the fields of the output document;
- ``dagster/table_name`` and ``collection``: ``database.collection``, shown as a path;
- counts as ints, durations as floats, flags as booleans, mappings as JSON;
- ``top_findings``: a narrow table that fits the partition pane, with the full table as a
  markdown file in the instance's storage (``findings_report``, a path).
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dagster as dg
from pydantic import BaseModel

from vsme_pipeline.operations.slow_operations import slow_operation_log
from vsme_pipeline.pipeline.stage import StageReport
from vsme_pipeline.pipeline.write_audit import attributed
from vsme_pipeline.settings import get_settings


def _type_name(annotation: Any) -> str:
    text = getattr(annotation, "__name__", None) if not getattr(annotation, "__args__", None) else None
    text = text or str(annotation)
    return text.replace("typing.", "").replace("beanie.odm.fields.", "").replace("datetime.", "")


def column_schema(document: type[BaseModel]) -> dg.TableSchema:
    """The stored fields of ``document`` (aliases, as in MongoDB), their types and descriptions."""
    columns = [dg.TableColumn("_id", "ObjectId", description="document id")]
    for name, info in document.model_fields.items():
        if name in ("id", "revision_id"):
            continue
        columns.append(dg.TableColumn(
            info.alias or name, _type_name(info.annotation),
            description=info.description or "",
            constraints=dg.TableColumnConstraints(nullable=not info.is_required()),
        ))
    return dg.TableSchema(columns=columns)


def collection_metadata(database: str, collection: str, document: type[BaseModel]) -> dict[str, Any]:
    """Static metadata of an asset that writes ``database.collection``."""
    name = f"{database}.{collection}"
    return {
        "dagster/table_name": name,
        "collection": dg.MetadataValue.path(name),
        "dagster/column_schema": column_schema(document),
    }


def _value(value: Any) -> Any:
    if isinstance(value, bool):
        return dg.MetadataValue.bool(value)
    if value is None:
        return dg.MetadataValue.null()
    if isinstance(value, int):
        return dg.MetadataValue.int(value)
    if isinstance(value, float):
        return dg.MetadataValue.float(value)
    if isinstance(value, dict | list):
        return dg.MetadataValue.json(value)
    return dg.MetadataValue.text(str(value))


@contextmanager
def attributed_writes(context: dg.AssetExecutionContext) -> Iterator[float]:
    """Attribute the stage's writes to this asset and run (one ``records_written`` audit event per
    written batch); yields the wall-clock start, for the run's slow operations."""
    started = time.time()
    with attributed(f"asset:{context.asset_key.to_user_string()}", context.run.run_id):
        yield started


def slow_operations_metadata(since: float) -> dict[str, Any]:
    """The driver commands since ``since`` slower than ``VSME_SLOW_OPERATION_MS`` (shapes, no values)."""
    slow = slow_operation_log(get_settings().slow_operation_ms).since(since)
    metadata: dict[str, Any] = {"slow_operations": dg.MetadataValue.int(len(slow))}
    if slow:
        metadata["slow_operation_list"] = dg.MetadataValue.md("\n".join(f"- `{op.line()}`" for op in slow[:50]))
    return metadata


def stage_metadata(report: StageReport, *, row_count: int | None = None, findings_report: Path | None = None,
                   since: float | None = None, **markdown: str) -> dict[str, Any]:
    """Counts processed / written / skipped / failed, duration, stage-specific values, problems
    (each naming its record), the row count, the findings tables and any markdown given as keyword
    arguments."""
    metadata: dict[str, Any] = {}
    for key, value in report.metadata().items():
        metadata[key] = dg.MetadataValue.float(float(value)) if key == "duration_s" else _value(value)
    if row_count is not None:
        metadata["dagster/row_count"] = dg.MetadataValue.int(row_count)
    if report.problems:
        metadata["problems"] = dg.MetadataValue.md("\n".join(f"- {p}" for p in report.problems))
    if report.findings is not None:
        metadata["findings"] = dg.MetadataValue.int(report.findings.total)
        metadata["top_findings"] = dg.MetadataValue.md(report.findings.compact_markdown())
    if findings_report is not None:
        metadata["findings_report"] = dg.MetadataValue.path(str(findings_report))
    if since is not None:
        metadata.update(slow_operations_metadata(since))
    for key, text in markdown.items():
        metadata[key] = dg.MetadataValue.md(text)
    return metadata


def write_findings_report(context: dg.AssetExecutionContext, report: StageReport) -> Path | None:
    """The full findings table of the run, as a markdown file in the instance's storage."""
    if report.findings is None:
        return None
    directory = Path(context.instance.storage_directory()) / context.run.run_id
    directory.mkdir(parents=True, exist_ok=True)
    partition = context.partition_key if context.has_partition_key else "all"
    path = directory / f"findings-{partition}.md"
    path.write_text(f"# Validation findings of {partition}\n\n{report.findings.markdown(limit=None)}\n", encoding="utf-8")
    return path


def stage_log_line(report: StageReport, what: str) -> str:
    """One human-readable line: what the stage did."""
    line = (f"{what}: {report.processed} processed, {report.written} written, {report.skipped} unchanged, "
            f"{report.failed} failed in {report.duration_s:.2f} s")
    if report.findings is not None:
        line += f"; {report.findings.total} findings"
    return line

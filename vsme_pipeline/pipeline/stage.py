"""What every stage reports: counts, problems naming their records, duration (pure)."""

import time
from dataclasses import dataclass, field
from typing import Any

from vsme_pipeline.pipeline.summaries import FindingsTally

MAX_PROBLEMS = 1_000
"""Problems kept word for word (``failed`` counts them all)."""


@dataclass
class StageReport:
    """Outcome of one stage run.

    ``processed``: records looked at; ``written``: records inserted or changed; ``skipped``:
    unchanged records; ``failed``: records that could not be processed (each named in
    ``problems``). ``extra`` holds stage-specific counts for the UI; ``findings`` the tally of the
    validation findings (validation only), rendered by the UI layer.
    """

    stage: str
    processed: int = 0
    written: int = 0
    skipped: int = 0
    failed: int = 0
    problems: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    findings: FindingsTally | None = None
    started: float = field(default_factory=time.monotonic)
    duration_s: float = 0.0

    def fail(self, message: str) -> None:
        """Count one failed record; ``message`` names the record and the field."""
        self.failed += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(message)

    def bump(self, key: str, by: int = 1) -> None:
        self.extra[key] = self.extra.get(key, 0) + by

    def finish(self) -> "StageReport":
        self.duration_s = round(time.monotonic() - self.started, 3)
        return self

    @property
    def changed(self) -> bool:
        return self.written > 0

    def metadata(self) -> dict[str, Any]:
        """Plain metadata for a Dagster materialization (the asset adds markdown)."""
        data: dict[str, Any] = {
            "processed": self.processed,
            "written": self.written,
            "skipped": self.skipped,
            "failed": self.failed,
            "duration_s": self.duration_s,
        }
        data.update(self.extra)
        return data


class StageFailed(RuntimeError):
    """A stage stopped by an error it cannot handle per record (the server lost, a refused write).

    ``report`` holds what the stage did before it stopped (``extra["partial"]`` is True and
    ``written`` says how many records it wrote), so a summary can say so.
    """

    def __init__(self, report: StageReport, error: BaseException):
        report.extra["partial"] = True
        report.extra["error"] = f"{type(error).__name__}: {str(error).splitlines()[0][:300] if str(error) else ''}"
        self.report = report.finish()
        super().__init__(f"{report.stage} stopped after writing {report.written} record(s) "
                         f"({report.processed} processed, {report.failed} failed): {report.extra['error']}")

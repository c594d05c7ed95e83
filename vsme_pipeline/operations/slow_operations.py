"""Slow operations of the pipeline itself, from the driver's command monitoring.

A :class:`SlowOperationLog` is a ``pymongo.monitoring.CommandListener``: every command that took
longer than its threshold is recorded with its database, collection, duration and *shape* (the
command with every value replaced by its BSON type name: ``{"find": "reports", "filter":
{"reportingYear": "int"}}``), never its values, so no personal data reaches a log. One log per
threshold per process (:func:`slow_operation_log`), handed to every client through
``Settings.client_options``; a run reads what was recorded since it started (:meth:`since`).
"""

import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from pymongo import monitoring

_SKIPPED_COMMANDS = frozenset({"hello", "ismaster", "isMaster", "ping", "saslStart", "saslContinue", "endSessions",
                               "buildInfo", "getMore", "killCursors"})
_SHAPE_KEYS = ("filter", "query", "pipeline", "updates", "deletes", "sort", "projection", "q", "u")


def shape(value: Any, depth: int = 0) -> Any:
    """``value`` with every leaf replaced by its type name (operators and field names kept)."""
    if depth > 6:
        return "…"
    if isinstance(value, dict):
        return {str(k): shape(v, depth + 1) for k, v in list(value.items())[:20]}
    if isinstance(value, list | tuple):
        return [shape(v, depth + 1) for v in value[:3]] + (["…"] if len(value) > 3 else [])
    return type(value).__name__


@dataclass(frozen=True)
class SlowOperation:
    at: float
    command: str
    database: str
    collection: str | None
    duration_ms: float
    shape: dict[str, Any]
    failed: bool

    def line(self) -> str:
        status = "failed" if self.failed else "ok"
        return f"{self.command} {self.database}.{self.collection or '-'} {self.duration_ms:.0f} ms ({status}) {self.shape}"


class SlowOperationLog(monitoring.CommandListener):
    """Records commands slower than ``threshold_ms`` (bounded: the last ``capacity``)."""

    def __init__(self, threshold_ms: float, capacity: int = 1000) -> None:
        self.threshold_ms = threshold_ms
        self._started: dict[tuple[Any, int], tuple[str, str | None, dict[str, Any]]] = {}
        self._records: deque[SlowOperation] = deque(maxlen=capacity)
        self._lock = threading.Lock()

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        if event.command_name in _SKIPPED_COMMANDS:
            return
        target = event.command.get(event.command_name)
        described = {key: shape(event.command[key]) for key in _SHAPE_KEYS if key in event.command}
        with self._lock:
            self._started[(event.connection_id, event.request_id)] = (
                event.database_name, target if isinstance(target, str) else None, described)

    def _finish(self, event: monitoring.CommandSucceededEvent | monitoring.CommandFailedEvent, failed: bool) -> None:
        with self._lock:
            begun = self._started.pop((event.connection_id, event.request_id), None)
        duration_ms = event.duration_micros / 1000
        if begun is None or duration_ms < self.threshold_ms:
            return
        database, collection, described = begun
        with self._lock:
            self._records.append(SlowOperation(time.time(), event.command_name, database, collection, duration_ms,
                                               described, failed))

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        self._finish(event, failed=False)

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        self._finish(event, failed=True)

    def since(self, started_at: float) -> list[SlowOperation]:
        """What was recorded since ``started_at`` (``time.time()``), oldest first."""
        with self._lock:
            return [record for record in self._records if record.at >= started_at]


_LOGS: dict[float, SlowOperationLog] = {}


def slow_operation_log(threshold_ms: float) -> SlowOperationLog:
    """The process's log for ``threshold_ms`` (one instance per threshold, so clients that share
    options share it)."""
    log = _LOGS.get(threshold_ms)
    if log is None:
        log = _LOGS.setdefault(threshold_ms, SlowOperationLog(threshold_ms))
    return log

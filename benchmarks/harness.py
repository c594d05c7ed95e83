"""Timing harness: median of repeated runs, reported as a ratio to a baseline from the same run."""

import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Comparison:
    name: str
    subject: str
    baseline: str
    subject_median_s: float
    baseline_median_s: float
    repeats: int

    @property
    def ratio(self) -> float:
        return self.subject_median_s / self.baseline_median_s

    def as_dict(self) -> dict:
        return {**asdict(self), "ratio": self.ratio}


def median_seconds(function: Callable[[], object], repeats: int) -> float:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


async def median_seconds_async(function: Callable[[], Awaitable[object]], repeats: int) -> float:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        await function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)

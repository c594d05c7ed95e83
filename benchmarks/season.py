"""``vsme bench``: the whole flow on a synthetic season of N reports, in one process and one run.

Measured, in the same run and on the same data:

* round trips (commands seen by a PyMongo ``CommandListener``) and CPU (``time.process_time``)
  of each stage: company sync, then validation, metrics and snapshots for every reporting year,
  called through their public entry points;
* the raw PyMongo baseline: the same reads (companies, users, each year's reports) and the same
  number of written documents (directory, validation results, metrics, snapshots) with the bare
  driver and default batch sizes;
* parsing every report with its model (``Report.model_validate``), the CPU baseline of the domain;
* a rerun after changing 1 % of the reports (as the web app does: content and
  ``metadata.updatedAt``), and a rerun with nothing changed;
* peak resident memory of the full run at N and at 4N (the season grown to 4N reports).

Writes ``benchmarks/results/latest.json``. Without ``VSME_GURU_DATABASE_URL`` /
``SCOPE321_DATABASE_URL`` a throw-away embedded server is started in a temporary directory; with
them, uniquely named databases are created on that server and dropped at the end.
"""

import asyncio
import json
import os
import platform
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from pymongo import AsyncMongoClient, monitoring

RESULTS = Path(__file__).parent / "results"
STAGES = ("company_sync", "validation", "metrics", "snapshots")
RATIO_KEYS = ("round_trips_vs_raw", "compute_vs_parse", "incremental_vs_full", "unchanged_vs_full", "peak_memory_4n_vs_n")
GOALS = {"round_trips_vs_raw": 2.0, "compute_vs_parse": 3.0, "incremental_vs_full": 0.05, "unchanged_vs_full": 0.02,
         "peak_memory_4n_vs_n": 1.2}


class CommandCounter(monitoring.CommandListener):
    """Counts the commands the client sends (one per round trip)."""

    def __init__(self) -> None:
        self.count = 0
        self.names: Counter[str] = Counter()

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        self.count += 1
        self.names[event.command_name] += 1

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        pass

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        pass


@dataclass
class Cost:
    round_trips: int = 0
    cpu_s: float = 0.0

    def add(self, other: "Cost") -> None:
        self.round_trips += other.round_trips
        self.cpu_s += other.cpu_s


@dataclass
class RunCost:
    """Cost of one pass of the flow, per stage."""

    stages: dict[str, Cost] = field(default_factory=lambda: {name: Cost() for name in STAGES})
    problems: list[str] = field(default_factory=list)

    @property
    def total(self) -> Cost:
        total = Cost()
        for cost in self.stages.values():
            total.add(cost)
        return total

    def domain_cpu_s(self) -> float:
        return sum(self.stages[name].cpu_s for name in ("validation", "metrics", "snapshots"))


def _peak_rss_reset() -> None:
    """Reset the kernel's peak-RSS mark of this process (Linux ``clear_refs``; no-op elsewhere)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _peak_rss_bytes() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


class Bench:
    def __init__(self, uri_scope321: str, uri_vsme_guru: str, suffix: str):
        self.counter = CommandCounter()
        self.scope_client: AsyncMongoClient[Any] = AsyncMongoClient(uri_scope321, event_listeners=[self.counter])
        self.guru_client: AsyncMongoClient[Any] = (
            self.scope_client if uri_scope321 == uri_vsme_guru
            else AsyncMongoClient(uri_vsme_guru, event_listeners=[self.counter])
        )
        self.names = {"scope321": f"bench_scope321_{suffix}", "vsme_guru": f"bench_vsme_guru_{suffix}",
                      "reference": f"bench_co2-intensities-test_{suffix}"}

    def databases(self) -> Any:
        from vsme_pipeline.connections import Databases

        return Databases(scope321=self.scope_client[self.names["scope321"]],
                         vsme_guru=self.guru_client[self.names["vsme_guru"]],
                         reference=self.scope_client[self.names["reference"]])

    async def measure(self, call: Callable[[], Awaitable[Any]]) -> tuple[Cost, Any]:
        mark = self.mark()
        result = await call()
        return self.since(mark), result

    def mark(self) -> tuple[int, float]:
        return self.counter.count, time.process_time()

    def since(self, mark: tuple[int, float]) -> Cost:
        return Cost(self.counter.count - mark[0], time.process_time() - mark[1])

    async def years(self) -> list[int]:
        values = await self.databases().vsme_guru["reports"].distinct("reportingYear")
        return sorted(int(v) for v in values if isinstance(v, int))

    async def flow(self, *, full_sync: bool) -> RunCost:
        """Company sync, then validation, metrics and snapshots of every year (public entry points)."""
        from vsme_pipeline.connections import read_only
        from vsme_pipeline.pipeline.change_detection import StatesAhead, states_read_ahead
        from vsme_pipeline.pipeline.company_sync import sync_companies
        from vsme_pipeline.pipeline.metrics_stage import compute_year
        from vsme_pipeline.pipeline.migration_state import migration_revisions
        from vsme_pipeline.pipeline.reporting_stages import REPORTING_STAGES
        from vsme_pipeline.pipeline.snapshot_stage import snapshot_year
        from vsme_pipeline.pipeline.validation_stage import validate_year

        dbs = self.databases()
        source, target, reference = read_only(dbs.scope321), dbs.vsme_guru, read_only(dbs.reference)
        run = RunCost()

        def note(stage: str, report: Any) -> None:
            for problem in getattr(report, "problems", [])[:3]:
                run.problems.append(f"{stage}: {problem}")

        cost, report = await self.measure(lambda: sync_companies(source, target, full=full_sync))
        run.stages["company_sync"].add(cost)
        note("company_sync", report)
        years = await self.years()
        # what a Dagster run of one year (``reporting_job``) does, year by year: the three stages'
        # states read in one query; the snapshots read the migration revisions when they write one
        for year in years:
            with states_read_ahead(StatesAhead(REPORTING_STAGES, year)):  # counted with the validation
                async def validation(year: int = year) -> Any:
                    return await validate_year(target, year)

                cost, report = await self.measure(validation)
                run.stages["validation"].add(cost)
                note("validation", report)

                async def metrics(year: int = year) -> Any:
                    return await compute_year(target, reference, year)

                cost, report = await self.measure(metrics)
                run.stages["metrics"].add(cost)
                note("metrics", report)

                async def snapshots(year: int = year) -> Any:
                    return await snapshot_year(target, year, lambda: migration_revisions(source, target, reference),
                                               run_id="bench")

                cost, report = await self.measure(snapshots)
                run.stages["snapshots"].add(cost)
                note("snapshots", report)
        return run

    async def raw_baseline(self) -> Cost:
        """The same reads and as many written documents with the bare driver (into scratch
        collections, dropped afterwards)."""
        dbs = self.databases()
        scope, guru = dbs.scope321, dbs.vsme_guru

        async def run() -> None:
            companies = [doc async for doc in scope["companies"].find({})]
            _ = [doc async for doc in scope["users"].find({})]
            await guru["bench_raw_directory"].insert_many([{"companyId": c["_id"]} for c in companies])
            for year in await self.years():
                reports = [doc async for doc in guru["reports"].find({"reportingYear": year})]
                if not reports:
                    continue
                for name in ("bench_raw_validation", "bench_raw_metrics", "bench_raw_snapshots"):
                    await guru[name].insert_many([{"reportId": r["_id"], "year": year} for r in reports])

        cost, _ = await self.measure(run)
        for name in ("bench_raw_directory", "bench_raw_validation", "bench_raw_metrics", "bench_raw_snapshots"):
            await guru.drop_collection(name)
        return cost

    async def parse_cpu_s(self) -> tuple[float, int]:
        """CPU of parsing every stored report with its model (the domain's baseline)."""
        from pydantic import ValidationError

        from documents import Report

        documents = [doc async for doc in self.databases().vsme_guru["reports"].find({"reportingYear": {"$type": "int"}})]
        started = time.process_time()
        for doc in documents:
            try:
                Report.model_validate(doc)
            except ValidationError:
                pass
        return time.process_time() - started, len(documents)

    async def change_reports(self, count: int) -> int:
        """Edit ``count`` reports as the web app does (a text field and ``metadata.updatedAt``)."""
        reports = self.databases().vsme_guru["reports"]
        ids = [doc["_id"] async for doc in reports.find({"reportingYear": {"$type": "int"}}, projection={"_id": 1}).sort("_id", 1)]
        step = max(1, len(ids) // max(count, 1))
        chosen = ids[::step][:count]
        now = datetime.now(UTC)
        for index, report_id in enumerate(chosen):
            await reports.update_one({"_id": report_id}, {"$set": {
                "generalDisclosures.otherGeneralInformation": f"Edited in the benchmark ({index}).",
                "metadata.updatedAt": now}})
        return len(chosen)

    async def close(self) -> None:
        for name in self.names.values():
            await self.scope_client.drop_database(name)
            if self.guru_client is not self.scope_client:
                await self.guru_client.drop_database(name)
        await self.scope_client.close()
        if self.guru_client is not self.scope_client:
            await self.guru_client.close()


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 4) if b else None


async def _season(bench: Bench, n: int, seed: int, settings: Any, progress: Callable[[str], None]) -> int:
    from vsme_pipeline.synthetic import seed_synthetic

    # a bulk load of the typed models' documents: the validators are bypassed (the embedded server
    # compiles a collection's $jsonSchema for each document it checks; the pipeline is measured here)
    summary = await seed_synthetic(bench.databases(), n, seed, shapes=("project",), settings=settings, validate=False)
    progress(f"seeded {summary.reports} reports of {summary.companies} companies")
    return summary.reports


async def run_bench(n: int, *, seed: int = 0, four_n: bool = True, progress: Callable[[str], None] = print) -> dict[str, Any]:
    """Run the benchmark and return the result document (also written to ``latest.json``)."""
    from vsme_pipeline.migration import upgrade
    from vsme_pipeline.settings import load_settings

    scope_url = os.environ.get("SCOPE321_DATABASE_URL")
    guru_url = os.environ.get("VSME_GURU_DATABASE_URL") or os.environ.get("PRIMARY_DATABASE_URL")
    suffix = uuid.uuid4().hex[:8]
    temporary: tempfile.TemporaryDirectory[str] | None = None
    server = "configured MongoDB"
    if not (scope_url and guru_url):
        from vsme_pipeline.embedded_db import start

        temporary = tempfile.TemporaryDirectory(prefix="vsme-bench-")
        state, _ = start(Path(temporary.name))
        scope_url = scope_url or state.uri
        guru_url = guru_url or state.uri
        server = "embedded (mongoeco on SQLite)"
    bench = Bench(scope_url, guru_url, suffix)
    env_names = {"SCOPE321_DATABASE_NAME": bench.names["scope321"], "VSME_GURU_DATABASE_NAME": bench.names["vsme_guru"],
                 "EXTERNAL_DATABASE_NAME": bench.names["reference"]}
    previous = {key: os.environ.get(key) for key in env_names}
    os.environ.update(env_names)
    try:
        settings = load_settings()
        build = await bench.guru_client["admin"].command("buildInfo")
        await upgrade(bench.databases(), "head", settings=settings)
        reports = await _season(bench, n, seed, settings, progress)

        _peak_rss_reset()
        full = await bench.flow(full_sync=True)
        peak_n = _peak_rss_bytes()
        progress(f"full run: {full.total.round_trips} round trips, {full.total.cpu_s:.2f} s CPU")
        raw = await bench.raw_baseline()
        parse_s, parsed = await bench.parse_cpu_s()
        changed = await bench.change_reports(max(1, reports // 100))
        incremental = await bench.flow(full_sync=False)
        progress(f"1 % rerun ({changed} changed): {incremental.total.round_trips} round trips")
        unchanged = await bench.flow(full_sync=False)
        progress(f"unchanged rerun: {unchanged.total.round_trips} round trips")
        peak_4n: int | None = None
        if four_n:
            await _season(bench, 4 * n, seed, settings, progress)
            _peak_rss_reset()
            await bench.flow(full_sync=True)
            peak_4n = _peak_rss_bytes()

        def ratio_of(run: RunCost) -> float | None:
            values = [r for r in (_ratio(run.total.round_trips, full.total.round_trips),
                                  _ratio(run.total.cpu_s, full.total.cpu_s)) if r is not None]
            return max(values) if values else None

        per_report = parse_s / parsed if parsed else 0.0
        ratios = {
            "round_trips_vs_raw": _ratio(full.total.round_trips, raw.round_trips),
            "compute_vs_parse": _ratio(full.domain_cpu_s() / max(reports, 1), per_report),
            "incremental_vs_full": ratio_of(incremental),
            "unchanged_vs_full": ratio_of(unchanged),
            "peak_memory_4n_vs_n": _ratio(peak_4n, peak_n) if peak_4n else None,
        }

        def stages(run: RunCost) -> dict[str, Any]:
            return {name: {"round_trips": cost.round_trips, "cpu_s": round(cost.cpu_s, 4),
                           "cpu_ms_per_report": round(cost.cpu_s * 1000 / max(reports, 1), 4)}
                    for name, cost in run.stages.items()}

        result: dict[str, Any] = {
            "n": n,
            "reports": reports,
            "seed": seed,
            "measured_at": datetime.now(UTC).isoformat(),
            "machine": {"platform": platform.platform(), "processor": platform.machine(), "cpus": os.cpu_count(),
                        "python": platform.python_version()},
            "versions": {name: _version(name) for name in ("vsme-pipeline", "pymongo", "beanie", "pydantic", "dagster", "mongoeco")},
            "server": {"kind": server, "version": build.get("version")},
            "ratios": ratios,
            "goals": GOALS,
            "raw_baseline": {"round_trips": raw.round_trips, "cpu_s": round(raw.cpu_s, 4)},
            "parse": {"reports": parsed, "cpu_ms_per_report": round(per_report * 1000, 4)},
            "full": {"round_trips": full.total.round_trips, "cpu_s": round(full.total.cpu_s, 4), "stages": stages(full)},
            "incremental": {"changed": changed, "round_trips": incremental.total.round_trips,
                            "cpu_s": round(incremental.total.cpu_s, 4), "stages": stages(incremental)},
            "unchanged": {"round_trips": unchanged.total.round_trips, "cpu_s": round(unchanged.total.cpu_s, 4),
                          "stages": stages(unchanged)},
            "peak_rss_bytes": {"n": peak_n, "4n": peak_4n},
            "problems": (full.problems + incremental.problems + unchanged.problems)[:20],
        }
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "latest.json").write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
        return result
    finally:
        await bench.close()
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if temporary is not None:
            from vsme_pipeline.embedded_db import stop

            stop(Path(temporary.name))
            temporary.cleanup()


def table_rows(result: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(measure, value, goal, met) rows of the issue's table."""
    rows = []
    for key in RATIO_KEYS:
        value = result["ratios"].get(key)
        goal = GOALS[key]
        rows.append((key, "n/a" if value is None else f"{value:.3f}", f"<= {goal}",
                     "n/a" if value is None else ("yes" if value <= goal else "no")))
    return rows


def main(n: int = 2000, seed: int = 0, four_n: bool = True) -> dict[str, Any]:
    return asyncio.run(run_bench(n, seed=seed, four_n=four_n))

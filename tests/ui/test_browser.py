"""The Dagster UI in a real browser: launch one partition of ``report_validation`` and read its page.

Headless Chromium (Debian's ``chromium``, ``scripts/system-packages.txt``) is driven by Playwright
through its executable path: Playwright's own browser downloads are not reachable. The test
prepares migrated, seeded databases with a company sync, starts ``dagster-webserver`` on this
project's code location (``workspace.yaml``) on a free loopback port, and then only clicks: the
asset's "Materialize…" dialog, partition 2024 × shard 0-of-1, "Launch 1 run", the run page until it succeeds, and
the asset page, which must show the row count, the column schema and the findings table. The
run's wall time is recorded as information (``record_property``), never asserted.
"""

import os
import re
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import dagster as dg
import pytest
from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from assets.partitions import add_reporting_years
from tests.pipeline.conftest import YEARS, materialize_sync
from vsme_pipeline.settings import PROJECT_ROOT, Settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Runs start at once (no daemon in this test); telemetry off (no network).
DAGSTER_YAML = """telemetry:
  enabled: false
run_coordinator:
  module: dagster.core.run_coordinator
  class: DefaultRunCoordinator
"""
YEAR = "2024"
SHARD = "0-of-1"  # VSME_SHARDS unset: one shard, the whole year
TIMEOUT_MS = 300_000  # a bound for a loaded machine, not a measure


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path, timeout_s: float = 400) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"dagster-webserver exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"dagster-webserver did not answer in {timeout_s} s:\n{log.read_text()[-3000:]}")


@pytest.fixture
def dagster_home(seeded: Settings, tmp_path: Path) -> Path:
    """An instance with the sample data's reporting years and one company sync done."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text(DAGSTER_YAML, encoding="utf-8")
    with dg.DagsterInstance.from_config(str(home)) as instance:
        add_reporting_years(instance, YEARS)
        assert materialize_sync(instance).success
    return home


@pytest.fixture
def webserver(dagster_home: Path, tmp_path: Path) -> Iterator[str]:
    """``dagster-webserver`` on the test databases (the environment of ``database_names``)."""
    port = _free_port()
    log = tmp_path / "webserver.log"
    env = {**os.environ, "DAGSTER_HOME": str(dagster_home)}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(PROJECT_ROOT / ".venv" / "bin" / "dagster-webserver"), "-w", "workspace.yaml",
             "-h", "127.0.0.1", "-p", str(port)],
            cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_for(f"{url}/server_info", process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def _skip_community_modal(page: Page) -> None:
    """Dagster's "Join the Dagster community" modal of a new instance's first visit."""
    try:
        page.get_by_text("Join the Dagster community").wait_for(timeout=15_000)
    except PlaywrightTimeout:
        return
    page.get_by_role("button", name="Skip").click()
    page.get_by_text("Join the Dagster community").wait_for(state="hidden")


def _launch_partition(page: Page, url: str, year: str, shard: str) -> None:
    """One partition of the two dimensions: the year, then the company shard."""
    page.goto(f"{url}/assets/report_validation")
    _skip_community_modal(page)
    page.get_by_role("button", name="Materialize…").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("reporting_year", exact=True).wait_for()
    dialog.get_by_text("shard", exact=True).wait_for()
    for key in (year, shard):
        dialog.get_by_text("Select a partition or create one").first.click()
        page.get_by_placeholder("Filter partitions").fill(key)
        page.get_by_text(key, exact=True).filter(visible=True).last.click()
        dialog.get_by_text("Launch runs to materialize report_validation").click()  # closes the list
    dialog.get_by_text("1 partition", exact=True).wait_for()
    dialog.get_by_role("button", name="Launch 1 run").click()


def _open_latest_run(page: Page, url: str) -> None:
    page.get_by_text("Launch runs to materialize report_validation").wait_for(state="hidden", timeout=TIMEOUT_MS)
    page.goto(f"{url}/runs")
    _skip_community_modal(page)  # it can come back on a later page of a new instance
    page.locator("a[href^='/runs/']").filter(has_text=re.compile(r"^[0-9a-f]{8}$")).first.click()


def _wait_for_run(page: Page) -> str:
    status = page.get_by_text("Success", exact=True).or_(page.get_by_text("Failure", exact=True))
    status.first.wait_for(timeout=TIMEOUT_MS)
    return status.first.inner_text()


def test_one_partition_launched_in_the_ui_succeeds_and_its_asset_page_shows_the_metadata(
        webserver: str, tmp_path: Path, record_property: Callable[[str, object], None]) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
            headless=True, viewport={"width": 1400, "height": 900})
        page = browser.new_page()
        page.set_default_timeout(30_000)
        try:
            started = time.monotonic()
            _launch_partition(page, webserver, YEAR, SHARD)
            _open_latest_run(page, webserver)
            page.get_by_text(f"{YEAR}|{SHARD}").first.wait_for()  # the run of the partition launched
            assert _wait_for_run(page) == "Success"
            wall_time = time.monotonic() - started
            record_property("ui_run_wall_time_s", round(wall_time, 1))
            print(f"UI launch of report_validation[{YEAR}] to success: {wall_time:.1f} s")

            page.goto(f"{webserver}/assets/report_validation")
            page.get_by_text("Latest materialization").wait_for()
            body = page.locator("body")
            # the column schema (dagster/column_schema of the output document)
            page.get_by_text("reportingYear", exact=True).first.wait_for()
            page.get_by_text("ruleSetVersion", exact=True).first.wait_for()
            # the row count (dagster/row_count) and the findings table (top_findings, markdown)
            page.get_by_text("top_findings", exact=True).first.wait_for(timeout=TIMEOUT_MS)
            text = body.inner_text()
            assert re.search(r"dagster/row_count|Row count", text), text
            findings = page.locator("table").filter(has_text="severity").filter(has_text="disclosure")
            assert findings.count() >= 1, text
        except Exception:
            page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
            print(f"screenshot: {tmp_path / 'failure.png'}")
            raise
        finally:
            browser.close()

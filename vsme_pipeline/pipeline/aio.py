"""Running a coroutine from synchronous Dagster code (sensors, schedules), never from assets."""

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any


def run_coroutine[T](coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` to completion in a fresh event loop.

    Sensor functions are synchronous in Dagster; when the calling thread already runs a loop (a
    notebook, an async test) the coroutine runs in a worker thread with its own loop instead.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()

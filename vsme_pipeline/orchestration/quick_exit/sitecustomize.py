"""Put on ``PYTHONPATH`` of the Dagster processes ``vsme ui`` starts (:func:`vsme_pipeline.orchestration.ui.dev_environment`):
skip the final garbage collection of each interpreter at exit.

Measured (2 cores under load): after their orderly shutdown, the six Python processes of ``vsme ui``
(``dg dev``, webserver, daemon, code proxy and code server, the supervisor) each spent 0.7–2.5 s in
the cyclic garbage collection that ends an interpreter, over Dagster's object graph; ``dg dev``
waits for its children one after the other, so a Ctrl-C took 6–9 s, up to 16 s. Freezing the
collector in the last ``atexit`` handler (registered first, so it runs after every other one,
logging's flush included) leaves every orderly step in place (signals, shutdown messages, thread
joins, ``atexit`` handlers, buffered streams, refcount-driven teardown); only objects in reference
cycles are left to the operating system, as CPython already may at exit. The same stop took 0.5–1 s.

The ``sitecustomize`` module this one shadows, if there is one further on ``sys.path`` (a
distribution's), is still run.
"""

import atexit
import gc
import importlib.machinery
import importlib.util
import sys
from pathlib import Path

atexit.register(gc.freeze)


def _run_shadowed() -> None:
    here = Path(__file__).resolve().parent
    rest = [entry for entry in sys.path if Path(entry or ".").resolve() != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", rest)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)


_run_shadowed()

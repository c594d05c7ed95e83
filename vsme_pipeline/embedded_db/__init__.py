"""The embedded MongoDB wire-protocol server (mongoeco on SQLite) for development and tests.

One server per data directory, shared by every process of the project (CLI, Dagster webserver,
daemon and run workers, tests): the first process that needs it starts it on a free loopback port
and records the port in a state file; the others read the state file and connect.
"""

from vsme_pipeline.embedded_db.control import (
    EmbeddedDatabaseError,
    ServerState,
    ensure_running,
    read_state,
    start,
    status,
    stop,
)

__all__ = [
    "EmbeddedDatabaseError",
    "ServerState",
    "ensure_running",
    "read_state",
    "start",
    "status",
    "stop",
]

"""Start, stop and inspect the embedded database server shared by every process of the project.

The server runs as its own process (``vsme_pipeline.embedded_db.server``), detached from whoever
started it, and writes ``server.json`` in the data directory once it accepts connections. Starting
is serialised with a file lock so that two processes starting at once end up with one server.
"""

import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

STATE_FILE = "server.json"
DATA_FILE = "vsme.sqlite"
LOG_FILE = "server.log"
LOCK_FILE = "start.lock"


class EmbeddedDatabaseError(RuntimeError):
    """The embedded database could not be started, reached or stopped."""


@dataclass(frozen=True)
class ServerState:
    pid: int
    host: str
    port: int
    uri: str
    data_file: str
    started_at: str

    @property
    def alive(self) -> bool:
        return process_alive(self.pid) and _port_open(self.host, self.port)


def process_alive(pid: int) -> bool:
    """True while process ``pid`` exists (reaped first when it is this process's exited child)."""
    try:  # reap it first if this process started it (an exited child stays a zombie until reaped)
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def read_state(data_dir: Path) -> ServerState | None:
    """The recorded server of ``data_dir`` if it is running, else ``None`` (stale files removed)."""
    state_file = data_dir / STATE_FILE
    try:
        state = ServerState(**json.loads(state_file.read_text()))
    except (FileNotFoundError, json.JSONDecodeError, TypeError):
        return None
    if state.alive:
        return state
    if not process_alive(state.pid):
        state_file.unlink(missing_ok=True)
    return None


@contextmanager
def _start_lock(data_dir: Path) -> Iterator[None]:
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / LOCK_FILE, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def start(data_dir: Path, *, timeout: float = 30.0) -> tuple[ServerState, bool]:
    """Start the server for ``data_dir`` unless it runs already.

    Returns the state and whether this call started it.
    """
    data_dir = data_dir.resolve()
    with _start_lock(data_dir):
        state = read_state(data_dir)
        if state is not None:
            return state, False
        (data_dir / STATE_FILE).unlink(missing_ok=True)
        log = open(data_dir / LOG_FILE, "ab")
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "vsme_pipeline.embedded_db.server",
                "--data-file",
                str(data_dir / DATA_FILE),
                "--state-file",
                str(data_dir / STATE_FILE),
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,  # outlives the command that started it
            cwd=data_dir,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = read_state(data_dir)
            if state is not None:
                return state, True
            if process.poll() is not None:
                tail = (data_dir / LOG_FILE).read_text(errors="replace")[-2000:]
                raise EmbeddedDatabaseError(
                    f"embedded database exited with code {process.returncode}; log {data_dir / LOG_FILE}:\n{tail}"
                )
            time.sleep(0.1)
        process.terminate()
        raise EmbeddedDatabaseError(f"embedded database did not start within {timeout:.0f}s (log: {data_dir / LOG_FILE})")


def ensure_running(data_dir: Path) -> ServerState:
    """The running server of ``data_dir``, started on demand."""
    state = read_state(data_dir)
    return state if state is not None else start(data_dir)[0]


def stop(data_dir: Path, *, timeout: float = 20.0) -> bool:
    """Stop the server of ``data_dir``; returns False when none was running."""
    data_dir = data_dir.resolve()
    with _start_lock(data_dir):
        state = read_state(data_dir)
        if state is None:
            return False
        os.kill(state.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not process_alive(state.pid):
                break
            time.sleep(0.1)
        else:
            os.kill(state.pid, signal.SIGKILL)
        (data_dir / STATE_FILE).unlink(missing_ok=True)
        return True


def status(data_dir: Path) -> ServerState | None:
    """Alias of :func:`read_state` for the CLI."""
    return read_state(data_dir.resolve())

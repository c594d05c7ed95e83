"""Launcher of the embedded MongoDB wire server: ``python -m vsme_pipeline.embedded_db.server``.

mongoeco has no server command of its own; this wraps ``AsyncMongoEcoProxyServer`` around an
``SQLiteEngine``, binds a free loopback port, writes the state file once it is ready to accept
connections, and closes cleanly on SIGTERM or SIGINT (removing the state file).
"""

import argparse
import asyncio
import json
import os
import signal
from datetime import UTC, datetime
from pathlib import Path

from vsme_pipeline.embedded_db.engine import SeasonSQLiteEngine, check_mongoeco_version
from vsme_pipeline.embedded_db.wire import SeasonProxyServer


def write_state_atomically(state_file: Path, state: dict[str, object]) -> None:
    tmp = state_file.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=2))
    os.replace(tmp, state_file)


async def serve(data_file: Path, state_file: Path, host: str, port: int) -> None:
    check_mongoeco_version()
    data_file.parent.mkdir(parents=True, exist_ok=True)
    engine = SeasonSQLiteEngine(str(data_file))
    server = SeasonProxyServer(engine=engine, host=host, port=port)
    address = await server.start()
    stop_event = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop_event.set)
    write_state_atomically(
        state_file,
        {
            "pid": os.getpid(),
            "host": address.host,
            "port": address.port,
            "uri": address.uri,
            "data_file": str(data_file),
            "started_at": datetime.now(UTC).isoformat(),
        },
    )
    try:
        await stop_event.wait()
    finally:
        try:
            state_file.unlink(missing_ok=True)
        finally:
            try:  # leave no write-ahead log behind for the next start to replay
                engine.checkpoint()
            except Exception as exc:  # a busy database keeps its log; SQLite replays it on open
                print(f"embedded database: checkpoint at shutdown skipped: {exc}", flush=True)
            await server.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Embedded MongoDB wire server (mongoeco, SQLite storage)")
    parser.add_argument("--data-file", type=Path, required=True)
    parser.add_argument("--state-file", type=Path, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    args = parser.parse_args(argv)
    asyncio.run(serve(args.data_file, args.state_file, args.host, args.port))


if __name__ == "__main__":
    main()

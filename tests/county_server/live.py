"""The county server run for real: uvicorn on 127.0.0.1, a random free port, in a thread."""

from __future__ import annotations

import socket
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import uvicorn
from reference import REFERENCE_DAY
from sqlalchemy import Engine

from county.app import create_app
from county.db import open_county_db
from county.seed import seed_demo
from demo.village import generate_village

__all__ = ["LiveServer"]


class LiveServer:
    """uvicorn serving :func:`county.app.create_app` on ``engine``; use as a context manager."""

    def __init__(self, engine: Engine, *, lifespan: Literal["on", "off"] = "off",
                 **app_options: Any) -> None:
        """``app_options`` go to :func:`county.app.create_app` (e.g. ``complaint_limits``);
        ``lifespan="on"`` runs the app's start-up and shutdown (poll cache, batches)."""
        self.engine = engine
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self.port = int(self._sock.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(engine, **app_options), log_level="warning",
                                lifespan=lifespan, access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run,
                                        kwargs={"sockets": [self._sock]}, daemon=True)

    def __enter__(self) -> LiveServer:
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=20)
        self._sock.close()


def seeded_sqlite_county(path: Path) -> Path:
    """A county database at ``path`` with the demo county, checkpointed for copying.

    Test areas build one per session and copy it per test.
    """
    engine = open_county_db(f"sqlite:///{path}")
    seed_demo(engine, now=datetime.now(UTC), village=generate_village(today=REFERENCE_DAY))
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path

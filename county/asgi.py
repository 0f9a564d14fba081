"""ASGI entry point for several server processes (`county serve --workers N`).

uvicorn starts each worker from an import string, so the database URL and
the body limit travel in the environment set by `county serve`.
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from county.app import create_app
from county.db import APP_THREADS, default_url, open_county_db
from county.replica import open_replica
from sync.protocol import MAX_BODY_BYTES

__all__ = ["app_from_env"]


def app_from_env() -> FastAPI:
    """The API on ``$VILLAGE_COUNTY_DB`` (migrated already by the parent process), reading
    on ``$VILLAGE_COUNTY_DB_REPLICA`` if set."""
    engine = open_county_db(default_url(), migrate=False, app_threads=APP_THREADS)
    replica_url = os.environ.get("VILLAGE_COUNTY_DB_REPLICA")
    replica = open_replica(replica_url, app_threads=APP_THREADS) if replica_url else None
    limit = int(os.environ.get("VILLAGE_COUNTY_MAX_BODY", MAX_BODY_BYTES))
    flush = float(os.environ.get("VILLAGE_COUNTY_HEARTBEAT_FLUSH", "2.0"))
    return create_app(engine, max_body_bytes=limit, heartbeat_every_s=flush, replica=replica)

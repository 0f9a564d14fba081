"""ASGI entry point for several server processes (`county serve --workers N`).

uvicorn starts each worker from an import string, so the database URL and
the body limit travel in the environment set by `county serve`.
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from county.app import create_app
from county.db import default_url, open_county_db
from sync.protocol import MAX_BODY_BYTES

__all__ = ["app_from_env"]


def app_from_env() -> FastAPI:
    """The API on ``$VILLAGE_COUNTY_DB`` (migrated already by the parent process)."""
    engine = open_county_db(default_url(), migrate=False)
    limit = int(os.environ.get("VILLAGE_COUNTY_MAX_BODY", MAX_BODY_BYTES))
    flush = float(os.environ.get("VILLAGE_COUNTY_HEARTBEAT_FLUSH", "2.0"))
    return create_app(engine, max_body_bytes=limit, heartbeat_every_s=flush)

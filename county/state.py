"""County-wide values kept in the database: the lookup key, names, the current release.

The lookup key is created on first use (32 random bytes) unless the demo
seeding set the demo key. It is what makes ``id_hash`` useless to anyone who
copies a terminal's database without it; treat a database backup as secret.
"""

from __future__ import annotations

import base64
import secrets

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from county.models import CountyState

__all__ = ["get_state", "lookup_key", "set_lookup_key", "set_state"]

LOOKUP_KEY = "lookup_key"


def get_state(conn: Connection, key: str, default: str = "") -> str:
    """The value stored under ``key``, or ``default``."""
    value = conn.execute(select(CountyState.value).where(CountyState.key == key)).scalar()
    return default if value is None else str(value)


def set_state(conn: Connection, key: str, value: str) -> None:
    """Store ``value`` under ``key`` (insert or replace) in the caller's transaction."""
    row = conn.execute(select(CountyState.key).where(CountyState.key == key)).first()
    if row is None:
        conn.execute(insert(CountyState).values(key=key, value=value))
    else:
        conn.execute(update(CountyState).where(CountyState.key == key)
                     .values(value=value))


def lookup_key(conn: Connection) -> bytes:
    """The county lookup key, created (32 random bytes) on first call.

    Two processes creating it at once: the loser's insert fails and it reads
    the winner's key instead.
    """
    stored = get_state(conn, LOOKUP_KEY)
    if stored:
        return base64.b64decode(stored)
    key = secrets.token_bytes(32)
    try:
        with conn.begin_nested():
            conn.execute(insert(CountyState).values(
                key=LOOKUP_KEY, value=base64.b64encode(key).decode("ascii")))
    except IntegrityError:
        return base64.b64decode(get_state(conn, LOOKUP_KEY))
    return key


def set_lookup_key(conn: Connection, key: bytes) -> None:
    """Set the county lookup key (demo seeding only: changing it orphans every id_hash)."""
    if len(key) < 16:
        raise ValueError("lookup key shorter than 16 bytes")
    set_state(conn, LOOKUP_KEY, base64.b64encode(key).decode("ascii"))

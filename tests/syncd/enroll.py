"""A test terminal enrolled at the county in this process, without a `kiosk enroll` process."""

from __future__ import annotations

from sqlalchemy import Engine

from kiosk.config import load_config
from kiosk.store import open_store
from sync.enroll import enroll_terminal
from syncd.conftest import Terminal, enrollment_code

__all__ = ["enroll"]


def enroll(terminal: Terminal, engine: Engine, url: str) -> str:
    """Enroll ``terminal`` at the county server at ``url`` (database ``engine``) in-process;
    its terminal id. The CLI itself is tested once, in test_syncd.py: process starts are
    slow."""
    store = open_store(terminal.db)
    try:
        return enroll_terminal(load_config(terminal.config), store, enrollment_code(engine),
                               url).terminal_id
    finally:
        store.dispose()

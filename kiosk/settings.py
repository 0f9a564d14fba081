"""Settings the county pushed, applied over the terminal's config file.

The sync daemon stores pushed settings in the ``setting`` table as it gets
them (key, text value, version); unsetting one at the county deletes its row.
This module reads that table, checks each value against the shared table of
pushable settings (kiosk/pushable.py) and lays the good ones over the
config. A key this version does not know, or a value out of range, is
logged and ignored: the config file's value stays in force.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from sqlalchemy import Engine, select

from kiosk.config import Config
from kiosk.pushable import usable_values
from kiosk.store.models import Setting

__all__ = ["apply_pushed", "pushed_values"]

def pushed_values(engine: Engine) -> dict[str, int]:
    """Config key → pushed value of every usable pushed setting (one small query).

    Runs on the caller's thread; raises SQLAlchemy errors if the store
    cannot be read.
    """
    with engine.connect() as conn:
        rows = conn.execute(select(Setting.key, Setting.value).order_by(Setting.key)).all()
    return usable_values(rows)


def apply_pushed(config: Config, values: Mapping[str, int]) -> Config:
    """``config`` with the pushed ``values`` (config key → value) in place of its own."""
    for key, value in values.items():
        section, name = key.split(".")
        config = replace(config, **{section: replace(getattr(config, section), **{name: value})})
    return config
